import OpenAPIKit

extension LoadedSpec {
    /// How many operations the document has, over every path and method.
    ///
    /// OpenAPIKit's `OrderedDictionary` counts itself on every positional access, so its `values`,
    /// `keys` and `map` take quadratic time; `for … in` uses its iterator and stays linear.
    public var operationCount: Int {
        var count = 0
        for (_, item) in document?.paths ?? [:] { count += item.pathItemValue?.endpoints.count ?? 0 }
        return count
    }

    public var schemaCount: Int { document?.components.schemas.count ?? 0 }

    public var securitySchemeNames: [String] {
        var names: [String] = []
        for (name, _) in document?.components.securitySchemes ?? [:] { names.append(name.rawValue) }
        return names
    }

    /// The version line of a summary: "OpenAPI 3.1.0", or "Swagger 2.0 (upgraded to OpenAPI 3.1)".
    public var versionDescription: String {
        switch sourceVersion {
        case .none: "unknown"
        case .openAPI31(let version): "OpenAPI \(version)"
        case .some(let version): "\(version) (upgraded to OpenAPI 3.1)"
        }
    }
}
