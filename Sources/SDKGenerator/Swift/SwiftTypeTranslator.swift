import Foundation

/// Turns shapes into Swift type references, hoisting every inline object, enum and union into a
/// named top-level declaration (top-level, so no nested name can shadow a spec type).
final class SwiftTypeTranslator {
    /// Whether a declaration is sent, received, or both: `readOnly` properties are optional in
    /// what is sent, `writeOnly` ones in what is received, and an optional `null` is kept apart
    /// from a missing key only in what is sent.
    struct Usage {
        var request: Bool
        var response: Bool
    }

    let shapes: [String: TypeShape]
    private(set) var names: NameAllocator
    private(set) var typeNames: [String: String] = [:]
    private(set) var declarations: [SwiftDeclaration] = []
    private var nullableNamed: Set<String> = []
    private var cyclicAliases: Set<String> = []
    private var aliasDirect: [String: String] = [:]

    init(model: SDKModel, reserved: Set<String>) {
        shapes = Dictionary(model.types.map { ($0.name, $0.shape) }, uniquingKeysWith: { first, _ in first })
        names = NameAllocator(reserved: SwiftLex.reservedTypes.union(reserved))
        for type in model.types { typeNames[type.name] = names.claim(SwiftLex.typeName(type.name)) }
        for type in model.types {
            switch type.shape {
            case .nullable(let inner) where Self.isDeclared(inner): nullableNamed.insert(type.name)
            case .union(let branches, _) where branches.contains(.null) && branches.count > 2:
                nullableNamed.insert(type.name)
            case .literals(let values)
            where values.contains(.null) && Self.enumRaw(values.filter { $0 != .null }) != nil:
                nullableNamed.insert(type.name)
            default: break
            }
        }
        cyclicAliases = Self.cyclicAliases(shapes)
    }

    /// Claims a type name for something the translator adds (an operation's response enum).
    func claim(_ preferred: String) -> String {
        names.claim(preferred)
    }

    /// Declares every named type of the model, in document order.
    func declareNamedTypes(_ model: SDKModel, usage: (String) -> Usage) {
        for type in model.types {
            var docs = SwiftLex.docLines(type.description)
            if type.deprecated { docs += (docs.isEmpty ? [] : [""]) + ["- Warning: Deprecated."] }
            let name = typeNames[type.name]!
            if cyclicAliases.contains(type.name) {
                declarations.append(.init(name: name, docs: docs, kind: .alias("JSONValue")))
                continue
            }
            var shape = type.shape
            if case .nullable(let inner) = shape, Self.isDeclared(inner) { shape = inner }
            declare(name, shape, docs: docs, usage: usage(type.name))
        }
    }

    private static func isDeclared(_ shape: TypeShape) -> Bool {
        switch shape {
        case .object(let object): !object.properties.isEmpty || object.additional == nil
        case .literals, .union, .intersection: true
        default: false
        }
    }

    // MARK: References

    /// The Swift type for `shape`; inline declarations get names starting with `hint`.
    func reference(_ shape: TypeShape, hint: String, usage: Usage) -> SwiftType {
        switch shape {
        case .any, .null: return SwiftType(base: "JSONValue")
        case .boolean: return SwiftType(base: "Bool")
        case .integer: return SwiftType(base: "Int")
        case .number: return SwiftType(base: "Double")
        case .string: return SwiftType(base: "String")
        case .dateTime: return SwiftType(base: "Date")
        case .binary: return SwiftType(base: "Data")
        case .literals(let values):
            let nullable = values.contains(.null)
            let rest = values.filter { $0 != .null }
            if rest.isEmpty { return SwiftType(base: "JSONValue") }
            if rest.allSatisfy({ if case .bool = $0 { true } else { false } }) {
                return SwiftType(base: "Bool", nullable: nullable)
            }
            guard Self.enumRaw(rest) != nil else { return SwiftType(base: "JSONValue") }
            let name = names.claim(hint)
            declare(name, .literals(rest), docs: [], usage: usage)
            return SwiftType(base: name, nullable: nullable)
        case .array(let item):
            return SwiftType(base: "[\(reference(item, hint: hint + "Item", usage: usage).required)]")
        case .map(let value):
            return SwiftType(base: "[String: \(reference(value, hint: hint + "Value", usage: usage).required)]")
        case .object(let object):
            if object.properties.isEmpty {
                let value = object.additional.map { reference($0, hint: hint + "Value", usage: usage).required }
                return SwiftType(base: "[String: \(value ?? "JSONValue")]")
            }
            let name = names.claim(hint)
            declare(name, shape, docs: [], usage: usage)
            return SwiftType(base: name, direct: name)
        case .named(let specName):
            guard let name = typeNames[specName] else { return SwiftType(base: "JSONValue") }
            return SwiftType(base: name, nullable: nullableNamed.contains(specName), direct: name)
        case .union(let branches, let discriminator):
            let rest = branches.filter { $0 != .null }
            if rest.count == 1 {
                var single = reference(rest[0], hint: hint, usage: usage)
                single.nullable = single.nullable || rest.count < branches.count
                return single
            }
            let name = names.claim(hint)
            declare(name, .union(rest, discriminator), docs: [], usage: usage)
            return SwiftType(base: name, nullable: rest.count < branches.count, direct: name)
        case .intersection:
            let name = names.claim(hint)
            declare(name, shape, docs: [], usage: usage)
            return SwiftType(base: name, direct: name)
        case .nullable(let inner):
            var type = reference(inner, hint: hint, usage: usage)
            type.nullable = true
            return type
        }
    }

    // MARK: Declarations

    private func declare(_ name: String, _ shape: TypeShape, docs: [String], usage: Usage) {
        switch shape {
        case .object(let object) where !object.properties.isEmpty:
            declareStruct(name, object, docs: docs, usage: usage)
        case .literals(let values):
            let rest = values.filter { $0 != .null }
            guard let raw = Self.enumRaw(rest) else {
                declarations.append(.init(name: name, docs: docs, kind: .alias("JSONValue")))
                return
            }
            var cases = NameAllocator()
            let reserved: Set<String> = ["unknown", "rawValue"]
            let members = rest.map { literal -> (name: String, literal: String) in
                switch literal {
                case .string(let text):
                    (
                        cases.claim(SwiftLex.valueName(text, fallback: "empty", reserved: reserved)),
                        SwiftLex.string(text)
                    )
                case .number(let text): (cases.claim(SwiftLex.valueName("value " + text)), text)
                default: ("", "")
                }
            }
            let unique = members.reduce(into: [(name: String, literal: String)]()) { kept, member in
                if !kept.contains(where: { $0.literal == member.literal }) { kept.append(member) }
            }
            declarations.append(.init(name: name, docs: docs, kind: .openEnum(raw: raw, cases: unique)))
        case .union(let branches, let discriminator) where branches.filter({ $0 != .null }).count > 1:
            declareUnion(name, branches.filter { $0 != .null }, discriminator, docs: docs, usage: usage)
        case .intersection(let parts):
            if let merged = merge(parts, depth: 0) {
                declareStruct(name, merged, docs: docs, usage: usage)
            } else {
                var partNames = NameAllocator(reserved: SwiftLex.reservedMembers)
                let members = parts.enumerated().map { index, part -> (name: String, type: String) in
                    let type = reference(part, hint: name + "Part\(index + 1)", usage: usage).required
                    return (partNames.claim(SwiftLex.valueName(type.filter(\.isLetter), fallback: "part")), type)
                }
                declarations.append(.init(name: name, docs: docs, kind: .composition(members)))
            }
        default:
            let target = reference(shape, hint: name + "Value", usage: usage)
            if let direct = target.direct { aliasDirect[name] = direct }
            declarations.append(.init(name: name, docs: docs, kind: .alias(target.required)))
        }
    }

    /// `String` or `Int` when every literal is a string, or every one an integer.
    private static func enumRaw(_ values: [TypeShape.Literal]) -> String? {
        if values.allSatisfy({ if case .string = $0 { true } else { false } }) { return "String" }
        let integers = values.allSatisfy {
            if case .number(let text) = $0 { Int(text) != nil } else { false }
        }
        return integers ? "Int" : nil
    }

    private func declareStruct(_ name: String, _ object: ObjectShape, docs: [String], usage: Usage) {
        // Reserve the slot first so that nested declarations come after their parent.
        let index = declarations.count
        declarations.append(.init(name: name, docs: docs, kind: .structure([])))
        var members = NameAllocator(reserved: SwiftLex.reservedMembers)
        var seen: Set<String> = []
        var properties: [SwiftDeclaration.Property] = []
        for property in object.properties where seen.insert(property.name).inserted {
            let type = reference(
                property.shape, hint: name + Self.suffix(property.name), usage: usage)
            let optional =
                !property.required || (property.readOnly && usage.request) || (property.writeOnly && usage.response)
            var lines = SwiftLex.docLines(property.description)
            if let value = property.defaultValue { lines.append("Default: `\(SwiftLex.inline(value))`.") }
            if property.deprecated { lines.append("- Warning: Deprecated.") }
            let tristate = optional && type.nullable && usage.request
            let literal = optional ? property.defaultValue.flatMap { defaultLiteral($0, type) } : nil
            properties.append(
                .init(
                    name: members.claim(SwiftLex.valueName(property.name)), key: property.name, type: type,
                    optional: optional, tristate: tristate, docs: lines,
                    defaultValue: tristate ? literal.map { ".value(\($0))" } : literal))
        }
        declarations[index].kind = .structure(properties)
        if let additional = object.additional {
            // Claimed after the declared properties, so that a declared one keeps its name.
            let value = reference(additional, hint: name + "AdditionalValue", usage: usage).required
            declarations[index].additional = .init(
                name: members.claim("additionalProperties"), valueType: value)
        }
    }

    /// A spec name as the end of a type name: `last_seen` → `LastSeen`.
    static func suffix(_ name: String) -> String {
        let pascal = Naming.pascalCase(name)
        return pascal.isEmpty ? "Value" : pascal
    }

    /// A default value as a Swift literal, when it is a plain string, number or boolean of the
    /// property's type.
    private func defaultLiteral(_ json: String, _ type: SwiftType) -> String? {
        switch type.base {
        case "String":
            guard json.hasPrefix("\""),
                let text = try? JSONDecoder().decode(String.self, from: Data(json.utf8))
            else { return nil }
            return SwiftLex.string(text)
        case "Int": return Int(json).map(String.init)
        case "Double": return Double(json) != nil && json.first != "." ? json : nil
        case "Bool": return json == "true" || json == "false" ? json : nil
        default: return nil
        }
    }

    private func declareUnion(
        _ name: String, _ branches: [TypeShape], _ discriminator: TypeShape.Discriminator?, docs: [String],
        usage: Usage
    ) {
        let index = declarations.count
        declarations.append(.init(name: name, docs: docs, kind: .union(cases: [], discriminator: nil)))
        var caseNames = NameAllocator(reserved: SwiftLex.reservedMembers)
        var cases: [SwiftDeclaration.UnionCase] = []
        var values: [(value: String, caseName: String)] = []
        for (position, branch) in branches.enumerated() {
            let type = reference(branch, hint: name + "Option\(position + 1)", usage: usage)
            let caseName = caseNames.claim(Self.caseName(type.base))
            cases.append(.init(name: caseName, type: type.required, direct: type.direct))
            if case .named(let specName) = branch, let value = discriminator?.values[specName] {
                values.append((value, caseName))
            }
        }
        let tagged = discriminator.map { SwiftDeclaration.Discriminator(property: $0.propertyName, values: values) }
        declarations[index].kind = .union(cases: cases, discriminator: tagged)
    }

    /// A union case name from its type: `Cat` → `cat`, `[String]` → `stringArray`.
    static func caseName(_ type: String) -> String {
        if type.hasPrefix("[String: ") { return "object" }
        if type.hasPrefix("[") { return caseName(String(type.dropFirst().dropLast())) + "Array" }
        let plain = type.filter { $0.isLetter || $0.isNumber }
        return SwiftLex.valueName(plain == "JSONValue" ? "value" : plain)
    }

    /// The properties of an `allOf` whose parts are all objects, merged; nil when one is not.
    private func merge(_ parts: [TypeShape], depth: Int) -> ObjectShape? {
        guard depth < 16 else { return nil }
        var merged = ObjectShape(properties: [], additional: nil)
        for part in parts {
            let object: ObjectShape?
            switch part {
            case .object(let inline): object = inline
            case .named(let name): object = shapes[name].flatMap { merge([$0], depth: depth + 1) }
            case .intersection(let inner): object = merge(inner, depth: depth + 1)
            case .any: object = ObjectShape(properties: [], additional: nil)
            default: object = nil
            }
            guard let object else { return nil }
            merged.additional = object.additional ?? merged.additional
            for property in object.properties {
                if let existing = merged.properties.firstIndex(where: { $0.name == property.name }) {
                    let required = merged.properties[existing].required || property.required
                    merged.properties[existing] = property
                    merged.properties[existing].required = required
                } else {
                    merged.properties.append(property)
                }
            }
        }
        return merged.properties.isEmpty ? nil : merged
    }

    // MARK: Recursion

    /// Named types that are aliases of themselves (`A = [A]`): those become `JSONValue`.
    private static func cyclicAliases(_ shapes: [String: TypeShape]) -> Set<String> {
        func targets(_ shape: TypeShape) -> [String] {
            switch shape {
            case .named(let name): [name]
            case .array(let inner), .map(let inner), .nullable(let inner): targets(inner)
            case .object(let object) where object.properties.isEmpty: object.additional.map(targets) ?? []
            default: []
            }
        }
        var cyclic: Set<String> = []
        for name in shapes.keys.sorted() {
            var seen: Set<String> = []
            var queue = targets(shapes[name]!)
            while let next = queue.popLast() {
                if next == name {
                    cyclic.insert(name)
                    break
                }
                if seen.insert(next).inserted, let shape = shapes[next] { queue += targets(shape) }
            }
        }
        return cyclic
    }

    /// Records, for each union case that holds a struct (directly or through aliases), the keys
    /// of that struct's required properties, so that decoding can prefer a full match.
    func resolveUnionKeys() {
        let byName = Dictionary(declarations.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        func requiredKeys(_ direct: String?) -> [String] {
            var name = direct
            var hops = 0
            while let current = name, hops < 16 {
                switch byName[current]?.kind {
                case .structure(let properties)?: return properties.filter { !$0.optional }.map(\.key)
                case .alias?: name = aliasDirect[current]
                default: return []
                }
                hops += 1
            }
            return []
        }
        for index in declarations.indices {
            guard case .union(var cases, let discriminator) = declarations[index].kind else { continue }
            for position in cases.indices where !cases[position].type.hasSuffix("?") {
                cases[position].keys = requiredKeys(cases[position].direct)
            }
            declarations[index].kind = .union(cases: cases, discriminator: discriminator)
        }
    }

    /// Boxes struct properties and marks unions `indirect` where a type contains itself, directly
    /// or through other types (strongly connected components of the containment graph).
    func breakCycles() {
        var edges: [String: [String]] = [:]
        for declaration in declarations {
            switch declaration.kind {
            case .structure(let properties): edges[declaration.name] = properties.compactMap(\.type.direct)
            case .union(let cases, _): edges[declaration.name] = cases.compactMap(\.direct)
            case .alias: edges[declaration.name] = aliasDirect[declaration.name].map { [$0] } ?? []
            default: break
            }
        }
        let component = StronglyConnected(edges).component
        for index in declarations.indices {
            let name = declarations[index].name
            guard let own = component[name] else { continue }
            switch declarations[index].kind {
            case .structure(var properties):
                for position in properties.indices {
                    if let direct = properties[position].type.direct, component[direct] == own {
                        properties[position].boxed = true
                    }
                }
                declarations[index].kind = .structure(properties)
            case .union(let cases, _):
                declarations[index].indirect = cases.contains { $0.direct.map { component[$0] == own } ?? false }
            default: break
            }
        }
    }
}
