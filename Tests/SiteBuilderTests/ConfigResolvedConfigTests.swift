import Foundation
import SiteBuilder
import Testing

@Suite("Config: resolved config")
struct ConfigResolvedConfigTests {
    let config = ResolvedConfig([
        .init(key: "region", value: "us-east-1", source: "flag --set"),
        .init(key: "cognitoDomain", value: "https://chat.auth.us-east-1.amazoncognito.com", source: "flag --set"),
        .init(key: "apiUrl", value: "https://api.example.com:443/prod", source: "flag --set"),
        .init(key: "websocketUrl", value: "wss://ws.example.com/prod?x=1", source: "flag --set"),
        .init(key: "motd", value: "</script><!-- \"hi\" & \\ \u{2028}\n", source: "flag --set"),
    ])

    @Test func jsonIsSortedCompactAndSafeInAScriptElement() throws {
        let text = String(decoding: config.json(), as: UTF8.self)
        #expect(
            text
                == #"{"apiUrl":"https://api.example.com:443/prod","cognitoDomain":"https://chat.auth.us-east-1.amazoncognito.com","#
                + #""motd":"\u003c/script\u003e\u003c!-- \"hi\" \u0026 \\ \u2028\n","region":"us-east-1","#
                + #""websocketUrl":"wss://ws.example.com/prod?x=1"}"#)
        let parsed = try JSONSerialization.jsonObject(with: config.json()) as? [String: String]
        #expect(parsed == config.values)
    }

    @Test func connectSourcesAreTheOriginsSorted() {
        #expect(
            config.connectSources == [
                "https://api.example.com", "https://chat.auth.us-east-1.amazoncognito.com", "wss://ws.example.com",
            ])
        #expect(config.formActions == ["https://chat.auth.us-east-1.amazoncognito.com"])
    }

    @Test func localOriginsKeepTheirPortsAndShareOne() {
        let local = ResolvedConfig([
            .init(key: "cognitoDomain", value: "http://127.0.0.1:8080", source: "s"),
            .init(key: "apiUrl", value: "http://127.0.0.1:8080/api", source: "s"),
            .init(key: "websocketUrl", value: "ws://127.0.0.1:8080/ws", source: "s"),
        ])
        #expect(local.connectSources == ["http://127.0.0.1:8080", "ws://127.0.0.1:8080"])
    }

    @Test func lookups() {
        #expect(config["region"] == "us-east-1")
        #expect(config["userPoolId"] == nil)
        #expect(config.source(of: "apiUrl") == "flag --set")
    }
}
