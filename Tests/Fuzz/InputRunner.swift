import APISpec
import Foundation
import SDKGenerator
import SiteBuilder

/// Runs inputs through the real pipeline in this process and checks what must hold for any input:
/// the call returns, and a failure comes with an error diagnostic that points into a file.
struct InputRunner {
    /// What one input gave: errors or none, and a broken promise if there was one.
    struct Outcome {
        var diagnosed: Bool
        var violation: String?
        /// The errors, for a replay.
        var errors: [Diagnostic] = []
    }

    let corpus: Corpus
    /// A scratch folder: the site copy, and the folder specs are loaded from (relative `$ref`s land here).
    let scratch: String
    let headers: SecurityHeaders
    let renderer = PageRenderer(layouts: ["page": "<main>{{{content}}}</main>"])

    init(corpus: Corpus, scratch: String) throws {
        self.corpus = corpus
        self.scratch = scratch
        headers = try SecurityHeaders()
        try FileManager.default.createDirectory(atPath: scratch + "/specs", withIntermediateDirectories: true)
        let other = "openapi: 3.1.0\ninfo: {title: o, version: '1'}\npaths: {}\nA: {type: string}\n"
        try Data(other.utf8).write(to: URL(fileURLWithPath: scratch + "/specs/other.yaml"))
        for (path, bytes) in corpus.site { try write(bytes, to: path) }
        // The pages load the generated JS SDK; without it every build would fail on its links.
        if let chat = corpus.specs.first(where: { $0.name == "chat-api.yaml" }),
            let model = ModelTranslator().translate(SpecLoader().load(Data(chat.bytes), path: "chat-api.yaml")).0
        {
            for file in JSGenerator().generate(model) where file.path.hasSuffix(".js") {
                try write(Array(file.contents.utf8), to: "sdk/" + file.path)
            }
        }
        try write(Array("<!doctype html><title>API reference</title>".utf8), to: "reference.html")
    }

    func run(_ input: FuzzInput) -> Outcome {
        switch input.target {
        case .spec: return runSpec(input)
        case .site: return runSite(input)
        }
    }

    private func runSpec(_ input: FuzzInput) -> Outcome {
        let path = scratch + "/specs/" + input.path
        let spec = SpecLoader().load(Data(input.bytes), path: path)
        if let problem = Self.check(spec.diagnostics, lines: Self.lineCount(input.bytes), file: path) {
            return Outcome(diagnosed: true, violation: problem)
        }
        if spec.failed(), spec.errors.isEmpty {
            return Outcome(diagnosed: false, violation: "the load failed with no error diagnostic")
        }
        guard !spec.failed() else { return Outcome(diagnosed: true, errors: spec.errors) }
        // A spec that loads feeds the SDK generator and the reference page: they must cope too.
        let (model, _) = ModelTranslator().translate(spec)
        if let model { _ = JSGenerator().generate(model) }
        _ = APIReferencePage.render(spec: spec, path: "reference.html", renderer: renderer)
        return Outcome(diagnosed: false)
    }

    private func runSite(_ input: FuzzInput) -> Outcome {
        let original = corpus.site[input.path]
        defer {
            if let original {
                try? write(original, to: input.path)
            } else {
                try? FileManager.default.removeItem(atPath: siteFile(input.path))
            }
        }
        do { try write(input.bytes, to: input.path) } catch {
            return Outcome(diagnosed: false, violation: "scratch write failed: \(error)")
        }
        let builder = SiteBuilder(settings: .init(site: scratch + "/site", config: .served, headers: headers))
        let output = builder.build()
        let file = scratch + "/site/" + input.path
        if let problem = Self.check(output.diagnostics, lines: Self.lineCount(input.bytes), file: file) {
            return Outcome(diagnosed: true, violation: problem)
        }
        if input.path.hasSuffix(".md") {
            let page = String(input.path.dropLast(3)) + ".html"
            let named = output.diagnostics.contains { $0.severity == .error && $0.file.hasPrefix(scratch) }
            if !output.files.contains(where: { $0.path == page }) && !named {
                return Outcome(diagnosed: output.failed, violation: "the page \(page) is missing and no error says why")
            }
        }
        return Outcome(diagnosed: output.failed, errors: output.diagnostics.filter { $0.severity == .error })
    }

    /// Every diagnostic names a file and says something; a location in the input is inside it.
    static func check(_ diagnostics: [Diagnostic], lines: Int, file: String) -> String? {
        for diagnostic in diagnostics {
            if diagnostic.message.isEmpty || diagnostic.file.isEmpty {
                return "a diagnostic without text: \(diagnostic)"
            }
            guard let location = diagnostic.location else { continue }
            if location.line < 1 || location.column < 1 || (diagnostic.file == file && location.line > lines + 1) {
                return "a diagnostic outside the file (\(lines) lines): \(diagnostic)"
            }
        }
        return nil
    }

    static func lineCount(_ bytes: [UInt8]) -> Int {
        var count = 1
        for (index, byte) in bytes.enumerated() {
            if byte == 0x0A || (byte == 0x0D && bytes.indices.contains(index + 1) && bytes[index + 1] != 0x0A) {
                count += 1
            } else if byte == 0x0D && index == bytes.count - 1 {
                count += 1
            }
        }
        return count
    }

    private func siteFile(_ path: String) -> String { scratch + "/site/" + path }

    private func write(_ bytes: [UInt8], to path: String) throws {
        let url = URL(fileURLWithPath: siteFile(path))
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }
}
