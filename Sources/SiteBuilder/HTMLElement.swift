import CLibXML2

/// An element of an `HTMLDocument`; valid only while its document is.
struct HTMLElement {
    let node: xmlNodePtr

    /// The tag name, lower-cased.
    var name: String { String(cString: node.pointee.name).lowercased() }

    /// The line of the start tag in the page.
    var line: Int { Int(xmlGetLineNo(node)) }

    /// An attribute's value (nil when absent); setting nil removes it.
    subscript(attribute: String) -> String? {
        get {
            guard xmlHasProp(node, attribute) != nil else { return nil }
            guard let value = xmlGetProp(node, attribute) else { return "" }
            defer { chatsite_xmlFree(value) }
            return String(cString: value)
        }
        nonmutating set {
            if let newValue { xmlSetProp(node, attribute, newValue) } else { xmlUnsetProp(node, attribute) }
        }
    }

    /// The names of the element's attributes, in source order.
    var attributeNames: [String] {
        var names: [String] = []
        var attribute = node.pointee.properties
        while let current = attribute {
            names.append(String(cString: current.pointee.name).lowercased())
            attribute = current.pointee.next
        }
        return names
    }

    /// The element's text (for `<script>` and `<style>`, its source).
    var text: String {
        guard let content = xmlNodeGetContent(node) else { return "" }
        defer { chatsite_xmlFree(content) }
        return String(cString: content)
    }

    /// Inserts `element` as this element's first child.
    func prepend(_ element: HTMLElement) {
        if let first = node.pointee.children {
            xmlAddPrevSibling(first, element.node)
        } else {
            xmlAddChild(node, element.node)
        }
    }

    /// Inserts `element` just after this one.
    func insertAfter(_ element: HTMLElement) { xmlAddNextSibling(node, element.node) }

    /// HTML5 elements libxml2 2.9 does not know (it reports them as invalid tags).
    static func isKnownHTML5(_ name: String) -> Bool { html5Elements.contains(name.lowercased()) }

    private static let html5Elements: Set<String> = [
        "article", "aside", "audio", "bdi", "canvas", "data", "datalist", "details", "dialog", "figcaption",
        "figure", "footer", "header", "hgroup", "main", "mark", "meter", "nav", "output", "picture",
        "progress", "rp", "rt", "ruby", "search", "section", "slot", "source", "summary", "svg", "template",
        "time", "track", "video", "wbr", "path", "g", "circle", "rect", "line", "polyline", "polygon",
        "use", "symbol", "defs", "title", "desc", "ellipse", "lineargradient", "stop", "math",
    ]
}
