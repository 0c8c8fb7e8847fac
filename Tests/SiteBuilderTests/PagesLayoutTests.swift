import Foundation
import SiteBuilder
import Testing

@Suite("Pages: layouts")
struct PagesLayoutTests {
    @Test func nestedPageGetsItsLayoutPathAndRoot() throws {
        let renderer = PageRenderer(layouts: ["page": PagesTestSupport.pageLayout])
        let (page, diagnostics) = renderer.render(
            markdown: SiteFile(
                path: "docs/guide/start.md", data: Data("---\ndescription: How to start\n---\n# Start\n".utf8)))
        #expect(diagnostics.isEmpty)
        let file = try #require(page)
        #expect(file.path == "docs/guide/start.html")
        let html = String(decoding: file.data, as: UTF8.self)
        #expect(html.contains("<title>Start</title><meta name=\"description\" content=\"How to start\">"))
        #expect(html.contains("href=\"../../css/app.css\""))
        #expect(html.contains("<body data-path=\"docs/guide/start.html\">"))
        #expect(html.contains("<main>\n<h1 id=\"start\">Start</h1>\n\n</main>"))
    }

    @Test func missingLayoutNamesThePageTheLayoutAndWhereItWasLookedFor() {
        let markdown = "---\ntitle: Help\nlayout: wide\n---\n# Help\n"
        let (html, diagnostics) = PagesTestSupport.render(markdown)
        #expect(html == nil)
        #expect(
            diagnostics == [
                "Site/help.md:3:9: error: the page uses the layout 'wide', but there is no Site/_layouts/wide.html; "
                    + "add it, or set 'layout:' in the front matter to one of: page"
            ])
        let (_, none) = PagesTestSupport.render("# Help\n", renderer: PageRenderer(layouts: [:], siteDirectory: "web"))
        #expect(
            none == [
                "web/help.md: error: the page uses the layout 'page', but there is no web/_layouts/page.html; "
                    + "add it (the site has no layouts yet)"
            ])
    }

    @Test func brokenTemplateIsReportedInTheLayoutFile() {
        let renderer = PageRenderer(layouts: ["page": "<html>\n<body>{{#items}}\n{{{content}}}\n</body>"])
        let (html, diagnostics) = PagesTestSupport.render("# Help\n", renderer: renderer)
        #expect(html == nil)
        #expect(
            diagnostics == [
                "Site/_layouts/page.html:4:8: error: the layout 'page' is not a valid Mustache template: "
                    + "a section is never closed ('{{/name}}' missing)"
            ])
    }
}
