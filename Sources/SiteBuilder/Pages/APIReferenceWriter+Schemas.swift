import APISpec

extension APIReferenceWriter {
    /// The named schemas of `components/schemas`, each with its anchor.
    mutating func writeSchemas(_ schemas: SpecObject) {
        guard !schemas.isEmpty else { return }
        html += "<section id=\"schemas\" class=\"api-schemas\">\n<h2>Schemas</h2>\n"
        for (name, node) in schemas.members {
            let schema = lookup.resolved(node)
            html += "<section id=\"\(HTMLEscaping.escape(ReferenceAnchor.schema(name)))\" class=\"api-schema\">\n"
            html += "<h3>\(HTMLEscaping.escape(name))</h3>\n"
            if schema.object?["deprecated"]?.bool == true { html += "<p class=\"deprecated\">Deprecated.</p>\n" }
            markdown(schema["description"]?.string ?? schema["title"]?.string)
            html += "<p class=\"schema-type\">Type: \(types.html(node))</p>\n"
            writeFacts(schema, example: nil)
            writeProperties(schema)
            if let example = schema["example"] ?? schema["examples"]?.array?.first {
                writeExample(example, label: "Example")
            }
            html += "</section>\n"
        }
        html += "</section>\n"
    }

    /// The media types of a request body, with their schemas (inline objects with their
    /// properties) and examples.
    mutating func writeContent(_ node: SpecNode?, label: String) {
        guard let content = lookup.object(node), !content.isEmpty else { return }
        for (type, media) in content.members {
            html += "<p class=\"media-type\"><code>\(HTMLEscaping.escape(type))</code>: "
            html += (media["schema"].map { types.html($0) } ?? "any") + "</p>\n"
            if let schema = media["schema"], SpecLookup.schemaName(schema) == nil {
                writeProperties(lookup.resolved(schema))
            }
        }
        writeExamples(node, label: label)
    }

    /// The examples of each media type in `node` (a `content` object), as indented JSON.
    mutating func writeExamples(_ node: SpecNode?, label: String) {
        guard let content = lookup.object(node) else { return }
        for (type, media) in content.members {
            if let example = media["example"] { writeExample(example, label: "\(label) (\(type))") }
            for (name, example) in lookup.object(media["examples"])?.members ?? SpecObject().members {
                guard let value = lookup.object(example)?["value"] else { continue }
                writeExample(value, label: "\(label) (\(type)): \(name)")
            }
        }
    }

    private mutating func writeExample(_ value: SpecNode, label: String) {
        html += "<details class=\"example\"><summary>\(HTMLEscaping.escape(label))</summary>\n"
        html +=
            "<pre><code class=\"language-json\">\(HTMLEscaping.escape(PrettyJSON.text(value)))</code></pre>\n</details>\n"
    }

    /// A table of the object's properties (with those of inline `allOf` parts).
    mutating func writeProperties(_ schema: SpecNode) {
        var required: Set<String> = []
        var properties: [(String, SpecNode)] = []
        collectProperties(schema, into: &properties, required: &required, depth: 0)
        guard !properties.isEmpty else { return }
        html += "<table class=\"properties\">\n<thead><tr><th>Property</th><th>Type</th><th>Required</th>"
        html += "<th>Description</th></tr></thead>\n<tbody>\n"
        for (name, node) in properties {
            // A named schema is described in its own section; the property says only what it adds.
            let property = SpecLookup.schemaName(node) == nil ? lookup.resolved(node) : node
            html += "<tr><td><code>\(HTMLEscaping.escape(name))</code></td><td>\(types.html(node))</td>"
            html += "<td>\(required.contains(name) ? "yes" : "no")</td><td>"
            markdown(property["description"]?.string)
            writeFacts(property, example: nil)
            html += "</td></tr>\n"
        }
        html += "</tbody>\n</table>\n"
    }

    private func collectProperties(
        _ schema: SpecNode, into properties: inout [(String, SpecNode)], required: inout Set<String>, depth: Int
    ) {
        guard depth < 8, let object = schema.object else { return }
        for name in object["required"]?.array ?? [] { if let name = name.string { required.insert(name) } }
        for (name, node) in object["properties"]?.object?.members ?? SpecObject().members {
            properties.append((name, node))
        }
        for part in object["allOf"]?.array ?? [] where SpecLookup.schemaName(part) == nil {
            collectProperties(lookup.resolved(part), into: &properties, required: &required, depth: depth + 1)
        }
    }

    /// A line of facts about a value: its allowed values, default, flags and example.
    mutating func writeFacts(_ schema: SpecNode?, example: SpecNode?) {
        var facts: [String] = []
        let object = schema?.object
        if let values = object?["enum"]?.array, !values.isEmpty {
            facts.append("Values: " + values.map(Self.code).joined(separator: ", "))
        }
        if let value = object?["default"] { facts.append("Default: " + Self.code(value)) }
        if object?["readOnly"]?.bool == true { facts.append("Read-only") }
        if object?["writeOnly"]?.bool == true { facts.append("Write-only") }
        if object?["deprecated"]?.bool == true { facts.append("Deprecated") }
        if let example { facts.append("Example: " + Self.code(example)) }
        guard !facts.isEmpty else { return }
        html += "<p class=\"facts\">" + facts.joined(separator: ". ") + ".</p>\n"
    }

    private static func code(_ value: SpecNode) -> String {
        let text: String
        switch value.value {
        case .string(let string): text = string
        default: text = PrettyJSON.text(value)
        }
        return "<code>\(HTMLEscaping.escape(text))</code>"
    }
}
