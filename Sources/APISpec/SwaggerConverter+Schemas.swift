extension SwaggerConverter {
    /// The fields of a Swagger parameter, header or items object that describe its value; in
    /// OpenAPI 3 they live in a `schema`.
    static let simpleSchemaKeys: Set = [
        "type", "format", "items", "enum", "default", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum",
        "maxLength", "minLength", "pattern", "maxItems", "minItems", "uniqueItems", "multipleOf",
    ]

    /// The schema of a parameter, header or items object, from its type fields. With
    /// `extensions`, its `x-` fields go into the schema too (as they do for items and form fields).
    mutating func simpleSchema(_ node: SpecNode, extensions: Bool, at pointer: JSONPointer) -> SpecNode {
        guard let object = node.object else { return node }
        var result = SpecObject()
        for (key, value) in object.members {
            switch key {
            case "type" where value.string == "file":
                result["type"] = Self.node(.string("string"), at: value)
                result["format"] = Self.node(.string("binary"), at: value)
            case "format" where object["type"]?.string == "file":
                continue
            case "items":
                result[key] = simpleSchema(value, extensions: true, at: pointer.appending(key))
                if let format = value["collectionFormat"], format.string != "csv" {
                    warn(
                        "collectionFormat '\(format.string ?? format.scalarText)' of nested items has no OpenAPI 3 "
                            + "equivalent; dropped (describe the inner separator in the description)",
                        format, pointer.appending(key).appending("collectionFormat"))
                }
            case _ where Self.simpleSchemaKeys.contains(key), _ where extensions && key.hasPrefix("x-"):
                result[key] = value
            default:
                continue
            }
        }
        return Self.node(.object(result), at: node)
    }

    /// A schema with its references rewritten, `x-nullable` as `nullable`, `type: file` as a
    /// binary string and a string `discriminator` as an object; nested schemas likewise.
    mutating func schema(_ node: SpecNode, at pointer: JSONPointer) -> SpecNode {
        guard let object = node.object else { return node }
        let isFile = object["type"]?.string == "file"
        var result = SpecObject()
        for (key, value) in object.members {
            let here = pointer.appending(key)
            switch key {
            case "$ref":
                result[key] = value.string.map { Self.node(.string(Self.reference($0)), at: value) } ?? value
            case "x-nullable":
                result["nullable"] = value
            case "type" where isFile:
                result["type"] = Self.node(.string("string"), at: value)
                result["format"] = Self.node(.string("binary"), at: value)
            case "format" where isFile:
                continue
            case "discriminator" where value.string != nil:
                result[key] = Self.node(.object(SpecObject([("propertyName", value)])), at: value)
            case "properties":
                result[key] = map(value, at: here) { $0.schema($1, at: $2) }
            case "items", "additionalProperties", "not":
                result[key] = value.array == nil ? schema(value, at: here) : schemas(value, at: here)
            case "allOf", "anyOf", "oneOf":
                result[key] = schemas(value, at: here)
            default:
                result[key] = value
            }
        }
        return Self.node(.object(result), at: node)
    }

    /// A list of schemas, each converted.
    private mutating func schemas(_ node: SpecNode, at pointer: JSONPointer) -> SpecNode {
        guard let items = node.array else { return schema(node, at: pointer) }
        var converted: [SpecNode] = []
        for (position, item) in items.enumerated() {
            converted.append(schema(item, at: pointer.appending(String(position))))
        }
        return Self.node(.array(converted), at: node)
    }
}
