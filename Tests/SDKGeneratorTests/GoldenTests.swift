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
