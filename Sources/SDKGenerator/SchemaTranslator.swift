import APISpec

/// Reduces JSON Schemas (OpenAPI 3.0 or 3.1 flavour) to `TypeShape`s. References to
/// `components/schemas` stay names, so recursive types stay finite; other references are
/// followed and inlined, a bounded number of levels deep.
struct SchemaTranslator {
    let tree: SpecTree
    /// The names under `components/schemas`.
    let componentNames: Set<String>

    static let componentPrefix = "#/components/schemas/"

    func shape(_ node: SpecNode) -> TypeShape {
        shape(node, depth: 0)
    }

    private func shape(_ node: SpecNode, depth: Int) -> TypeShape {
        let base = coreShape(node, depth: depth)
        let types = node["type"]?.array?.compactMap(\.string) ?? []
        let nullable = node["nullable"]?.bool == true || types.contains("null") && types.count > 1
        switch base {
        case .any, .null, .nullable: return base
        case .literals(let values) where values.contains(.null): return base
        case .union(let shapes, _) where shapes.contains(.null): return base
        default: return nullable ? .nullable(base) : base
        }
    }

    private func coreShape(_ node: SpecNode, depth: Int) -> TypeShape {
        guard depth < 64, let object = node.object else { return .any }
        if let reference = object["$ref"]?.string { return self.reference(reference, node, depth: depth) }
        if let values = object["enum"]?.array, !values.isEmpty { return .literals(values.map(Self.literal)) }
        if let value = object["const"] { return .literals([Self.literal(value)]) }
        if let parts = object["allOf"]?.array {
            return flatten(parts.map { shape($0, depth: depth + 1) }, intersect: true, discriminator: nil)
        }
        if let parts = object["oneOf"]?.array ?? object["anyOf"]?.array {
            let shapes = parts.map { shape($0, depth: depth + 1) }
            return flatten(shapes, intersect: false, discriminator: discriminator(object["discriminator"], shapes))
        }
        let types = object["type"]?.array?.compactMap(\.string) ?? object["type"]?.string.map { [$0] } ?? []
        let concrete = types.filter { $0 != "null" }
        if concrete.count > 1 {
            return .union(concrete.map { typed($0, object, depth: depth) }, nil)
        }
        if let type = concrete.first { return typed(type, object, depth: depth) }
        if types == ["null"] { return .null }
        if object["properties"] != nil || object["additionalProperties"] != nil || object["required"] != nil {
            return typed("object", object, depth: depth)
        }
        if object["items"] != nil { return typed("array", object, depth: depth) }
        return .any
    }

    private func typed(_ type: String, _ object: SpecObject, depth: Int) -> TypeShape {
        switch type {
        case "null": return .null
        case "boolean": return .boolean
        case "integer": return .integer
        case "number": return .number
        case "string":
            let format = object["format"]?.string
            if format == "date-time" { return .dateTime }
            if format == "binary" || object["contentEncoding"]?.string == "binary" { return .binary }
            return .string(format: format?.isEmpty == false ? format : nil)
        case "array": return .array(object["items"].map { shape($0, depth: depth + 1) } ?? .any)
        case "object": return objectShape(object, depth: depth)
        default: return .any
        }
    }

    private func reference(_ reference: String, _ node: SpecNode, depth: Int) -> TypeShape {
        if reference.hasPrefix(Self.componentPrefix),
            let pointer = JSONPointer(parsing: String(reference.dropFirst())), pointer.tokens.count == 3,
            componentNames.contains(pointer.tokens[2])
        {
            return .named(pointer.tokens[2])
        }
        let target = tree.resolved(node)
        return target["$ref"] == nil ? shape(target, depth: depth + 1) : .any
    }

    private func objectShape(_ object: SpecObject, depth: Int) -> TypeShape {
        let required = Set(object["required"]?.array?.compactMap(\.string) ?? [])
        var properties =
            (object["properties"]?.object?.members).map { members in
                members.map { name, schema in
                    ObjectShape.Property(
                        name: name, shape: shape(schema, depth: depth + 1), required: required.contains(name),
                        readOnly: schema["readOnly"]?.bool == true, writeOnly: schema["writeOnly"]?.bool == true,
                        deprecated: schema["deprecated"]?.bool == true,
                        description: schema["description"]?.string ?? schema["title"]?.string,
                        defaultValue: schema["default"].map { String(decoding: $0.jsonBytes(), as: UTF8.self) })
                }
            } ?? []
        // A required name with no schema of its own must still be there, with any value.
        let declared = Set(properties.map(\.name))
        for name in object["required"]?.array?.compactMap(\.string) ?? [] where !declared.contains(name) {
            properties.append(
                .init(
                    name: name, shape: .any, required: true, readOnly: false, writeOnly: false, deprecated: false,
                    description: nil, defaultValue: nil))
        }
        let additional: TypeShape? =
            switch object["additionalProperties"]?.value {
            case .bool(true)?: .any
            case .object?: shape(object["additionalProperties"]!, depth: depth + 1)
            default: nil
            }
        if properties.isEmpty, let additional { return .map(additional) }
        return .object(ObjectShape(properties: properties, additional: additional))
    }

    /// Drops branches that say nothing, and a union or intersection of one.
    private func flatten(_ shapes: [TypeShape], intersect: Bool, discriminator: TypeShape.Discriminator?) -> TypeShape {
        var kept = shapes
        if intersect { kept.removeAll { $0 == .any } }
        if kept.isEmpty { return .any }
        if kept.count == 1 { return kept[0] }
        return intersect ? .intersection(kept) : .union(kept, discriminator)
    }

    /// The discriminator value of each named branch: from the mapping, else the schema's name.
    private func discriminator(_ node: SpecNode?, _ shapes: [TypeShape]) -> TypeShape.Discriminator? {
        guard let property = node?["propertyName"]?.string else { return nil }
        var values: [String: String] = [:]
        for case .named(let name) in shapes { values[name] = name }
        for (key, target) in node?["mapping"]?.object?.members ?? SpecObject().members {
            guard let target = target.string else { continue }
            let name =
                target.hasPrefix(Self.componentPrefix) ? String(target.dropFirst(Self.componentPrefix.count)) : target
            if values[name] != nil { values[name] = key }
        }
        return .init(propertyName: property, values: values)
    }

    static func literal(_ node: SpecNode) -> TypeShape.Literal {
        switch node.value {
        case .string(let text): .string(text)
        case .number(let text): .number(text)
        case .bool(let flag): .bool(flag)
        case .null: .null
        case .array, .object: .string(String(decoding: node.jsonBytes(), as: UTF8.self))
        }
    }
}
