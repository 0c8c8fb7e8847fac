import CCmark

/// A CommonMark document parsed by cmark, rendered in safe mode: raw HTML is omitted and
/// `javascript:`, `vbscript:`, `file:` and non-image `data:` links lose their URL.
///
/// The wrapper owns the cmark tree; no cmark type leaves this file. Not thread-safe: a document
/// is made, changed and rendered by one caller.
final class MarkdownDocument {
    /// cmark's options for every render: safe (the 0.30 default, stated) and smart punctuation.
    static let options = CMARK_OPT_SAFE | CMARK_OPT_SMART

    private let root: OpaquePointer

    /// Parses `text` as CommonMark.
    init(_ text: String) {
        var source = text
        root = source.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { cmark_parse_document($0.baseAddress, $0.count, Self.options) }
        }
    }

    deinit { cmark_node_free(root) }

    /// Renders `text` as safe HTML, with no heading ids or link rewriting (spec descriptions).
    static func html(_ text: String) -> String {
        MarkdownDocument(text).html()
    }

    /// The document as HTML.
    func html() -> String {
        Self.take(cmark_render_html(root, Self.options))
    }

    /// Gives headings `id` attributes (unique GitHub-style slugs) and points links to `.md`
    /// pages at their `.html` output. Returns the plain text of the first level-1 heading.
    @discardableResult
    func prepareForSite() -> String? {
        var headings: [OpaquePointer] = []
        let iterator = cmark_iter_new(root)
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_HEADING: headings.append(node)
            case CMARK_NODE_LINK:
                if let url = cmark_node_get_url(node).map(String.init(cString:)),
                    let rewritten = PageLink.htmlTarget(of: url)
                {
                    cmark_node_set_url(node, rewritten)
                }
            default: break
            }
        }
        var slugger = HeadingSlugger()
        var title: String?
        for heading in headings {
            let text = Self.plainText(of: heading)
            if title == nil, cmark_node_get_heading_level(heading) == 1 { title = text }
            addIdentifier(slugger.slug(for: text), to: heading)
        }
        return title
    }

    /// Replaces `heading` by a custom block holding the same HTML with an `id` attribute.
    ///
    /// cmark renders a heading as `<hN>…</hN>\n`; the inline content is rendered by cmark itself
    /// (still in safe mode), and only the known opening tag is extended.
    private func addIdentifier(_ identifier: String, to heading: OpaquePointer) {
        let rendered = Self.take(cmark_render_html(heading, Self.options))
        guard rendered.utf8.count > 4, rendered.hasPrefix("<h") else { return }
        let tagEnd = rendered.utf8.index(rendered.startIndex, offsetBy: 3)
        let html = rendered[..<tagEnd] + " id=\"" + HTMLEscaping.escape(identifier) + "\"" + rendered[tagEnd...]
        guard let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { return }
        cmark_node_set_on_enter(block, String(html))
        cmark_node_replace(heading, block)
        cmark_node_free(heading)
    }

    /// The text of a node's inline content: text and code spans, breaks as spaces.
    private static func plainText(of node: OpaquePointer) -> String {
        var text = ""
        let iterator = cmark_iter_new(node)
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let child = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(child) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                if let literal = cmark_node_get_literal(child) { text += String(cString: literal) }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: text += " "
            default: break
            }
        }
        return text
    }

    /// Copies and frees a string cmark allocated.
    private static func take(_ pointer: UnsafeMutablePointer<CChar>?) -> String {
        guard let pointer else { return "" }
        defer { chatsite_cmark_free(pointer) }
        return String(cString: pointer)
    }
}
