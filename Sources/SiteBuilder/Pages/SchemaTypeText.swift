import APISpec

/// A schema's type as one line of HTML for the API reference: `string (date-time)`,
/// `array of <a href="#schema-Message">Message</a>`, `Room | null`, `map of integer`.
struct SchemaTypeText {
    let lookup: SpecLookup

    /// The schema's type; named schemas are links to their anchors. All spec text is escaped.
    func html(_ node: SpecNode, depth: Int = 0) -> String {
        if let name = SpecLookup.schemaName(node) {
            return "<a href=\"#\(HTMLEscaping.escape(ReferenceAnchor.schema(name)))\">\(HTMLEscaping.escape(name))</a>"
        }
        let schema = lookup.resolved(node)
        guard let object = schema.object else { return schema.bool == false ? "never" : "any" }
        guard depth < 4 else { return "…" }
        var text = composition(object, depth: depth) ?? base(object, depth: depth)
        if object["nullable"]?.bool == true, !text.hasSuffix(" | null") { text += " | null" }
        return text
    }

    private func composition(_ object: SpecObject, depth: Int) -> String? {
        for (key, separator) in [("oneOf", " | "), ("anyOf", " | "), ("allOf", " &amp; ")] {
            guard let parts = object[key]?.array, !parts.isEmpty else { continue }
            if key == "allOf", parts.count == 1 { return html(parts[0], depth: depth + 1) }
            let joined = parts.map { html($0, depth: depth + 1) }.joined(separator: separator)
            return parts.count > 1 ? "(\(joined))" : joined
        }
        return nil
    }

    private func base(_ object: SpecObject, depth: Int) -> String {
        if let constant = object["const"] {
            return "<code>" + HTMLEscaping.escape(PrettyJSON.text(constant)) + "</code>"
        }
        let types: [String]
        switch object["type"]?.value {
        case .string(let type)?: types = [type]
        case .array(let items)?: types = items.compactMap(\.string)
        default:
            if object["properties"] != nil || object["additionalProperties"] != nil {
                types = ["object"]
            } else if object["items"] != nil {
                types = ["array"]
            } else {
                types = []
            }
        }
        guard !types.isEmpty else { return "any" }
        return types.map { single($0, object, depth: depth) }.joined(separator: " | ")
    }

    private func single(_ type: String, _ object: SpecObject, depth: Int) -> String {
        switch type {
        case "array":
            guard let items = object["items"] else { return "array" }
            return "array of " + html(items, depth: depth + 1)
        case "object":
            if object["properties"]?.object?.isEmpty ?? true, let values = object["additionalProperties"],
                values.object != nil
            {
                return "map of " + html(values, depth: depth + 1)
            }
            return "object"
        default:
            var text = HTMLEscaping.escape(type)
            if let format = object["format"]?.string { text += " (" + HTMLEscaping.escape(format) + ")" }
            return text
        }
    }
}
