/// The chat API's WebSocket protocol, read from the document extension `x-chatsite-realtime`.
///
/// Clients send `{"action": <name>, "data": {...}}`; the server pushes `{"type": <name>, "data": {...}}`.
/// Each action and event names the schema of its `data` in `components/schemas`.
public struct RealtimeProtocol: Sendable, Equatable {
    public static let extensionName = "x-chatsite-realtime"

    /// One kind of frame: a client action or a server event.
    public struct Message: Sendable, Equatable {
        public var name: String
        public var summary: String?
        public var description: String?
        /// The name of the `data` schema in `components/schemas`.
        public var schemaName: String
    }

    public var description: String?
    /// The WebSocket path, relative to the REST server's host.
    public var path: String
    public var tokenQuery: String?
    public var tokenCookie: String?
    public var actions: [Message]
    public var events: [Message]

    /// Reads the extension from the document root; nil when there is none.
    static func read(from root: SpecNode, file: String) -> (RealtimeProtocol?, [Diagnostic]) {
        guard let node = root[extensionName] else { return (nil, []) }
        var diagnostics: [Diagnostic] = []
        let base = "/" + extensionName
        func problem(_ message: String, _ at: SpecNode, _ pointer: String) {
            diagnostics.append(
                Diagnostic(.error, message, file: at.file ?? file, location: at.location, pointer: pointer))
        }
        guard let object = node.object else {
            problem(
                "\(extensionName) must be a mapping with 'actions' and 'events', found \(node.kindName)", node, base)
            return (nil, diagnostics)
        }
        func messages(_ key: String) -> [Message] {
            guard let section = object[key] else {
                problem("\(extensionName) has no '\(key)' mapping; add one (it may be empty: `\(key): {}`)", node, base)
                return []
            }
            guard let entries = section.object else {
                problem(
                    "'\(key)' must be a mapping from names to frames, found \(section.kindName)", section,
                    "\(base)/\(key)")
                return []
            }
            return entries.members.compactMap { name, entry in
                let pointer = "\(base)/\(key)/\(name)"
                guard let reference = entry["schema"]?["$ref"]?.string else {
                    problem(
                        "\(key.dropLast()) '\(name)' needs `schema: {$ref: '#/components/schemas/…'}`", entry, pointer)
                    return nil
                }
                let prefix = "#/components/schemas/"
                guard reference.hasPrefix(prefix) else {
                    problem(
                        "\(key.dropLast()) '\(name)' must refer to a schema in '#/components/schemas/', not '\(reference)'",
                        entry["schema"]!, pointer + "/schema/$ref")
                    return nil
                }
                return Message(
                    name: name, summary: entry["summary"]?.string, description: entry["description"]?.string,
                    schemaName: String(reference.dropFirst(prefix.count)))
            }
        }
        let connect = object["connect"]
        let realtime = RealtimeProtocol(
            description: object["description"]?.string,
            path: connect?["path"]?.string ?? "/ws",
            tokenQuery: connect?["tokenQuery"]?.string,
            tokenCookie: connect?["tokenCookie"]?.string,
            actions: messages("actions"),
            events: messages("events"))
        return (realtime, diagnostics)
    }
}
