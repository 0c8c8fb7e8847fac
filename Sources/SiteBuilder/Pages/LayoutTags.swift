import APISpec
import Foundation

/// The tags of a Mustache template, found the way swift-mustache's parser finds them (set-delimiter
/// tags included), so a layout can be checked before it is compiled: the parser and the renderer
/// recurse once per nested section and per included layout, and a deep or looping layout would
/// exhaust the stack.
struct LayoutTags {
    struct Tag {
        /// The tag's sigil: `#`, `^`, `/`, `>`, `<`, `$`, `=`, `!`, `&`, `{`, or a space for a variable.
        var kind: Character
        var name: String
        var location: SourceLocation
    }

    var tags: [Tag] = []

    init(_ template: String) {
        let text = Array(template.unicodeScalars)
        var (open, close) = (Array("{{".unicodeScalars), Array("}}".unicodeScalars))
        var position = 0
        var line = 1
        var lineStart = 0
        while position < text.count {
            if text[position] == "\n" {
                line += 1
                lineStart = position + 1
            }
            guard Self.matches(open, in: text, at: position) else {
                position += 1
                continue
            }
            let location = SourceLocation(line: line, column: position - lineStart + 1)
            var start = position + open.count
            var closing = close
            if start < text.count, text[start] == "{", open == Array("{{".unicodeScalars) {
                closing = Array("}".unicodeScalars) + close
                start += 1
            }
            var end = start
            while end < text.count && !Self.matches(closing, in: text, at: end) { end += 1 }
            let body = String(String.UnicodeScalarView(text[start..<end]))
            for scalar in body.unicodeScalars where scalar == "\n" { line += 1 }
            if let newline = text[start..<end].lastIndex(of: "\n") { lineStart = newline + 1 }
            position = min(text.count, end + closing.count)
            let trimmed = body.trimmingCharacters(in: .whitespaces)
            let sigils: Set<Character> = ["#", "^", "/", ">", "<", "$", "=", "!", "&"]
            var kind: Character = closing.count > close.count ? "{" : " "
            var name = trimmed
            if kind == " ", let first = trimmed.first, sigils.contains(first) {
                kind = first
                name = String(trimmed.dropFirst()).trimmingCharacters(in: .whitespaces)
            }
            if kind == "=" {
                let parts = name.dropLast().split(separator: " ", omittingEmptySubsequences: true)
                if parts.count == 2 { (open, close) = (Array(parts[0].unicodeScalars), Array(parts[1].unicodeScalars)) }
            }
            tags.append(Tag(kind: kind, name: name, location: location))
        }
    }

    /// The first tag at which sections nest deeper than `limit`, with that depth.
    func firstTag(nestedDeeperThan limit: Int) -> Tag? {
        var depth = 0
        for tag in tags {
            switch tag.kind {
            case "#", "^", "$", "<":
                depth += 1
                if depth > limit { return tag }
            case "/": depth = max(0, depth - 1)
            default: break
            }
        }
        return nil
    }

    /// The layouts this one includes (`{{>name}}`) or extends (`{{<name}}`), each with its first tag.
    var includes: [Tag] { tags.filter { $0.kind == ">" || $0.kind == "<" } }

    /// swift-mustache counts lines by `Character.isNewline` (vertical tab and form feed too) and
    /// columns in characters; this is the same place as an editor counts it (`\n`, `\r\n`, `\r`;
    /// columns in Unicode scalars).
    static func editorLocation(line: Int, column: Int, in template: String) -> SourceLocation {
        var index = template.startIndex
        var newlines = 0
        while newlines < line - 1, index < template.endIndex {
            if template[index].isNewline { newlines += 1 }
            index = template.index(after: index)
        }
        index = template.index(index, offsetBy: max(0, column - 1), limitedBy: template.endIndex) ?? template.endIndex
        var location = SourceLocation(line: 1, column: 1)
        var previous: Unicode.Scalar = " "
        for scalar in template.unicodeScalars[..<index] {
            if scalar == "\n" && previous == "\r" {
            } else if scalar == "\n" || scalar == "\r" {
                location = SourceLocation(line: location.line + 1, column: 1)
            } else {
                location.column += 1
            }
            previous = scalar
        }
        return location
    }

    private static func matches(_ delimiter: [Unicode.Scalar], in text: [Unicode.Scalar], at position: Int) -> Bool {
        guard !delimiter.isEmpty, position + delimiter.count <= text.count else { return false }
        for offset in delimiter.indices where text[position + offset] != delimiter[offset] { return false }
        return true
    }
}
