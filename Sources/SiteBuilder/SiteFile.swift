import Foundation

/// One file of a site, read from `Site/` or made by a build step (a Markdown page, the SDK).
public struct SiteFile: Sendable, Equatable {
    /// The path inside the site, `/`-separated, with no leading slash: `css/app.css`.
    public var path: String
    public var data: Data

    public init(path: String, data: Data) {
        self.path = path
        self.data = data
    }
}

/// One file of the built site, as it is written to `dist/` and uploaded.
public struct OutputFile: Sendable, Equatable {
    /// The object key: the path inside `dist/`, `/`-separated, no leading slash.
    public var path: String
    public var data: Data
    /// The name carries the content's hash (`app.3f9a1c2e.js`), so it may be cached forever.
    public var isHashed: Bool

    /// The Cache-Control of hashed files, as deployed and as `chatsite serve` sends it.
    public static let immutableCacheControl = ObjectKind.immutable

    public init(path: String, data: Data, isHashed: Bool) {
        self.path = path
        self.data = data
        self.isHashed = isHashed
    }
}
