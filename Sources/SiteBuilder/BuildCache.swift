import APISpec
import Foundation

/// What one build leaves for the next: work keyed by the content it was done on.
struct BuildCache {
    struct Made {
        var files: [String: Data] = [:]
        var diagnostics: [Diagnostic] = []
    }

    /// The page renderer with its layouts compiled, and the layouts' digest.
    var renderer: (key: String, renderer: PageRenderer)?
    /// The generated JS SDK.
    var sdk: Made?
    /// The API reference page, by layouts digest.
    var reference: [String: Made] = [:]
    /// Rendered Markdown pages, by path + source digest + layouts digest.
    var markdown: [String: (SiteFile?, [Diagnostic])] = [:]
    /// Rewritten pages, by path + source digest + digest of everything a page's rewrite reads.
    var pages: [String: PageRewriter.Result] = [:]
}
