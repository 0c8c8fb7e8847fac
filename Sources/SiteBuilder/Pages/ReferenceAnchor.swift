/// The `id`s of the API reference page, so links and targets always agree.
enum ReferenceAnchor {
    /// `op-listRooms`.
    static func operation(_ operationId: String) -> String { "op-" + clean(operationId) }

    /// `schema-Message`.
    static func schema(_ name: String) -> String { "schema-" + clean(name) }

    /// `security-cognitoIdToken`.
    static func security(_ name: String) -> String { "security-" + clean(name) }

    /// `tag-rooms`.
    static func tag(_ name: String) -> String { "tag-" + HeadingSlugger.baseSlug(name) }

    /// `realtime-action-sendMessage`, `realtime-event-messageCreated`.
    static func realtime(_ kind: String, _ name: String) -> String { "realtime-\(kind)-" + clean(name) }

    /// An `id` may hold anything but whitespace.
    private static func clean(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.properties.isWhitespace }) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { $0.properties.isWhitespace ? "-" : $0 }))
    }
}
