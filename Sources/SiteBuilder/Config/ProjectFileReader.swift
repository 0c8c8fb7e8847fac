import APISpec
import Yams

/// Turns a composed `chatsite.yaml` into a ``ProjectFile``, collecting every problem with its line and column.
struct ProjectFileReader {
    static let fields = [
        "site", "spec", "out", "configMode", "sdk", "reference", "outputs", "keys", "stages", "placeholders",
    ]

    let path: String
    var diagnostics: [Diagnostic] = []

    init(path: String) { self.path = path }

    mutating func read(_ root: Yams.Node?) -> ProjectFile {
        var project = ProjectFile()
        project.path = path
        guard let root else { return project }
        guard let fields = root.mapping else {
            error("the project file must be a mapping of fields (site:, out:, …), not \(kind(root))", at: root)
            return project
        }
        let byName = Dictionary(fields.map { ($0.key.string ?? "", ($0.key, $0.value)) }) { first, _ in first }
        for (key, _) in fields where !Self.fields.contains(key.string ?? "") {
            error(
                "unknown field '\(key.string ?? "\(key)")'; the fields are \(Self.fields.joined(separator: ", "))",
                at: key)
        }
        if let (_, node) = byName["site"], let text = string(node, field: "site", what: "a folder path") {
            project.site = text
        }
        if let (_, node) = byName["out"], let text = string(node, field: "out", what: "a folder path") {
            project.out = text
        }
        if let (_, node) = byName["spec"] { project.spec = optionalString(node, field: "spec", what: "a file path") }
        if let (_, node) = byName["sdk"] { project.sdk = optionalString(node, field: "sdk", what: "a folder path") }
        if let (_, node) = byName["reference"] {
            project.reference = optionalString(node, field: "reference", what: "a page path")
        }
        if let (_, node) = byName["configMode"] { readConfigMode(node, into: &project) }
        // Keys first: the other sections may name declared keys.
        if let (_, node) = byName["keys"] { project.declaredKeys = readKeys(node) }
        let known = project.allKeys
        if let (_, node) = byName["outputs"] { project.outputRules = readOutputs(node, known: known) }
        if let (_, node) = byName["stages"] { project.stages = readStages(node, known: known) }
        if let (_, node) = byName["placeholders"] { project.placeholders = readPlaceholders(node, known: known) }
        return project
    }

    private mutating func readConfigMode(_ node: Yams.Node, into project: inout ProjectFile) {
        if let text = node.scalar?.string, let mode = ConfigMode(rawValue: text) {
            project.configMode = mode
        } else {
            error("'configMode' must be inline or runtime, not \(describe(node))", at: node)
        }
    }

    // MARK: Helpers shared by the sections

    mutating func error(_ message: String, at node: Yams.Node) {
        diagnostics.append(Diagnostic(.error, message, file: path, location: location(of: node)))
    }

    func location(of node: Yams.Node) -> SourceLocation {
        node.mark.map { SourceLocation(line: $0.line, column: $0.column) } ?? SourceLocation(line: 1, column: 1)
    }

    /// A string value: any scalar but null and booleans.
    mutating func string(_ node: Yams.Node, field: String, what: String) -> String? {
        if let scalar = node.scalar, !Self.isNull(node), !Self.isBool(node) { return scalar.string }
        error("'\(field)' must be \(what), not \(describe(node))", at: node)
        return nil
    }

    /// A string value or null.
    mutating func optionalString(_ node: Yams.Node, field: String, what: String) -> String? {
        if Self.isNull(node) { return nil }
        return string(node, field: field, what: "\(what) or null")
    }

    /// The node's kind for messages, with a scalar's text: `'static'`, `a mapping`.
    func describe(_ node: Yams.Node) -> String {
        if let scalar = node.scalar { return Self.isNull(node) ? "null" : "'\(scalar.string)'" }
        return kind(node)
    }

    func kind(_ node: Yams.Node) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar: return Self.isNull(node) ? "null" : "a single value"
        case .alias: return "an alias"
        }
    }

    static func isNull(_ node: Yams.Node) -> Bool { node.scalar != nil && node.tag.rawValue == Tag.Name.null.rawValue }

    static func isBool(_ node: Yams.Node) -> Bool { node.scalar != nil && node.tag.rawValue == Tag.Name.bool.rawValue }

    static func keyList(_ keys: [String]) -> String { keys.joined(separator: ", ") }
}
