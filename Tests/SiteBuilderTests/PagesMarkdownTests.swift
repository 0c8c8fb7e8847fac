import Foundation
import SiteBuilder
import Testing

@Suite("Pages: Markdown")
struct PagesMarkdownTests {
    @Test func frontMatterGivesTitleDescriptionLayoutAndExtraValues() throws {
        let layouts = ["doc": "<title>{{title}}</title><meta content=\"{{description}}\">{{author}}|{{{content}}}"]
        let markdown = """
            ---
            title: Getting help
            description: Where to ask <questions>
            layout: doc
            author: Ada
            ---
            # Not the title
            """
        let (html, diagnostics) = PagesTestSupport.render(markdown, renderer: PageRenderer(layouts: layouts))
        #expect(diagnostics.isEmpty)
        #expect(
            try #require(html)
                == "<title>Getting help</title><meta content=\"Where to ask &lt;questions&gt;\">Ada|"
                + "<h1 id=\"not-the-title\">Not the title</h1>\n")
    }

    @Test func titleFallsBackToTheFirstLevelOneHeadingThenTheFileName() throws {
        let layouts = ["page": "{{title}}"]
        let renderer = PageRenderer(layouts: layouts)
        #expect(PagesTestSupport.render("## Sub\n\n# Main *title*\n", renderer: renderer).html == "Main title")
        #expect(PagesTestSupport.render("Just text.\n", path: "docs/faq.md", renderer: renderer).html == "faq")
    }

    @Test func badYAMLIsReportedAtItsLineInThePage() {
        let markdown = "---\ntitle: Help\ntags: [a, b\n---\n# Help\n"
        let (html, diagnostics) = PagesTestSupport.render(markdown)
        #expect(html == nil)
        #expect(
            diagnostics == [
                "Site/help.md:4:1: error: the front matter is not valid YAML: did not find expected ',' or ']' "
                    + "while parsing a flow sequence (which starts at line 3, column 7); fix it or remove the '---' block"
            ])
        let (_, nested) = PagesTestSupport.render("---\ntitle: Help\nlayout: page: wide\n---\n")
        #expect(
            nested == [
                "Site/help.md:3:13: error: the front matter is not valid YAML: mapping values are not allowed in "
                    + "this context; fix it or remove the '---' block"
            ])
    }

    @Test func unclosedFrontMatterIsReported() {
        let (html, diagnostics) = PagesTestSupport.render("---\ntitle: Help\n# Help\n")
        #expect(html == nil)
        #expect(
            diagnostics == [
                "Site/help.md:1:1: error: the front matter opened by '---' on line 1 is never closed; "
                    + "end it with a line '---'"
            ])
    }

    @Test func safeModeDropsRawHTMLAndScriptLinksAndEscapesText() throws {
        let markdown = """
            <script>alert(1)</script>

            Tom & Jerry <b onclick="x()">bold</b> a < b

            [run](javascript:alert(2)) [old](VBScript:x) [photo](data:text/html;base64,PHNjcmlwdD4=)
            """
        let html = try #require(
            PagesTestSupport.render(markdown, renderer: PageRenderer(layouts: ["page": "{{{content}}}"])).html)
        #expect(!html.contains("<script"))
        #expect(!html.contains("onclick"))
        #expect(!html.lowercased().contains("javascript:"))
        #expect(!html.lowercased().contains("vbscript:"))
        #expect(!html.contains("data:text/html"))
        #expect(html.contains("Tom &amp; Jerry"))
        #expect(html.contains("a &lt; b"))
        #expect(html.contains("<a href=\"\">run</a>"))
    }

    @Test func headingsGetUniqueGitHubStyleIDs() throws {
        let markdown = """
            # Sending messages
            ## Intro
            ## Intro
            ## Intro-1
            ### What's `new`? (v2.0)
            ## !!!
            ## Café & Crème
            Setext
            ------
            """
        let html = try #require(
            PagesTestSupport.render(markdown, renderer: PageRenderer(layouts: ["page": "{{{content}}}"])).html)
        #expect(
            html == """
                <h1 id="sending-messages">Sending messages</h1>
                <h2 id="intro">Intro</h2>
                <h2 id="intro-1">Intro</h2>
                <h2 id="intro-1-1">Intro-1</h2>
                <h3 id="whats-new-v20">What’s <code>new</code>? (v2.0)</h3>
                <h2 id="section">!!!</h2>
                <h2 id="café--crème">Café &amp; Crème</h2>
                <h2 id="setext">Setext</h2>

                """)
    }

    @Test func linksToMarkdownPagesPointAtTheirHTML() throws {
        let markdown = """
            [a](about.md#team) [b](docs/setup.md) [c](../index.md?x=1) [d](/guide.md)
            [e](https://example.com/readme.md) [f](notes.mdx) [g](#top) [h](mailto:a@b.md)
            ![i](pic.md)
            """
        let html = try #require(
            PagesTestSupport.render(markdown, renderer: PageRenderer(layouts: ["page": "{{{content}}}"])).html)
        let links = PagesTestSupport.attributeValues(
            "href", in: html.replacingOccurrences(of: "<a href", with: "< href"))
        #expect(
            links == [
                "about.html#team", "docs/setup.html", "../index.html?x=1", "/guide.html",
                "https://example.com/readme.md", "notes.mdx", "#top", "mailto:a@b.md",
            ])
        #expect(html.contains("<img src=\"pic.md\""))
    }
}
