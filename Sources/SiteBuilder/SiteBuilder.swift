import APISpec
import Foundation
import SDKGenerator
import Synchronization

/// Builds a site folder into the files of a deployable site: Markdown pages and the API
/// reference rendered, the JS SDK generated, placeholders filled, assets content-hashed with
/// references rewritten, pages rewritten through libxml2 (integrity, CSP, config), links checked.
///
/// One builder serves many builds: `chatsite serve` keeps it and rebuilds after each change,
/// and work on files that did not change (Markdown rendering, page rewriting) is reused.
///
/// ```swift
/// let builder = SiteBuilder(settings: settings)
/// let output = builder.build()
/// if !output.failed { try SiteWriter.write(output.files, to: "dist") }
/// ```
public final class SiteBuilder: Sendable {
    /// Where the config the pages read comes from.
    public enum ConfigDelivery: Sendable {
        /// Embedded in every page as `<script id="chatsite-config" type="application/json">`.
        case inline(ResolvedConfig)
        /// Written to `config.json`, which the app fetches first.
        case runtime(ResolvedConfig)
        /// Answered by the server at `/config.json` (`chatsite serve`).
        case served
    }

    /// What to build and how.
    public struct Settings: Sendable {
        /// The site folder, as the user named it (diagnostics use it).
        public var site: String
        /// The API spec, for the JS SDK and the reference page.
        public var spec: LoadedSpec?
        /// The folder inside the site for the generated JS SDK; nil for none.
        public var sdkFolder: String?
        /// The path of the API reference page; nil for none.
        public var referencePath: String?
        public var config: ConfigDelivery
        public var placeholders: PlaceholderMap?
        public var headers: SecurityHeaders
        /// Root-relative URLs of scripts added to every page (the dev server's live reload).
        public var extraScripts: [String] = []

        public init(site: String, config: ConfigDelivery, headers: SecurityHeaders) {
            self.site = site
            self.config = config
            self.headers = headers
        }

        /// What `chatsite build` builds for a project: its site, SDK folder, reference page and
        /// placeholders, with `config` delivered the project's way.
        public init(project: ProjectFile, config: ResolvedConfig, headers: SecurityHeaders, spec: LoadedSpec?) {
            self.init(
                site: project.site, config: project.configMode == .inline ? .inline(config) : .runtime(config),
                headers: headers)
            self.spec = spec
            sdkFolder = project.sdk
            referencePath = project.reference
            placeholders = PlaceholderMap(project: project, config: config)
        }
    }

    /// The result of one build.
    public struct Output: Sendable {
        /// The files of the site, sorted by path.
        public var files: [OutputFile]
        public var diagnostics: [Diagnostic]
        /// How many pages were rewritten rather than reused from the previous build.
        public var pagesRewritten: Int
        public var failed: Bool { diagnostics.contains { $0.severity == .error } }
    }

    public let settings: Settings
    let cache = Mutex(BuildCache())

    public init(settings: Settings) {
        self.settings = settings
    }

    /// Builds the site from what is on disk now.
    public func build() -> Output {
        var trace = BuildTrace()
        defer { trace.report() }
        var diagnostics: [Diagnostic] = []
        var source = SiteSource.read(settings.site, skipping: settings.sdkFolder, diagnostics: &diagnostics)
        trace.mark("read")
        let (renderer, layoutsKey) = pageRenderer(layouts: source.layouts)
        source.files.merge(generatedFiles(renderer, layoutsKey: layoutsKey, diagnostics: &diagnostics)) {
            _, generated in generated
        }
        trace.mark("sdk+reference")
        let pages = markdownPages(source, renderer: renderer, layoutsKey: layoutsKey, diagnostics: &diagnostics)
        trace.mark("markdown")
        source.files = source.files.filter { SitePath.pathExtension(of: $0.key) != "md" }
        source.files.merge(pages) { _, page in page }
        if let placeholders = settings.placeholders, !placeholders.isEmpty {
            for (path, data) in source.files where SiteSource.isText(path) {
                if let filled = placeholders.apply(to: data) { source.files[path] = filled }
            }
        }
        var additions = PageRewriter.HeadAdditions(
            contentSecurityPolicy: settings.headers.metaContentSecurityPolicy, scripts: settings.extraScripts)
        switch settings.config {
        case .inline(let config): additions.configJSON = String(decoding: config.json(), as: UTF8.self)
        case .runtime(let config): source.files["config.json"] = config.json()
        case .served: break
        }
        trace.mark("placeholders")
        let hasher = AssetHasher(files: source.files, siteName: settings.site)
        diagnostics += hasher.diagnostics
        trace.mark("hash")
        let (rewrittenPages, rewritten) = rewritePages(source.files, assets: hasher.assets, additions: additions)
        trace.mark("pages")
        var files: [OutputFile] = []
        for (path, data) in source.files {
            if let asset = hasher.assets[path] {
                files.append(OutputFile(path: asset.path, data: asset.data, isHashed: true))
            } else if let page = rewrittenPages[path] {
                files.append(OutputFile(path: path, data: page.data, isHashed: false))
                diagnostics += page.diagnostics
            } else {
                files.append(OutputFile(path: path, data: data, isHashed: false))
            }
        }
        diagnostics += LinkChecker.check(rewrittenPages, siteName: settings.site)
        if let placeholders = settings.placeholders, !placeholders.isEmpty {
            for file in files where SiteSource.isText(file.path) {
                diagnostics += placeholders.leftovers(in: file.data, path: file.path)
            }
        }
        files.sort { $0.path < $1.path }
        trace.mark("links+leftovers")
        return Output(files: files, diagnostics: diagnostics, pagesRewritten: rewritten)
    }

    /// The renderer for the site's layouts, and their digest; made again only when a layout changed.
    private func pageRenderer(layouts: [String: String]) -> (PageRenderer, String) {
        let key = Self.digest(layouts.sorted { $0.key < $1.key }.map { $0.key + "\0" + $0.value }.joined())
        if let cached = cache.withLock({ $0.renderer }), cached.key == key { return (cached.renderer, key) }
        let renderer = PageRenderer(layouts: layouts, siteDirectory: settings.site)
        cache.withLock { $0.renderer = (key, renderer) }
        return (renderer, key)
    }

    /// The JS SDK (made once per builder: the spec does not change under it) and the API reference
    /// page (made again when the layouts change).
    private func generatedFiles(
        _ renderer: PageRenderer, layoutsKey: String, diagnostics: inout [Diagnostic]
    ) -> [String: Data] {
        guard let spec = settings.spec else { return [:] }
        let sdk = cache.withLock { $0.sdk } ?? makeSDK(spec)
        let reference = cache.withLock { $0.reference[layoutsKey] } ?? makeReference(spec, renderer)
        cache.withLock {
            $0.sdk = sdk
            $0.reference = [layoutsKey: reference]
        }
        diagnostics += sdk.diagnostics + reference.diagnostics
        return sdk.files.merging(reference.files) { _, page in page }
    }

    private func makeReference(_ spec: LoadedSpec, _ renderer: PageRenderer) -> BuildCache.Made {
        var made = BuildCache.Made()
        guard let path = settings.referencePath else { return made }
        let (page, problems) = APIReferencePage.render(spec: spec, path: path, renderer: renderer)
        made.diagnostics = problems
        if let page { made.files[page.path] = page.data }
        return made
    }

    private func makeSDK(_ spec: LoadedSpec) -> BuildCache.Made {
        var made = BuildCache.Made()
        guard let folder = settings.sdkFolder else { return made }
        let (model, problems) = ModelTranslator().translate(spec)
        made.diagnostics = problems
        for file in model.map({ JSGenerator().generate($0) }) ?? [] where file.path.hasSuffix(".js") {
            made.files[folder + "/" + file.path] = Data(file.contents.utf8)
        }
        return made
    }

    static func digest(_ text: String) -> String { digest(Data(text.utf8)) }

    static func digest(_ data: Data) -> String { sha256Hex(data) }
}
