import APISpec
import Foundation
import SDKGenerator
import Testing

/// Generates the Swift client for a small spec written inline, for snippet tests.
struct SwiftSnippets {
    let files: [String: String]

    init(_ yaml: String, options: SwiftOptions = SwiftOptions(moduleName: "Snippet")) throws {
        let spec = SpecLoader().load(Data(yaml.utf8), path: "snippet.yaml", decode: false)
        let (translated, problems) = ModelTranslator().translate(spec)
        let errors = (spec.errors + problems).map(\.description).joined(separator: "\n")
        #expect(errors.isEmpty, "\(errors)")
        let model = try #require(translated)
        files = Dictionary(
            uniqueKeysWithValues: SwiftGenerator(options: options).generate(model).map { ($0.path, $0.contents) })
    }

    /// Every generated source, in path order.
    var sources: String {
        files.filter { $0.key.hasSuffix(".swift") && $0.key.hasPrefix("Sources/") }.sorted { $0.key < $1.key }
            .map(\.value).joined(separator: "\n")
    }

    /// The top-level declaration of `name`, from its first line (after its doc comment) to its
    /// closing brace.
    func declaration(_ name: String) -> String {
        let lines = sources.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let starts = [
            "public struct \(name): ", "public enum \(name): ", "public indirect enum \(name): ",
            "public typealias \(name) = ",
        ]
        guard let start = lines.firstIndex(where: { line in starts.contains { line.hasPrefix($0) } }) else { return "" }
        if lines[start].hasPrefix("public typealias") { return lines[start] }
        let end = lines[start...].firstIndex { $0 == "}" } ?? start
        return lines[start...end].joined(separator: "\n")
    }

    /// The lines of `extension Client` that belong to method `name` (its doc comment excluded).
    func method(_ name: String) -> String {
        let lines = sources.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(where: { $0.hasPrefix("    public func \(name)(") }) else { return "" }
        let end = lines[start...].firstIndex { $0 == "    }" } ?? start
        return lines[start...end].joined(separator: "\n")
    }

    /// Compiles the generated sources with `main` as the program's `main.swift`, runs it, and
    /// returns what it printed (or the compiler's or program's failure, as an `Issue`).
    func run(_ main: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("swift-snippet-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        var paths = [folder.appendingPathComponent("main.swift").path]
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(main.utf8).write(to: URL(fileURLWithPath: paths[0]))
        for (path, contents) in files where path.hasPrefix("Sources/") {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(contents.utf8).write(to: url)
            paths.append(url.path)
        }
        let program = folder.appendingPathComponent("program").path
        let build = try Self.execute(
            "/usr/bin/env", ["swiftc", "-swift-version", "6", "-Onone", "-o", program] + paths.sorted())
        guard build.status == 0 else {
            Issue.record("the program does not compile:\n\(build.output)")
            return ""
        }
        let result = try Self.execute(program, [])
        if result.status != 0 { Issue.record("the program exited with \(result.status):\n\(result.output)") }
        return result.output
    }

    private static func execute(_ path: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    /// Typechecks the generated sources with `swiftc -typecheck -swift-version 6`; returns the
    /// compiler's output when it fails.
    func typecheck() throws -> String? {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("swift-snippet-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        var paths: [String] = []
        for (path, contents) in files where path.hasPrefix("Sources/") {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(contents.utf8).write(to: url)
            paths.append(url.path)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["swiftc", "-typecheck", "-swift-version", "6"] + paths.sorted()
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? nil : String(decoding: output, as: UTF8.self)
    }
}
