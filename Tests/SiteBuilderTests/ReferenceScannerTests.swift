import Testing

@testable import SiteBuilder

@Suite("Reference scanners")
struct ReferenceScannerTests {
    private func css(_ text: String) -> [String] { CSSReferences.find(in: Array(text.utf8)).map(\.value) }
    private func js(_ text: String) -> [String] { ModuleSpecifiers.find(in: Array(text.utf8)).map(\.value) }

    @Test func stylesheetURLsAndImports() {
        let text = """
            @import "base.css";
            @import url(print.css) print;
            /* url(commented.png) */
            .a { background: url( "img/a b.png" ) no-repeat, URL('img/b.png'); content: "url(not.png)"; }
            @font-face { src: url(fonts/x.woff2?v=1#x) format("woff2"); }
            .c { mask: url(data:image/svg+xml;utf8,<svg/>); }
            """
        #expect(
            css(text) == [
                "base.css", "print.css", "img/a b.png", "img/b.png", "fonts/x.woff2?v=1#x",
                "data:image/svg+xml;utf8,<svg/>",
            ])
    }

    @Test func moduleSpecifiersOfEveryForm() {
        let text = """
            import a from "./a.js";
            import { b, c as d } from './b.js'
            import * as e from "../e.js";
            import "./side-effect.js";
            export { f } from "./f.js";
            export * from "./g.js";
            export * as h from "./h.js";
            const i = await import("./i.js");
            const url = new URL("./worker.js", import.meta.url);
            export { local };
            console.log(import.meta.url);
            """
        #expect(
            js(text) == [
                "./a.js", "./b.js", "../e.js", "./side-effect.js", "./f.js", "./g.js", "./h.js", "./i.js",
                "./worker.js",
            ])
    }

    @Test func specifiersInsideCommentsStringsTemplatesAndRegexesAreNotReferences() {
        let text = #"""
            // import x from "./comment.js";
            /* import y from "./block.js"; */
            const s = 'import z from "./string.js"';
            const t = `import w from "./template.js" ${ "nested" } done`;
            const r = /import v from "\.\/regex.js"/g;
            const ratio = 10 / 2 / 5; import real from "./real.js";
            const o = { import: 1 }; o.import("./method.js");
            """#
        #expect(js(text) == ["./real.js"])
    }

    @Test func locationsAndReplacementKeepTheRestOfTheFile() throws {
        let bytes = Array("a {}\n.b { background: url(x.png); }\n".utf8)
        let reference = try #require(CSSReferences.find(in: bytes).first)
        #expect(bytes.location(of: reference.range.lowerBound) == (2, 22))
        let replaced = bytes.replacing([reference]) { _ in "x.0123abcd.png" }
        #expect(String(decoding: replaced, as: UTF8.self) == "a {}\n.b { background: url(x.0123abcd.png); }\n")
    }

    @Test func sitePaths() {
        #expect(SitePath.resolve("../img/a.png", from: "docs/page.html") == "img/a.png")
        #expect(SitePath.resolve("/styles/app.css", from: "docs/page.html") == "styles/app.css")
        #expect(SitePath.resolve("../../x", from: "docs/page.html") == nil)
        #expect(SitePath.resolve("a%20b.png", from: "index.html") == "a b.png")
        #expect(SitePath.local("https://example.com/x.js") == nil)
        #expect(SitePath.local("//cdn.example.com/x.js") == nil)
        #expect(SitePath.local("mailto:a@b.c") == nil)
        #expect(SitePath.local("help.html#top")?.fragment == "top")
        #expect(SitePath.hashed("chat/app.min.js", hash: "0123abcd") == "chat/app.min.0123abcd.js")
        #expect(SitePath.relative(from: "docs", to: "chat/app.js") == "../chat/app.js")
        #expect(SitePath.relative(from: "", to: "chat/app.js") == "./chat/app.js")
        #expect(AssetHasher.rewrite("../img/a.png?v=2#x", toName: "a.0123abcd.png") == "../img/a.0123abcd.png?v=2#x")
    }
}
