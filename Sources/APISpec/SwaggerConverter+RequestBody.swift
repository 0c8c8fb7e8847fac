extension SwaggerConverter {
    static let formMediaTypes: Set = ["multipart/form-data", "application/x-www-form-urlencoded"]

    /// The request body for a body parameter: written out, or a reference to a shared one.
    mutating func requestBody(from body: ParameterSplit.Body, consumes: [String]?) -> SpecNode {
        switch body {
        case .inline(let node, let pointer):
            return requestBody(fromBody: node, consumes: consumes, at: pointer)
        case .shared(let name, let entry, let pointer):
            let reference = entry["$ref"] ?? entry
            let types = Self.mediaTypes(consumes)
            checkShared("request body", name, uses: types, as: "consumes", documentConsumes, reference, pointer)
            let target = Self.node(
                .string("#/components/requestBodies" + JSONPointer([name]).description), at: reference)
            return Self.node(.object(SpecObject([("$ref", target)])), at: entry)
        }
    }

    /// A body parameter as a request body, with one content entry per consumed media type.
    mutating func requestBody(fromBody node: SpecNode, consumes: [String]?, at pointer: JSONPointer) -> SpecNode {
        guard let object = node.object else { return node }
        let types = Self.mediaTypes(consumes)
        var result = SpecObject()
        for (key, value) in object.members {
            switch key {
            case "name", "in":
                continue
            case "schema":
                let schema = schema(value, at: pointer.appending(key))
                result["content"] = Self.content(types, at: value) { _ in SpecObject([("schema", schema)]) }
            case "description", "required":
                result[key] = value
            case _ where key.hasPrefix("x-"):
                result[key] = value
            default:
                warn("'\(key)' is not a field of a body parameter; dropped", value, pointer.appending(key))
            }
        }
        if result["content"] == nil { result["content"] = Self.content(types, at: node) { _ in SpecObject() } }
        return Self.node(.object(result), at: node)
    }

    /// formData parameters as one request body whose schema has a property per parameter.
    mutating func formBody(_ fields: [ParameterSplit.Field], consumes: [String]?) -> SpecNode {
        let anchor = fields[0].node
        var properties = SpecObject()
        var required: [SpecNode] = []
        var encoding = SpecObject()
        for field in fields {
            guard let object = field.node.object else { continue }
            var property = SpecObject()
            for (key, value) in object.members {
                switch key {
                case "name", "in", "collectionFormat", "description", "required":
                    continue
                case _ where key.hasPrefix("x-") || Self.simpleSchemaKeys.contains(key):
                    continue
                case "allowEmptyValue":
                    warn(
                        "allowEmptyValue has no OpenAPI 3 equivalent for form fields; dropped", value,
                        field.pointer.appending(key))
                default:
                    warn(
                        "'\(key)' is not a field of a formData parameter; dropped", value, field.pointer.appending(key))
                }
            }
            property["description"] = object["description"]
            let schema = simpleSchema(field.node, extensions: true, at: field.pointer)
            for (key, value) in schema.object?.members ?? SpecObject().members { property[key] = value }
            properties[field.name] = Self.node(.object(property), at: field.node)
            if let flag = object["required"], flag.bool == true {
                required.append(Self.node(.string(field.name), at: flag))
            }
            if object["type"]?.string == "array" {
                let format = object["collectionFormat"]
                let (style, explode) = style(format, in: "formData", at: field.pointer)
                if style != "form" || explode != true {
                    let at = format ?? object["type"]!
                    var entry = SpecObject([("style", Self.node(.string(style), at: at))])
                    entry["explode"] = explode.map { Self.node(.bool($0), at: at) }
                    encoding[field.name] = Self.node(.object(entry), at: at)
                }
            }
        }
        var schema = SpecObject([("type", Self.node(.string("object"), at: anchor))])
        schema["properties"] = Self.node(.object(properties), at: anchor)
        if !required.isEmpty { schema["required"] = Self.node(.array(required), at: required[0]) }
        let schemaNode = Self.node(.object(schema), at: anchor)
        let types = formMediaTypes(for: fields, consumes: consumes)
        let content = Self.content(types, at: anchor) { type in
            var media = SpecObject([("schema", schemaNode)])
            if type.hasPrefix("application/x-www-form-urlencoded"), !encoding.isEmpty {
                media["encoding"] = Self.node(.object(encoding), at: anchor)
            }
            return media
        }
        var body = SpecObject([("content", content)])
        if let first = required.first { body["required"] = Self.node(.bool(true), at: first) }
        return Self.node(.object(body), at: anchor)
    }

    /// The form media types of `consumes`; else multipart when a field is a file, else URL-encoded.
    private mutating func formMediaTypes(for fields: [ParameterSplit.Field], consumes: [String]?) -> [String] {
        let listed = (consumes ?? []).filter { type in
            Self.formMediaTypes.contains { type.lowercased().hasPrefix($0) }
        }
        if !listed.isEmpty { return listed }
        let hasFile = fields.contains { $0.node["type"]?.string == "file" }
        let chosen = hasFile ? "multipart/form-data" : "application/x-www-form-urlencoded"
        if let consumes, !consumes.isEmpty {
            warn(
                "formData parameters need a form media type, but consumes lists only "
                    + "\(consumes.joined(separator: ", ")); the form is sent as '\(chosen)' (add it to consumes)",
                fields[0].node, fields[0].pointer)
        }
        return [chosen]
    }

    /// A `content` object with an entry per media type, each made by `media`.
    static func content(_ types: [String], at anchor: SpecNode, _ media: (String) -> SpecObject) -> SpecNode {
        var content = SpecObject()
        for type in types { content[type] = node(.object(media(type)), at: anchor) }
        return node(.object(content), at: anchor)
    }
}
