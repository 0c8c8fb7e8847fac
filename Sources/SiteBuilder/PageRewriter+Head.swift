import APISpec
import Foundation

extension PageRewriter {
    /// Adds, after `charset` (the page's `<meta charset>`, or else first in `<head>`): the CSP, the
    /// inline config, module preloads with integrity, and extra scripts.
    func addToHead(_ document: HTMLDocument, page: String, preloads: [String], after charset: HTMLElement?) {
        guard let head = document.head() else { return }
        var elements: [HTMLElement] = []
        if let policy = additions.contentSecurityPolicy {
            elements.append(
                document.makeElement(
                    "meta", attributes: ["http-equiv": "Content-Security-Policy", "content": policy]))
        }
        if let json = additions.configJSON {
            elements.append(
                document.makeElement(
                    "script", attributes: ["id": "chatsite-config", "type": "application/json"], text: json))
        }
        let directory = SitePath.directory(of: page)
        var seen = Set<String>()
        for source in preloads where seen.insert(source).inserted {
            guard let asset = assets[source] else { continue }
            elements.append(
                document.makeElement(
                    "link",
                    attributes: [
                        "rel": "modulepreload", "href": SitePath.relative(from: directory, to: asset.path),
                        "integrity": asset.integrity,
                    ]))
        }
        for script in additions.scripts {
            elements.append(document.makeElement("script", attributes: ["src": script, "type": "module"]))
        }
        for element in elements.reversed() {
            if let charset { charset.insertAfter(element) } else { head.prepend(element) }
        }
    }

    /// Warns about what the site's Content-Security-Policy blocks: inline scripts, inline event
    /// handlers and inline styles.
    func checkPolicy(_ element: HTMLElement, file: String, into diagnostics: inout [Diagnostic]) {
        let location = SourceLocation(line: element.line, column: 1)
        func warn(_ message: String) {
            diagnostics.append(Diagnostic(.warning, message, file: file, location: location))
        }
        switch element.name {
        case "script" where element["src"] == nil:
            let type = element["type"]?.lowercased() ?? ""
            if !Self.dataScriptTypes.contains(type), !element.text.trimmingCharacters(in: .whitespaces).isEmpty {
                warn(
                    "inline <script> is blocked by the Content-Security-Policy (script-src 'self'); move it to a .js file"
                )
            }
        case "style":
            warn("<style> is blocked by the Content-Security-Policy (style-src 'self'); move it to a .css file")
        default:
            break
        }
        for attribute in element.attributeNames {
            if attribute.hasPrefix("on") {
                warn(
                    "inline event handler '\(attribute)' is blocked by the Content-Security-Policy; "
                        + "add a listener from a .js file")
            } else if attribute == "style" {
                warn("inline style attribute is blocked by the Content-Security-Policy (style-src 'self'); use a class")
            }
        }
    }

    /// Rewrites each URL of a `srcset` (`a.png 1x, b.png 2x`).
    static func rewriteSourceSet(_ value: String, _ rewrite: (String) -> String) -> String {
        value.split(separator: ",").map { candidate in
            let trimmed = candidate.trimmingCharacters(in: .whitespaces)
            let url = trimmed.prefix { !$0.isWhitespace }
            return rewrite(String(url)) + trimmed.dropFirst(url.count)
        }.joined(separator: ", ")
    }
}
