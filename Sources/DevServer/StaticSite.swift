import Foundation
import HTTPTypes
import Hummingbird

/// Serves the site's files for GET and HEAD requests that match one, and passes the rest on.
/// Paths are resolved, symlinks included, and must stay inside the root: `..`, encoded
/// variants and links that point outside are refused.
struct StaticSite<Context: RequestContext>: RouterMiddleware {
    let root: String
    /// Path prefixes the server's own routes own (the API, sign-in, …): never looked up on disk.
    let excluded: [String]

    init(root: String, excluding excluded: [String] = []) {
        self.root = URL(fileURLWithPath: root).standardizedFileURL.resolvingSymlinksInPath().path
        self.excluded = excluded
    }

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws
        -> Response
    {
        let path = request.uri.path
        guard request.method == .get || request.method == .head, !excluded.contains(where: { path.hasPrefix($0) }),
            let file = resolve(path)
        else {
            return try await next(request, context)
        }
        let data = try Data(contentsOf: URL(fileURLWithPath: file))
        var headers: HTTPFields = [.contentType: Self.mediaType(of: file), .cacheControl: "no-cache"]
        headers[.contentLength] = String(data.count)
        return Response(
            status: .ok, headers: headers,
            body: request.method == .head ? .init() : .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The file for a request path, or nil when there is none inside the root.
    func resolve(_ requestPath: String) -> String? {
        guard let decoded = requestPath.removingPercentEncoding, !decoded.contains("\0") else { return nil }
        let parts = decoded.split(separator: "/")
        if parts.contains(where: { $0 == ".." || $0.hasPrefix(".") }) { return nil }
        var url = URL(fileURLWithPath: root).appendingPathComponent(parts.joined(separator: "/"))
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return nil }
        if isDirectory.boolValue { url.appendPathComponent("index.html") }
        let real = url.resolvingSymlinksInPath().path
        guard real.hasPrefix(root + "/"), FileManager.default.isReadableFile(atPath: real) else { return nil }
        return real
    }

    static func mediaType(of file: String) -> String {
        switch (file as NSString).pathExtension.lowercased() {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js", "mjs": "text/javascript; charset=utf-8"
        case "json": "application/json"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "ico": "image/x-icon"
        case "woff2": "font/woff2"
        case "md": "text/markdown; charset=utf-8"
        default: "application/octet-stream"
        }
    }
}
