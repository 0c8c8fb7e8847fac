import APISpec
import Foundation

extension SiteBuilder {
    /// The Markdown files rendered to `.html` pages (the `.md` sources leave the file set).
    func markdownPages(_ source: SiteSource, diagnostics: inout [Diagnostic]) -> [String: Data] {
        let markdown = source.files.keys.filter { SitePath.pathExtension(of: $0) == "md" }
        guard !markdown.isEmpty else { return [:] }
        let layoutsKey = Self.digest(
            source.layouts.sorted { $0.key < $1.key }.map { $0.key + "\0" + $0.value }.joined())
        let renderer = PageRenderer(layouts: source.layouts, siteDirectory: settings.site)
        var pages: [String: Data] = [:]
        var fresh: [String: (SiteFile?, [Diagnostic])] = [:]
        let cached = cache.withLock { $0.markdown }
        for path in markdown.sorted() {
            let data = source.files[path]!
            let key = path + "\0" + Self.digest(data) + layoutsKey
            let (page, problems) = cached[key] ?? renderer.render(markdown: SiteFile(path: path, data: data))
            fresh[key] = (page, problems)
            diagnostics += problems
            guard let page else { continue }
            if source.files[page.path] != nil {
                diagnostics.append(
                    Diagnostic(
                        .error, "renders to '\(page.path)', which the site already has; rename one of them",
                        file: "\(settings.site)/\(path)"))
            }
            pages[page.path] = page.data
        }
        cache.withLock { $0.markdown = fresh }
        return pages
    }

    /// Every HTML page rewritten, reusing last build's result for pages whose inputs did not change.
    func rewritePages(
        _ files: [String: Data], assets: [String: AssetHasher.Asset], additions: PageRewriter.HeadAdditions
    ) -> (pages: [String: PageRewriter.Result], rewritten: Int) {
        let rewriter = PageRewriter(
            assets: assets, files: Set(files.keys), additions: additions, siteName: settings.site)
        // A page's rewrite reads the asset names, the file list and the additions.
        let contextKey = Self.digest(
            assets.sorted { $0.key < $1.key }.map { "\($0.key)>\($0.value.path)" }.joined(separator: "\n") + "\n"
                + files.keys.sorted().joined(separator: "\n") + "\n" + "\(additions)")
        let cached = cache.withLock { $0.pages }
        var fresh: [String: PageRewriter.Result] = [:]
        var pages: [String: PageRewriter.Result] = [:]
        var rewritten = 0
        for (path, data) in files where ["html", "htm"].contains(SitePath.pathExtension(of: path)) {
            let key = path + "\0" + Self.digest(data) + contextKey
            let result: PageRewriter.Result
            if let hit = cached[key] {
                result = hit
            } else {
                result = rewriter.rewrite(path, data: data)
                rewritten += 1
            }
            fresh[key] = result
            pages[path] = result
        }
        cache.withLock { $0.pages = fresh }
        return (pages, rewritten)
    }
}
