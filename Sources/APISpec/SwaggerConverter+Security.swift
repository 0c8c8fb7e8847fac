extension SwaggerConverter {
    /// The OpenAPI 3 flow for each Swagger 2.0 OAuth2 `flow`, and the URLs it takes.
    static let flows: [String: (name: String, urls: [String])] = [
        "implicit": ("implicit", ["authorizationUrl"]),
        "password": ("password", ["tokenUrl"]),
        "application": ("clientCredentials", ["tokenUrl"]),
        "accessCode": ("authorizationCode", ["authorizationUrl", "tokenUrl"]),
    ]

    /// A security definition as a security scheme: `basic` becomes HTTP basic, `oauth2` gets
    /// `flows`; `apiKey` and anything else stay as they are.
    mutating func securityScheme(_ node: SpecNode, at pointer: JSONPointer) -> SpecNode {
        guard let object = node.object, let type = object["type"] else { return node }
        switch type.string {
        case "basic":
            var result = SpecObject()
            for (key, value) in object.members {
                result[key] = value
                if key == "type" {
                    result[key] = Self.node(.string("http"), at: value)
                    result["scheme"] = Self.node(.string("basic"), at: value)
                }
            }
            return Self.node(.object(result), at: node)
        case "oauth2":
            return oauth2(object, at: node, pointer)
        default:
            return node
        }
    }

    private mutating func oauth2(_ object: SpecObject, at node: SpecNode, _ pointer: JSONPointer) -> SpecNode {
        let flowNode = object["flow"] ?? node
        let flow = Self.flows[flowNode.string ?? ""]
        if flow == nil {
            warn(
                "unknown oauth2 flow \(object["flow"]?.scalarText ?? "(none given)"); expected implicit, password, "
                    + "application or accessCode; the scheme has no flows", flowNode, pointer.appending("flow"))
        }
        var flowObject = SpecObject()
        for url in flow?.urls ?? [] { flowObject[url] = object[url] }
        flowObject["scopes"] = object["scopes"] ?? Self.node(.object(SpecObject()), at: flowNode)
        var flows = SpecObject()
        if let flow { flows[flow.name] = Self.node(.object(flowObject), at: flowNode) }

        var result = SpecObject()
        for (key, value) in object.members {
            switch key {
            case "flow":
                result["flows"] = Self.node(.object(flows), at: value)
            case "authorizationUrl", "tokenUrl":
                if let flow, !flow.urls.contains(key) {
                    warn(
                        "\(key) is not used by the \(flow.name) flow in OpenAPI 3; dropped", value,
                        pointer.appending(key))
                }
            case "scopes":
                continue
            default:
                result[key] = value
            }
        }
        if result["flows"] == nil { result["flows"] = Self.node(.object(flows), at: node) }
        return Self.node(.object(result), at: node)
    }
}
