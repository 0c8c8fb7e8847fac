import APISpec
import Foundation
import SiteBuilder

/// Shared helpers of the `Pages…Tests` suites.
enum PagesTestSupport {
    /// The repository's root folder.
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// A fixture of `Fixtures/pages/`, as a path.
    static func fixture(_ name: String) -> String {
        repository.appendingPathComponent("Tests/SiteBuilderTests/Fixtures/pages/\(name)").path
    }

    /// The test layout `Fixtures/pages/page.html`.
    static let pageLayout = (try? String(contentsOfFile: fixture("page.html"), encoding: .utf8)) ?? ""

    /// A renderer whose only layout is the test `page` layout.
    static let renderer = PageRenderer(layouts: ["page": pageLayout])

    /// Renders `markdown` as the page `path` and returns its HTML and the diagnostics as text.
    static func render(
        _ markdown: String, path: String = "help.md", renderer: PageRenderer = renderer
    ) -> (html: String?, diagnostics: [String]) {
        let (page, diagnostics) = renderer.render(markdown: SiteFile(path: path, data: Data(markdown.utf8)))
        return (page.map { String(decoding: $0.data, as: UTF8.self) }, diagnostics.map(\.description))
    }

    /// Renders the reference page of the spec at `path` (absolute or relative to the repository).
    static func reference(_ path: String) -> (html: String?, diagnostics: [String]) {
        let file = path.hasPrefix("/") ? path : repository.appendingPathComponent(path).path
        let spec = SpecLoader().load(path: file, decode: false)
        let (page, diagnostics) = APIReferencePage.render(spec: spec, path: "reference.html", renderer: renderer)
        return (page.map { String(decoding: $0.data, as: UTF8.self) }, diagnostics.map(\.description))
    }

    /// The values of every `attribute="…"` in `html`.
    static func attributeValues(_ attribute: String, in html: String) -> [String] {
        html.components(separatedBy: " \(attribute)=\"").dropFirst().compactMap { $0.split(separator: "\"").first }
            .map(String.init)
    }

    /// Fragment links (`href="#x"`) of `html` whose target `id` does not exist.
    static func brokenFragmentLinks(in html: String) -> [String] {
        let ids = Set(attributeValues("id", in: html))
        return attributeValues("href", in: html).filter { $0.hasPrefix("#") }.map { String($0.dropFirst()) }
            .filter { !ids.contains($0) }
    }
}
