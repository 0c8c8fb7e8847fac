import APISpec

extension APIReferenceWriter {
    /// The WebSocket protocol of the `x-chatsite-realtime` extension: how to connect, then the
    /// client actions and server events, each linking to its `data` schema.
    mutating func writeRealtime() {
        guard let realtime else { return }
        html += "<section id=\"realtime\" class=\"api-realtime\">\n<h2>Realtime protocol</h2>\n"
        markdown(realtime.description)
        html += "<p class=\"realtime-connect\">Connect: <code>\(HTMLEscaping.escape(realtime.path))</code>"
        let token = [
            realtime.tokenQuery.map { "the query parameter <code>\(HTMLEscaping.escape($0))</code>" },
            realtime.tokenCookie.map { "the cookie <code>\(HTMLEscaping.escape($0))</code>" },
        ].compactMap { $0 }
        if !token.isEmpty { html += ", with the token in " + token.joined(separator: " or ") }
        html += ".</p>\n"
        writeMessages(realtime.actions, kind: "action", heading: "Client actions", frame: "action")
        writeMessages(realtime.events, kind: "event", heading: "Server events", frame: "type")
        html += "</section>\n"
    }

    private mutating func writeMessages(
        _ messages: [RealtimeProtocol.Message], kind: String, heading: String, frame: String
    ) {
        guard !messages.isEmpty else { return }
        html += "<h3 id=\"realtime-\(kind)s\">\(heading)</h3>\n<table class=\"realtime-\(kind)s\">\n"
        html += "<thead><tr><th>\(frame == "action" ? "Action" : "Event")</th><th>Data</th>"
        html += "<th>Description</th></tr></thead>\n<tbody>\n"
        for message in messages {
            let anchor = uniqueAnchor(ReferenceAnchor.realtime(kind, message.name))
            let schema = ReferenceAnchor.schema(message.schemaName)
            html +=
                "<tr id=\"\(HTMLEscaping.escape(anchor))\"><td><code>\(HTMLEscaping.escape(message.name))</code></td>"
            html +=
                "<td><a href=\"#\(HTMLEscaping.escape(schema))\">\(HTMLEscaping.escape(message.schemaName))</a></td><td>"
            if let summary = message.summary { html += "<p><strong>\(HTMLEscaping.escape(summary))</strong></p>\n" }
            markdown(message.description)
            html += "</td></tr>\n"
        }
        html += "</tbody>\n</table>\n"
    }
}
