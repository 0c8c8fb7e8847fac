import Foundation

/// `.chatsite/cloudfront-headers-policy.json`: the ``SecurityHeaders`` as a CloudFront response headers
/// policy, in the shape `aws cloudfront create-response-headers-policy --response-headers-policy-config
/// file://…` takes (field names as in the CloudFront API's `ResponseHeadersPolicyConfig`).
struct CloudFrontHeadersPolicy: Encodable {
    /// CloudFront refuses a Content-Security-Policy longer than this (a service quota).
    static let maximumPolicyLength = 1783
    static let defaultName = "chatsite-security-headers"

    let name: String
    let comment: String
    let securityHeadersConfig: SecurityHeadersConfig

    init(headers: SecurityHeaders, name: String = defaultName) {
        self.name = name
        self.comment = "Written by chatsite build from the site's security headers; serve sends the same."
        self.securityHeadersConfig = SecurityHeadersConfig(
            contentSecurityPolicy: .init(override: true, contentSecurityPolicy: headers.contentSecurityPolicy),
            strictTransportSecurity: .init(
                override: true,
                accessControlMaxAgeSec: SecurityHeaders.hstsMaxAge,
                includeSubdomains: true,
                preload: false
            ),
            contentTypeOptions: .init(override: true),
            frameOptions: .init(override: true, frameOption: SecurityHeaders.frameOption),
            referrerPolicy: .init(override: true, referrerPolicy: SecurityHeaders.referrerPolicy)
        )
    }

    /// The policy as pretty-printed JSON with sorted keys and a final newline.
    func json() -> Data {
        let encoder = JSONEncoder()
        // The CloudFront API's names are the properties' names with a capital first letter.
        encoder.keyEncodingStrategy = .custom { path in
            let key = path.last!.stringValue
            return UpperCamelKey(stringValue: key.prefix(1).uppercased() + key.dropFirst())
        }
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding strings, numbers and booleans cannot fail.
        return try! encoder.encode(self) + Data("\n".utf8)
    }

    struct SecurityHeadersConfig: Encodable {
        let contentSecurityPolicy: ContentSecurityPolicy
        let strictTransportSecurity: StrictTransportSecurity
        let contentTypeOptions: ContentTypeOptions
        let frameOptions: FrameOptions
        let referrerPolicy: ReferrerPolicy
    }

    struct ContentSecurityPolicy: Encodable {
        let override: Bool
        let contentSecurityPolicy: String
    }

    struct StrictTransportSecurity: Encodable {
        let override: Bool
        let accessControlMaxAgeSec: Int
        let includeSubdomains: Bool
        let preload: Bool
    }

    struct ContentTypeOptions: Encodable {
        let override: Bool
    }

    struct FrameOptions: Encodable {
        let override: Bool
        let frameOption: String
    }

    struct ReferrerPolicy: Encodable {
        let override: Bool
        let referrerPolicy: String
    }
}

private struct UpperCamelKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
