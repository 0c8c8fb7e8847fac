import APISpec
import CLibXML2
import Foundation

/// An HTML page parsed by libxml2, edited in place and written back out.
///
/// The build reads and rewrites pages only through this type, never by text substitution:
/// references are attribute values, config and policies are inserted elements. The libxml2
/// document is freed with the value; elements never outlive it (they are only handed to
/// closures).
final class HTMLDocument {
    private let document: htmlDocPtr
    /// Parse errors and warnings, with the page's line and column.
    let problems: [Diagnostic]

    /// Parses `data` as the page `path` (used in diagnostics); nil when libxml2 gives up entirely.
    init?(data: Data, path: String) {
        _ = Self.parserReady
        let collector = ProblemCollector(path: path)
        let box = Unmanaged.passRetained(collector)
        defer { box.release() }
        xmlSetStructuredErrorFunc(box.toOpaque()) { context, error in
            guard let context, let error else { return }
            Unmanaged<ProblemCollector>.fromOpaque(context).takeUnretainedValue().add(error.pointee)
        }
        defer { xmlSetStructuredErrorFunc(nil, nil) }
        let options = Int32(HTML_PARSE_NONET.rawValue | HTML_PARSE_NODEFDTD.rawValue | HTML_PARSE_RECOVER.rawValue)
        let parsed = data.withUnsafeBytes { bytes in
            htmlReadMemory(
                bytes.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(bytes.count), path, "UTF-8", options)
        }
        guard let parsed else { return nil }
        document = parsed
        problems = collector.problems
    }

    deinit { xmlFreeDoc(document) }

    /// libxml2 must be initialised once before threads parse at the same time (pages are rewritten
    /// in parallel); its error handler is per thread.
    private static let parserReady: Void = xmlInitParser()

    /// Calls `body` with every element of the page, in document order.
    func forEachElement(_ body: (HTMLElement) -> Void) {
        func visit(_ node: xmlNodePtr?) {
            var current = node
            while let node = current {
                if node.pointee.type == XML_ELEMENT_NODE { body(HTMLElement(node: node)) }
                visit(node.pointee.children)
                current = node.pointee.next
            }
        }
        visit(xmlDocGetRootElement(document))
    }

    /// The `<head>` element, created at the start of `<html>` when the page has none.
    func head() -> HTMLElement? {
        guard let root = xmlDocGetRootElement(document) else { return nil }
        var child = root.pointee.children
        while let node = child {
            if node.pointee.type == XML_ELEMENT_NODE, HTMLElement(node: node).name == "head" {
                return HTMLElement(node: node)
            }
            child = node.pointee.next
        }
        guard let head = xmlNewDocNode(document, nil, "head", nil) else { return nil }
        if let first = root.pointee.children { xmlAddPrevSibling(first, head) } else { xmlAddChild(root, head) }
        return HTMLElement(node: head)
    }

    /// A new element that is not yet in the tree, with `attributes` in the given order and `text`.
    func makeElement(_ name: String, attributes: KeyValuePairs<String, String>, text: String? = nil) -> HTMLElement {
        let node = xmlNewDocNode(document, nil, name, nil)!
        let element = HTMLElement(node: node)
        for (key, value) in attributes { element[key] = value }
        if let text { xmlAddChild(node, xmlNewDocText(document, text)) }
        return element
    }

    /// The page as HTML, UTF-8.
    func serialized() -> Data {
        var memory: UnsafeMutablePointer<xmlChar>?
        var size: Int32 = 0
        htmlDocDumpMemoryFormat(document, &memory, &size, 0)
        guard let memory else { return Data() }
        defer { chatsite_xmlFree(memory) }
        return Data(bytes: memory, count: Int(size))
    }
}

/// Gathers libxml2's structured errors for one parse.
private final class ProblemCollector {
    let path: String
    var problems: [Diagnostic] = []

    init(path: String) { self.path = path }

    func add(_ error: xmlError) {
        let message = error.message.map { String(cString: $0) }?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let name = error.str1.map { String(cString: $0) } ?? ""
        // libxml2 2.9 knows HTML 4 only: HTML5 and custom elements are not problems.
        if error.code == XML_HTML_UNKNOWN_TAG.rawValue, HTMLElement.isKnownHTML5(name) || name.contains("-") { return }
        let severity: Diagnostic.Severity = error.level == XML_ERR_WARNING ? .warning : .error
        problems.append(
            Diagnostic(
                severity, message.isEmpty ? "HTML parse error" : message, file: path,
                location: SourceLocation(line: Int(error.line), column: max(Int(error.int2), 1))))
    }
}
