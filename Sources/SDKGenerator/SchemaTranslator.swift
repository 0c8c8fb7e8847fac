import Foundation
import OpenAPIKit

/// Reduces JSON Schemas to `TypeShape`s. References to `components/schemas` stay names, so
/// recursive types stay finite; other references are followed and inlined, a bounded number of
/// levels deep.
struct SchemaTranslator {
    let components: OpenAPI.Components

    func shape(_ schema: JSONSchema) -> TypeShape {
        shape(schema, depth: 0)
    }

    private func shape(_ schema: JSONSchema, depth: Int) -> TypeShape {
        let base = coreShape(schema, depth: depth)
        switch base {
        case .any, .null, .nullable: return base
        case .literals(let values) where values.contains(.null): return base
        case .union(let shapes, _) where shapes.contains(.null): return base
        default: return schema.nullable ? .nullable(base) : base
        }
    }

    private func coreShape(_ schema: JSONSchema, depth: Int) -> TypeShape {
        guard depth < 64 else { return .any }
        if let values = schema.allowedValues, !values.isEmpty, !schema.isReference {
            return .literals(values.map(Self.literal))
        }
        switch schema.value {
        case .null: return .null
        case .boolean: return .boolean
        case .integer: return .integer
        case .number: return .number
        case .string(let core, let string):
            switch core.formatString {
            case "date-time": return .dateTime
            case "binary": return .binary
            case let format:
                if string.contentEncoding == .binary { return .binary }
                return .string(format: format?.isEmpty == false ? format : nil)
            }
        case .array(_, let array):
            return .array(array.items.map { shape($0, depth: depth + 1) } ?? .any)
        case .object(_, let object):
            return objectShape(object, depth: depth)
        case .all(let schemas, _):
            return flatten(schemas.map { shape($0, depth: depth + 1) }, intersect: true, discriminator: nil)
        case .one(let schemas, let core), .any(let schemas, let core):
            let shapes = schemas.map { shape($0, depth: depth + 1) }
            return flatten(shapes, intersect: false, discriminator: discriminator(core.discriminator, shapes))
        case .not, .fragment:
            return .any
        case .reference(let reference, _):
            let prefix = "#/components/schemas/"
            let pointer = reference.absoluteString
            if pointer.hasPrefix(prefix), !pointer.dropFirst(prefix.count).contains("/"), let name = reference.name,
                components.schemas[.init(stringLiteral: name)] != nil
            {
                return .named(name)
            }
            guard let target = try? components.lookup(schema) else { return .any }
            return shape(target, depth: depth + 1)
        }
    }

    private func objectShape(_ object: JSONSchema.ObjectContext, depth: Int) -> TypeShape {
        let properties = object.properties.map { name, schema in
            ObjectShape.Property(
                name: name, shape: shape(schema, depth: depth + 1), required: schema.required,
                readOnly: schema.readOnly, writeOnly: schema.writeOnly, deprecated: schema.deprecated,
                description: schema.description ?? schema.title, defaultValue: schema.defaultValue.flatMap(Self.json))
        }
        let additional: TypeShape? =
            switch object.additionalProperties {
            case .a(true)?: .any
            case .b(let schema)?: shape(schema, depth: depth + 1)
            case .a(false)?, nil: nil
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
    private func discriminator(_ value: OpenAPI.Discriminator?, _ shapes: [TypeShape]) -> TypeShape.Discriminator? {
        guard let value else { return nil }
        var values: [String: String] = [:]
        for case .named(let name) in shapes { values[name] = name }
        for (key, target) in value.mapping ?? [:] {
            let name = target.hasPrefix("#/components/schemas/") ? String(target.dropFirst(21)) : target
            if values[name] != nil { values[name] = key }
        }
        return .init(propertyName: value.propertyName, values: values)
    }

    static func literal(_ value: AnyCodable) -> TypeShape.Literal {
        switch value.value {
        case let string as String: return .string(string)
        case let bool as Bool: return .bool(bool)
        case let int as Int: return .number(String(int))
        case let double as Double: return .number(double.rounded() == double ? String(Int(double)) : String(double))
        default:
            let text = json(value) ?? ""
            return text == "null" ? .null : .string(text)
        }
    }

    static func json(_ value: AnyCodable) -> String? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).flatMap { String(data: $0, encoding: .utf8) }
    }
}
