import APISpec

/// Reads the loader's checked tree for the API reference: follows local `$ref`s and names
/// references to `#/components/schemas/…`.
struct SpecLookup {
    let root: SpecNode

    /// The node a local `$ref` points to (followed up to 16 times), else the node itself.
    func resolved(_ node: SpecNode) -> SpecNode {
        node.followingReferences(in: root)
    }

    /// The object at `node` after `$ref`s, if it is one.
    func object(_ node: SpecNode?) -> SpecObject? {
        node.flatMap { resolved($0).object }
    }

    /// `Message` for a node `{$ref: '#/components/schemas/Message'}`.
    static func schemaName(_ node: SpecNode) -> String? {
        guard let reference = node["$ref"]?.string, reference.hasPrefix("#/components/schemas/"),
            let pointer = JSONPointer(parsing: String(reference.dropFirst())), pointer.tokens.count == 3
        else { return nil }
        return pointer.tokens[2]
    }

    /// A scalar as text: strings as they are, numbers as written, booleans as `true`/`false`.
    static func text(_ node: SpecNode?) -> String? {
        switch node?.value {
        case .string(let text)?, .number(let text)?: text
        case .bool(let flag)?: flag ? "true" : "false"
        case .null?: "null"
        default: nil
        }
    }
}
