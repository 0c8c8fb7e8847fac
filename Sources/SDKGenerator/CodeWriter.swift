/// Builds source text line by line with indentation, so renderers never juggle whitespace.
struct CodeWriter {
    private(set) var text = ""
    private var level = 0
    let indentUnit: String

    init(indent: String = "  ") {
        indentUnit = indent
    }

    /// Writes one line at the current indentation (an empty line stays empty).
    mutating func line(_ content: String = "") {
        if !content.isEmpty { text += String(repeating: indentUnit, count: level) + content }
        text += "\n"
    }

    /// Writes `open`, the body one level deeper, then `close`.
    mutating func block(_ open: String, _ close: String = "}", body: (inout CodeWriter) -> Void) {
        line(open)
        level += 1
        body(&self)
        level -= 1
        line(close)
    }

    /// Writes `open`, the body at the same level (Swift's `switch` cases), then `close`.
    mutating func flatBlock(_ open: String, _ close: String = "}", body: (inout CodeWriter) -> Void) {
        line(open)
        body(&self)
        line(close)
    }

    /// Writes a `/** … */` comment, one line per paragraph line; nothing when there is nothing to say.
    mutating func docComment(_ lines: [String]) {
        var lines = lines
        while lines.last?.isEmpty == true { lines.removeLast() }
        while lines.first?.isEmpty == true { lines.removeFirst() }
        guard !lines.isEmpty else { return }
        line("/**")
        for content in lines { line(content.isEmpty ? " *" : " * " + JS.commentSafe(content)) }
        line(" */")
    }
}
