/// A URL split the way config checks need it: `scheme://authority/rest`, without percent-decoding.
///
/// Foundation's URL parsing differs between platforms on hosts such as `[::1]`; this split is plain text.
struct URLParts: Equatable {
    /// The scheme, lowercased: `https`.
    var scheme: String
    /// The host, lowercased, IPv6 brackets kept: `[::1]`, `chat.example.com`.
    var host: String
    /// The port as written, or nil.
    var port: String?

    /// Splits `text`, or returns nil when it has no `scheme://` or no host.
    init?(_ text: String) {
        guard let separator = text.range(of: "://") else { return nil }
        let scheme = text[..<separator.lowerBound]
        guard let first = scheme.first, first.isLetter,
            scheme.allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) })
        else { return nil }
        let afterScheme = text[separator.upperBound...]
        let end = afterScheme.firstIndex(where: { "/?#".contains($0) }) ?? afterScheme.endIndex
        var authority = afterScheme[..<end]
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        var host = authority
        var port: Substring?
        if let colon = authority.lastIndex(of: ":"), !authority[colon...].contains("]") {
            host = authority[..<colon]
            port = authority[authority.index(after: colon)...]
        }
        guard !host.isEmpty else { return nil }
        self.scheme = scheme.lowercased()
        self.host = host.lowercased()
        self.port = port.map(String.init)
    }

    /// `scheme://host[:port]`, without the port when it is the scheme's default.
    var origin: String { "\(scheme)://\(hostAndPort)" }

    /// `host[:port]`, without the port when it is the scheme's default.
    var hostAndPort: String {
        let defaults = ["http": "80", "ws": "80", "https": "443", "wss": "443"]
        guard let port, !port.isEmpty, defaults[scheme] != port else { return host }
        return "\(host):\(port)"
    }

    /// Whether the host is this machine, where plain `http://` and `ws://` are fine.
    var isLoopback: Bool { ["localhost", "127.0.0.1", "[::1]"].contains(host) }

    /// The text after `scheme://` when `text` starts with a scheme, else nil.
    static func withoutScheme(_ text: String) -> String? {
        guard URLParts(text) != nil, let range = text.range(of: "://") else { return nil }
        return String(text[range.upperBound...])
    }
}
