import APISpec
import Foundation

/// Checks that every link between pages lands on an anchor that exists. (Links to files that do
/// not exist are diagnosed while pages are rewritten.)
enum LinkChecker {
    static func check(_ pages: [String: PageRewriter.Result], siteName: String) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for (path, page) in pages.sorted(by: { $0.key < $1.key }) {
            for link in page.links where !link.fragment.isEmpty {
                guard let target = pages[link.target] else { continue }
                let fragment = link.fragment.removingPercentEncoding ?? link.fragment
                if !target.ids.contains(fragment), fragment != "top" {
                    diagnostics.append(
                        Diagnostic(
                            .error,
                            "broken anchor: '#\(link.fragment)' is not an id in '\(link.target)'; "
                                + "link to an existing heading or add id=\"\(fragment)\" there",
                            file: "\(siteName)/\(path)", location: SourceLocation(line: link.line, column: 1)))
                }
            }
        }
        return diagnostics
    }
}
