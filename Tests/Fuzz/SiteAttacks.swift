/// Whole-file attacks on the site pipeline: pages, Markdown with front matter, layouts, scripts
/// and style sheets written to break a scanner or a C parser.
enum SiteAttacks {
    static let dictionaries: [String: [String]] = [
        "html": [
            "<div>", "</div>", "<!--", "-->", "<script>", "</script>", "<script src=\"", "<link rel=stylesheet href=\"",
            "<img src=", "srcset=\" , ,\"", "<a href=\"#", "<![CDATA[", "<?xml ?>", "&#x110000;", "&#0;", "&", "<",
            "<meta charset=\"utf-16\">", "<base href=\"//x\">", "<template>", "<svg><style>", "\"", "'", "=",
            "<script type=module>import '", "integrity=\"", "id=\"", "<html><html>", "</body></html>",
        ],
        "md": [
            "---\n", "---", "title: ", "layout: ", "[", "](", "](x.md", "](#", "](javascript:", "<script>", "#",
            "> ", "* ", "- ", "```", "`", "|", "&", "{{", "}}", "\n\n", "    ", "![", "[^1]", "<!--", "\\",
        ],
        "layout": [
            "{{", "}}", "{{{content}}}", "{{#a}}", "{{/a}}", "{{^a}}", "{{>page}}", "{{>missing}}", "{{=| |=}}", "{{!",
            "{{$a}}", "{{<page}}", "{{&title}}", "{{title}}", "<", "\"",
        ],
        "js": [
            "\"", "'", "`", "${", "}", "/*", "*/", "//", "/", "/[", "\\", "import '", "import(", "export * from '",
            "from \"", "import.meta", "new URL('", "</script>", "\n", "{", "(",
        ],
        "css": [
            "url(", "url(\"", "url('", ")", "@import ", "@import url(", "/*", "*/", "{", "}", "\\", "\"", "'",
            "image-set(", "@font-face{src:url(", ";", "\n",
        ],
    ]

    static func dictionary(for path: String) -> [String] {
        if path.hasPrefix("_layouts/") { return dictionaries["layout"]! }
        return dictionaries[String(path.split(separator: ".").last ?? "")] ?? []
    }

    /// A new file (path and bytes) that attacks one part of the pipeline.
    static func make(_ random: inout FuzzRandom) -> (String, String, [UInt8]) {
        let depth = random.size(upTo: 100_000)
        switch random.below(14) {
        case 0:
            return ("html nesting \(depth)", "fuzz.html", bytes(String(repeating: "<div><span>", count: depth)))
        case 1:
            let size = random.size(upTo: 4 << 20)
            let value = String(repeating: random.pick(["a", "&amp;", "\"", "é"]), count: size)
            return ("attribute of \(size)", "fuzz.html", bytes("<p title=\"\(value)\"><a href=\"\(value)\">x</a>"))
        case 2:
            let url = random.pick(
                [
                    "../../../../etc/passwd", "//evil.invalid/x.js", "data:text/javascript,1", "#", "?", "/", "%zz",
                    String(repeating: "a/", count: 20_000), "app.js?#", "\u{0}.js", "chat/../../app.js", " app.js ",
                ])
            let tag = random.pick([
                "<script type=module src=\"\(url)\"></script>", "<link rel=stylesheet href=\"\(url)\">",
                "<link rel=modulepreload href=\"\(url)\">", "<img src=\"\(url)\" srcset=\"\(url) 2x, , \">",
                "<a href=\"\(url)\">x</a>", "<script type=module>import '\(url)'</script>",
            ])
            return (
                "reference \(url.prefix(30))", "fuzz.html", bytes("<!doctype html><html><head>\(tag)</head></html>")
            )
        case 3:
            let body = random.pick([
                "<html><body><p>\u{0}</p>", "<!--", "<a href=\"", "<script>", "<p <p <p",
                "<html>" + String(repeating: "<td>", count: depth),
                "<meta charset=\"utf-16\"><p>é", "<svg><style>url(", "<template><script src=x></script>",
                "&#x110000;&#0;&#",
            ])
            return ("html \(body.prefix(20))", "fuzz.html", bytes(body))
        case 4:
            let matter = random.pick([
                "---\n", "---\ntitle: [\n---\n", "---\n- a\n---\n", "---\nlayout: ../../etc\n---\n",
                "---\nlayout: missing\n---\n",
                "---\na: &a [*a]\n---\n", "---\ntitle: " + String(repeating: "[", count: depth) + "\n---\n",
                "---\ntitle: {{#a}}\n---\n", "---\r\ntitle: x\r\n---\r\n", "\u{FEFF}---\ntitle: x\n---\n",
                "---\nlayout: 1\n---\n",
                "---\ntitle: !!binary AAAA\n---\n", "---\n" + String(repeating: "a: 1\n", count: 3) + "---\n",
            ])
            return ("front matter \(matter.prefix(20))", "fuzz.md", bytes(matter + "# Title\n\ntext\n"))
        case 5:
            let unit = random.pick(["> ", "[", "*a ", "- ", "1. ", "`", "![", "[a](", "<", "_", "    - ", "|a|\n|-|\n"])
            return ("markdown '\(unit)' x\(depth)", "fuzz.md", bytes(String(repeating: unit, count: depth) + "x\n"))
        case 6:
            let links = random.pick([
                "[a](../../x.md)", "[a](x.md#%zz)", "[a](#)", "[a](help.md#nope)", "[a](<>)",
                "[a](javascript:alert(1))",
            ])
            let headings = String(repeating: "# Same\n", count: random.size(upTo: 5000))
            return ("links and headings", "fuzz.md", bytes(headings + links + "\n# !!!\n# \u{0}\n"))
        case 7:
            let template = random.pick([
                "{{>page}}", "{{#a}}", "{{/a}}", "{{", "{{=| |=}}|content|", "{{<page}}{{/page}}", "{{>missing}}",
                "{{$content}}{{/content}}",
                String(repeating: "{{#title}}", count: depth) + String(repeating: "{{/title}}", count: depth),
                String(repeating: "{{{content}}}", count: min(depth, 2000)), "{{%CONTENT_TYPE: TEXT}}", "{{! unclosed",
            ])
            let name = random.pick(["page", "other"])
            return ("layout \(name) \(template.prefix(24))", "_layouts/\(name).html", bytes(template))
        case 8:
            let text = random.pick([
                "const a = '", "const a = `", "const a = `${", String(repeating: "`${", count: depth), "/*",
                "const r = /[/",
                "import '", "import(", "export * from '", "import x from \"./nope.js\"", "import './app.js'",
                "import \"" + String(repeating: "../", count: depth) + "x.js\"", "a = 1 / 2 / 3; b = /x/g", "\\u{",
                "'\u{0}'",
            ])
            return ("js \(text.prefix(20))", "fuzz.js", bytes(text))
        case 9:
            let text = random.pick([
                "a{background:url(", "a{background:url(\"", "@import url(", "@import '", "/*",
                String(repeating: "{", count: depth),
                "a{b:url(\\", "a{b:url(\"x\\", "@font-face{src:url(x.woff)", "a{b:image-set(",
                "a{b:url(" + String(repeating: "a", count: depth),
                "a{b:url(../../../etc/passwd)}", "a{b:url(data:x)}", "@import url(styles/base.css);",
            ])
            return ("css \(text.prefix(20))", "fuzz.css", bytes(text))
        case 10:
            return (
                "self-importing css", "styles/base.css", bytes("@import url(base.css);\na{background:url(base.css)}")
            )
        case 11:
            return ("js import cycle", "app.js", bytes("import './app.js'; import './chat/api.js';"))
        case 12:
            let garbage = (0..<random.size(upTo: 65_536)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            return (
                "random bytes", random.pick(["fuzz.html", "fuzz.md", "fuzz.css", "fuzz.js", "_layouts/page.html"]),
                garbage
            )
        default:
            let bad: [UInt8] = random.pick([[0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xFF, 0xFE], [0x00], [0xE2, 0x82]])
            return (
                "invalid UTF-8 \(bad)", random.pick(["fuzz.html", "fuzz.md", "fuzz.css", "fuzz.js"]),
                bytes("<p>a") + bad + bytes("b</p>")
            )
        }
    }

    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }
}
