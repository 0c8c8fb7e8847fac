import APISpec
import Foundation
import SiteBuilder
import Testing

@Suite("Pages: API reference")
struct PagesAPIReferenceTests {
    static let chat = PagesTestSupport.reference("OpenAPI/chat-api.yaml")

    @Test func everyOperationOfTheChatSpecHasItsAnchor() throws {
        let html = try #require(Self.chat.html)
        #expect(Self.chat.diagnostics.isEmpty)
        let spec = try String(
            contentsOf: PagesTestSupport.repository.appendingPathComponent("OpenAPI/chat-api.yaml"), encoding: .utf8)
        let operationIds = spec.split(separator: "\n").compactMap { line -> String? in
            let trimmed = line.drop { $0 == " " }
            guard trimmed.hasPrefix("operationId: ") else { return nil }
            return String(trimmed.dropFirst("operationId: ".count))
        }
        #expect(operationIds.count > 10)
        for operationId in operationIds {
            #expect(html.contains("<section id=\"op-\(operationId)\" class=\"api-operation\">"), "\(operationId)")
            #expect(html.contains("<code>\(operationId)</code>"), "\(operationId)")
        }
    }

    @Test func schemaLinksResolveToAnchorsOnThePage() throws {
        let html = try #require(Self.chat.html)
        #expect(html.contains("<a href=\"#schema-Message\">Message</a>"))
        #expect(html.contains("<section id=\"schema-Message\" class=\"api-schema\">"))
        #expect(PagesTestSupport.brokenFragmentLinks(in: html) == [])
    }

    @Test func descriptionsAreRenderedAsMarkdown() throws {
        let html = try #require(Self.chat.html)
        #expect(html.contains("<strong>Authentication.</strong>"))
        #expect(html.contains("<a href=\"https://github.com/ulid/spec\">ULIDs</a>"))
        #expect(html.contains("<title>chatsite chat API</title>"))
    }

    @Test func realtimeActionsAndEventsLinkToTheirSchemas() throws {
        let html = try #require(Self.chat.html)
        #expect(html.contains("<section id=\"realtime\" class=\"api-realtime\">"))
        #expect(
            html.contains(
                "<tr id=\"realtime-action-sendMessage\"><td><code>sendMessage</code></td>"
                    + "<td><a href=\"#schema-SendMessageAction\">SendMessageAction</a></td>"))
        #expect(html.contains("<tr id=\"realtime-event-messageCreated\">"))
    }

    @Test func markupInSpecTextDoesNotSurvive() throws {
        let (page, diagnostics) = PagesTestSupport.reference(PagesTestSupport.fixture("hostile-api.yaml"))
        #expect(diagnostics.isEmpty)
        let html = try #require(page)
        for tag in ["<script", "<img", "<iframe", "<svg", "javascript:"] {
            #expect(!html.lowercased().contains(tag), "\(tag)")
        }
        #expect(html.contains("<title>Hostile &lt;b&gt;API&lt;/b&gt;</title>"))
        #expect(html.contains("<p class=\"operation-summary\">Get a &lt;thing&gt;</p>"))
        #expect(html.contains("<strong>bold</strong>"))
        #expect(html.contains("&quot;&lt;/code&gt;&lt;script&gt;alert(6)&lt;/script&gt;&quot;"))
    }

    @Test func swagger2SpecIsUpgradedAndRendered() throws {
        let path = "/work/shared/fixtures/seeds/chatify/Chat-API-prod-swagger.yaml"
        try #require(FileManager.default.fileExists(atPath: path))
        let (page, diagnostics) = PagesTestSupport.reference(path)
        #expect(diagnostics.isEmpty)
        let html = try #require(page)
        #expect(html.contains("class=\"api-operation\""))
        #expect(html.contains("<span class=\"method method-get\">GET</span>"))
        #expect(PagesTestSupport.brokenFragmentLinks(in: html) == [])
    }

    @Test func swagger2PetstoreKeepsBodiesSecurityAndExamples() throws {
        let path = "/work/shared/specs/petstore-2.0.yaml"
        try #require(FileManager.default.fileExists(atPath: path))
        let html = try #require(PagesTestSupport.reference(path).html)
        #expect(html.contains("<section id=\"op-addPet\" class=\"api-operation\">"))
        #expect(
            html.contains("<p class=\"media-type\"><code>application/json</code>: <a href=\"#schema-Pet\">Pet</a></p>"))
        #expect(html.contains("<a href=\"#security-petstore_auth\">petstore_auth</a> (<code>write:pets</code>"))
        #expect(PagesTestSupport.brokenFragmentLinks(in: html) == [])
    }

    @Test func theReferencePageNeedsThePageLayout() {
        let spec = SpecLoader().load(path: PagesTestSupport.fixture("hostile-api.yaml"), decode: false)
        let renderer = PageRenderer(layouts: ["wide": "{{{content}}}"])
        let (page, diagnostics) = APIReferencePage.render(spec: spec, path: "api/index.html", renderer: renderer)
        #expect(page == nil)
        #expect(
            diagnostics.map(\.description) == [
                "\(spec.file): error: the API reference page api/index.html uses the layout 'page', but there is "
                    + "no Site/_layouts/page.html; add it (the site's layouts are: wide)"
            ])
    }

    @Test func anUnreadableSpecIsADiagnostic() {
        let spec = LoadedSpec(file: "missing.yaml")
        let (page, diagnostics) = APIReferencePage.render(
            spec: spec, path: "reference.html", renderer: PagesTestSupport.renderer)
        #expect(page == nil)
        #expect(
            diagnostics.map(\.description) == [
                "missing.yaml: error: cannot write the API reference page reference.html: the spec could not be "
                    + "read; fix its errors first"
            ])
    }
}
