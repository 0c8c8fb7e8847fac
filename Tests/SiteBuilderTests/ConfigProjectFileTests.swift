import APISpec
import Foundation
import Testing

@testable import SiteBuilder

@Suite("Config: project file")
struct ConfigProjectFileTests {
    @Test func readsEveryField() throws {
        let (project, diagnostics) = ProjectFile.load(path: ConfigFixtures.config("chatsite-full.yaml"))
        #expect(diagnostics.isEmpty)
        let file = try #require(project)
        #expect(file.site == "web")
        #expect(file.spec == "api/openapi.yaml")
        #expect(file.out == "build/site")
        #expect(file.configMode == .inline)
        #expect(file.sdk == nil)
        #expect(file.reference == "docs/api.html")
        #expect(file.outputRules.map(\.outputName) == ["ChatSocketUrl", "HelpDeskAddress"])
        #expect(
            file.declaredKeys == [
                .init(name: "supportEmail", isRequired: false), .init(name: "analyticsId", isRequired: true),
            ])
        #expect(file.stageNames == ["local", "prod"])
        #expect(file.stages[1].values["analyticsId"] == .init(text: "UA-1234", location: .init(line: 26, column: 18)))
        #expect(file.placeholders.map(\.text) == ["YOUR_SUPPORT_EMAIL"])
    }

    @Test func missingFileGivesDefaultsOnlyWhenOptional() {
        let path = "/nonexistent/chatsite.yaml"
        let (defaults, none) = ProjectFile.loadIfPresent(path: path)
        #expect(none.isEmpty)
        #expect(defaults?.path == nil)
        #expect(defaults?.site == "Site")
        #expect(defaults?.configMode == .runtime)
        let (project, diagnostics) = ProjectFile.load(path: path)
        #expect(project == nil)
        #expect(diagnostics.map(\.description) == ["\(path): error: cannot read the project file; check the path"])
    }

    @Test func emptyFileGivesDefaults() throws {
        let project = try ConfigFixtures.project("# nothing yet\n")
        #expect(project.site == "Site")
        #expect(project.spec == "OpenAPI/chat-api.yaml")
        #expect(project.stages.isEmpty)
    }

    @Test func theBundledAppsProjectFileMatchesTheDevServer() throws {
        let root = ConfigFixtures.root.deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let (project, diagnostics) = ProjectFile.load(path: root.appendingPathComponent("chatsite.yaml").path)
        #expect(diagnostics.isEmpty)
        let file = try #require(project)
        #expect(file.site == "Site" && file.configMode == .runtime && file.sdk == "sdk")
        let (config, problems) = ConfigResolver(project: file, environment: [:]).resolve(
            stage: "local", outputs: [], flags: [])
        #expect(problems.isEmpty)
        #expect(
            config?.values == [
                "region": "us-east-1", "userPoolId": "us-east-1_chatsitelocal", "userPoolClientId": "chatsitelocal",
                "cognitoDomain": "http://127.0.0.1:8080", "redirectUri": "http://127.0.0.1:8080/",
                "apiUrl": "http://127.0.0.1:8080/api", "websocketUrl": "ws://127.0.0.1:8080/ws",
            ])
    }

    @Test func reportsEveryProblemWithLineAndColumn() {
        let (project, diagnostics) = ProjectFile.load(path: ConfigFixtures.config("chatsite-errors.yaml"))
        #expect(project == nil)
        let file = ConfigFixtures.config("chatsite-errors.yaml")
        let keys =
            "region, userPoolId, userPoolClientId, cognitoDomain, redirectUri, apiUrl, websocketUrl, supportEmail"
        #expect(
            diagnostics.map { $0.description.replacingOccurrences(of: file, with: "chatsite-errors.yaml") } == [
                "chatsite-errors.yaml:2:1: error: unknown field 'colour'; the fields are site, spec, out, configMode, "
                    + "sdk, reference, outputs, keys, stages, placeholders",
                "chatsite-errors.yaml:1:7: error: 'site' must be a folder path, not a list",
                "chatsite-errors.yaml:4:6: error: 'sdk' must be a folder path or null, not 'false'",
                "chatsite-errors.yaml:3:13: error: 'configMode' must be inline or runtime, not 'static'",
                "chatsite-errors.yaml:6:3: error: 'region' is a standard key and always required; remove it from keys",
                "chatsite-errors.yaml:7:3: error: key name 'support-email' must be camelCase letters and digits "
                    + "starting with a lowercase letter, such as supportEmail",
                "chatsite-errors.yaml:8:29: error: 'keys.supportEmail.required' must be true or false, not 'maybe'",
                "chatsite-errors.yaml:8:36: error: unknown option 'secret' for key 'supportEmail'; the only option is required",
                "chatsite-errors.yaml:10:18: error: output 'ChatSocketUrl' maps to unknown config key 'websocketURL'; "
                    + "the keys are \(keys) (declare others under keys)",
                "chatsite-errors.yaml:13:5: error: stage 'prod' sets unknown config key 'apiURL'; the keys are \(keys) "
                    + "(declare others under keys)",
                "chatsite-errors.yaml:14:17: error: 'stages.prod.userPoolId' must be a string, not null",
                "chatsite-errors.yaml:16:57: error: unknown transform 'uppercase' for placeholder 'YOUR_COGNITO_DOMAIN'; "
                    + "the transforms are strip-scheme, append:SUFFIX, prepend:PREFIX, origin, host, trim-slash, "
                    + "chained with |",
                "chatsite-errors.yaml:17:13: error: placeholder 'YOUR_API' needs a key: { key: userPoolId }",
                "chatsite-errors.yaml:18:15: error: placeholder 'YOUR_THING' uses unknown config key 'thing'; "
                    + "the keys are \(keys) (declare others under keys)",
            ])
    }

    @Test func yamlSyntaxErrorsHaveTheirPosition() {
        let (project, diagnostics) = ProjectFile.parse(
            "site: Site\nstages:\n  local: {region: us-east-1\n", path: "chatsite.yaml")
        #expect(project == nil)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.location?.line == 4)
        #expect(diagnostics.first?.description.hasPrefix("chatsite.yaml:4:1: error: invalid YAML: ") == true)
    }

    @Test func duplicateKeysAreReported() {
        let (_, diagnostics) = ProjectFile.parse("site: a\nsite: b\n", path: "chatsite.yaml")
        #expect(diagnostics.map(\.message) == ["duplicate key 'site'; each key may appear once"])
    }

    @Test func aListAtTheTopIsNotAProjectFile() {
        let (_, diagnostics) = ProjectFile.parse("- site\n", path: "chatsite.yaml")
        #expect(
            diagnostics.map(\.description) == [
                "chatsite.yaml:1:1: error: the project file must be a mapping of fields (site:, out:, …), not a list"
            ])
    }
}
