import APISpec
import Foundation
import SDKGenerator
import Testing

/// The chat spec's whole SDK against reviewed golden files.
///
/// After an intended change, record with `CHATSITE_RECORD=1 swift test --filter GoldenTests`:
/// the run rewrites `Tests/SDKGeneratorTests/golden/` and fails once, so the diff gets reviewed.
@Suite("JS SDK golden files")
struct GoldenTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let packageRoot = root.deletingLastPathComponent().deletingLastPathComponent()
    static let goldenFiles = ["index.js", "index.d.ts", "package.json", "README.md"]

    static func chatSDK() throws -> [GeneratedFile] {
        let spec = SpecLoader().load(
            path: packageRoot.appendingPathComponent("OpenAPI/chat-api.yaml").path, decode: false)
        let (model, problems) = ModelTranslator().translate(spec)
        #expect(problems.isEmpty)
        return JSGenerator().generate(try #require(model))
    }

    @Test func theChatSDKMatchesTheGoldenFiles() throws {
        let files = try Self.chatSDK()
        let folder = Self.root.appendingPathComponent("golden/chat-js")
        let recording = ProcessInfo.processInfo.environment["CHATSITE_RECORD"] == "1"
        for name in Self.goldenFiles {
            let file = try #require(files.first { $0.path == name })
            let url = folder.appendingPathComponent(name)
            if recording {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                try Data(file.contents.utf8).write(to: url)
                Issue.record("recorded \(url.path); review the diff, then run again without CHATSITE_RECORD")
                continue
            }
            let golden = try String(contentsOf: url, encoding: .utf8)
            #expect(file.contents == golden, "\(name) differs from \(url.path); if intended, record again")
        }
    }

    @Test func outputIsDeterministic() throws {
        #expect(try Self.chatSDK() == Self.chatSDK())
    }

    @Test func theRuntimeShipsAsWritten() throws {
        let files = try Self.chatSDK()
        for name in ["runtime.js", "runtime.d.ts"] {
            let source = try String(
                contentsOf: Self.packageRoot.appendingPathComponent("Sources/SDKGenerator/Runtime/\(name)"),
                encoding: .utf8)
            #expect(files.first { $0.path == name }?.contents == source)
        }
    }
}

/// Chatify's API Gateway export gets the console SDK's method names, so its frontend's calls
/// (`conversationsGet`, `conversationsIdGet({id})`, `conversationsIdPost({id}, text, …)`) resolve.
@Suite("API Gateway facade on Chatify's export")
struct ChatifyFacadeTests {
    @Test func theConsoleSDKNamesExist() throws {
        let shared =
            ProcessInfo.processInfo.environment["CHATSITE_SHARED"]
            ?? GoldenTests.packageRoot.deletingLastPathComponent().appendingPathComponent("shared").path
        let path = shared + "/fixtures/seeds/chatify/Chat-API-prod-swagger.yaml"
        try #require(FileManager.default.fileExists(atPath: path), "missing \(path); set CHATSITE_SHARED")
        let (model, problems) = ModelTranslator().translate(SpecLoader().load(path: path, decode: false))
        #expect(problems.isEmpty)
        let files = JSGenerator(options: JSOptions(apiGatewayFacade: true)).generate(try #require(model))
        let facade = try #require(files.first { $0.path == "apigClient.d.ts" }?.contents)
        #expect(facade.contains("  conversationsGet(params?: Record<string, never>, body?: undefined"))
        #expect(facade.contains("  conversationsIdGet(params: { id: string }, body?: undefined"))
        #expect(facade.contains("  conversationsIdPost(params: { id: string }, body?: NewMessage"))
    }
}
