import Foundation
import SiteBuilder
import Testing

/// Layouts that would recurse until the stack runs out (found by the fuzzer: each crashed the build).
@Suite("Pages: layouts that loop or nest too deeply")
struct PagesLayoutLoopTests {
    @Test func layoutIncludingItselfIsAnError() {
        let renderer = PageRenderer(layouts: ["page": "<main>\n  {{>page}}{{{content}}}</main>"])
        let (html, diagnostics) = PagesTestSupport.render("# Help\n", renderer: renderer)
        #expect(html == nil)
        #expect(
            diagnostics == [
                "Site/_layouts/page.html:2:3: error: the layouts include each other in a loop (page → page); "
                    + "a layout may not include itself, directly or through another"
            ])
    }

    @Test func loopThroughInheritanceAndChangedDelimitersIsFound() {
        let renderer = PageRenderer(layouts: [
            "page": "{{<base}}{{$body}}{{{content}}}{{/body}}{{/base}}",
            "base": "{{=<% %>=}}<html><%$body%><%/body%><%> frame %></html>",
            "frame": "{{<base}}{{/base}}",
        ])
        let (html, diagnostics) = PagesTestSupport.render("# Help\n", renderer: renderer)
        #expect(html == nil)
        #expect(
            diagnostics == [
                "Site/_layouts/page.html:1:1: error: the layouts include each other in a loop "
                    + "(page → base → frame → base); a layout may not include itself, directly or through another"
            ])
    }

    @Test func deeplyNestedSectionsAreAnErrorNotACrash() {
        let template = String(repeating: "{{#title}}", count: 10_000) + String(repeating: "{{/title}}", count: 10_000)
        let (html, diagnostics) = PagesTestSupport.render(
            "# Help\n", renderer: PageRenderer(layouts: ["page": template]))
        #expect(html == nil)
        #expect(
            diagnostics == [
                "Site/_layouts/page.html:1:1001: error: the layout 'page' nests sections deeper than 100 levels; flatten it"
            ])
    }

    @Test func layoutChosenByAValueIsAnError() {
        let (_, diagnostics) = PagesTestSupport.render(
            "---\nnext: page\n---\n# Help\n", renderer: PageRenderer(layouts: ["page": "{{>*next}}"]))
        #expect(
            diagnostics == [
                "Site/_layouts/page.html:1:1: error: the layout 'page' includes a layout chosen by a value "
                    + "('{{>*next}}'), which could include itself; name the layout instead"
            ])
    }

    @Test func brokenTagIsLocatedAsAnEditorCountsLines() {
        // swift-mustache counts a form feed as a line break; editors do not.
        let renderer = PageRenderer(layouts: ["page": "<p>\u{0C}</p>\r\n<p>\r\n{{#a}}\n{{"])
        let (_, diagnostics) = PagesTestSupport.render("# Help\n", renderer: renderer)
        #expect(
            diagnostics == [
                "Site/_layouts/page.html:4:3: error: the layout 'page' is not a valid Mustache template: "
                    + "a section is never closed ('{{/name}}' missing)"
            ])
    }

    @Test func includingAnotherLayoutStillWorks() throws {
        let renderer = PageRenderer(layouts: ["page": "<main>{{>nav}}{{{content}}}</main>", "nav": "<nav></nav>"])
        let (html, diagnostics) = PagesTestSupport.render("# Help\n", renderer: renderer)
        #expect(diagnostics.isEmpty)
        #expect(try #require(html).contains("<main><nav></nav><h1"))
    }
}
