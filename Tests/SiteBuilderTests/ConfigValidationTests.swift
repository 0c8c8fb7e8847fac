import APISpec
import Foundation
import Testing

@testable import SiteBuilder

@Suite("Config: validation")
struct ConfigValidationTests {
    /// The diagnostics for the valid flags with `changes` applied (`key=value` replaces that key's flag).
    func diagnostics(
        _ changes: [String], removing removed: [String] = [], project: ProjectFile = ProjectFile()
    )
        -> [String]
    {
        let keys = Set((changes.map { String($0.prefix { $0 != "=" }) }) + removed)
        let flags = ConfigFixtures.validFlags.filter { !keys.contains(String($0.prefix { $0 != "=" })) } + changes
        let (config, diagnostics) = ConfigResolver(project: project, environment: [:]).resolve(
            stage: nil, outputs: [], flags: flags)
        if diagnostics.contains(where: { $0.severity == .error }) { #expect(config == nil) }
        return diagnostics.map(\.description)
    }

    @Test func fourProblemsInOneOutputsFileAreReportedTogether() {
        let path = ConfigFixtures.config("four-problems.json")
        let (config, diagnostics) = ConfigResolver(project: ProjectFile(), environment: [:]).resolve(
            stage: nil, outputs: [path], flags: [])
        #expect(config == nil)
        let from = "from outputs \(path) (output"
        #expect(
            diagnostics.map(\.description) == [
                "\(path): error: userPoolId 'us-east-1-Ab12Cd34' \(from) UserPoolId of stack BrokenChat) is not a user "
                    + "pool id; expected REGION_ID, such as us-east-1_AbC123xyz",
                "\(path): error: cognitoDomain 'https://https://broken.auth.us-east-1.amazoncognito.com' \(from) "
                    + "UserPoolDomainName of stack BrokenChat) has its scheme twice; remove one: "
                    + "'https://broken.auth.us-east-1.amazoncognito.com'",
                "\(path): error: apiUrl 'http://api.broken.example.com/prod' \(from) WebApiEndpoint of stack BrokenChat) "
                    + "must be an https:// URL (http:// is allowed only for localhost, 127.0.0.1 and [::1]); "
                    + "use 'https://api.broken.example.com/prod'",
                "\(path): error: websocketUrl 'https://ws.broken.example.com/prod' \(from) WebSocketApiEndpoint of stack "
                    + "BrokenChat) must be a wss:// URL (ws:// is allowed only for localhost, 127.0.0.1 and [::1]); "
                    + "use 'wss://ws.broken.example.com/prod'",
            ])
    }

    @Test func missingKeySaysWhereItLookedAndHowToProvideIt() throws {
        let project = try ConfigFixtures.project(
            """
            stages:
              prod:
                region: us-east-1
            placeholders:
              YOUR_CLIENT_ID: userPoolClientId
            """)
        var flags = ConfigFixtures.validFlags.filter { !$0.hasPrefix("userPoolClientId=") && !$0.hasPrefix("region=") }
        flags += ["userPoolId=us-east-1_AbC123xyz"]
        let (config, diagnostics) = ConfigResolver(project: project, environment: [:]).resolve(
            stage: "prod", outputs: [], flags: flags)
        #expect(config == nil)
        #expect(
            diagnostics.map(\.description) == [
                "chatsite.yaml:2:3: error: missing required config key 'userPoolClientId' (looked at --set flags, "
                    + "environment CHATSITE_USER_POOL_CLIENT_ID, chatsite.yaml stage prod); provide it with "
                    + "--set userPoolClientId=…, the environment variable CHATSITE_USER_POOL_CLIENT_ID, "
                    + "userPoolClientId: in a stage of chatsite.yaml, or an output named ClientId, "
                    + "UserPoolClientId or AppClientId; placeholder YOUR_CLIENT_ID needs it"
            ])
    }

    @Test func missingKeysWithOutputsFilesNameTheFiles() throws {
        let project = try ConfigFixtures.project(
            """
            keys:
              analyticsId:
            outputs:
              AnalyticsId: analyticsId
            """)
        let outputs = ConfigFixtures.config("terraform-outputs.json")
        let (_, diagnostics) = ConfigResolver(project: project, environment: [:]).resolve(
            stage: nil, outputs: [outputs], flags: [])
        #expect(
            diagnostics.map(\.description) == [
                "chatsite.yaml: error: missing required config key 'analyticsId' (looked at --set flags, environment "
                    + "CHATSITE_ANALYTICS_ID, outputs \(outputs)); provide it with --set analyticsId=…, the environment "
                    + "variable CHATSITE_ANALYTICS_ID, analyticsId: in a stage of chatsite.yaml, or an output "
                    + "named AnalyticsId"
            ])
        let (_, none) = ConfigResolver(project: ProjectFile(), environment: [:]).resolve(
            stage: nil, outputs: [], flags: [])
        #expect(none.count == 7)
        #expect(
            none.first?.description
                == "chatsite.yaml: error: missing required config key 'region' (looked at --set flags, environment "
                + "CHATSITE_REGION); provide it with --set region=…, the environment variable CHATSITE_REGION, region: in "
                + "a stage of chatsite.yaml, or an output named Region or AwsRegion")
    }

    @Test func poolIdAndRegionShapes() {
        #expect(
            diagnostics(["region=US East"]) == [
                "--set: error: region 'US East' from flag --set is not an AWS region; expected a name such as us-east-1"
            ])
        #expect(
            diagnostics(["userPoolId=AbC123xyz"]) == [
                "--set: error: userPoolId 'AbC123xyz' from flag --set is not a user pool id; expected REGION_ID, "
                    + "such as us-east-1_AbC123xyz"
            ])
        #expect(diagnostics(["region=us-gov-west-1", "userPoolId=us-gov-west-1_Ab1"]).isEmpty)
    }

    @Test func regionMustMatchThePoolId() {
        let (_, diagnostics) = ConfigResolver(project: ProjectFile(), environment: ["CHATSITE_REGION": "eu-west-1"])
            .resolve(stage: nil, outputs: [], flags: ConfigFixtures.validFlags.filter { !$0.hasPrefix("region=") })
        #expect(
            diagnostics.map(\.description) == [
                "environment: error: region 'eu-west-1' from environment CHATSITE_REGION does not match userPoolId "
                    + "'us-east-1_AbC123xyz' from flag --set, which is in us-east-1; use values from one deployment, "
                    + "or drop region and it is taken from userPoolId"
            ])
    }

    @Test func urlSchemes() {
        #expect(
            diagnostics(["apiUrl=api.example.com/prod"]) == [
                "--set: error: apiUrl 'api.example.com/prod' from flag --set has no scheme; write it as "
                    + "'https://api.example.com/prod'"
            ])
        #expect(
            diagnostics(["redirectUri=https://"]) == [
                "--set: error: redirectUri 'https://' from flag --set is not a URL with a host; give a full URL such as "
                    + "https://example.com"
            ])
        #expect(
            diagnostics(["websocketUrl=ws://localhost.example.com/ws"]) == [
                "--set: error: websocketUrl 'ws://localhost.example.com/ws' from flag --set must be a wss:// URL "
                    + "(ws:// is allowed only for localhost, 127.0.0.1 and [::1]); use 'wss://localhost.example.com/ws'"
            ])
        #expect(
            diagnostics(["apiUrl=ftp://files.example.com"]) == [
                "--set: error: apiUrl 'ftp://files.example.com' from flag --set must be an https:// URL (http:// is "
                    + "allowed only for localhost, 127.0.0.1 and [::1]); use 'https://files.example.com'"
            ])
        #expect(diagnostics(["apiUrl="]) == ["--set: error: apiUrl from flag --set is empty; give it a value"])
    }

    @Test func loopbackHostsMayUsePlainSchemes() {
        #expect(
            diagnostics([
                "apiUrl=http://localhost:8080/api", "websocketUrl=ws://[::1]:8080/ws",
                "cognitoDomain=http://127.0.0.1:8080", "redirectUri=http://LOCALHOST/",
            ]).isEmpty)
    }

    @Test func cognitoDomainWithoutSchemeGetsHTTPS() throws {
        let flags = ConfigFixtures.validFlags.filter { !$0.hasPrefix("cognitoDomain=") }
        let (config, _) = ConfigResolver(
            project: ProjectFile(), environment: ["CHATSITE_COGNITO_DOMAIN": "chat.auth.us-east-1.amazoncognito.com"]
        ).resolve(stage: nil, outputs: [], flags: flags)
        #expect(config?["cognitoDomain"] == "https://chat.auth.us-east-1.amazoncognito.com")
        #expect(config?.source(of: "cognitoDomain") == "environment CHATSITE_COGNITO_DOMAIN, https:// added")
        let (prefix, _) = ConfigResolver(project: ProjectFile(), environment: ["CHATSITE_COGNITO_DOMAIN": "my-chat"])
            .resolve(stage: nil, outputs: [], flags: flags)
        #expect(prefix?["cognitoDomain"] == "https://my-chat.auth.us-east-1.amazoncognito.com")
        #expect(
            prefix?.source(of: "cognitoDomain")
                == "environment CHATSITE_COGNITO_DOMAIN, expanded from the domain prefix")
    }

    @Test func trailingSlashesAreDropped() throws {
        let flags =
            ConfigFixtures.validFlags + [
                "apiUrl=https://api.example.com/prod//", "cognitoDomain=https://auth.example.com/",
            ]
        let (config, _) = ConfigResolver(project: ProjectFile(), environment: [:]).resolve(
            stage: nil, outputs: [], flags: flags)
        #expect(config?["apiUrl"] == "https://api.example.com/prod")
        #expect(config?["cognitoDomain"] == "https://auth.example.com")
        #expect(config?["redirectUri"] == "https://chat.example.com/")
        #expect(config?.source(of: "apiUrl") == "flag --set, trailing / removed")
    }

    @Test func aStageValueIsLocatedInTheProjectFile() throws {
        let project = try ConfigFixtures.project(
            """
            stages:
              prod:
                apiUrl: http://api.example.com
            """)
        let flags = ConfigFixtures.validFlags.filter { !$0.hasPrefix("apiUrl=") }
        let (_, diagnostics) = ConfigResolver(project: project, environment: [:]).resolve(
            stage: "prod", outputs: [], flags: flags)
        #expect(
            diagnostics.map(\.description) == [
                "chatsite.yaml:3:13: error: apiUrl 'http://api.example.com' from chatsite.yaml stage prod (line 3) must "
                    + "be an https:// URL (http:// is allowed only for localhost, 127.0.0.1 and [::1]); "
                    + "use 'https://api.example.com'"
            ])
    }

    @Test func anOptionalKeyAPlaceholderNeedsMustBeThere() throws {
        let project = try ConfigFixtures.project(
            """
            keys:
              supportEmail: { required: false }
            placeholders:
              YOUR_SUPPORT_EMAIL: supportEmail
            """)
        #expect(
            diagnostics([], project: project) == [
                "chatsite.yaml:4:3: error: placeholder YOUR_SUPPORT_EMAIL needs config key 'supportEmail', which has no "
                    + "value; provide it with --set supportEmail=…, the environment variable CHATSITE_SUPPORT_EMAIL, "
                    + "supportEmail: in a stage of chatsite.yaml, or an output mapped to it under outputs in "
                    + "chatsite.yaml"
            ])
    }
}
