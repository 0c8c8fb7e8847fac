import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import DevServer

/// The site as `chatsite serve` serves it: the build pipeline in memory, headers, live reload.
@Suite("Site serving")
struct SiteServingTests {
    @Test func theBundledAppIsServedBuiltWithTheDeployedHeaders() async throws {
        try await TestServer().server.application().test(.router) { client in
            let (index, headers) = try await client.execute(uri: "/", method: .get) { response in
                (String(buffer: response.body), response.headers)
            }
            #expect(headers[.contentSecurityPolicy]?.hasPrefix("default-src 'self'; script-src 'self';") == true)
            #expect(headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
            #expect(headers[HTTPField.Name("Strict-Transport-Security")!] == nil)
            #expect(index.contains("<script src=\"/_chatsite/live.js\" type=\"module\"></script>"))
            let module = try #require(index.firstMatch(of: /src="\/(app\.[0-9a-f]{8}\.js)"/)?.1)
            let (status, cache) = try await client.execute(uri: "/\(module)", method: .get) {
                ($0.status, $0.headers[.cacheControl])
            }
            #expect(status == .ok && cache == "public, max-age=31536000, immutable")
            for path in ["/help.html", "/about.html", "/reference.html", "/config.json", "/_chatsite/live.js"] {
                #expect(try await client.execute(uri: path, method: .get) { $0.status } == .ok, "\(path)")
            }
            let help = try await client.execute(uri: "/help.html", method: .get) { String(buffer: $0.body) }
            #expect(!help.contains("---\ntitle"))
            #expect(try await client.execute(uri: "/help.md", method: .get) { $0.status } == .notFound)
        }
    }

    @Test func aChangedFileIsRebuiltAndOpenPagesAreTold() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("live-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let index = folder.appendingPathComponent("index.html")
        try Data("<html><head><title>t</title></head><body><p>first</p></body></html>".utf8).write(to: index)
        try await TestServer(site: folder.path).server.application().test(.live) { client in
            struct Version: Decodable { var version: Int }
            let first = try await client.execute(uri: "/_chatsite/changes?since=0", method: .get) {
                try JSONDecoder().decode(Version.self, from: Data(buffer: $0.body)).version
            }
            async let next = client.execute(uri: "/_chatsite/changes?since=\(first)", method: .get) {
                try JSONDecoder().decode(Version.self, from: Data(buffer: $0.body)).version
            }
            try await Task.sleep(for: .milliseconds(300))
            try Data("<html><head><title>t</title></head><body><p>second</p></body></html>".utf8).write(to: index)
            #expect(try await next > first)
            let page = try await client.execute(uri: "/", method: .get) { String(buffer: $0.body) }
            #expect(page.contains("<p>second</p>"))
        }
    }
}
