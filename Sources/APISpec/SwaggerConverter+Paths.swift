extension SwaggerConverter {
    static let methods: Set = ["get", "put", "post", "delete", "options", "head", "patch"]

    /// `paths`, with each path item converted; extensions kept.
    mutating func paths(_ node: SpecNode, at pointer: JSONPointer) -> SpecNode {
        map(node, at: pointer) { converter, item, pointer in
            pointer.tokens.last?.hasPrefix("x-") == true ? item : converter.pathItem(item, at: pointer)
        }
    }

    /// A path item: its parameters stay, except body and form ones, which go to each operation's
    /// request body.
    mutating func pathItem(_ node: SpecNode, at pointer: JSONPointer) -> SpecNode {
        guard let object = node.object else { return node }
        var shared = ParameterSplit()
        if let list = object["parameters"] { shared = split(list, at: pointer.appending("parameters")) }
        var result = SpecObject()
        for (key, value) in object.members {
            if key == "parameters", value.array != nil {
                if !shared.parameters.isEmpty { result[key] = Self.node(.array(shared.parameters), at: value) }
            } else if Self.methods.contains(key) {
                result[key] = operation(value, inheriting: shared, at: pointer.appending(key))
            } else {
                result[key] = value
            }
        }
        return Self.node(.object(result), at: node)
    }

    /// An operation: parameters split into parameters and a request body, responses given
    /// content, `consumes`, `produces` and `schemes` removed.
    mutating func operation(_ node: SpecNode, inheriting shared: ParameterSplit, at pointer: JSONPointer) -> SpecNode {
        guard let object = node.object else { return node }
        let consumes = Self.strings(object["consumes"]) ?? documentConsumes
        let produces = Self.mediaTypes(Self.strings(object["produces"]) ?? documentProduces)
        var own = ParameterSplit()
        if let list = object["parameters"] { own = split(list, at: pointer.appending("parameters")) }
        var body = requestBody(own: own, shared: shared, consumes: consumes, at: pointer)
        var result = SpecObject()
        for (key, value) in object.members {
            switch key {
            case "parameters" where value.array != nil:
                if !own.parameters.isEmpty { result[key] = Self.node(.array(own.parameters), at: value) }
                result["requestBody"] = body
                body = nil
            case "consumes", "produces":
                continue
            case "schemes":
                let list = (Self.strings(value) ?? []).joined(separator: ", ")
                warn(
                    "operation-level schemes (\(list)) have no OpenAPI 3 equivalent; dropped, so the document's "
                        + "servers apply (in OpenAPI 3, give the operation its own 'servers' if it needs others)",
                    value, pointer.appending(key))
            case "responses":
                if let body { result["requestBody"] = body }
                body = nil
                result[key] = responses(value, produces: produces, at: pointer.appending(key))
            default:
                result[key] = value
            }
        }
        if let body { result["requestBody"] = body }
        return Self.node(.object(result), at: node)
    }

    /// The operation's request body, from its own body or form parameters and its path item's.
    private mutating func requestBody(
        own: ParameterSplit, shared: ParameterSplit, consumes: [String]?, at pointer: JSONPointer
    ) -> SpecNode? {
        var fields = shared.fields
        for field in own.fields {
            if let position = fields.firstIndex(where: { $0.name == field.name }) {
                fields[position] = field
            } else {
                fields.append(field)
            }
        }
        if let body = own.body ?? shared.body {
            if let first = fields.first {
                warn(
                    "an operation cannot have both a body parameter and formData parameters; the formData "
                        + "parameters are dropped (send the fields as properties of the body's schema)",
                    first.node, first.pointer)
            }
            return requestBody(from: body, consumes: consumes)
        }
        return fields.isEmpty ? nil : formBody(fields, consumes: consumes)
    }

    /// `responses`, with each response converted; extensions kept.
    mutating func responses(_ node: SpecNode, produces: [String], at pointer: JSONPointer) -> SpecNode {
        map(node, at: pointer) { converter, response, pointer in
            if pointer.tokens.last?.hasPrefix("x-") == true { return response }
            return converter.response(response, produces: produces, at: pointer)
        }
    }

    /// A response: `schema` and `examples` become `content`, one entry per produced media type;
    /// headers get a schema.
    mutating func response(_ node: SpecNode, produces: [String], at pointer: JSONPointer) -> SpecNode {
        guard let object = node.object else { return node }
        if let reference = object["$ref"] {
            if let name = Self.target(of: reference, in: "responses"), sharedResponses[name]?["schema"] != nil {
                checkShared("response", name, uses: produces, as: "produces", documentProduces, reference, pointer)
            }
            return Self.rewritingReference(node)
        }
        let examples = object["examples"]?.object ?? SpecObject()
        var result = SpecObject()
        for (key, value) in object.members {
            switch key {
            case "schema":
                let schema = schema(value, at: pointer.appending(key))
                result["content"] = Self.content(produces, at: value) { type in
                    var media = SpecObject([("schema", schema)])
                    media["example"] = examples[type]
                    return media
                }
            case "examples":
                let missing = object["schema"] == nil ? examples.keys : examples.keys.filter { !produces.contains($0) }
                for type in missing {
                    let reason =
                        object["schema"] == nil
                        ? "the response has no schema, so it has no content in OpenAPI 3; add a schema to keep it"
                        : "the operation does not produce that media type; add it to produces to keep it"
                    warn(
                        "example for '\(type)' dropped: \(reason)", examples[type]!,
                        pointer.appending(key).appending(type))
                }
            case "headers":
                result[key] = map(value, at: pointer.appending(key)) { $0.header($1, at: $2) }
            default:
                result[key] = value
            }
        }
        return Self.node(.object(result), at: node)
    }

    /// Warns when a shared request body or response, built with the document's media types, is
    /// used by an operation that lists others.
    mutating func checkShared(
        _ kind: String, _ name: String, uses types: [String], as field: String, _ document: [String]?,
        _ reference: SpecNode, _ pointer: JSONPointer
    ) {
        let shared = Self.mediaTypes(document)
        guard Set(types) != Set(shared) else { return }
        warn(
            "the shared \(kind) '\(name)' has the document's media types (\(shared.joined(separator: ", "))), "
                + "not this operation's \(field) (\(types.joined(separator: ", "))); inline it to keep them",
            reference, pointer.appending("$ref"))
    }
}
