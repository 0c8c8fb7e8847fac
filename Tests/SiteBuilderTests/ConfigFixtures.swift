import APISpec
import Foundation

@testable import SiteBuilder

/// Paths of the config fixtures, and a parsed project from inline YAML.
enum ConfigFixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func config(_ name: String) -> String { root.appendingPathComponent("config/\(name)").path }
    static func legacy(_ name: String) -> String { root.appendingPathComponent("legacy-site/\(name)").path }

    /// The project parsed from `yaml`, named `chatsite.yaml` in messages; fails the test on errors.
    static func project(_ yaml: String) throws -> ProjectFile {
        let (project, diagnostics) = ProjectFile.parse(yaml, path: "chatsite.yaml")
        guard let project else { throw ProjectError(diagnostics: diagnostics) }
        return project
    }

    struct ProjectError: Error, CustomStringConvertible {
        var diagnostics: [Diagnostic]
        var description: String { diagnostics.map(\.description).joined(separator: "\n") }
    }

    /// A valid set of the seven standard keys as `--set` flags, for tests that change one of them.
    static let validFlags = [
        "region=us-east-1", "userPoolId=us-east-1_AbC123xyz", "userPoolClientId=client123",
        "cognitoDomain=https://chat.auth.us-east-1.amazoncognito.com", "redirectUri=https://chat.example.com/",
        "apiUrl=https://api.example.com/prod", "websocketUrl=wss://ws.example.com/prod",
    ]
}
