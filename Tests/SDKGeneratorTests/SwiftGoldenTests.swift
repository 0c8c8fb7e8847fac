import APISpec
import Foundation
import SDKGenerator
import Testing

/// The chat spec's Swift client against reviewed files: `golden/chat-swift` holds its
/// `Package.swift` and README, and `Sources/ChatClient` (a target of this package, compiled and
/// tested by ChatClientTests) its sources.
///
/// After an intended change, record with `CHATSITE_RECORD=1 swift test --filter SwiftGoldenTests`:
/// the run rewrites both and fails once, so the diff gets reviewed.
@Suite("Swift client golden files")
struct SwiftGoldenTests {
    static let chatClient = GoldenTests.packageRoot.appendingPathComponent("Sources/ChatClient")
    static let golden = GoldenTests.root.appendingPathComponent("golden/chat-swift")
    static let recording = ProcessInfo.processInfo.environment["CHATSITE_RECORD"] == "1"
    static let refresh =
        "run `CHATSITE_RECORD=1 swift test --filter SwiftGoldenTests` (or `chatsite sdk --lang swift --module-name ChatClient --out DIR` and copy DIR/Sources/ChatClient)"

    static func chatClientFiles() throws -> [GeneratedFile] {
        let spec = SpecLoader().load(
            path: GoldenTests.packageRoot.appendingPathComponent("OpenAPI/chat-api.yaml").path, decode: false)
        let (model, problems) = ModelTranslator().translate(spec)
        #expect(problems.isEmpty)
        return SwiftGenerator(options: SwiftOptions(moduleName: "ChatClient")).generate(try #require(model))
    }

    @Test func theCommittedChatClientIsUpToDate() throws {
        let files = try Self.chatClientFiles().filter { $0.path.hasPrefix("Sources/ChatClient/") }
        let names = Set(files.map { String($0.path.dropFirst("Sources/ChatClient/".count)) })
        let committed = Set(try FileManager.default.contentsOfDirectory(atPath: Self.chatClient.path))
        for file in files {
            let name = String(file.path.dropFirst("Sources/ChatClient/".count))
            let url = Self.chatClient.appendingPathComponent(name)
            if Self.recording {
                try Data(file.contents.utf8).write(to: url)
                continue
            }
            let current = try? String(contentsOf: url, encoding: .utf8)
            #expect(current == file.contents, "Sources/ChatClient/\(name) is stale: \(Self.refresh)")
        }
        for extra in committed.subtracting(names).sorted() {
            if Self.recording {
                try FileManager.default.removeItem(at: Self.chatClient.appendingPathComponent(extra))
            } else {
                Issue.record("Sources/ChatClient/\(extra) is no longer generated: \(Self.refresh)")
            }
        }
        if Self.recording { Issue.record("recorded \(Self.chatClient.path); review the diff, then run again") }
    }

    @Test func thePackageFilesMatchTheGoldenFiles() throws {
        let files = try Self.chatClientFiles()
        for name in ["Package.swift", "README.md"] {
            let file = try #require(files.first { $0.path == name })
            let url = Self.golden.appendingPathComponent(name)
            if Self.recording {
                try FileManager.default.createDirectory(at: Self.golden, withIntermediateDirectories: true)
                try Data(file.contents.utf8).write(to: url)
                Issue.record("recorded \(url.path); review the diff, then run again without CHATSITE_RECORD")
                continue
            }
            let golden = try String(contentsOf: url, encoding: .utf8)
            #expect(file.contents == golden, "\(name) differs from \(url.path); if intended, record again")
        }
    }

    @Test func outputIsDeterministic() throws {
        #expect(try Self.chatClientFiles() == Self.chatClientFiles())
    }

    @Test func theRuntimeShipsAsWritten() throws {
        let files = try Self.chatClientFiles()
        for (source, emitted) in [
            ("Coding", "Runtime+Coding"), ("Client", "Runtime+Client"), ("Request", "Runtime+Request"),
            ("Realtime", "Runtime+Realtime"),
        ] {
            let text = try String(
                contentsOf: GoldenTests.packageRoot.appendingPathComponent(
                    "Sources/SDKGenerator/Runtime/Swift/\(source).swift.txt"),
                encoding: .utf8)
            #expect(files.first { $0.path == "Sources/ChatClient/\(emitted).swift" }?.contents == text)
        }
    }
}
