/// Splits JavaScript into the tokens the build needs to find module specifiers: names, string
/// literals and punctuation, with comments, template literals and regular expressions skipped.
///
/// Hand-written: no listed library parses JavaScript. It is not a full parser; it only has to
/// tell code from comments, strings, templates and regex literals reliably.
struct JSTokenizer {
    enum Kind: Equatable {
        case name
        case string
        case punctuator
    }

    struct Token {
        var kind: Kind
        /// Byte range; for strings, the contents without the quotes.
        var range: Range<Int>
    }

    let bytes: [UInt8]

    func tokens() -> [Token] {
        var tokens: [Token] = []
        var index = 0
        // For each open `${` of a template literal, the brace depth at which it closes.
        var templateBraces: [Int] = []
        var braceDepth = 0
        while index < bytes.count {
            let byte = bytes[index]
            let next = index + 1 < bytes.count ? bytes[index + 1] : 0
            switch byte {
            case 0x20, 0x09, 0x0a, 0x0d, 0x0b, 0x0c:
                index += 1
            case UInt8(ascii: "/") where next == UInt8(ascii: "/"):
                while index < bytes.count, bytes[index] != 0x0a { index += 1 }
            case UInt8(ascii: "/") where next == UInt8(ascii: "*"):
                index += 2
                while index + 1 < bytes.count,
                    !(bytes[index] == UInt8(ascii: "*") && bytes[index + 1] == UInt8(ascii: "/"))
                {
                    index += 1
                }
                index += 2
            case UInt8(ascii: "/") where regexAllowed(after: tokens.last):
                index = regexEnd(from: index)
                tokens.append(Token(kind: .punctuator, range: index - 1..<index))
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                let end = CSSReferences.stringEnd(bytes, from: index)
                tokens.append(Token(kind: .string, range: index + 1..<max(index + 1, end - 1)))
                index = end
            case UInt8(ascii: "`"):
                index = templateEnd(from: index + 1, braces: &templateBraces, depth: braceDepth)
                tokens.append(Token(kind: .string, range: index - 1..<index))
            case UInt8(ascii: "}") where templateBraces.last == braceDepth:
                templateBraces.removeLast()
                index = templateEnd(from: index + 1, braces: &templateBraces, depth: braceDepth)
            case _ where isNamePart(byte):  // names, keywords and numbers
                let start = index
                while index < bytes.count, isNamePart(bytes[index]) { index += 1 }
                tokens.append(Token(kind: .name, range: start..<index))
            default:
                if byte == UInt8(ascii: "{") { braceDepth += 1 }
                if byte == UInt8(ascii: "}") { braceDepth -= 1 }
                tokens.append(Token(kind: .punctuator, range: index..<index + 1))
                index += 1
            }
        }
        return tokens
    }

    func text(_ token: Token) -> String { String(decoding: bytes[token.range], as: UTF8.self) }

    /// Scans template text from `start` to the closing backtick, or to a `${`, which it records.
    private func templateEnd(from start: Int, braces: inout [Int], depth: Int) -> Int {
        var index = start
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\\"): index += 2
            case UInt8(ascii: "`"): return index + 1
            case UInt8(ascii: "$") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "{"):
                braces.append(depth)
                return index + 2
            default: index += 1
            }
        }
        return bytes.count
    }

    private func regexEnd(from start: Int) -> Int {
        var index = start + 1
        var inClass = false
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\\"): index += 1
            case UInt8(ascii: "["): inClass = true
            case UInt8(ascii: "]"): inClass = false
            case 0x0a: return index
            case UInt8(ascii: "/") where !inClass:
                index += 1
                while index < bytes.count, isNamePart(bytes[index]) { index += 1 }
                return index
            default: break
            }
            index += 1
        }
        return bytes.count
    }

    /// Whether a `/` after `token` starts a regular expression rather than a division.
    private func regexAllowed(after token: Token?) -> Bool {
        guard let token else { return true }
        switch token.kind {
        case .string: return false
        case .name: return Self.keywordsBeforeExpression.contains(text(token))
        case .punctuator:
            let byte = bytes[token.range.lowerBound]
            return byte != UInt8(ascii: ")") && byte != UInt8(ascii: "]") && byte != UInt8(ascii: "}")
        }
    }

    private static let keywordsBeforeExpression: Set<String> = [
        "return", "typeof", "case", "do", "else", "in", "of", "new", "delete", "void", "throw", "instanceof",
        "yield", "await",
    ]

    private func isNameStart(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7a || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "$")
            || byte >= 0x80
    }

    private func isNamePart(_ byte: UInt8) -> Bool { isNameStart(byte) || byte >= 0x30 && byte <= 0x39 }
}
