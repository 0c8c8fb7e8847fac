import APISpec

extension ConfigValidator {
    /// Checks a URL key: its scheme must be `secure` (`local` is allowed for loopback hosts), written once.
    /// A Cognito domain without a scheme is accepted and gets `https://`; a bare domain prefix is expanded with
    /// the region. A trailing `/` is dropped from `apiUrl` and `cognitoDomain`. Each change is noted in the source.
    mutating func checkURL(
        _ key: String, _ candidate: ConfigCandidate, secure: String, local: String, region: String?
    ) -> ConfigCandidate? {
        var value = candidate.value
        var source = candidate.source
        let from = "'\(value)' from \(source.description)"
        if let rest = URLParts.withoutScheme(value), URLParts(rest) != nil {
            diagnostics.append(source.diagnostic("\(key) \(from) has its scheme twice; remove one: '\(rest)'"))
            return nil
        }
        if !value.contains("://") {
            if key == "cognitoDomain", value.contains(".") {
                value = "https://" + value
                source = source.noting("https:// added")
            } else if key == "cognitoDomain", let region, Self.isDomainPrefix(value) {
                value = "https://\(value).auth.\(region).amazoncognito.com"
                source = source.noting("expanded from the domain prefix")
            } else {
                diagnostics.append(
                    source.diagnostic("\(key) \(from) has no scheme; write it as '\(secure)://\(value)'"))
                return nil
            }
        }
        guard let parts = URLParts(value) else {
            diagnostics.append(
                source.diagnostic(
                    "\(key) \(from) is not a URL with a host; give a full URL such as \(secure)://example.com"))
            return nil
        }
        let allowed = parts.scheme == secure || (parts.scheme == local && parts.isLoopback)
        guard allowed else {
            let article = secure.first == "h" ? "an" : "a"
            let suggestion = URLParts.withoutScheme(value).map { "; use '\(secure)://\($0)'" } ?? ""
            diagnostics.append(
                source.diagnostic(
                    "\(key) \(from) must be \(article) \(secure):// URL (\(local):// is allowed only for localhost, "
                        + "127.0.0.1 and [::1])\(suggestion)"))
            return nil
        }
        if key == "apiUrl" || key == "cognitoDomain", value.hasSuffix("/") {
            while value.hasSuffix("/") { value.removeLast() }
            source = source.noting("trailing / removed")
        }
        return ConfigCandidate(value: value, source: source)
    }

    /// Whether `value` could be a Cognito domain prefix: lowercase letters, digits and hyphens.
    static func isDomainPrefix(_ value: String) -> Bool {
        value.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }
    }
}
