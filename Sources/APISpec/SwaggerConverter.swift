/// Upgrades a Swagger 2.0 document tree to OpenAPI 3.0.3, keeping every node's source location.
///
/// The upgrade works on the located tree, before OpenAPIKit sees the document, so a decoding
/// error in the result still points at the line the user wrote. Nodes made from a source node
/// carry its location; new containers take the location of the node they replace.
///
/// ```swift
/// let (upgraded, warnings) = SwaggerConverter(file: "petstore.yaml").convert(tree)
/// ```
struct SwaggerConverter {
    let file: String
    /// Warnings found so far; `convert` works on a copy, so the converter itself stays reusable.
    var warnings: [Diagnostic] = []
    /// The document's shared `parameters`, as written: a `$ref` to one becomes a parameter
    /// reference, a request body reference, or an inlined form field, depending on its `in`.
    var sharedParameters = SpecObject()
    /// The document's shared `responses`, as written.
    var sharedResponses = SpecObject()
    /// The document's `consumes` and `produces`, when given.
    var documentConsumes: [String]?
    var documentProduces: [String]?

    init(file: String) { self.file = file }

    /// Returns the 3.0 tree and a warning for everything dropped or approximated.
    func convert(_ root: SpecNode) -> (SpecNode, [Diagnostic]) {
        guard let top = root.object else { return (root, []) }
        var work = self
        work.warnings = []
        work.sharedParameters = top["parameters"]?.object ?? SpecObject()
        work.sharedResponses = top["responses"]?.object ?? SpecObject()
        work.documentConsumes = Self.strings(top["consumes"])
        work.documentProduces = Self.strings(top["produces"])
        let converted = work.document(top, at: root)
        var unique: [Diagnostic] = []
        for warning in work.warnings where !unique.contains(warning) { unique.append(warning) }
        return (converted, unique)
    }

    // MARK: Document

    private static let serverKeys: Set = ["host", "basePath", "schemes"]
    private static let componentKeys: Set = ["definitions", "parameters", "responses", "securityDefinitions"]

    private mutating func document(_ top: SpecObject, at root: SpecNode) -> SpecNode {
        let servers = Self.servers(host: top["host"], basePath: top["basePath"], schemes: top["schemes"])
        let components = components(of: top)
        var result = SpecObject()
        for (key, value) in top.members {
            switch key {
            case "swagger":
                result["openapi"] = Self.node(.string("3.0.3"), at: value)
            case "consumes", "produces":
                continue
            case _ where Self.serverKeys.contains(key):
                if let servers, !result.contains("servers") { result["servers"] = servers }
            case _ where Self.componentKeys.contains(key):
                if let components, !result.contains("components") { result["components"] = components }
            case "paths":
                result["paths"] = paths(value, at: JSONPointer(["paths"]))
            default:
                result[key] = value
            }
        }
        return SpecNode(.object(result), at: root.location, file: root.file)
    }

    /// One server per scheme from `host`, `basePath` and `schemes`; nil when none is given.
    static func servers(host: SpecNode?, basePath: SpecNode?, schemes: SpecNode?) -> SpecNode? {
        guard let anchor = host ?? basePath ?? schemes else { return nil }
        var path = basePath?.string ?? ""
        while path.hasSuffix("/") { path.removeLast() }
        if !path.isEmpty, !path.hasPrefix("/") { path = "/" + path }
        guard let host, let name = host.string else {
            let url = node(.string(path.isEmpty ? "/" : path), at: basePath ?? anchor)
            return node(.array([node(.object(SpecObject([("url", url)])), at: anchor)]), at: anchor)
        }
        let schemeNodes = (schemes?.array ?? []).filter { $0.string != nil }
        let chosen = schemeNodes.isEmpty ? [node(.string("https"), at: host)] : schemeNodes
        let entries = chosen.map { scheme in
            let url = node(.string("\(scheme.string!)://\(name)\(path)"), at: host)
            return node(.object(SpecObject([("url", url)])), at: scheme)
        }
        return node(.array(entries), at: anchor)
    }

    /// `components`, from `definitions`, `parameters`, `responses` and `securityDefinitions`.
    private mutating func components(of top: SpecObject) -> SpecNode? {
        guard let anchor = top.members.first(where: { Self.componentKeys.contains($0.0) })?.1 else { return nil }
        var result = SpecObject()
        if let definitions = top["definitions"] {
            result["schemas"] = map(definitions, at: JSONPointer(["definitions"])) { $0.schema($1, at: $2) }
        }
        if let parameters = top["parameters"] {
            let (plain, bodies) = sharedParameterComponents(parameters)
            result["parameters"] = plain
            result["requestBodies"] = bodies
        }
        if let responses = top["responses"] {
            let produces = Self.mediaTypes(documentProduces)
            result["responses"] = map(responses, at: JSONPointer(["responses"])) {
                $0.response($1, produces: produces, at: $2)
            }
        }
        if let schemes = top["securityDefinitions"] {
            result["securitySchemes"] = map(schemes, at: JSONPointer(["securityDefinitions"])) {
                $0.securityScheme($1, at: $2)
            }
        }
        return Self.node(.object(result), at: anchor)
    }

    /// The object `node` with each member converted by `transform`; other values unchanged.
    mutating func map(
        _ node: SpecNode, at pointer: JSONPointer,
        _ transform: (inout SwaggerConverter, SpecNode, JSONPointer) -> SpecNode
    ) -> SpecNode {
        guard let object = node.object else { return node }
        var result = SpecObject()
        for (key, value) in object.members { result[key] = transform(&self, value, pointer.appending(key)) }
        return Self.node(.object(result), at: node)
    }

    // MARK: References

    /// The OpenAPI 3 form of a Swagger `$ref`: definitions, parameters and responses move under
    /// `components`; references to anywhere else are left as they are.
    static func reference(_ text: String) -> String {
        let moves = [
            ("#/definitions/", "#/components/schemas/"), ("#/parameters/", "#/components/parameters/"),
            ("#/responses/", "#/components/responses/"),
        ]
        for (old, new) in moves where text.hasPrefix(old) { return new + text.dropFirst(old.count) }
        return text
    }

    /// `node` with its `$ref` string rewritten by `reference(_:)`.
    static func rewritingReference(_ node: SpecNode) -> SpecNode {
        guard var object = node.object, let target = object["$ref"], let text = target.string else { return node }
        object["$ref"] = Self.node(.string(reference(text)), at: target)
        return Self.node(.object(object), at: node)
    }

    /// The name of the shared section entry a local `$ref` points at (`#/parameters/limit` → limit).
    static func target(of reference: SpecNode?, in section: String) -> String? {
        guard let text = reference?.string, text.hasPrefix("#"),
            let pointer = JSONPointer(parsing: String(text.dropFirst())),
            pointer.tokens.count == 2, pointer.tokens[0] == section
        else { return nil }
        return pointer.tokens[1]
    }

    // MARK: Helpers

    /// A new node holding `value`, located where `source` is (and in the same file).
    static func node(_ value: SpecNode.Value, at source: SpecNode) -> SpecNode {
        SpecNode(value, at: source.location, file: source.file)
    }

    /// The strings of a list such as `consumes`; nil when the node is missing or not a list.
    static func strings(_ node: SpecNode?) -> [String]? { node?.array?.compactMap(\.string) }

    /// The media types to use: the given list, or `application/json` when there is none.
    static func mediaTypes(_ list: [String]?) -> [String] {
        guard let list, !list.isEmpty else { return ["application/json"] }
        return list
    }

    /// Records a warning about `node`, found at `pointer` in the Swagger document.
    mutating func warn(_ message: String, _ node: SpecNode, _ pointer: JSONPointer) {
        // A node bundled in from another file is located in that file, where the pointer means nothing.
        warnings.append(
            Diagnostic(
                .warning, message, file: node.file ?? file, location: node.location,
                pointer: node.file == nil ? pointer.description : nil))
    }
}
