import APISpec
import Foundation
import Testing

@testable import SiteBuilder

@Suite("Config: outputs files")
struct ConfigOutputsTests {
    let resolver = ConfigResolver(project: ProjectFile(), environment: [:])

    @Test func describeStacks() throws {
        let path = ConfigFixtures.config("describe-stacks.json")
        let (config, diagnostics) = resolver.resolve(stage: nil, outputs: [path], flags: [])
        #expect(diagnostics.isEmpty)
        let resolved = try #require(config)
        #expect(
            resolved.values == [
                "region": "us-west-2", "userPoolId": "us-west-2_Xq7Lm2PzA",
                "userPoolClientId": "5l2k3j4h5g6f7d8s9a0q1w2e3r",
                "cognitoDomain": "https://cs399-chatroom.auth.us-west-2.amazoncognito.com",
                "redirectUri": "https://d1a2b3c4d5e6f7.cloudfront.net/",
                "apiUrl": "https://r3st4p1ab2.execute-api.us-west-2.amazonaws.com/prod",
                "websocketUrl": "wss://w5s0ck3t9z.execute-api.us-west-2.amazonaws.com/prod",
            ])
        #expect(
            resolved.source(of: "apiUrl")
                == "outputs \(path) (output WebApiEndpoint of stack ChatroomStack), trailing / removed")
        #expect(
            resolved.source(of: "region")
                == "region of userPoolId from outputs \(path) (output UserPoolId of stack ChatroomStack)")
        #expect(resolved.entries.map(\.key) == ConfigKeys.standard)
    }

    @Test func cdkOutputsWithHashedLogicalIds() throws {
        let path = ConfigFixtures.config("cdk-outputs.json")
        let (config, diagnostics) = resolver.resolve(stage: nil, outputs: [path], flags: [])
        #expect(diagnostics.isEmpty)
        let resolved = try #require(config)
        #expect(resolved["userPoolId"] == "eu-central-1_Kd93LmQwe")
        #expect(resolved["userPoolClientId"] == "1a2b3c4d5e6f7g8h9i0j1k2l3m")
        #expect(resolved["apiUrl"] == "https://k8s9d0f1g2.execute-api.eu-central-1.amazonaws.com/prod")
        #expect(resolved["websocketUrl"] == "wss://p0o9i8u7y6.execute-api.eu-central-1.amazonaws.com/prod")
        #expect(resolved["cognitoDomain"] == "https://chat-demo.auth.eu-central-1.amazoncognito.com")
        #expect(
            resolved.source(of: "cognitoDomain")
                == "outputs \(path) (output UserPoolDomainName of stack ChatStack), https:// added")
        #expect(resolved.source(of: "apiUrl")?.contains("output ChatApiEndpointE4A1B2C3 of stack ChatStack") == true)
    }

    @Test func terraformOutputsWithSnakeCaseNames() throws {
        let path = ConfigFixtures.config("terraform-outputs.json")
        let (config, diagnostics) = resolver.resolve(stage: nil, outputs: [path], flags: [])
        #expect(diagnostics.isEmpty)
        let resolved = try #require(config)
        #expect(
            resolved.values == [
                "region": "ap-southeast-2", "userPoolId": "ap-southeast-2_Tf4Gh5Jk6",
                "userPoolClientId": "7q8w9e0r1t2y3u4i5o6p7a8s9d", "cognitoDomain": "https://auth.chat.example.org",
                "redirectUri": "https://chat.example.org/",
                "apiUrl": "https://m1n2b3v4c5.execute-api.ap-southeast-2.amazonaws.com/v1",
                "websocketUrl": "wss://z1x2c3v4b5.execute-api.ap-southeast-2.amazonaws.com/v1",
            ])
        #expect(resolved.source(of: "userPoolId") == "outputs \(path) (output user_pool_id)")
    }

    @Test func formatIsDetectedFromContent() throws {
        let formats = try ["describe-stacks.json", "cdk-outputs.json", "terraform-outputs.json"].map {
            try OutputsFile.read(path: ConfigFixtures.config($0)).get().format
        }
        #expect(formats == [.describeStacks, .cdk, .terraform])
    }

    @Test func laterOutputsFilesWin() throws {
        let first = ConfigFixtures.config("describe-stacks.json")
        let second = ConfigFixtures.config("cdk-outputs.json")
        let (config, _) = resolver.resolve(stage: nil, outputs: [first, second], flags: [])
        #expect(config?["userPoolId"] == "eu-central-1_Kd93LmQwe")
        let (reversed, _) = resolver.resolve(stage: nil, outputs: [second, first], flags: [])
        #expect(reversed?["userPoolId"] == "us-west-2_Xq7Lm2PzA")
    }

    @Test func invalidJSONIsLocated() {
        let path = ConfigFixtures.config("not-json.json")
        let (config, diagnostics) = resolver.resolve(stage: nil, outputs: [path], flags: ConfigFixtures.validFlags)
        #expect(config == nil)
        #expect(
            diagnostics.map(\.description) == [
                "\(path):4:17: error: the outputs file is not valid JSON (invalid value); write it with the tool's JSON output"
            ])
    }

    @Test func unreadableAndWrongShapeFilesAreNamed() {
        let missing = "/nonexistent/stack.json"
        let shape = ConfigFixtures.config("wrong-shape.json")
        let (_, diagnostics) = resolver.resolve(
            stage: nil, outputs: [missing, shape], flags: ConfigFixtures.validFlags)
        #expect(
            diagnostics.map(\.description) == [
                "\(missing): error: cannot read the outputs file; check the path",
                "\(shape):1:1: error: the outputs file's shape is not one chatsite reads; give the JSON written by "
                    + "`aws cloudformation describe-stacks` ({\"Stacks\": [...]}), `cdk deploy --outputs-file` "
                    + "({\"Stack\": {\"Output\": \"value\"}}) or `terraform output -json` ({\"name\": {\"value\": ...}})",
            ])
    }

    @Test func aFileWithNoUsefulOutputIsAWarning() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "chatsite-config-\(UUID().uuidString).json")
        try Data(#"{"Other": {"BucketName": "b", "TableName": "t"}}"#.utf8).write(to: folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (config, diagnostics) = resolver.resolve(
            stage: nil, outputs: [folder.path], flags: ConfigFixtures.validFlags)
        #expect(config != nil)
        #expect(
            diagnostics.map(\.description) == [
                "\(folder.path): warning: no output in this cdk deploy --outputs-file file gives a config key "
                    + "(its outputs are BucketName, TableName); map them under outputs in chatsite.yaml"
            ])
    }

    @Test func projectMappingAddsAndOverrides() throws {
        let project = try ConfigFixtures.project(
            """
            outputs:
              SocketAddress: websocketUrl
              WebsiteURL: apiUrl
            """)
        let outputs = OutputsFile(
            path: "o.json", format: .cdk,
            outputs: [
                .init(name: "WebSocketApiEndpoint", value: "wss://default.example.com", stack: "S"),
                .init(name: "SocketAddressAB12CD34", value: "wss://mapped.example.com", stack: "S"),
                .init(name: "WebsiteURL", value: "https://site.example.com", stack: "S"),
            ])
        var diagnostics: [Diagnostic] = []
        let values = ConfigResolver(project: project, environment: [:]).collect(outputs, diagnostics: &diagnostics)
        #expect(values["websocketUrl"]?.value == "wss://mapped.example.com")
        #expect(values["apiUrl"]?.value == "https://site.example.com")
        #expect(values["redirectUri"] == nil)
        #expect(diagnostics.isEmpty)
    }

    @Test func nameMatching() {
        let matcher = OutputMatcher(project: [])
        #expect(matcher.match("user_pool_id")?.key == "userPoolId")
        #expect(matcher.match("USER-POOL-ID")?.key == "userPoolId")
        #expect(matcher.match("UserPoolIdE4A1B2C3")?.key == "userPoolId")
        #expect(matcher.match("ChatApiEndpointE4A1B2C3")?.key == "apiUrl")
        #expect(matcher.match("ChatApiEndpointE4A1B2C3")?.strength == .defaultSuffix)
        #expect(matcher.match("ChatWebSocketApiEndpoint")?.key == "websocketUrl")
        #expect(matcher.match("chat_websocket_api_url")?.key == "websocketUrl")
        #expect(matcher.match("RapiEndpoint") == nil)  // "ApiEndpoint" inside a word is no match
        #expect(matcher.match("MessagesTableName") == nil)
    }

    @Test func tiedOutputsThatDisagreeWarn() throws {
        let outputs = OutputsFile(
            path: "o.json", format: .describeStacks,
            outputs: [
                .init(name: "UserPoolId", value: "us-east-1_One", stack: "A"),
                .init(name: "UserPoolId", value: "us-east-1_Two", stack: "B"),
            ])
        var diagnostics: [Diagnostic] = []
        let values = resolver.collect(outputs, diagnostics: &diagnostics)
        #expect(values["userPoolId"]?.value == "us-east-1_Two")
        #expect(
            diagnostics.map(\.description) == [
                "o.json: warning: outputs UserPoolId of stack A, UserPoolId of stack B could each give userPoolId; "
                    + "using the last, UserPoolId of stack B — give one stack's outputs, or map the right output under "
                    + "outputs in chatsite.yaml"
            ])
    }
}
