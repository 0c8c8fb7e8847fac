import APISpec
import Foundation

/// Renders the site's Markdown pages to HTML inside their layouts.
///
/// A page `docs/help.md` becomes `docs/help.html`: its optional YAML front matter gives `title`,
/// `description`, `layout` (default `page`) and any other string values; its CommonMark body is
/// rendered in safe mode (raw HTML and `javascript:` links dropped), headings get unique
/// GitHub-style `id`s, and links to other `.md` pages point at their `.html` output. The result
/// goes through the Mustache template `_layouts/<layout>.html`, which sees `title`,
/// `description`, `content` (the page's HTML: use `{{{content}}}`), `path` (the output path),
/// `root` (`""`, `../`, … back to the site root) and the front matter's values.
///
/// ```swift
/// let renderer = PageRenderer(layouts: ["page": "<title>{{title}}</title>{{{content}}}"])
/// let (page, problems) = renderer.render(markdown: SiteFile(path: "help.md", data: Data("# Help".utf8)))
/// ```
///
/// Layouts are compiled once, when the renderer is made; rendering is safe from any thread.
public struct PageRenderer: Sendable {
    /// The layout used by pages that name none.
    public static let defaultLayout = "page"

    let layouts: LayoutSet
    /// The site folder as the user names it, to locate diagnostics: `Site`.
    let siteDirectory: String

    /// Makes a renderer for a site's layouts.
    ///
    /// - Parameters:
    ///   - layouts: Each layout's name (the file name in `_layouts/` without `.html`) and template text.
    ///   - siteDirectory: The site folder, as diagnostics should name it (`Site/help.md:3:1: error: …`).
    public init(layouts: [String: String], siteDirectory: String = "Site") {
        self.layouts = LayoutSet(templates: layouts, directory: siteDirectory + "/_layouts")
        self.siteDirectory = siteDirectory
    }

    /// Renders one Markdown page.
    ///
    /// - Parameter markdown: The page, with its site path (`docs/help.md`) and UTF-8 text.
    /// - Returns: The HTML page (`docs/help.html`), or nil when it has errors; and the diagnostics,
    ///   located in the page or in its layout. A layout that is not a valid template gives every
    ///   page using it the same `Diagnostic` (equal values: report each once).
    public func render(markdown: SiteFile) -> (SiteFile?, [Diagnostic]) {
        let file = siteDirectory + "/" + markdown.path
        guard var text = String(validating: markdown.data, as: UTF8.self) else {
            return (nil, [Diagnostic(.error, "the page is not UTF-8 text; save it as UTF-8", file: file)])
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let (parsed, problems) = FrontMatter.parse(text, file: file)
        guard let matter = parsed else { return (nil, problems) }
        let document = MarkdownDocument(String(matter.body))
        let heading = document.prepareForSite()
        let content = document.html()
        let stem = markdown.path.split(separator: "/").last.map { String($0.dropLast(3)) } ?? markdown.path
        let page = Page(
            path: Self.outputPath(of: markdown.path), source: file, content: content,
            title: matter.values["title"] ?? heading ?? stem, description: matter.values["description"],
            layout: matter.values["layout"] ?? Self.defaultLayout, layoutLocation: matter.locations["layout"],
            values: matter.values)
        let (output, diagnostics) = render(page)
        return (output, problems + diagnostics)
    }

    /// `help.md` → `help.html`.
    static func outputPath(of path: String) -> String {
        (path.hasSuffix(".md") ? String(path.dropLast(3)) : path) + ".html"
    }

    /// A page ready for its layout.
    struct Page {
        var path: String
        /// The file the page came from, as diagnostics name it.
        var source: String
        var content: String
        var title: String
        var description: String?
        var layout: String = PageRenderer.defaultLayout
        var layoutLocation: SourceLocation?
        var values: [String: String] = [:]
        /// The page as messages name it.
        var what = "the page"
        /// Whether the page's front matter may choose another layout.
        var canChooseLayout = true
    }

    /// Applies the page's layout.
    func render(_ page: Page) -> (SiteFile?, [Diagnostic]) {
        var context = page.values
        context["title"] = page.title
        context["description"] = page.description
        context["content"] = page.content
        context["path"] = page.path
        context["root"] = PageLink.root(of: page.path)
        switch layouts.render(page.layout, context: context) {
        case .success(let html):
            return (SiteFile(path: page.path, data: Data(html.utf8)), [])
        case .failure(.broken(let diagnostic)):
            return (nil, [diagnostic])
        case .failure(.missing):
            return (nil, [missingLayout(page)])
        }
    }

    private func missingLayout(_ page: Page) -> Diagnostic {
        let wanted = LayoutSet.file(page.layout, in: layouts.directory)
        let names = layouts.names.joined(separator: ", ")
        let advice =
            layouts.names.isEmpty
            ? "add it (the site has no layouts yet)"
            : page.canChooseLayout
                ? "add it, or set 'layout:' in the front matter to one of: \(names)"
                : "add it (the site's layouts are: \(names))"
        return Diagnostic(
            .error, "\(page.what) uses the layout '\(page.layout)', but there is no \(wanted); \(advice)",
            file: page.source, location: page.layoutLocation)
    }
}
