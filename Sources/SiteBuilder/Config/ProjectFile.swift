import APISpec
import Foundation

/// How the built site gets its config: embedded in every page, or one `config.json` for every stage.
public enum ConfigMode: String, Sendable, CaseIterable {
    case inline
    case runtime
}

/// The project file, `chatsite.yaml`: where things are and how config is resolved.
/// (Skeleton: the config helper fills this in.)
public struct ProjectFile: Sendable {
    /// The file it was read from; nil when the project has none and the defaults apply.
    public var path: String?
    public var site = "Site"
    public var spec: String? = "OpenAPI/chat-api.yaml"
    public var out = "dist"
    public var configMode = ConfigMode.runtime
    /// The folder inside the site where the generated JS SDK goes; nil for none.
    public var sdk: String? = "sdk"
    /// The API reference page's path inside the site; nil for none.
    public var reference: String? = "reference.html"

    public init() {}
}
