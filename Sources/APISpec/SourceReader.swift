import Foundation

/// Reads one spec file into a `SpecNode` tree: JSON or YAML, chosen by content, with limits that
/// keep hostile input (binary garbage, alias bombs, deep nesting) to a clear error in bounded time.
struct SourceReader {
    struct Limits: Sendable {
        var maxBytes = 64 << 20
        var maxDepth = 256
        /// How many values aliases may expand a YAML file to, per byte of input (plus a floor).
        var maxNodesPerByte = 4
    }

    var limits = Limits()

    /// The tree, or the diagnostics that explain why there is none. Warnings may come with a tree.
    func read(_ data: Data, file: String) -> (SpecNode?, [Diagnostic]) {
        func error(_ message: String, _ location: SourceLocation? = nil) -> (SpecNode?, [Diagnostic]) {
            (nil, [Diagnostic(.error, message, file: file, location: location)])
        }
        if data.count > limits.maxBytes {
            return error("the file is \(data.count) bytes, over the \(limits.maxBytes)-byte limit for a spec")
        }
        let trimmed = data.drop { [0x20, 0x09, 0x0A, 0x0D].contains($0) }
        if trimmed.isEmpty {
            return error("the file is empty; expected an OpenAPI or Swagger document in YAML or JSON")
        }
        if let offset = data.firstIndex(of: 0) {
            return error(
                "the file is binary (a NUL byte at offset \(offset - data.startIndex)), not YAML or JSON text")
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            return error("the file is not valid UTF-8 text; save it as UTF-8 YAML or JSON")
        }
        let firstByte = trimmed.first == 0xEF ? trimmed.dropFirst(3).first : trimmed.first
        let looksLikeJSON = firstByte == UInt8(ascii: "{") || firstByte == UInt8(ascii: "[")
        if looksLikeJSON {
            let result = data.withUnsafeBytes { raw in
                Result { () throws(JSONReader.Failure) in
                    try JSONReader.parse(raw.bindMemory(to: UInt8.self), maxDepth: limits.maxDepth)
                }
            }
            switch result {
            case .success(let (node, duplicates)):
                let warnings = duplicates.map {
                    Diagnostic(
                        .warning, "duplicate key '\($0.key)'; the last one wins", file: file, location: $0.location)
                }
                return (node, warnings)
            case .failure(let failure):
                // Flow-style YAML starts with a brace too; only a file that is not YAML either is bad JSON.
                if failure.message.hasPrefix("nesting") || file.lowercased().hasSuffix(".json") {
                    return error("invalid JSON: \(failure.message)", failure.location)
                }
                if let node = try? YAMLReader.parse(text, maxDepth: limits.maxDepth, maxNodes: nodeBudget(data)) {
                    return (node, [])
                }
                return error("invalid JSON: \(failure.message)", failure.location)
            }
        }
        do {
            return (try YAMLReader.parse(text, maxDepth: limits.maxDepth, maxNodes: nodeBudget(data)), [])
        } catch {
            return self.error(error, file: file)
        }
    }

    private func nodeBudget(_ data: Data) -> Int { max(100_000, data.count * limits.maxNodesPerByte) }

    private func error(_ failure: YAMLReader.Failure, file: String) -> (SpecNode?, [Diagnostic]) {
        (nil, [Diagnostic(.error, failure.message, file: file, location: failure.location)])
    }
}
