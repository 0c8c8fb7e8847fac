/// The version a spec file was written in, before the loader upgrades it to OpenAPI 3.1.
public enum SpecVersion: Sendable, Equatable, CustomStringConvertible {
    case swagger2
    case openAPI30(String)
    case openAPI31(String)

    public var description: String {
        switch self {
        case .swagger2: "Swagger 2.0"
        case .openAPI30(let version), .openAPI31(let version): "OpenAPI \(version)"
        }
    }

    /// Reads the version from the document's `openapi` or `swagger` field.
    static func detect(in root: SpecNode, file: String) -> Result<SpecVersion, Diagnostic> {
        func failure(_ message: String, _ node: SpecNode, _ pointer: String) -> Result<SpecVersion, Diagnostic> {
            .failure(Diagnostic(.error, message, file: file, location: node.location, pointer: pointer))
        }
        guard let object = root.object else {
            return failure(
                "not an OpenAPI document: the top level is \(root.kindName), expected a mapping with an "
                    + "'openapi' or 'swagger' field", root, "")
        }
        if let swagger = object["swagger"] {
            guard case .string("2.0") = swagger.value else {
                return failure(
                    "unsupported Swagger version \(swagger.scalarText); only \"2.0\" is read (quote it in YAML)",
                    swagger, "/swagger")
            }
            return .success(.swagger2)
        }
        guard let openAPI = object["openapi"] else {
            return failure(
                "not an OpenAPI document: no 'openapi' or 'swagger' field at the top level; "
                    + "add `openapi: 3.1.0` (or check that this is the right file)", root, "")
        }
        guard let version = openAPI.string else {
            return failure(
                "the 'openapi' field must be a string such as \"3.1.0\", found \(openAPI.kindName) "
                    + "\(openAPI.scalarText) (quote it in YAML)", openAPI, "/openapi")
        }
        if version.hasPrefix("3.0.") || version == "3.0" { return .success(.openAPI30(version)) }
        if version.hasPrefix("3.1.") || version == "3.1" { return .success(.openAPI31(version)) }
        return failure(
            "unsupported OpenAPI version '\(version)'; chatsite reads 3.1.x, 3.0.x and Swagger 2.0", openAPI, "/openapi"
        )
    }
}

extension SpecNode {
    /// The value as written, for messages about scalars.
    var scalarText: String {
        switch value {
        case .null: "null"
        case .bool(let flag): String(flag)
        case .number(let text): text
        case .string(let text): "'\(text)'"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
