import APISpec
import Crypto
import Foundation
import SiteBuilder
import Testing

@Suite("Site builds")
struct SiteBuildTests {
    static let site: [String: String] = [
        "index.html": """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>Chat</title>
        <link rel="stylesheet" href="styles/app.css">
        <script type="module" src="./app.js"></script></head>
        <body><img src="img/logo.svg" alt="logo" srcset="img/logo.svg 1x, img/logo.svg 2x">
        <a href="help.html#sending">Help</a> <a href="https://example.com/">out</a> <a href="#top" id="top">top</a></body></html>
        """,
        "help.html": """
        <!doctype html><html><head><meta charset="utf-8"><title>Help</title></head>
        <body><h2 id="sending">Sending</h2><a href="./">home</a></body></html>
        """,
        "styles/app.css": "@import \"base.css\";\nbody { background: url(../img/logo.svg); }\n",
        "styles/base.css": "@font-face { font-family: x; src: url('../fonts/x.woff2'); }\n",
        "fonts/x.woff2": "wOF2",
        "img/logo.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        "app.js": "import { rooms } from \"./chat/rooms.js\";\nrooms();\n",
        "chat/rooms.js": "import { h } from '../lib/dom.js';\nexport function rooms() { return h; }\n",
        "lib/dom.js": "export const h = 1;\n",
        "robots.txt": "User-agent: *\n",
    ]

    @Test func assetsAreHashedAndEveryReferenceRewritten() throws {
        let output = try SiteFixture(Self.site).builder().build()
        #expect(output.errors.isEmpty)
        let dom = try #require(output.hashed("lib/dom.", ".js"))
        let rooms = try #require(output.hashed("chat/rooms.", ".js"))
        let app = try #require(output.hashed("app.", ".js"))
        let base = try #require(output.hashed("styles/base.", ".css"))
        let css = try #require(output.hashed("styles/app.", ".css"))
        let logo = try #require(output.hashed("img/logo.", ".svg"))
        let font = try #require(output.hashed("fonts/x.", ".woff2"))
        func name(_ file: OutputFile) -> String { String(file.path.split(separator: "/").last!) }
        let text = { (file: OutputFile) in String(decoding: file.data, as: UTF8.self) }
        #expect(text(rooms).contains("from '../lib/\(name(dom))'"))
        #expect(text(app).contains("from \"./chat/\(name(rooms))\""))
        #expect(text(css).contains("@import \"\(name(base))\"") && text(css).contains("url(../img/\(name(logo)))"))
        #expect(text(base).contains("url('../fonts/\(name(font))')"))
        // Each name is the hash of the final bytes.
        for file in [dom, rooms, app, base, css, logo, font] {
            let digest = SHA256.hash(data: file.data).map { String(format: "%02x", $0) }.joined()
            #expect(file.path.contains("." + digest.prefix(8) + "."), "\(file.path)")
            #expect(file.isHashed)
        }
        let index = try #require(output.text("index.html"))
        #expect(index.contains("href=\"styles/\(name(css))\""))
        #expect(index.contains("src=\"./\(name(app))\""))
        #expect(index.contains("srcset=\"img/\(name(logo)) 1x, img/\(name(logo)) 2x\""))
        #expect(output.file("robots.txt")?.isHashed == false)
        #expect(output.file("index.html")?.isHashed == false)
    }

    @Test func integrityMatchesTheFilesAndModulesArePreloaded() throws {
        let output = try SiteFixture(Self.site).builder().build()
        let index = try #require(output.text("index.html"))
        for file in [
            output.hashed("styles/app.", ".css"), output.hashed("app.", ".js"), output.hashed("chat/rooms.", ".js"),
            output.hashed("lib/dom.", ".js"),
        ] {
            let file = try #require(file)
            let integrity = "sha384-" + Data(SHA384.hash(data: file.data)).base64EncodedString()
            #expect(index.contains("integrity=\"\(integrity)\""), "\(file.path)")
        }
        #expect(index.contains("rel=\"modulepreload\" href=\"./chat/"))
        #expect(index.contains("rel=\"modulepreload\" href=\"./lib/"))
    }

    @Test func contentSecurityPolicyAndInlineConfigGoIntoEveryPage() throws {
        let config = ResolvedConfig([.init(key: "apiUrl", value: "https://api.example.com", source: "test")])
        let output = try SiteFixture(Self.site).builder(config: .inline(config)).build()
        for page in ["index.html", "help.html"] {
            let html = try #require(output.text(page))
            #expect(
                html.contains(
                    "<meta charset=\"utf-8\"><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self';"
                ))
            #expect(html.contains("connect-src 'self' https://api.example.com;"))
            #expect(
                html.contains(
                    "<script id=\"chatsite-config\" type=\"application/json\">{\"apiUrl\":\"https://api.example.com\"}</script>"
                ))
        }
        #expect(output.file("config.json") == nil)
        let runtime = try SiteFixture(Self.site).builder(config: .runtime(config)).build()
        #expect(runtime.text("config.json") == #"{"apiUrl":"https://api.example.com"}"#)
        #expect(runtime.text("index.html")?.contains("chatsite-config") == false)
    }

    @Test func brokenLinksAnchorsMissingFilesAndBareSpecifiersAreErrors() throws {
        var files = Self.site
        files["index.html"] = """
            <!doctype html><html><head><meta charset="utf-8"><title>x</title>
            <link rel="stylesheet" href="missing.css"></head>
            <body><a href="help.html#nowhere">a</a>
            <a href="gone.html">b</a></body></html>
            """
        files["lib/dom.js"] = "import x from \"lodash\";\nimport y from './nope.js';\n"
        let fixture = try SiteFixture(files)
        let output = try fixture.builder().build()
        let site = fixture.name
        #expect(
            output.errors.sorted() == [
                "\(site)/index.html:2:1: error: missing file: 'missing.css' (in <link>) points at 'missing.css', which the site does not have",
                "\(site)/index.html:3:1: error: broken anchor: '#nowhere' is not an id in 'help.html'; link to an existing heading or add id=\"nowhere\" there",
                "\(site)/index.html:4:1: error: broken link: 'gone.html' (in <a>) points at 'gone.html', which the site does not have",
                "\(site)/lib/dom.js:1:16: error: bare module specifier 'lodash': browsers load only relative ('./x.js'), absolute ('/x.js') or full URLs; write the path to the file",
                "\(site)/lib/dom.js:2:16: error: './nope.js' does not exist in the site; fix the path or add the file",
            ])
    }

    @Test func importCyclesAreReported() throws {
        let fixture = try SiteFixture(["a.js": "import './b.js';\n", "b.js": "import './a.js';\n"])
        let output = try fixture.builder().build()
        #expect(output.errors.count == 1)
        #expect(output.errors.first?.contains("import cycle a.js → b.js → a.js") == true)
    }

    @Test func whatTheCSPBlocksIsAWarning() throws {
        let fixture = try SiteFixture([
            "index.html":
                "<html><head><style>p{}</style></head><body onload=\"x()\"><p style=\"color:red\">x</p><script>alert(1)</script></body></html>"
        ])
        let messages = try fixture.builder().build().diagnostics.filter { $0.severity == .warning }.map(\.message)
        #expect(messages.count == 4)
        #expect(
            messages.contains(
                "inline <script> is blocked by the Content-Security-Policy (script-src 'self'); move it to a .js file"))
    }

    @Test func sameInputsGiveByteIdenticalOutput() throws {
        let fixture = try SiteFixture(Self.site)
        let first = try fixture.builder().build()
        let second = try fixture.builder().build()
        #expect(first.files == second.files)
        #expect(first.files.map(\.path) == first.files.map(\.path).sorted())
    }

    @Test func aRebuildRewritesOnlyThePagesThatChanged() throws {
        let fixture = try SiteFixture(Self.site)
        let builder = try fixture.builder()
        #expect(builder.build().pagesRewritten == 2)
        #expect(builder.build().pagesRewritten == 0)
        try fixture.write(
            "help.html", "<html><head><title>Help</title></head><body><h2 id=\"sending\">Sending!</h2></body></html>")
        let output = builder.build()
        #expect(output.pagesRewritten == 1)
        #expect(output.text("help.html")?.contains("Sending!") == true)
        // A changed asset renames it, so every page that refers to it is rewritten.
        try fixture.write("lib/dom.js", "export const h = 2;\n")
        #expect(builder.build().pagesRewritten == 2)
    }
}
