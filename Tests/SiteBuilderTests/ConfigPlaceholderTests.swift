import APISpec
import Foundation
import Testing

@testable import SiteBuilder

@Suite("Config: legacy placeholders")
struct ConfigPlaceholderTests {
    @Test func transforms() throws {
        let value = "https://chat.example.com:8443/prod/"
        func apply(_ chain: String) throws -> String {
            try ValueTransform.chain(chain).get().reduce(value) { $1.apply(to: $0) }
        }
        #expect(try apply("strip-scheme") == "chat.example.com:8443/prod/")
        #expect(try apply("append:/messages") == value + "/messages")
        #expect(try apply("prepend:url(") == "url(" + value)
        #expect(try apply("origin") == "https://chat.example.com:8443")
        #expect(try apply("host") == "chat.example.com:8443")
        #expect(try apply("trim-slash") == "https://chat.example.com:8443/prod")
        #expect(try apply("trim-slash|append:/messages") == "https://chat.example.com:8443/prod/messages")
        #expect(try apply("strip-scheme | trim-slash") == "chat.example.com:8443/prod")
        #expect(ValueTransform("strip-scheme")?.apply(to: "no-scheme.example.com") == "no-scheme.example.com")
        #expect(ValueTransform("origin")?.apply(to: "https://example.com:443/x") == "https://example.com")
    }

    @Test func theLegacySiteBuildsFromItsOutputs() throws {
        let (loaded, problems) = ProjectFile.load(path: ConfigFixtures.legacy("chatsite.yaml"))
        #expect(problems.isEmpty)
        let project = try #require(loaded)
        let (resolved, diagnostics) = ConfigResolver(project: project, environment: [:]).resolve(
            stage: nil, outputs: [ConfigFixtures.legacy("outputs.json")], flags: [])
        #expect(diagnostics.isEmpty)
        let config = try #require(resolved)
        let map = PlaceholderMap(project: project, config: config)
        let source = try String(contentsOfFile: ConfigFixtures.legacy("site/main.js"), encoding: .utf8)
        let script = map.apply(to: source)
        #expect(script.contains(#"UserPoolId: "us-east-2_Lg4cyR00m","#))
        #expect(script.contains(#"ClientId: "6h7j8k9l0z1x2c3v4b5n6m7q8w","#))
        // The site writes "https://YOUR_COGNITO_DOMAIN"; strip-scheme keeps the scheme single.
        #expect(script.contains(#"const cognitoDomain = "https://legacy-chatroom.auth.us-east-2.amazoncognito.com";"#))
        #expect(script.contains(#"const redirectUri = "https://legacy-chatroom.example.net/";"#))
        #expect(
            script.contains(
                #"const storeMessageEndpoint = "wss://st0r3m5g2c.execute-api.us-east-2.amazonaws.com/production";"#))
        #expect(
            script.contains(
                #"const getMessagesEndpoint = "https://g3tm5g5a1b.execute-api.us-east-2.amazonaws.com/prod/messages";"#)
        )
        #expect(map.leftovers(in: Data(script.utf8), path: "dist/main.js").isEmpty)
        let page = try String(contentsOfFile: ConfigFixtures.legacy("site/index.html"), encoding: .utf8)
        #expect(
            map.apply(to: page).contains(
                "https://legacy-chatroom.auth.us-east-2.amazoncognito.com/logout?client_id=6h7j8k9l0z1x2c3v4b5n6m7q8w"
                    + "&amp;logout_uri=https://legacy-chatroom.example.net/"))
    }

    @Test func leftoversAreLocated() throws {
        let map = try Self.map()
        let text = "let a = 1;\n  const é = \"YOUR_USER_POOL_ID\"; // YOUR_API_KEY, YOUR_API_KEY\nYOUR_USER_POOL_ID"
        #expect(
            map.leftovers(in: Data(text.utf8), path: "dist/main.js").map(\.description) == [
                "dist/main.js:2:14: error: placeholder YOUR_USER_POOL_ID is still in the built file; it stands for "
                    + "userPoolId — make sure this file goes through placeholder replacement, or remove the placeholder",
                "dist/main.js:2:37: warning: YOUR_API_KEY looks like a placeholder but is not declared; declare it under "
                    + "placeholders in chatsite.yaml if the build should replace it",
                "dist/main.js:3:1: error: placeholder YOUR_USER_POOL_ID is still in the built file; it stands for "
                    + "userPoolId — make sure this file goes through placeholder replacement, or remove the placeholder",
            ])
    }

    @Test func placeholdersAreWholeWordsAndValuesAreNotReplacedAgain() throws {
        let map = try Self.map()
        #expect(map.apply(to: "YOUR_API_URL YOUR_API") == "https://api.example.com/v1 api.example.com")
        #expect(map.apply(to: "YOUR_LOOP") == "YOUR_API")
        #expect(
            map.apply(to: "YOUR_API_KEY xYOUR_API (YOUR_API)")
                == "YOUR_API_KEY xYOUR_API (api.example.com)")
    }

    @Test func noPlaceholdersMeansNoChecks() {
        let map = PlaceholderMap(project: ProjectFile(), config: ResolvedConfig([]))
        #expect(map.isEmpty)
        #expect(map.leftovers(in: Data("YOUR_USER_POOL_ID".utf8), path: "x").isEmpty)
        #expect(map.apply(to: "YOUR_USER_POOL_ID") == "YOUR_USER_POOL_ID")
    }

    static func map() throws -> PlaceholderMap {
        let project = try ConfigFixtures.project(
            """
            keys:
              loop: { required: false }
            placeholders:
              YOUR_USER_POOL_ID: userPoolId
              YOUR_API: { key: apiUrl, transform: host }
              YOUR_API_URL: { key: apiUrl, transform: "append:/v1" }
              YOUR_LOOP: loop
            """)
        let config = ResolvedConfig([
            .init(key: "userPoolId", value: "us-east-1_Ab1", source: "s"),
            .init(key: "apiUrl", value: "https://api.example.com", source: "s"),
            .init(key: "loop", value: "YOUR_API", source: "s"),
        ])
        return PlaceholderMap(project: project, config: config)
    }
}
