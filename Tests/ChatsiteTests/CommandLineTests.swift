import Foundation
import Testing

/// Drives the built `chatsite` binary: exit codes, help and the check summary.
@Suite("chatsite command line")
struct CommandLineTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    struct Outcome {
        var status: Int32
        var output: String
        var errors: String
    }

    func run(_ arguments: String...) throws -> Outcome {
        let binary = try #require(
            [".build/debug/chatsite", ".build/release/chatsite"].map { Self.packageRoot.appendingPathComponent($0) }
                .first { FileManager.default.isExecutableFile(atPath: $0.path) },
            "build the chatsite product first (swift build)")
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = Self.packageRoot
        let (output, errors) = (Pipe(), Pipe())
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus, output: String(decoding: outData, as: UTF8.self),
            errors: String(decoding: errData, as: UTF8.self))
    }

    @Test func checksTheBundledSpecByDefault() throws {
        let outcome = try run("check")
        #expect(outcome.status == 0, "\(outcome.errors)")
        #expect(outcome.output.hasPrefix("OpenAPI/chat-api.yaml: OpenAPI 3.1.0\n"))
        #expect(outcome.output.contains("  security    cognitoIdToken\n"))
        #expect(outcome.output.contains("  realtime    "))
        #expect(outcome.output.hasSuffix("ok: no errors, 0 warnings\n"))
    }

    @Test func serveRefusesAnIdleTimeoutThatIsNotPositive() throws {
        let outcome = try run("serve", "--idle-timeout", "0", "--store", "memory")
        #expect(outcome.status != 0)
        #expect(
            outcome.errors.contains("--idle-timeout must be a positive number of seconds, not 0.0"), "\(outcome.errors)"
        )
    }

    @Test func errorsExitWithOne() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("chatsite-cli-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("bad.yaml")
        try Data("openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\nx-extra: {$ref: '#/nope'}\n".utf8).write(
            to: file)
        let outcome = try run("check", file.path)
        #expect(outcome.status == 1)
        #expect(
            outcome.errors == """
                \(file.path):4:17: error: '$ref' target '#/nope' does not exist: '/' has no 'nope'; check the name or \
                add the definition (at /x-extra/$ref)

                """)
        #expect(outcome.output.hasSuffix("failed: 1 error, 0 warnings\n"))
    }

    @Test func strictFailsOnWarnings() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("chatsite-cli-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("warn.json")
        try Data(#"{"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {}, "paths": {}}"#.utf8)
            .write(to: file)
        #expect(try run("check", file.path).status == 0)
        #expect(try run("check", "--strict", file.path).status == 1)
    }

    @Test func usageErrorsExitWithTwo() throws {
        let outcome = try run("check", "--no-such-flag")
        #expect(outcome.status == 2)
        #expect(outcome.errors.hasPrefix("Error: Unknown option '--no-such-flag'"))
        #expect(try run("frobnicate").status == 2)
    }

    @Test func helpAndVersion() throws {
        let version = try run("--version")
        #expect(version.status == 0)
        #expect(version.output == "0.1.0\n")
        for arguments in [["--help"], ["check", "--help"], ["help", "check"]] {
            let help = try run(arguments[0], arguments.count > 1 ? arguments[1] : "--help")
            #expect(help.status == 0)
            #expect(help.output.contains("USAGE: chatsite"))
        }
    }
}
