import Foundation

/// The frontend's config after resolution and validation: each key's value and where it came from.
///
/// ```swift
/// let (config, diagnostics) = ConfigResolver(project: project).resolve(stage: "prod", outputs: ["stack.json"], flags: [])
/// config?["apiUrl"]           // "https://abc123.execute-api.us-east-1.amazonaws.com/prod"
/// config?.source(of: "apiUrl") // "outputs stack.json (output WebApiEndpoint of stack ChatStack)"
/// ```
public struct ResolvedConfig: Sendable, Equatable {
    /// One resolved key.
    public struct Entry: Sendable, Equatable {
        /// The key, camelCase: `userPoolId`.
        public var key: String
        /// The value, normalised (`https://` added to a bare Cognito domain, a trailing `/` dropped from `apiUrl`).
        public var value: String
        /// Where it came from, for people: `environment CHATSITE_API_URL`.
        public var source: String

        /// Makes an entry; builds normally get entries from ``ConfigResolver``.
        public init(key: String, value: String, source: String) {
            self.key = key
            self.value = value
            self.source = source
        }
    }

    /// The values in order: the standard seven, then the project's declared keys.
    public var entries: [Entry]

    /// Makes a config from entries (for tests and tools; ``ConfigResolver`` validates what it builds).
    public init(_ entries: [Entry]) { self.entries = entries }

    /// The value of `key`, or nil when it has none.
    public subscript(key: String) -> String? { entries.first { $0.key == key }?.value }

    /// Where `key`'s value came from, or nil when it has none.
    public func source(of key: String) -> String? { entries.first { $0.key == key }?.source }

    /// The values by key.
    public var values: [String: String] { Dictionary(entries.map { ($0.key, $0.value) }) { _, last in last } }

    /// The config as a compact JSON object with sorted keys, safe inside `<script type="application/json">`:
    /// `<`, `>` and `&` are written as `\u003c`, `\u003e` and `\u0026`, so no `</script>` can appear.
    public func json() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Strings always encode. The characters below can only occur inside JSON strings, so
        // writing them as escapes afterwards keeps the JSON the same value.
        var text = String(decoding: try! encoder.encode(values), as: UTF8.self)
        for (character, escape) in [
            ("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u{2028}", "\\u2028"), ("\u{2029}", "\\u2029"),
        ] {
            text = text.replacingOccurrences(of: character, with: escape)
        }
        return Data(text.utf8)
    }

    /// The origins the page connects to (those of `apiUrl`, `websocketUrl` and `cognitoDomain`), sorted and
    /// without duplicates: the Content-Security-Policy's `connect-src`.
    public var connectSources: [String] {
        Set(["apiUrl", "websocketUrl", "cognitoDomain"].compactMap { self[$0].flatMap(URLParts.init)?.origin }).sorted()
    }

    /// The origins forms may submit to (the Cognito domain's): the Content-Security-Policy's `form-action`.
    public var formActions: [String] { [self["cognitoDomain"].flatMap(URLParts.init)?.origin].compactMap { $0 } }
}
