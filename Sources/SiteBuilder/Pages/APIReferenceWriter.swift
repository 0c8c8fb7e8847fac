import APISpec

/// Writes the body of the API reference page from the loader's checked tree: contents,
/// authentication, operations grouped by tag, schemas and the realtime protocol.
///
/// Every piece of spec text is HTML-escaped, except descriptions, which are CommonMark rendered
/// by cmark in safe mode. Every operation and schema has a stable anchor (`op-listRooms`,
/// `schema-Message`), and schema references link to them.
struct APIReferenceWriter {
    /// The HTTP methods of a path item.
    static let methods: Set<String> = ["get", "put", "post", "delete", "options", "head", "patch", "trace", "query"]

    let lookup: SpecLookup
    let types: SchemaTypeText
    let document: SpecObject
    let realtime: RealtimeProtocol?
    var html = ""
    /// Rendered descriptions by source text: big specs repeat the same sentences many times.
    private var rendered: [String: String] = [:]
    private var usedAnchors: Set<String> = []

    init(root: SpecNode, document: SpecObject, realtime: RealtimeProtocol?) {
        self.lookup = SpecLookup(root: root)
        self.types = SchemaTypeText(lookup: lookup)
        self.document = document
        self.realtime = realtime
    }

    /// The API's title, `API` when the spec has none.
    var title: String { document["info"]?["title"]?.string ?? "API" }

    /// One line about the API for the page's `description`: `info.summary`, else the first
    /// line of `info.description`.
    var summary: String? {
        let info = document["info"]
        if let summary = info?["summary"]?.string { return summary }
        return info?["description"]?.string?.split(separator: "\n").first.map(String.init)
    }

    /// The page's HTML content.
    mutating func write() -> String {
        let groups = operationGroups()
        let schemas = lookup.object(document["components"]?["schemas"]) ?? SpecObject()
        html.reserveCapacity(1 << 16)
        writeHeader()
        writeContents(groups, hasSchemas: !schemas.isEmpty)
        writeSecuritySchemes()
        if !groups.isEmpty {
            html += "<section id=\"operations\" class=\"api-operations\">\n<h2>Operations</h2>\n"
            for group in groups { write(group) }
            html += "</section>\n"
        }
        writeSchemas(schemas)
        writeRealtime()
        return html
    }

    private mutating func writeHeader() {
        let info = document["info"]
        html += "<h1>\(HTMLEscaping.escape(title))</h1>\n"
        if let version = SpecLookup.text(info?["version"]) {
            html += "<p class=\"api-version\">Version \(HTMLEscaping.escape(version))</p>\n"
        }
        if let summary = info?["summary"]?.string {
            html += "<p class=\"api-summary\">\(HTMLEscaping.escape(summary))</p>\n"
        }
        markdown(info?["description"]?.string)
        let servers = document["servers"]?.array ?? []
        guard !servers.isEmpty else { return }
        html += "<h2 id=\"servers\">Servers</h2>\n<ul class=\"api-servers\">\n"
        for server in servers {
            guard let url = server["url"]?.string else { continue }
            html += "<li><code>\(HTMLEscaping.escape(url))</code>"
            if let description = server["description"]?.string { html += " — " + inlineMarkdown(description) }
            html += "</li>\n"
        }
        html += "</ul>\n"
    }

    private mutating func writeContents(_ groups: [OperationGroup], hasSchemas: Bool) {
        html += "<nav class=\"api-contents\">\n<h2 id=\"contents\">Contents</h2>\n<ul>\n"
        for group in groups {
            html +=
                "<li><a href=\"#\(HTMLEscaping.escape(group.anchor))\">\(HTMLEscaping.escape(group.name))</a>\n<ul>\n"
            for operation in group.operations {
                html +=
                    "<li><a href=\"#\(HTMLEscaping.escape(operation.anchor))\"><code>\(operation.method.uppercased()) "
                html += HTMLEscaping.escape(operation.path) + "</code></a>"
                if let summary = operation.object["summary"]?.string { html += " " + HTMLEscaping.escape(summary) }
                html += "</li>\n"
            }
            html += "</ul></li>\n"
        }
        if hasSchemas { html += "<li><a href=\"#schemas\">Schemas</a></li>\n" }
        if realtime != nil { html += "<li><a href=\"#realtime\">Realtime protocol</a></li>\n" }
        html += "</ul>\n</nav>\n"
    }

    private mutating func writeSecuritySchemes() {
        guard let schemes = lookup.object(document["components"]?["securitySchemes"]), !schemes.isEmpty else {
            return
        }
        html += "<section id=\"authentication\" class=\"api-security\">\n<h2>Authentication</h2>\n<dl>\n"
        for (name, node) in schemes.members {
            let scheme = lookup.resolved(node)
            html +=
                "<dt id=\"\(HTMLEscaping.escape(ReferenceAnchor.security(name)))\"><code>\(HTMLEscaping.escape(name))</code>"
            var kind = scheme["type"]?.string ?? "unknown"
            if let httpScheme = scheme["scheme"]?.string { kind += " (\(httpScheme))" }
            if let key = scheme["name"]?.string, let place = scheme["in"]?.string { kind += ", \(place) \(key)" }
            html += " — \(HTMLEscaping.escape(kind))</dt>\n<dd>"
            markdown(scheme["description"]?.string)
            html += "</dd>\n"
        }
        html += "</dl>\n</section>\n"
    }

    // MARK: Helpers for the other parts

    /// Appends `text` rendered as CommonMark (safe mode), in a `description` block.
    mutating func markdown(_ text: String?) {
        guard let text, !text.isEmpty else { return }
        html += "<div class=\"description\">\n" + markdownHTML(text) + "</div>\n"
    }

    /// `text` rendered as CommonMark (safe mode); a single paragraph loses its `<p>`.
    mutating func inlineMarkdown(_ text: String) -> String {
        let block = markdownHTML(text)
        guard block.hasPrefix("<p>"), block.hasSuffix("</p>\n"),
            block.utf8.dropFirst(3).firstRange(of: "<p>".utf8) == nil
        else { return block }
        return String(block.dropFirst(3).dropLast(5))
    }

    private mutating func markdownHTML(_ text: String) -> String {
        if let cached = rendered[text] { return cached }
        let block = MarkdownDocument.html(text)
        rendered[text] = block
        return block
    }

    /// `preferred`, or `preferred-1`, `preferred-2`, … when it is taken.
    mutating func uniqueAnchor(_ preferred: String) -> String {
        var candidate = preferred
        var count = 0
        while usedAnchors.contains(candidate) {
            count += 1
            candidate = "\(preferred)-\(count)"
        }
        usedAnchors.insert(candidate)
        return candidate
    }
}
