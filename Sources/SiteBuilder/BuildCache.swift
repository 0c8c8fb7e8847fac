import APISpec
import Foundation

/// What one build leaves for the next: work keyed by the content it was done on.
struct BuildCache {
    struct Made {
        var files: [String: Data] = [:]
        var diagnostics: [Diagnostic] = []
    }

    /// The SDK and API reference, by layouts digest.
    var generated: [String: Made] = [:]
    /// Rendered Markdown pages, by path + source digest + layouts digest.
    var markdown: [String: (SiteFile?, [Diagnostic])] = [:]
    /// Rewritten pages, by path + source digest + digest of everything a page's rewrite reads.
    var pages: [String: PageRewriter.Result] = [:]
}
