import Foundation

extension SecurityHeaders {
    /// The origin of a URL, for a connect source: `https://abc.execute-api.eu-west-1.amazonaws.com/prod`
    /// gives `https://abc.execute-api.eu-west-1.amazonaws.com`.
    ///
    /// - Returns: `scheme://host[:port]`, lowercased; nil when the text is not an absolute URL with a host.
    public static func origin(ofURL url: String) -> String? {
        guard let components = URLComponents(string: url), let scheme = components.scheme,
            let host = components.host, !host.isEmpty
        else { return nil }
        let port = components.port.map { ":\($0)" } ?? ""
        let bracketed = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        return "\(scheme)://\(bracketed)\(port)".lowercased()
    }

    /// What checking one value gave: the normalized origin, or why it was refused.
    enum OriginCheck: Equatable {
        case origin(String)
        case refused(String)
    }

    static let originSchemes: Set<String> = ["http", "https", "ws", "wss"]
    private static let originForm = "scheme://host[:port] with scheme http, https, ws or wss"

    /// Checks that `value` is an origin a CSP source list can hold, and lowercases it.
    ///
    /// Allowed: `https://api.example.com`, `wss://ws.example.com:8443`, `https://*.example.com`,
    /// `http://[::1]:8080`, each with an optional trailing `/`. Refused: anything with whitespace,
    /// `;`, `,` or quotes (they would end or add a directive), a path, a query, user info, another scheme.
    static func checkedOrigin(_ value: String) -> OriginCheck {
        if value.isEmpty { return .refused("is empty: give an origin, \(originForm)") }
        if value.unicodeScalars.contains(where: { CharacterSet.whitespacesAndNewlines.contains($0) }) {
            return .refused("contains a space: give only an origin, \(originForm)")
        }
        if let bad = value.first(where: { ";,'\"".contains($0) }) {
            return .refused("contains '\(bad)': give only an origin, \(originForm)")
        }
        guard let separator = value.range(of: "://") else {
            return .refused("is not an origin: give \(originForm)")
        }
        let scheme = value[..<separator.lowerBound].lowercased()
        guard originSchemes.contains(scheme) else {
            return .refused("has the scheme \"\(scheme)\": give \(originForm)")
        }
        var rest = value[separator.upperBound...]
        if rest.hasSuffix("/") { rest = rest.dropLast() }
        if let end = rest.firstIndex(where: { "/?#".contains($0) }) {
            let origin = "\(scheme)://\(rest[..<end].lowercased())"
            return .refused("has a path, query or fragment: give only its origin, \"\(origin)\"")
        }
        guard !rest.contains("@"), let authority = checkedAuthority(Substring(rest.lowercased())) else {
            return .refused("is not an origin: give \(originForm)")
        }
        return .origin("\(scheme)://\(authority)")
    }

    /// `host[:port]`: a DNS name (optionally `*.`-prefixed) or a bracketed IPv6 address, and a port
    /// of digits or `*`. Nil when it is anything else.
    private static func checkedAuthority(_ authority: Substring) -> String? {
        var host = authority
        var port: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            host = authority[...close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { return nil }
                port = after.dropFirst()
            }
            let address = host.dropFirst().dropLast()
            guard !address.isEmpty, address.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else {
                return nil
            }
        } else {
            if let colon = authority.lastIndex(of: ":") {
                host = authority[..<colon]
                port = authority[authority.index(after: colon)...]
            }
            guard isDNSName(host.hasPrefix("*.") ? host.dropFirst(2) : host) else { return nil }
        }
        if let port {
            let valid = port == "*" || (!port.isEmpty && port.count <= 5 && port.allSatisfy(\.isASCIIDigit))
            guard valid else { return nil }
        }
        return String(authority)
    }

    private static func isDNSName(_ host: Substring) -> Bool {
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        return !host.isEmpty
            && labels.allSatisfy { label in
                !label.isEmpty && label.count <= 63
                    && label.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" }
            }
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
