import Foundation

/// Checks every `$ref` in a document and bundles the ones into relative files into it.
///
/// Internal references (`#/components/schemas/Room`) must point at something; a recursive schema
/// is fine, since nothing is inlined. A reference into another file
/// (`common.yaml#/components/schemas/Error`) is copied into the root document's components (or
/// Swagger's `definitions`) and rewritten to point there, so the rest of the loader sees one
/// self-contained document.
struct ReferenceResolver {
    private let reader: SourceReader
    private let isSwagger: Bool
    private(set) var diagnostics: [Diagnostic] = []
    /// Trees of the other files, by absolute path; nil where the file could not be read.
    private var files: [String: SpecNode?] = [:]
    /// Local reference for each imported target, keyed by "absolute path#pointer".
    private var imported: [String: String] = [:]
    private var additions: [(kind: String, name: String, node: SpecNode)] = []
    private var takenNames: Set<String> = []

    init(reader: SourceReader, isSwagger: Bool) {
        self.reader = reader
        self.isSwagger = isSwagger
    }

    /// The file a node was read from: its absolute path (for relative refs) and the name shown to users.
    struct Source {
        var path: String
        var displayName: String
        var root: SpecNode
        var isRoot = false
    }

    mutating func resolve(_ root: SpecNode, source: Source) -> SpecNode {
        var tokens: [String] = []
        guard scan(root, in: source, tokens: &tokens) else { return root }
        // Some reference leaves the file: rewrite in a second pass (most documents never need it).
        for (kind, names) in sections(of: root) { for name in names { takenNames.insert(kind + "/" + name) } }
        var result = root
        rewrite(&result, in: source, tokens: &tokens)
        for addition in additions { insert(addition, into: &result) }
        return result
    }

    // MARK: Scanning and rewriting

    /// Checks internal references; returns whether any reference points into another file.
    private mutating func scan(_ node: SpecNode, in source: Source, tokens: inout [String]) -> Bool {
        switch node.value {
        case .array(let items):
            var external = false
            for (position, item) in items.enumerated() {
                tokens.append(String(position))
                external = scan(item, in: source, tokens: &tokens) || external
                tokens.removeLast()
            }
            return external
        case .object(let object):
            var external = false
            if let reference = object["$ref"], tokens.last != "properties" {
                external = check(reference, in: source, tokens: tokens)
            }
            for (key, member) in object.members where key != "$ref" && !Self.isLiteral(key, member, tokens) {
                tokens.append(key)
                external = scan(member, in: source, tokens: &tokens) || external
                tokens.removeLast()
            }
            return external
        default:
            return false
        }
    }

    /// Checks one `$ref` value; returns true when it names another file.
    private mutating func check(_ reference: SpecNode, in source: Source, tokens: [String]) -> Bool {
        let pointer = JSONPointer(tokens + ["$ref"]).description
        guard let text = reference.string else {
            report(.error, "'$ref' must be a string, found \(reference.kindName)", reference, source, pointer)
            return false
        }
        let (file, fragment) = Self.split(text)
        if file.isEmpty {
            guard let target = JSONPointer(parsing: fragment) else {
                report(
                    .warning, "'$ref' '\(text)' is not a JSON pointer, so it was not checked", reference, source,
                    pointer)
                return false
            }
            let (found, depth) = source.root.lookup(target)
            if found == nil {
                let parent = JSONPointer(Array(target.tokens.prefix(depth))).description
                report(
                    .error,
                    "'$ref' target '\(text)' does not exist: '\(parent.isEmpty ? "/" : parent)' has no "
                        + "'\(target.tokens[depth])'; check the name or add the definition",
                    reference, source, pointer)
            }
            return false
        }
        if file.contains("://") {
            report(
                .warning,
                "remote '$ref' '\(text)' is not fetched; copy it into a file next to the spec and refer to that",
                reference, source, pointer)
            return false
        }
        return true
    }

    private mutating func rewrite(_ node: inout SpecNode, in source: Source, tokens: inout [String]) {
        switch node.value {
        case .array(var items):
            node.value = .null  // release the tree's reference so the array is mutated in place
            for position in items.indices {
                tokens.append(String(position))
                rewrite(&items[position], in: source, tokens: &tokens)
                tokens.removeLast()
            }
            node.value = .array(items)
        case .object(var object):
            node.value = .null
            if let reference = object["$ref"], tokens.last != "properties", let text = reference.string {
                let (file, fragment) = Self.split(text)
                if (!file.isEmpty && !file.contains("://")) || (!source.isRoot && file.isEmpty) {
                    if let local = importTarget(file, fragment, from: reference, in: source, tokens: tokens) {
                        object["$ref"] = SpecNode(.string(local), at: reference.location, file: reference.file)
                    }
                }
            }
            for (key, member) in object.members where key != "$ref" && !Self.isLiteral(key, member, tokens) {
                tokens.append(key)
                rewrite(&object[key]!, in: source, tokens: &tokens)
                tokens.removeLast()
            }
            node.value = .object(object)
        default:
            break
        }
    }

    // MARK: Importing from other files

    private mutating func importTarget(
        _ file: String, _ fragment: String, from reference: SpecNode, in source: Source, tokens: [String]
    ) -> String? {
        let pointerText = JSONPointer(tokens + ["$ref"]).description
        let path = file.isEmpty ? source.path : Self.absolute(file, relativeTo: source.path)
        let displayName = file.isEmpty ? source.displayName : Self.display(file, relativeTo: source.displayName)
        guard let target = JSONPointer(parsing: fragment) else {
            report(.error, "'$ref' fragment '#\(fragment)' is not a JSON pointer", reference, source, pointerText)
            return nil
        }
        let key = path + "#" + target.description
        if let local = imported[key] { return local }
        guard
            let tree = loadFile(
                path, displayName: displayName, reference: reference, source: source, pointer: pointerText)
        else { return nil }
        let (found, depth) = tree.lookup(target)
        guard var node = found else {
            let parent = JSONPointer(Array(target.tokens.prefix(depth))).description
            report(
                .error,
                "'$ref' target '\(file)#\(fragment)' does not exist: '\(parent.isEmpty ? "/" : parent)' in "
                    + "'\(displayName)' has no '\(target.tokens[depth])'",
                reference, source, pointerText)
            return nil
        }
        let (kind, baseName) = Self.placement(of: target, file: file, context: tokens)
        var name = baseName
        var suffix = 2
        while takenNames.contains(kind + "/" + name) {
            name = "\(baseName)_\(suffix)"
            suffix += 1
        }
        takenNames.insert(kind + "/" + name)
        let local = localReference(kind: kind, name: name)
        imported[key] = local
        // Keep the slot now, so targets come out in the order they are first referenced.
        let slot = additions.count
        additions.append((kind, name, node))
        var nestedTokens: [String] = []
        rewrite(&node, in: Source(path: path, displayName: displayName, root: tree), tokens: &nestedTokens)
        additions[slot].node = node
        return local
    }

    private mutating func loadFile(
        _ path: String, displayName: String, reference: SpecNode, source: Source, pointer: String
    ) -> SpecNode? {
        if let cached = files[path] { return cached }
        guard let data = FileManager.default.contents(atPath: path) else {
            report(
                .error, "cannot read '\(displayName)' named by '$ref' '\(reference.string ?? "")': no such file",
                reference, source, pointer)
            files[path] = .some(nil)
            return nil
        }
        let (tree, problems) = reader.read(data, file: displayName)
        diagnostics += problems
        files[path] = .some(tree.map { Self.marking($0, file: displayName) })
        return files[path] ?? nil
    }

    // MARK: Helpers

    private mutating func report(
        _ severity: Diagnostic.Severity, _ message: String, _ node: SpecNode, _ source: Source, _ pointer: String
    ) {
        diagnostics.append(
            Diagnostic(
                severity, message, file: node.file ?? source.displayName, location: node.location,
                pointer: node.file == nil ? pointer : nil))
    }

    private func localReference(kind: String, name: String) -> String {
        let escaped = JSONPointer([name]).description
        if isSwagger {
            let section = ["schemas": "definitions", "parameters": "parameters", "responses": "responses"][kind]
            return "#/\(section ?? "definitions")\(escaped)"
        }
        return "#/components/\(kind)\(escaped)"
    }

    private func sections(of root: SpecNode) -> [(String, [String])] {
        if isSwagger {
            return [("schemas", "definitions"), ("parameters", "parameters"), ("responses", "responses")].map {
                ($0.0, root[$0.1]?.object?.keys ?? [])
            }
        }
        return root["components"]?.object?.members.map { ($0.0, $0.1.object?.keys ?? []) } ?? []
    }

    private func insert(_ addition: (kind: String, name: String, node: SpecNode), into root: inout SpecNode) {
        guard case .object(var top) = root.value else { return }
        let location = root.location
        func add(_ node: SpecNode, to section: SpecNode?) -> SpecNode {
            var members = section?.object ?? SpecObject()
            members[addition.name] = node
            return SpecNode(.object(members), at: section?.location ?? location)
        }
        if isSwagger {
            let section =
                ["schemas": "definitions", "parameters": "parameters", "responses": "responses"][addition.kind]
                ?? "definitions"
            top[section] = add(addition.node, to: top[section])
        } else {
            var components = top["components"]?.object ?? SpecObject()
            components[addition.kind] = add(addition.node, to: components[addition.kind])
            top["components"] = SpecNode(.object(components), at: top["components"]?.location ?? location)
        }
        root.value = .object(top)
    }

    /// Where an imported target goes: its component kind and a name for it.
    static func placement(of target: JSONPointer, file: String, context: [String]) -> (String, String) {
        let tokens = target.tokens
        if tokens.count == 3, tokens[0] == "components" { return (tokens[1], tokens[2]) }
        if tokens.count == 2 {
            switch tokens[0] {
            case "definitions": return ("schemas", tokens[1])
            case "parameters", "responses": return (tokens[0], tokens[1])
            default: break
            }
        }
        let stem = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        let name = tokens.last.map { stem + "_" + $0 } ?? stem
        let cleaned = String(name.map { $0.isLetter || $0.isNumber || "._-".contains($0) ? $0 : "_" })
        let kind: String
        if context.dropLast().last == "parameters" || context.last == "parameters" {
            kind = "parameters"
        } else if context.last == "requestBody" {
            kind = "requestBodies"
        } else if context.dropLast().last == "responses" {
            kind = "responses"
        } else {
            kind = "schemas"
        }
        return (kind, cleaned)
    }

    /// Whether the member holds example or default data, where a `$ref` key is just data.
    static func isLiteral(_ key: String, _ member: SpecNode, _ tokens: [String]) -> Bool {
        switch key {
        case "example", "enum", "const": true
        case "default": tokens.last != "responses"  // a schema's default value, not the default response
        case "examples": member.array != nil
        case "value": tokens.dropLast().last == "examples"
        default: false
        }
    }

    static func split(_ reference: String) -> (file: String, fragment: String) {
        guard let hash = reference.firstIndex(of: "#") else { return (reference, "") }
        return (String(reference[..<hash]), String(reference[reference.index(after: hash)...]))
    }

    static func absolute(_ file: String, relativeTo path: String) -> String {
        let decoded = file.removingPercentEncoding ?? file
        if decoded.hasPrefix("/") { return URL(fileURLWithPath: decoded).standardizedFileURL.path }
        return URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(decoded)
            .standardizedFileURL.path
    }

    static func display(_ file: String, relativeTo displayName: String) -> String {
        let directory = (displayName as NSString).deletingLastPathComponent
        let joined = directory.isEmpty ? file : (directory as NSString).appendingPathComponent(file)
        return (joined as NSString).standardizingPath
    }

    /// Tags every node of an imported tree with its file, so diagnostics inside it name that file.
    static func marking(_ node: SpecNode, file: String) -> SpecNode {
        var copy = node
        copy.file = file
        switch node.value {
        case .array(let items): copy.value = .array(items.map { marking($0, file: file) })
        case .object(let object): copy.value = .object(SpecObject(object.members.map { ($0, marking($1, file: file)) }))
        default: break
        }
        return copy
    }
}
