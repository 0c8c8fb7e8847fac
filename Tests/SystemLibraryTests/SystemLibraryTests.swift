import CCmark
import CLibXML2
import Testing

/// The C shims link and their wrappers work: later modules (SiteBuilder) build on them.
@Suite("System libraries")
struct SystemLibraryTests {
    @Test func libxml2ParsesHTMLAndFreesThroughTheShim() throws {
        let html = "<html><body><p id='x'>Hi &amp; bye</p></body></html>"
        let document = try #require(
            html.withCString { htmlReadMemory($0, Int32(html.utf8.count), "page.html", "UTF-8", 0) })
        defer { xmlFreeDoc(document) }
        let root = try #require(xmlDocGetRootElement(document))
        let content = try #require(xmlNodeGetContent(root))
        defer { chatsite_xmlFree(content) }
        #expect(String(cString: content) == "Hi & bye")
        let version = String(cString: chatsite_xmlParserVersion())
        #expect(Int(version).map { $0 >= 20900 } == true, "libxml2 \(version) is older than 2.9")
    }

    @Test func cmarkRendersSafeHTML() throws {
        let markdown = "# Help\n\n<script>alert(1)</script>\n\n*Chat* [safely](javascript:alert(1))."
        let rendered = try #require(
            markdown.withCString { cmark_markdown_to_html($0, markdown.utf8.count, CMARK_OPT_SAFE) })
        defer { chatsite_cmark_free(rendered) }
        let html = String(cString: rendered)
        #expect(html.contains("<h1>Help</h1>"))
        #expect(html.contains("<em>Chat</em>"))
        #expect(!html.contains("<script>"))
        #expect(!html.contains("javascript:"))
    }
}
