import APISpec

/// The loaded tree as the translators read it: internal `$ref`s followed, and every part of the
/// wrong kind reported as a located diagnostic (reading goes on with what is usable).
final class SpecTree {
    let root: SpecNode
    let file: String
    private(set) var diagnostics: [Diagnostic] = []

    init(root: SpecNode, file: String) {
        self.root = root
        self.file = file
    }

    /// The node a `$ref` points to (followed up to 16 times), else the node itself.
    func resolved(_ node: SpecNode) -> SpecNode {
        node.followingReferences(in: root)
    }

    /// The object at `node` (after `$ref`s), or nil with an error when it is something else.
    func object(_ node: SpecNode?, _ what: String) -> SpecObject? {
        guard let node else { return nil }
        let target = resolved(node)
        if let object = target.object { return object }
        report(target, "\(what) must be an object, not \(target.kindName)")
        return nil
    }

    /// The array at `node`, or nil with an error when it is something else.
    func array(_ node: SpecNode?, _ what: String) -> [SpecNode]? {
        guard let node else { return nil }
        if let array = node.array { return array }
        report(node, "\(what) must be an array, not \(node.kindName)")
        return nil
    }

    func report(_ node: SpecNode, _ message: String) {
        diagnostics.append(Diagnostic(.error, message, file: node.file ?? file, location: node.location))
    }

    /// A scalar as literal text: strings as they are, numbers as written.
    static func text(_ node: SpecNode?) -> String? {
        switch node?.value {
        case .string(let text)?, .number(let text)?: text
        case .bool(let flag)?: flag ? "true" : "false"
        default: nil
        }
    }
}
