import APISpec
import Foundation
import SiteBuilder

/// A site folder in a temporary directory, made from a path → text table.
struct SiteFixture {
    let root: URL

    init(_ files: [String: String]) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("site-\(UUID().uuidString)")
        for (path, text) in files { try write(path, text) }
    }

    func write(_ path: String, _ text: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func builder(
        config: SiteBuilder.ConfigDelivery = .served, headers: SecurityHeaders? = nil
    ) throws -> SiteBuilder {
        let security = try headers ?? SecurityHeaders(connectSources: ["https://api.example.com"])
        var settings = SiteBuilder.Settings(site: root.path, config: config, headers: security)
        settings.sdkFolder = nil
        return SiteBuilder(settings: settings)
    }

    /// The site's name in diagnostics.
    var name: String { root.path }
}

extension SiteBuilder.Output {
    func file(_ path: String) -> OutputFile? { files.first { $0.path == path } }
    func text(_ path: String) -> String? { file(path).map { String(decoding: $0.data, as: UTF8.self) } }
    /// The output file whose path matches `prefix` + 8 hex digits + `suffix`.
    func hashed(_ prefix: String, _ suffix: String) -> OutputFile? {
        files.first {
            $0.path.hasPrefix(prefix) && $0.path.hasSuffix(suffix) && $0.path.count == prefix.count + 8 + suffix.count
        }
    }
    var errors: [String] { diagnostics.filter { $0.severity == .error }.map(\.description) }
}
