import OpenAPIKit

extension LoadedSpec {
    /// How many operations the document has, over every path and method.
    public var operationCount: Int {
        document?.paths.values.reduce(0) { count, item in
            count + (item.pathItemValue?.endpoints.count ?? 0)
        } ?? 0
    }

    public var schemaCount: Int { document?.components.schemas.count ?? 0 }

    public var securitySchemeNames: [String] {
        document?.components.securitySchemes.keys.map(\.rawValue) ?? []
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
