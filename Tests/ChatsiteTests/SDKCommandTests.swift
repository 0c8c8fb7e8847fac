import Foundation
import Testing

/// `chatsite sdk` as a process: what it writes, and what bad input gets.
@Suite("chatsite sdk")
struct SDKCommandTests {
    let cli = CommandLineTests()

    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("chatsite-sdk-\(UUID())")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func writesTheSDKAndLeavesOtherFilesAlone() throws {
        let out = try folder()
        let mine = out.appendingPathComponent("notes.txt")
        try Data("keep me".utf8).write(to: mine)
        let outcome = try cli.run("sdk", "--lang", "js", "--out", out.path, "--package-name", "@chat/sdk")
        #expect(outcome.status == 0, "\(outcome.errors)")
        #expect(outcome.output.contains("16 operations, 39 types, 6 files."))
        let written = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(
            written == [
                "README.md", "index.d.ts", "index.js", "notes.txt", "package.json", "runtime.d.ts", "runtime.js",
            ])
        #expect(try String(contentsOf: mine, encoding: .utf8) == "keep me")
        let package = try String(contentsOf: out.appendingPathComponent("package.json"), encoding: .utf8)
        #expect(package.contains(#""name": "@chat/sdk","#))
    }

    @Test func aSpecWithErrorsWritesNothing() throws {
        let out = try folder()
        let spec = out.appendingPathComponent("bad.yaml")
        try Data("openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\nx-extra: {$ref: '#/nope'}\n".utf8).write(
            to: spec)
        let target = out.appendingPathComponent("sdk")
        let outcome = try cli.run("sdk", "--lang", "js", "--spec", spec.path, "--out", target.path)
        #expect(outcome.status == 1)
        #expect(outcome.errors.contains("\(spec.path):4:17: error: '$ref' target '#/nope' does not exist"))
        #expect(outcome.errors.hasSuffix("chatsite sdk: \(spec.path) has errors; nothing was written\n"))
        #expect(!FileManager.default.fileExists(atPath: target.path))
    }

    @Test func partsOfTheWrongKindAreLocatedErrors() throws {
        let out = try folder()
        let spec = out.appendingPathComponent("shape.yaml")
        try Data(
            """
            openapi: 3.0.3
            info: {title: t, version: '1'}
            paths:
              /a:
                get:
                  parameters: {name: x}
                  responses: {'200': {description: ok}}
              /b: 5

            """.utf8
        ).write(to: spec)
        let outcome = try cli.run(
            "sdk", "--lang", "js", "--spec", spec.path, "--out", out.appendingPathComponent("sdk").path)
        #expect(outcome.status == 1)
        #expect(outcome.errors.contains("\(spec.path):6:19: error: parameters must be an array, not an object\n"))
        #expect(outcome.errors.contains("\(spec.path):8:7: error: path item /b must be an object, not a number\n"))
    }

    @Test func allWritesTheJavaScriptAndTheSwiftSDK() throws {
        let out = try folder()
        let outcome = try cli.run("sdk", "--lang", "all", "--out", out.path, "--module-name", "ChatClient")
        #expect(outcome.status == 0, "\(outcome.errors)")
        let files = FileManager.default
        #expect(files.fileExists(atPath: out.appendingPathComponent("js/index.js").path))
        #expect(files.fileExists(atPath: out.appendingPathComponent("swift/Package.swift").path))
        #expect(files.fileExists(atPath: out.appendingPathComponent("swift/Sources/ChatClient/Operations.swift").path))
    }

    @Test func usageErrorsSayWhatToDo() throws {
        let out = try folder()
        let swift = try cli.run("sdk", "--lang", "swift", "--out", out.path, "--module-name", "9Chat")
        #expect(swift.status == 2)
        #expect(
            swift.errors.contains(
                "--module-name '9Chat' is not a valid Swift module name: use letters, digits and '_', not starting with a digit"
            ))
        let name = try cli.run("sdk", "--lang", "js", "--out", out.path, "--package-name", "Bad Name")
        #expect(name.status == 2)
        #expect(name.errors.contains("--package-name 'Bad Name' is not a valid npm name"))
        #expect(try cli.run("sdk", "--lang", "js").status == 2)
    }
}
