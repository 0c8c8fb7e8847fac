/// What an object is for deploying: it decides the upload phase and, with hashing, the `Cache-Control`.
enum ObjectKind: Int, CaseIterable {
    /// Everything that is neither a page nor the runtime config: uploaded first.
    case asset = 1
    /// `config.json` at the root, read by every page at run time: uploaded after the assets.
    case config = 2
    /// An HTML page: uploaded last, once everything it refers to is in place.
    case html = 3

    /// The object key of the runtime config.
    static let configKey = "config.json"

    /// A content-hashed name never changes meaning, so browsers and CloudFront may keep it for a year.
    static let immutable = "public, max-age=31536000, immutable"
    /// Pages and the runtime config must be revalidated on every load, or a deploy would not show.
    static let revalidate = "no-cache"
    /// Other unhashed files (`favicon.ico`, `robots.txt`, `sdk/index.js`, the web manifest) keep stable
    /// names because others link to them. Five minutes bounds how long a browser may use an old copy
    /// after a deploy while sparing it a request per use; CloudFront's copy is invalidated by the deploy.
    static let shortLived = "public, max-age=300"

    init(key: String, contentType: String) {
        if key == Self.configKey {
            self = .config
        } else if contentType.hasPrefix("text/html") {
            self = .html
        } else {
            self = .asset
        }
    }

    /// The phase's name in the manifest.
    var phaseName: String {
        switch self {
        case .asset: return "assets"
        case .config: return "config"
        case .html: return "html"
        }
    }

    /// The `Cache-Control` of an object of this kind: pages and config are revalidated even when hashed.
    func cacheControl(isHashed: Bool) -> String {
        guard self == .asset else { return Self.revalidate }
        return isHashed ? Self.immutable : Self.shortLived
    }
}
