/// Writes TypeScript type expressions for shapes. A named type may have two views: what the
/// server sends (`readOnly` kept, `writeOnly` dropped, date-times as `Date`) and what a client
/// sends (the reverse, date-times as `Date | string`); `inputNames` names the second view where
/// it differs.
struct TSTypes {
    enum View {
        case response, request
    }

    let names: [String: String]
    let inputNames: [String: String]
    let dates: Bool

    func render(_ shape: TypeShape, _ view: View, indent: String = "") -> String {
        switch shape {
        case .any: return "unknown"
        case .null: return "null"
        case .boolean: return "boolean"
        case .integer, .number: return "number"
        case .string: return "string"
        case .dateTime: return !dates ? "string" : view == .response ? "Date" : "Date | string"
        case .binary: return "Blob"
        case .literals(let values): return values.map(Self.literal).joined(separator: " | ")
        case .array(let item):
            let inner = render(item, view, indent: indent)
            return Self.isSimple(inner) ? inner + "[]" : "Array<\(inner)>"
        // An index signature rather than `Record<…>`, which a recursive alias may not reference.
        case .map(let value): return "{ [key: string]: \(render(value, view, indent: indent)) }"
        case .object(let object): return objectLiteral(object, view, indent: indent)
        case .named(let name):
            if view == .request, let input = inputNames[name] { return input }
            return names[name] ?? "unknown"
        case .nullable(let inner): return render(inner, view, indent: indent) + " | null"
        case .union(let shapes, let discriminator):
            return shapes.map { branch in
                let text = render(branch, view, indent: indent)
                guard let discriminator, case .named(let name) = branch, let value = discriminator.values[name] else {
                    return parenthesized(text)
                }
                return "(\(text) & { \(JS.propertyKey(discriminator.propertyName)): \(JS.string(value)) })"
            }.joined(separator: " | ")
        case .intersection(let shapes):
            return shapes.map { parenthesized(render($0, view, indent: indent)) }.joined(separator: " & ")
        }
    }

    /// The members of an object type, one per line, each with its documentation.
    func members(_ object: ObjectShape, _ view: View, indent: String) -> [String] {
        var lines: [String] = []
        for property in object.properties {
            if view == .response && property.writeOnly || view == .request && property.readOnly { continue }
            let docs = Self.propertyDocs(property)
            if !docs.isEmpty {
                lines.append(indent + "/** " + JS.commentSafe(docs.joined(separator: " ")) + " */")
            }
            let optional = property.required ? "" : "?"
            let type = render(property.shape, view, indent: indent)
            lines.append(indent + "\(JS.propertyKey(property.name))\(optional): \(type);")
        }
        if object.additional != nil {
            lines.append(indent + "[key: string]: unknown;")
        }
        return lines
    }

    private func objectLiteral(_ object: ObjectShape, _ view: View, indent: String) -> String {
        let lines = members(object, view, indent: indent + "  ")
        if lines.isEmpty { return object.additional != nil ? "Record<string, unknown>" : "{}" }
        return "{\n" + lines.joined(separator: "\n") + "\n" + indent + "}"
    }

    static func propertyDocs(_ property: ObjectShape.Property) -> [String] {
        var docs: [String] = []
        if let description = property.description, !description.isEmpty {
            docs.append(description.split(whereSeparator: \.isNewline).joined(separator: " "))
        }
        if let value = property.defaultValue { docs.append("Default: `\(value)`.") }
        if property.readOnly { docs.append("Read-only.") }
        if property.writeOnly { docs.append("Write-only.") }
        if property.deprecated { docs.append("@deprecated") }
        return docs
    }

    static func literal(_ value: TypeShape.Literal) -> String {
        switch value {
        case .string(let string): JS.string(string)
        case .number(let number): number
        case .bool(let bool): bool ? "true" : "false"
        case .null: "null"
        }
    }

    private static func isSimple(_ text: String) -> Bool {
        !text.contains(" ") && !text.contains("\n")
    }

    private func parenthesized(_ text: String) -> String {
        Self.isSimple(text) || text.hasPrefix("{") && text.hasSuffix("}") && !text.contains("} |") ? text : "(\(text))"
    }
}
