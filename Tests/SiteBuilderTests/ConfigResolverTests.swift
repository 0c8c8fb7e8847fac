import APISpec
import Foundation
import Testing

@testable import SiteBuilder

@Suite("Config: sources and precedence")
struct ConfigResolverTests {
    static let yaml = """
        keys:
          supportEmail: { required: false }
        stages:
          prod:
            apiUrl: https://stage.example.com/api
            websocketUrl: wss://stage.example.com/ws
            supportEmail: help@example.com
          empty:
        """

    @Test func flagBeatsEnvironmentBeatsStageBeatsOutputs() throws {
        let project = try ConfigFixtures.project(Self.yaml)
        let outputs = ConfigFixtures.config("describe-stacks.json")
        let environment = [
            "CHATSITE_API_URL": "https://env.example.com/api", "CHATSITE_USER_POOL_CLIENT_ID": "fromEnvironment",
        ]
        let (config, diagnostics) = ConfigResolver(project: project, environment: environment).resolve(
            stage: "prod", outputs: [outputs], flags: ["apiUrl=https://flag.example.com/api"])
        #expect(diagnostics.isEmpty)
        let resolved = try #require(config)
        #expect(resolved["apiUrl"] == "https://flag.example.com/api")
        #expect(resolved.source(of: "apiUrl") == "flag --set")
        #expect(resolved["userPoolClientId"] == "fromEnvironment")
        #expect(resolved.source(of: "userPoolClientId") == "environment CHATSITE_USER_POOL_CLIENT_ID")
        #expect(resolved["websocketUrl"] == "wss://stage.example.com/ws")
        #expect(resolved.source(of: "websocketUrl") == "chatsite.yaml stage prod (line 6)")
        #expect(resolved["userPoolId"] == "us-west-2_Xq7Lm2PzA")
        #expect(resolved.source(of: "userPoolId") == "outputs \(outputs) (output UserPoolId of stack ChatroomStack)")
        #expect(resolved["supportEmail"] == "help@example.com")
        #expect(resolved.entries.map(\.key) == ConfigKeys.standard + ["supportEmail"])
    }

    @Test func environmentBeatsStage() throws {
        let project = try ConfigFixtures.project(Self.yaml)
        let flags = ConfigFixtures.validFlags.filter { !$0.hasPrefix("websocketUrl=") }
        let (config, _) = ConfigResolver(
            project: project, environment: ["CHATSITE_WEBSOCKET_URL": "wss://env.example.com"]
        )
        .resolve(stage: "prod", outputs: [], flags: flags)
        #expect(config?["websocketUrl"] == "wss://env.example.com")
    }

    @Test func emptyEnvironmentVariablesCountAsUnset() throws {
        let project = try ConfigFixtures.project(Self.yaml)
        let flags = ConfigFixtures.validFlags.filter { !$0.hasPrefix("apiUrl=") }
        let (config, _) = ConfigResolver(project: project, environment: ["CHATSITE_API_URL": ""])
            .resolve(stage: "prod", outputs: [], flags: flags)
        #expect(config?["apiUrl"] == "https://stage.example.com/api")
    }

    @Test func environmentNames() {
        #expect(ConfigKeys.environmentName("userPoolId") == "CHATSITE_USER_POOL_ID")
        #expect(ConfigKeys.environmentName("region") == "CHATSITE_REGION")
        #expect(ConfigKeys.environmentName("supportEmail") == "CHATSITE_SUPPORT_EMAIL")
    }

    @Test func laterFlagWinsAndValueMayHoldEquals() throws {
        let flags =
            ConfigFixtures.validFlags + [
                "redirectUri=https://a.example.com/?x=1", "redirectUri=https://b.example.com/?y=2",
            ]
        let (config, _) = ConfigResolver(project: ProjectFile(), environment: [:]).resolve(
            stage: nil, outputs: [], flags: flags)
        #expect(config?["redirectUri"] == "https://b.example.com/?y=2")
    }

    @Test func malformedAndUnknownFlags() {
        let (config, diagnostics) = ConfigResolver(project: ProjectFile(), environment: [:]).resolve(
            stage: nil, outputs: [],
            flags: ConfigFixtures.validFlags + ["apiUrl", "=x", "apiURL=https://x.example.com"])
        #expect(config == nil)
        #expect(
            diagnostics.map(\.description) == [
                "--set: error: 'apiUrl' is not KEY=VALUE; write it as --set userPoolId=us-east-1_AbC123xyz",
                "--set: error: '=x' is not KEY=VALUE; write it as --set userPoolId=us-east-1_AbC123xyz",
                "--set: error: 'apiURL=https://x.example.com' sets unknown config key 'apiURL'; the keys are region, "
                    + "userPoolId, userPoolClientId, cognitoDomain, redirectUri, apiUrl, websocketUrl (declare others "
                    + "under keys in chatsite.yaml)",
            ])
    }

    @Test func unknownStageListsTheStages() throws {
        let project = try ConfigFixtures.project(Self.yaml)
        let (config, diagnostics) = ConfigResolver(project: project, environment: [:]).resolve(
            stage: "prd", outputs: [], flags: ConfigFixtures.validFlags)
        #expect(config == nil)
        #expect(
            diagnostics.map(\.description) == [
                "chatsite.yaml: error: unknown stage 'prd'; the stages in chatsite.yaml are prod, empty"
            ])
        let (_, none) = ConfigResolver(project: ProjectFile(), environment: [:]).resolve(
            stage: "prod", outputs: [], flags: ConfigFixtures.validFlags)
        #expect(none.map(\.message) == ["unknown stage 'prod'; chatsite.yaml defines no stages; add a stages: section"])
    }

    @Test func regionIsTakenFromThePoolIdWhenNoSourceGivesIt() throws {
        let flags = ConfigFixtures.validFlags.filter { !$0.hasPrefix("region=") }
        let (config, diagnostics) = ConfigResolver(project: ProjectFile(), environment: [:]).resolve(
            stage: nil, outputs: [], flags: flags)
        #expect(diagnostics.isEmpty)
        #expect(config?["region"] == "us-east-1")
        #expect(config?.source(of: "region") == "region of userPoolId from flag --set")
    }

    @Test func anOptionalKeyMayBeMissing() throws {
        let project = try ConfigFixtures.project(Self.yaml)
        let (config, diagnostics) = ConfigResolver(project: project, environment: [:]).resolve(
            stage: "empty", outputs: [], flags: ConfigFixtures.validFlags)
        #expect(diagnostics.isEmpty)
        #expect(config?["supportEmail"] == nil)
        #expect(config?.entries.count == 7)
    }
}
