import APISpec
import Foundation
import Synchronization

extension SiteBuilder {
    /// The Markdown files rendered to `.html` pages (the `.md` sources leave the file set).
    func markdownPages(
        _ source: SiteSource, renderer: PageRenderer, layoutsKey: String, diagnostics: inout [Diagnostic]
    ) -> [String: Data] {
        let markdown = source.files.keys.filter { SitePath.pathExtension(of: $0) == "md" }
        guard !markdown.isEmpty else { return [:] }
        var pages: [String: Data] = [:]
        var fresh: [String: (SiteFile?, [Diagnostic])] = [:]
        let cached = cache.withLock { $0.markdown }
        // Pages render on every core; results are gathered in path order, so output stays deterministic.
        let paths = markdown.sorted()
        let keys = paths.map { $0 + "\0" + Self.digest(source.files[$0]!) + layoutsKey }
        let results = Mutex([(SiteFile?, [Diagnostic])?](repeating: nil, count: paths.count))
        DispatchQueue.concurrentPerform(iterations: paths.count) { index in
            let result =
                cached[keys[index]]
                ?? renderer.render(markdown: SiteFile(path: paths[index], data: source.files[paths[index]]!))
            results.withLock { $0[index] = result }
        }
        for (index, result) in results.withLock({ $0 }).enumerated() {
            guard let (page, problems) = result else { continue }
            fresh[keys[index]] = (page, problems)
            diagnostics += problems
            guard let page else { continue }
            if source.files[page.path] != nil {
                diagnostics.append(
                    Diagnostic(
                        .error, "renders to '\(page.path)', which the site already has; rename one of them",
                        file: "\(settings.site)/\(paths[index])"))
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
        let paths = files.keys.filter { ["html", "htm"].contains(SitePath.pathExtension(of: $0)) }.sorted()
        let keys = paths.map { $0 + "\0" + Self.digest(files[$0]!) + contextKey }
        let results = Mutex([PageRewriter.Result?](repeating: nil, count: paths.count))
        let misses = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: paths.count) { index in
            var result = cached[keys[index]]
            if result == nil {
                result = rewriter.rewrite(paths[index], data: files[paths[index]]!)
                misses.withLock { $0 += 1 }
            }
            results.withLock { $0[index] = result }
        }
        for (index, result) in results.withLock({ $0 }).enumerated() {
            fresh[keys[index]] = result
            pages[paths[index]] = result
        }
        rewritten = misses.withLock { $0 }
        cache.withLock { $0.pages = fresh }
        return (pages, rewritten)
    }
}
