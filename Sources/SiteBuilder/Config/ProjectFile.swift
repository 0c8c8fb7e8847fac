import APISpec
import Foundation

/// The project file, `chatsite.yaml`: where things are and how config is resolved.
///
/// Every field is optional; a project without the file gets ``init()``'s defaults.
/// ```swift
/// let (project, diagnostics) = ProjectFile.loadIfPresent(path: "chatsite.yaml")
/// ```
public struct ProjectFile: Sendable {
    /// The file it was read from; nil when the project has none and the defaults apply.
    public var path: String?
    /// The site's source folder.
    public var site = "Site"
    /// The OpenAPI document of the API the site talks to.
    public var spec: String? = "OpenAPI/chat-api.yaml"
    /// The folder the build writes.
    public var out = "dist"
    /// Whether config is embedded in each page or served as one `config.json`.
    public var configMode = ConfigMode.runtime
    /// The folder inside the site where the generated JS SDK goes; nil for none.
    public var sdk: String? = "sdk"
    /// The API reference page's path inside the site; nil for none.
    public var reference: String? = "reference.html"

    /// Keys the project declares beyond the standard seven, in the file's order.
    var declaredKeys: [DeclaredKey] = []
    /// `outputs:` — stack output names mapped to keys, consulted before the default mapping.
    var outputRules: [OutputRule] = []
    /// `stages:` — per-stage values, in the file's order.
    var stages: [Stage] = []
    /// `placeholders:` — a legacy site's placeholder texts and the keys that replace them.
    var placeholders: [Placeholder] = []

    /// The defaults, as if the project had no `chatsite.yaml`.
    public init() {}

    /// The names of the stages the project file defines, in its order.
    public var stageNames: [String] { stages.map(\.name) }

    /// Every key the config has: the standard seven, then the declared ones.
    var allKeys: [String] { ConfigKeys.standard + declaredKeys.map(\.name) }

    /// The name used for the project file in messages.
    var displayPath: String { path ?? "chatsite.yaml" }
}

extension ProjectFile {
    /// A key declared under `keys:`.
    struct DeclaredKey: Sendable, Equatable {
        var name: String
        var isRequired: Bool
    }

    /// One `outputs:` entry: the output `outputName` gives `key`.
    struct OutputRule: Sendable, Equatable {
        var outputName: String
        var key: String
    }

    /// A value written in the project file, with where it was written.
    struct Located: Sendable, Equatable {
        var text: String
        var location: SourceLocation
    }

    /// One `stages:` section.
    struct Stage: Sendable, Equatable {
        var name: String
        var values: [String: Located]
        var location: SourceLocation
    }

    /// One `placeholders:` entry.
    struct Placeholder: Sendable, Equatable {
        var text: String
        var key: String
        var transforms: [ValueTransform]
        var location: SourceLocation
    }
}
