/// The security headers of the site: one definition for `chatsite serve`, the built pages and CloudFront.
///
/// The Content-Security-Policy allows only the site's own origin, plus the origins the pages must
/// reach (`connect-src`: the REST API, the WebSocket API, the Cognito domain) and the places forms may
/// post to (`form-action`). Every origin is checked, so nothing can smuggle a `;` or a second directive
/// into the policy.
///
/// ```swift
/// let headers = try SecurityHeaders(
///     connectSources: ["https://api.example.com", "wss://ws.example.com"],
///     formActions: ["https://auth.example.com"]
/// )
/// headers.contentSecurityPolicy
/// // default-src 'self'; …; connect-src 'self' https://api.example.com wss://ws.example.com; …
/// for field in headers.fields(overHTTPS: false) { response.headers[field.name] = field.value }
/// ```
public struct SecurityHeaders: Sendable, Equatable {
    /// The origins `connect-src` allows besides `'self'`: lowercased, deduplicated and sorted.
    public let connectSources: [String]
    /// The origins `form-action` allows besides `'self'`: lowercased, deduplicated and sorted.
    public let formActions: [String]

    /// Headers for a site that reaches the given origins.
    ///
    /// - Parameters:
    ///   - connectSources: origins for `fetch` and WebSocket, `scheme://host[:port]` with scheme `http`,
    ///     `https`, `ws` or `wss`; a trailing `/` is allowed. Use ``origin(ofURL:)`` for a URL with a path.
    ///   - formActions: origins forms may submit to, in the same form.
    /// - Throws: ``SecurityHeadersError`` listing every value that is not an origin.
    public init(connectSources: [String] = [], formActions: [String] = []) throws(SecurityHeadersError) {
        var problems: [String] = []
        self.connectSources = Self.normalize(connectSources, role: "connect source", problems: &problems)
        self.formActions = Self.normalize(formActions, role: "form action", problems: &problems)
        guard problems.isEmpty else { throw SecurityHeadersError(problems: problems) }
    }

    /// The `Content-Security-Policy` header value.
    public var contentSecurityPolicy: String {
        Self.render(directives)
    }

    /// The policy for a `<meta http-equiv="Content-Security-Policy">` tag: the header's policy without the
    /// directives browsers ignore in a meta element (`frame-ancestors`, `report-uri`, `sandbox`).
    public var metaContentSecurityPolicy: String {
        Self.render(directives.filter { !Self.headerOnlyDirectives.contains($0.name) })
    }

    /// Every header field, in a fixed order: what CloudFront adds to each response.
    public var fields: [(name: String, value: String)] {
        fields(overHTTPS: true)
    }

    /// The header fields for a response sent over HTTPS or over plain HTTP.
    ///
    /// Over plain HTTP `Strict-Transport-Security` is left out: browsers ignore it there (RFC 6797 §8.1),
    /// and were `chatsite serve` ever put behind TLS on `localhost`, two years of HSTS would force every
    /// other development server on that host onto HTTPS. The other fields are the same either way.
    public func fields(overHTTPS: Bool) -> [(name: String, value: String)] {
        var fields = [(name: "Content-Security-Policy", value: contentSecurityPolicy)]
        if overHTTPS {
            fields.append((name: "Strict-Transport-Security", value: Self.strictTransportSecurity))
        }
        fields.append((name: "X-Content-Type-Options", value: "nosniff"))
        fields.append((name: "X-Frame-Options", value: Self.frameOption))
        fields.append((name: "Referrer-Policy", value: Self.referrerPolicy))
        return fields
    }

    /// HSTS for two years, subdomains included, not preloaded (preloading is a decision for the domain's owner).
    public static let strictTransportSecurity = "max-age=\(hstsMaxAge); includeSubDomains"

    static let hstsMaxAge = 63_072_000
    static let frameOption = "DENY"
    static let referrerPolicy = "strict-origin-when-cross-origin"
    static let headerOnlyDirectives: Set<String> = ["frame-ancestors", "report-uri", "sandbox"]

    /// The policy's directives in the order they are written.
    var directives: [(name: String, sources: [String])] {
        [
            ("default-src", ["'self'"]),
            ("script-src", ["'self'"]),
            ("style-src", ["'self'"]),
            ("img-src", ["'self'", "data:"]),
            ("font-src", ["'self'"]),
            ("connect-src", ["'self'"] + connectSources),
            ("form-action", ["'self'"] + formActions),
            ("frame-ancestors", ["'none'"]),
            ("base-uri", ["'self'"]),
            ("object-src", ["'none'"]),
        ]
    }

    private static func render(_ directives: [(name: String, sources: [String])]) -> String {
        directives.map { ([$0.name] + $0.sources).joined(separator: " ") }.joined(separator: "; ")
    }

    private static func normalize(_ values: [String], role: String, problems: inout [String]) -> [String] {
        var origins = Set<String>()
        for value in values {
            switch checkedOrigin(value) {
            case .origin(let origin): origins.insert(origin)
            case .refused(let reason): problems.append("\(role) \"\(value)\" \(reason)")
            }
        }
        return origins.sorted()
    }
}
