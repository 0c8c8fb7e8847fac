import Foundation
import HTTPTypes
import Hummingbird
import SiteBuilder

/// Serves the built site for GET and HEAD requests that match one of its files, with the
/// headers the deployed site gets from S3 and CloudFront (content type, cache control, the
/// security headers), and passes every other request on.
struct SiteFiles<Context: RequestContext>: RouterMiddleware {
    let host: SiteHost
    /// Path prefixes the server's own routes own (the API, sign-in, …): never looked up.
    let excluded: [String]
    let headers: [(name: HTTPField.Name, value: String)]

    init(host: SiteHost, excluding excluded: [String], security: SecurityHeaders) {
        self.host = host
        self.excluded = excluded
        self.headers = security.fields(overHTTPS: false).compactMap { field in
            HTTPField.Name(field.name).map { (name: $0, value: field.value) }
        }
    }

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let path = request.uri.path
        guard request.method == .get || request.method == .head, !excluded.contains(where: { path.hasPrefix($0) }),
            let file = await host.file(at: path)
        else {
            return try await next(request, context)
        }
        var fields: HTTPFields = [
            .contentType: ContentTypes.type(forPath: file.path),
            // Unhashed files are revalidated every time in development (deployed, non-HTML ones may
            // be cached for five minutes).
            .cacheControl: file.isHashed ? OutputFile.immutableCacheControl : "no-cache",
            .contentLength: String(file.data.count),
        ]
        for header in headers { fields[header.name] = header.value }
        return Response(
            status: .ok, headers: fields,
            body: request.method == .head ? .init() : .init(byteBuffer: ByteBuffer(bytes: file.data)))
    }
}
