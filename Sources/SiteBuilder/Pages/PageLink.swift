/// Link targets in Markdown pages.
enum PageLink {
    /// The `.html` target for a link to a `.md` page inside the site (`about.md#team` →
    /// `about.html#team`); nil for anything else (other files, URLs with a scheme or host).
    static func htmlTarget(of url: String) -> String? {
        let utf8 = url.utf8
        if utf8.starts(with: "//".utf8) { return nil }
        let pathEnd = utf8.firstIndex { $0 == UInt8(ascii: "#") || $0 == UInt8(ascii: "?") } ?? utf8.endIndex
        let path = url[..<pathEnd]
        // A ':' before the first '/' starts a scheme (`https:`, `mailto:`).
        if let colon = path.utf8.firstIndex(of: UInt8(ascii: ":")),
            path.utf8[..<colon].contains(UInt8(ascii: "/")) == false
        {
            return nil
        }
        guard path.utf8.count > 3, path.hasSuffix(".md") else { return nil }
        return String(path.dropLast(3)) + ".html" + String(url[pathEnd...])
    }

    /// The relative path from the page at `path` to the site root: `""` at the top, `../` one down.
    static func root(of path: String) -> String {
        String(repeating: "../", count: path.utf8.count { $0 == UInt8(ascii: "/") })
    }
}
