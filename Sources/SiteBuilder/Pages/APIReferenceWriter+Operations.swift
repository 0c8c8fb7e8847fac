import APISpec

extension APIReferenceWriter {
    /// One operation of the spec, with where it is on the page.
    struct OperationEntry {
        var method: String
        var path: String
        var object: SpecObject
        /// The path item's parameters, shared by its operations.
        var shared: [SpecNode]
        var anchor: String
    }

    /// The operations under one tag (`Other` for untagged ones).
    struct OperationGroup {
        var name: String
        var description: String?
        var anchor: String
        var operations: [OperationEntry]
    }

    /// Operations grouped by their first tag: the document's tags in order, then tags as they
    /// first appear, then untagged operations; operations in spec order within each group.
    mutating func operationGroups() -> [OperationGroup] {
        var order: [String] = []
        var descriptions: [String: String] = [:]
        for tag in document["tags"]?.array ?? [] {
            guard let name = tag["name"]?.string, descriptions[name] == nil else { continue }
            order.append(name)
            descriptions[name] = tag["description"]?.string ?? ""
        }
        var byTag: [String: [OperationEntry]] = [:]
        var untagged: [OperationEntry] = []
        for (path, item) in lookup.object(document["paths"])?.members ?? SpecObject().members {
            guard let item = lookup.object(item) else { continue }
            let shared = item["parameters"]?.array ?? []
            for (method, node) in item.members where Self.methods.contains(method) {
                guard let operation = lookup.object(node) else { continue }
                let preferred =
                    operation["operationId"]?.string.map(ReferenceAnchor.operation)
                    ?? "op-\(method)-\(HeadingSlugger.baseSlug(path))"
                let entry = OperationEntry(
                    method: method, path: path, object: operation, shared: shared, anchor: uniqueAnchor(preferred))
                guard let tag = operation["tags"]?.array?.first?.string else {
                    untagged.append(entry)
                    continue
                }
                if descriptions[tag] == nil {
                    order.append(tag)
                    descriptions[tag] = ""
                }
                byTag[tag, default: []].append(entry)
            }
        }
        var groups: [OperationGroup] = []
        for name in order {
            guard let operations = byTag[name] else { continue }
            let description = descriptions[name].flatMap { $0.isEmpty ? nil : $0 }
            groups.append(
                .init(
                    name: name, description: description, anchor: uniqueAnchor(ReferenceAnchor.tag(name)),
                    operations: operations))
        }
        if !untagged.isEmpty {
            let name = groups.isEmpty ? "Operations" : "Other"
            groups.append(.init(name: name, anchor: uniqueAnchor(ReferenceAnchor.tag(name)), operations: untagged))
        }
        return groups
    }

    mutating func write(_ group: OperationGroup) {
        html += "<section id=\"\(HTMLEscaping.escape(group.anchor))\" class=\"api-tag\">\n"
        html += "<h2>\(HTMLEscaping.escape(group.name))</h2>\n"
        markdown(group.description)
        for operation in group.operations { write(operation) }
        html += "</section>\n"
    }

    private mutating func write(_ entry: OperationEntry) {
        let operation = entry.object
        let method = entry.method.uppercased()
        html += "<section id=\"\(HTMLEscaping.escape(entry.anchor))\" class=\"api-operation\">\n"
        html += "<h3><span class=\"method method-\(entry.method)\">\(HTMLEscaping.escape(method))</span> "
        html += "<code class=\"path\">\(HTMLEscaping.escape(entry.path))</code></h3>\n"
        if let summary = operation["summary"]?.string {
            html += "<p class=\"operation-summary\">\(HTMLEscaping.escape(summary))</p>\n"
        }
        if let operationId = operation["operationId"]?.string {
            html += "<p class=\"operation-id\">Operation ID: <code>\(HTMLEscaping.escape(operationId))</code></p>\n"
        }
        if operation["deprecated"]?.bool == true { html += "<p class=\"deprecated\">Deprecated.</p>\n" }
        markdown(operation["description"]?.string)
        writeSecurity(operation["security"] ?? document["security"])
        writeParameters(entry)
        if let body = lookup.object(operation["requestBody"]) { writeRequestBody(body) }
        if let responses = lookup.object(operation["responses"]) { writeResponses(responses) }
        html += "</section>\n"
    }

    private mutating func writeSecurity(_ node: SpecNode?) {
        let requirements = (node?.array ?? []).compactMap(\.object)
        html += "<p class=\"security\">Security: "
        let alternatives = requirements.map { requirement -> String in
            guard !requirement.isEmpty else { return "none" }
            return requirement.members.map { name, scopes in
                var text =
                    "<a href=\"#\(HTMLEscaping.escape(ReferenceAnchor.security(name)))\">\(HTMLEscaping.escape(name))</a>"
                let scopes = (scopes.array ?? []).compactMap(\.string)
                if !scopes.isEmpty {
                    text +=
                        " (" + scopes.map { "<code>\(HTMLEscaping.escape($0))</code>" }.joined(separator: ", ") + ")"
                }
                return text
            }.joined(separator: " and ")
        }
        html += alternatives.isEmpty ? "none" : alternatives.joined(separator: " or ")
        html += "</p>\n"
    }

    private mutating func writeParameters(_ entry: OperationEntry) {
        var parameters: [SpecObject] = []
        var positions: [String: Int] = [:]
        for node in entry.shared + (entry.object["parameters"]?.array ?? []) {
            guard let parameter = lookup.object(node), let name = parameter["name"]?.string else { continue }
            let key = (parameter["in"]?.string ?? "") + " " + name
            if let position = positions[key] {
                parameters[position] = parameter
            } else {
                positions[key] = parameters.count
                parameters.append(parameter)
            }
        }
        guard !parameters.isEmpty else { return }
        html += "<h4>Parameters</h4>\n<table class=\"parameters\">\n<thead><tr><th>Name</th><th>In</th>"
        html += "<th>Required</th><th>Type</th><th>Description</th></tr></thead>\n<tbody>\n"
        for parameter in parameters {
            let required = parameter["required"]?.bool == true
            let schema = parameter["schema"] ?? lookup.object(parameter["content"])?.values.first?["schema"]
            html += "<tr><td><code>\(HTMLEscaping.escape(parameter["name"]?.string ?? ""))</code></td>"
            html += "<td>\(HTMLEscaping.escape(parameter["in"]?.string ?? ""))</td><td>\(required ? "yes" : "no")</td>"
            html += "<td>\(schema.map { types.html($0) } ?? "any")</td><td>"
            markdown(parameter["description"]?.string)
            writeFacts(schema.map { lookup.resolved($0) }, example: parameter["example"])
            html += "</td></tr>\n"
        }
        html += "</tbody>\n</table>\n"
    }

    private mutating func writeRequestBody(_ body: SpecObject) {
        html += "<h4>Request body</h4>\n"
        html += "<p class=\"required\">\(body["required"]?.bool == true ? "Required." : "Optional.")</p>\n"
        markdown(body["description"]?.string)
        writeContent(body["content"], label: "Request")
    }

    private mutating func writeResponses(_ responses: SpecObject) {
        html += "<h4>Responses</h4>\n<table class=\"responses\">\n<thead><tr><th>Status</th>"
        html += "<th>Description</th><th>Content</th></tr></thead>\n<tbody>\n"
        var examples: [(String, SpecNode?)] = []
        for (status, node) in responses.members where !status.hasPrefix("x-") {
            let response = lookup.object(node) ?? SpecObject()
            html += "<tr><td><code>\(HTMLEscaping.escape(status))</code></td><td>"
            markdown(response["description"]?.string)
            html += "</td><td>"
            let content = lookup.object(response["content"]) ?? SpecObject()
            html += content.members.map { type, media in
                "<code>\(HTMLEscaping.escape(type))</code>: " + (media["schema"].map { types.html($0) } ?? "any")
            }.joined(separator: "<br>")
            html += "</td></tr>\n"
            examples.append((status, response["content"]))
        }
        html += "</tbody>\n</table>\n"
        for (status, content) in examples { writeExamples(content, label: "Response \(status)") }
    }
}
