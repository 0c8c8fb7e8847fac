import Foundation
import Testing

@testable import SiteBuilder

@Suite("Deploy: security headers")
struct DeploySecurityHeadersTests {
    static let headers = try! SecurityHeaders(
        connectSources: [
            "wss://ws.example.com", "https://api.example.com", "https://API.example.com/",
            "https://auth.eu-west-1.amazoncognito.com",
        ],
        formActions: ["https://auth.eu-west-1.amazoncognito.com"]
    )

    @Test func theContentSecurityPolicyIsExact() throws {
        #expect(
            Self.headers.contentSecurityPolicy
                == "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
                + "connect-src 'self' https://api.example.com https://auth.eu-west-1.amazoncognito.com "
                + "wss://ws.example.com; form-action 'self' https://auth.eu-west-1.amazoncognito.com; "
                + "frame-ancestors 'none'; base-uri 'self'; object-src 'none'"
        )
        #expect(
            try SecurityHeaders().contentSecurityPolicy
                == "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
                + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'"
        )
    }

    @Test func theMetaPolicyLeavesOutHeaderOnlyDirectives() {
        let meta = Self.headers.metaContentSecurityPolicy
        #expect(!meta.contains("frame-ancestors"))
        #expect(
            meta == Self.headers.contentSecurityPolicy.replacingOccurrences(of: " frame-ancestors 'none';", with: ""))
    }

    @Test func headerFieldsInOrder() {
        let csp = Self.headers.contentSecurityPolicy
        let https = Self.headers.fields.map { "\($0.name): \($0.value)" }
        #expect(
            https == [
                "Content-Security-Policy: \(csp)",
                "Strict-Transport-Security: max-age=63072000; includeSubDomains",
                "X-Content-Type-Options: nosniff",
                "X-Frame-Options: DENY",
                "Referrer-Policy: strict-origin-when-cross-origin",
            ]
        )
        let http = Self.headers.fields(overHTTPS: false).map(\.name)
        #expect(http == ["Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy"])
    }

    @Test func originsThatCouldInjectDirectivesAreRefused() {
        let form = "scheme://host[:port] with scheme http, https, ws or wss"
        #expect(
            throws: SecurityHeadersError(problems: [
                "connect source \"https://api.example.com; script-src *\" contains a space: give only an origin, \(form)",
                "connect source \"https://api.example.com;script-src\" contains ';': give only an origin, \(form)",
                "connect source \"https://api.example.com/prod\" has a path, query or fragment: "
                    + "give only its origin, \"https://api.example.com\"",
                "connect source \"javascript:alert(1)\" is not an origin: give \(form)",
                "connect source \"ftp://files.example.com\" has the scheme \"ftp\": give \(form)",
                "form action \"https://user@auth.example.com\" is not an origin: give \(form)",
                "form action \"'unsafe-inline'\" contains ''': give only an origin, \(form)",
                "form action \"\" is empty: give an origin, \(form)",
            ])
        ) {
            try SecurityHeaders(
                connectSources: [
                    "https://api.example.com; script-src *", "https://api.example.com;script-src",
                    "https://api.example.com/prod", "javascript:alert(1)", "ftp://files.example.com",
                ],
                formActions: ["https://user@auth.example.com", "'unsafe-inline'", ""]
            )
        }
    }

    @Test func originFormsThatAreAccepted() throws {
        let headers = try SecurityHeaders(connectSources: [
            "http://localhost:8080", "ws://127.0.0.1:8080/", "https://*.example.com", "http://[::1]:3000",
            "wss://ws.example.com:*",
        ])
        #expect(
            headers.connectSources == [
                "http://[::1]:3000", "http://localhost:8080", "https://*.example.com", "ws://127.0.0.1:8080",
                "wss://ws.example.com:*",
            ]
        )
        #expect(throws: SecurityHeadersError.self) { try SecurityHeaders(connectSources: ["https://a..b"]) }
        #expect(throws: SecurityHeadersError.self) { try SecurityHeaders(connectSources: ["https://a.com:99999x"]) }
    }

    @Test func theOriginOfAURL() {
        #expect(
            SecurityHeaders.origin(ofURL: "https://abc.execute-api.eu-west-1.amazonaws.com/prod")
                == "https://abc.execute-api.eu-west-1.amazonaws.com"
        )
        #expect(SecurityHeaders.origin(ofURL: "WSS://WS.example.com:8443/prod?x=1") == "wss://ws.example.com:8443")
        #expect(SecurityHeaders.origin(ofURL: "not a url") == nil)
    }

    @Test func theCloudFrontPolicyHasTheFieldsAndTheSameCSP() throws {
        let artifacts = DeployArtifacts.make(
            files: [], previousManifest: nil, headers: Self.headers, compressor: Precompressor()
        )
        let file = try #require(artifacts.files.first { $0.path == ".chatsite/cloudfront-headers-policy.json" })
        let policy = try #require(try JSONSerialization.jsonObject(with: file.data) as? [String: Any])
        #expect(Set(policy.keys) == ["Name", "Comment", "SecurityHeadersConfig"])
        #expect(policy["Name"] as? String == "chatsite-security-headers")
        let config = try #require(policy["SecurityHeadersConfig"] as? [String: [String: Any]])
        #expect(
            Set(config.keys) == [
                "ContentSecurityPolicy", "StrictTransportSecurity", "ContentTypeOptions", "FrameOptions",
                "ReferrerPolicy",
            ]
        )
        #expect(
            config["ContentSecurityPolicy"]?["ContentSecurityPolicy"] as? String == Self.headers.contentSecurityPolicy)
        #expect(config["ContentSecurityPolicy"]?["Override"] as? Bool == true)
        let hsts = try #require(config["StrictTransportSecurity"])
        #expect(hsts["AccessControlMaxAgeSec"] as? Int == 63_072_000)
        #expect(hsts["IncludeSubdomains"] as? Bool == true)
        #expect(hsts["Preload"] as? Bool == false)
        #expect(hsts["Override"] as? Bool == true)
        #expect(config["ContentTypeOptions"]?["Override"] as? Bool == true)
        #expect(config["FrameOptions"]?["FrameOption"] as? String == "DENY")
        #expect(config["ReferrerPolicy"]?["ReferrerPolicy"] as? String == "strict-origin-when-cross-origin")
        #expect(artifacts.manifest.objects.isEmpty && artifacts.warnings.isEmpty)
    }

    @Test func aPolicyTooLongForCloudFrontIsAWarning() throws {
        let many = (0..<80).map { "https://service-\($0).example.com" }
        let headers = try SecurityHeaders(connectSources: many)
        let artifacts = DeployArtifacts.make(files: [], previousManifest: nil, headers: headers, compressor: .init())
        let length = headers.contentSecurityPolicy.utf8.count
        #expect(
            artifacts.warnings == [
                "the Content-Security-Policy is \(length) characters, CloudFront takes at most 1783: "
                    + ".chatsite/cloudfront-headers-policy.json will be refused; list fewer connect sources or form actions"
            ]
        )
    }
}
