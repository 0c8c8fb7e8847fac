import Testing

@testable import SiteBuilder

@Suite("Deploy: content types")
struct DeployContentTypesTests {
    @Test(arguments: [
        ("index.html", "text/html; charset=utf-8"),
        ("docs/INDEX.HTM", "text/html; charset=utf-8"),
        ("assets/app.3f9a1c2e.css", "text/css; charset=utf-8"),
        ("assets/app.3f9a1c2e.js", "text/javascript; charset=utf-8"),
        ("sdk/index.mjs", "text/javascript; charset=utf-8"),
        ("sdk/index.d.ts", "text/plain; charset=utf-8"),
        ("config.json", "application/json"),
        ("assets/app.js.map", "application/json"),
        ("site.webmanifest", "application/manifest+json"),
        ("logo.svg", "image/svg+xml"),
        ("logo.png", "image/png"),
        ("photo.jpg", "image/jpeg"),
        ("photo.JPEG", "image/jpeg"),
        ("anim.gif", "image/gif"),
        ("hero.webp", "image/webp"),
        ("hero.avif", "image/avif"),
        ("favicon.ico", "image/x-icon"),
        ("fonts/inter.woff", "font/woff"),
        ("fonts/inter.woff2", "font/woff2"),
        ("fonts/inter.ttf", "font/ttf"),
        ("fonts/inter.otf", "font/otf"),
        ("robots.txt", "text/plain; charset=utf-8"),
        ("sitemap.xml", "application/xml"),
        ("app.wasm", "application/wasm"),
        ("guide.pdf", "application/pdf"),
        ("notes.md", "text/markdown; charset=utf-8"),
        ("chat-api.yaml", "application/yaml"),
    ])
    func knownExtensions(path: String, type: String) {
        #expect(ContentTypes.type(forPath: path) == type)
    }

    @Test(arguments: ["LICENSE", ".env", "archive.tar.unknownext", "folder.d/file", "trailing."])
    func unknownIsOctetStream(path: String) {
        #expect(ContentTypes.type(forPath: path) == "application/octet-stream")
    }

    @Test func compressibleTypesAreTextLikeOnly() {
        for path in ["a.html", "a.css", "a.js", "a.json", "a.svg", "a.ico", "a.ttf", "a.wasm", "a.webmanifest"] {
            #expect(ContentTypes.isCompressible(ContentTypes.type(forPath: path)), "\(path)")
        }
        for path in ["a.png", "a.jpg", "a.gif", "a.webp", "a.avif", "a.woff", "a.woff2", "a.pdf", "a.zip", "a"] {
            #expect(!ContentTypes.isCompressible(ContentTypes.type(forPath: path)), "\(path)")
        }
    }
}
