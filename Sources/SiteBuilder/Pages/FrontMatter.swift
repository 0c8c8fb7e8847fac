import APISpec
import Yams

/// A page's optional leading YAML block, between a first line `---` and the next line `---`
/// (or `...`), and the Markdown after it.
struct FrontMatter {
    /// The front matter's string values by key, in no particular order.
    var values: [String: String] = [:]
    /// Where each key was written in the page, for diagnostics.
    var locations: [String: SourceLocation] = [:]
    /// The Markdown after the block (the whole page when there is none).
    var body: Substring

    /// Splits `text` and reads its front matter; problems name `file`, located in the page.
    static func parse(_ text: String, file: String) -> (FrontMatter?, [Diagnostic]) {
        guard let (yaml, body) = split(text) else {
            if text.hasPrefix("---\n") || text.hasPrefix("---\r\n") {
                let message =
                    "the front matter opened by '---' on line 1 is never closed; end it with a line '---'"
                return (nil, [Diagnostic(.error, message, file: file, location: .init(line: 1, column: 1))])
            }
            return (FrontMatter(body: Substring(text)), [])
        }
        var matter = FrontMatter(body: body)
        // The YAML starts on line 2 of the page.
        func location(_ mark: Mark?) -> SourceLocation? {
            mark.map { SourceLocation(line: $0.line + 1, column: $0.column) }
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: String(yaml))
        } catch let error as YamlError {
            let (problem, mark) = describe(error)
            let message = "the front matter is not valid YAML: \(problem); fix it or remove the '---' block"
            return (nil, [Diagnostic(.error, message, file: file, location: location(mark))])
        } catch {
            return (nil, [Diagnostic(.error, "the front matter is not valid YAML: \(error)", file: file)])
        }
        guard let node else { return (matter, []) }
        guard let mapping = node.mapping else {
            let message = "the front matter must be a mapping of keys to values (`title: Help`), not a \(kind(node))"
            return (nil, [Diagnostic(.error, message, file: file, location: location(node.mark))])
        }
        var diagnostics: [Diagnostic] = []
        for (key, value) in mapping {
            guard let name = key.string else { continue }
            if let scalar = value.scalar {
                matter.values[name] = scalar.string
                matter.locations[name] = location(value.mark)
            } else if ["title", "description", "layout"].contains(name) {
                let message = "'\(name)' in the front matter must be a string, not a \(kind(value))"
                diagnostics.append(Diagnostic(.error, message, file: file, location: location(value.mark)))
            }
        }
        return (diagnostics.isEmpty ? matter : nil, diagnostics)
    }

    /// The YAML text and the body, when `text` opens with a closed front matter block.
    private static func split(_ text: String) -> (yaml: Substring, body: Substring)? {
        let utf8 = text.utf8
        guard utf8.starts(with: "---\n".utf8) || utf8.starts(with: "---\r\n".utf8) else { return nil }
        var lineStart = utf8.index(after: utf8.firstIndex(of: UInt8(ascii: "\n"))!)
        let yamlStart = lineStart
        while lineStart < utf8.endIndex {
            let lineEnd = utf8[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? utf8.endIndex
            var line = text[lineStart..<lineEnd]
            if line.hasSuffix("\r") { line = line.dropLast() }
            if line == "---" || line == "..." {
                let bodyStart = lineEnd == utf8.endIndex ? lineEnd : utf8.index(after: lineEnd)
                return (text[yamlStart..<lineStart], text[bodyStart...])
            }
            lineStart = lineEnd == utf8.endIndex ? lineEnd : utf8.index(after: lineEnd)
        }
        return nil
    }

    /// The problem, with where its construct began in the page, and where it was found (in the YAML).
    private static func describe(_ error: YamlError) -> (String, Mark?) {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            guard let context else { return (problem, mark) }
            let start = "line \(context.mark.line + 1), column \(context.mark.column)"
            return ("\(problem) \(context.text) (which starts at \(start))", mark)
        default:
            return ("\(error)", nil)
        }
    }

    private static func kind(_ node: Node) -> String {
        switch node {
        case .scalar: "string"
        case .mapping: "mapping"
        case .sequence: "list"
        case .alias: "alias"
        }
    }
}
