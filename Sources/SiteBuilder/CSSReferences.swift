/// Finds the files a stylesheet refers to: `url(…)` values (quoted or not) and `@import "…"`.
/// Comments are skipped; strings elsewhere are not references.
///
/// Hand-written: no listed library parses CSS, and the build needs only these two forms with
/// their byte ranges.
enum CSSReferences {
    static func find(in bytes: [UInt8]) -> [TextReference] {
        var references: [TextReference] = []
        var index = 0
        /// A quoted value at `start`, if there is one: recorded, and the index past it returned.
        func quoted(at start: Int) -> Int? {
            guard start < bytes.count, bytes[start] == UInt8(ascii: "\"") || bytes[start] == UInt8(ascii: "'")
            else { return nil }
            let end = stringEnd(bytes, from: start)
            reference(start + 1..<max(start + 1, end - 1))
            return end
        }
        func reference(_ range: Range<Int>) {
            references.append(TextReference(value: String(decoding: bytes[range], as: UTF8.self), range: range))
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "/"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "*") {
                index = skipComment(bytes, from: index + 2)
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                index = stringEnd(bytes, from: index)
            } else if matches(bytes, at: index, "url(") && !isNameByte(bytes, before: index) {
                var start = index + 4
                while start < bytes.count, isSpace(bytes[start]) { start += 1 }
                if let end = quoted(at: start) {
                    index = end
                } else {
                    var end = start
                    while end < bytes.count, bytes[end] != UInt8(ascii: ")"), !isSpace(bytes[end]) { end += 1 }
                    if end > start { reference(start..<end) }
                    index = end
                }
            } else if matches(bytes, at: index, "@import") {
                var start = index + 7
                while start < bytes.count, isSpace(bytes[start]) { start += 1 }
                index = quoted(at: start) ?? start
            } else {
                index += 1
            }
        }
        return references
    }

    /// The index just past the string that starts with the quote at `start`.
    static func stringEnd(_ bytes: [UInt8], from start: Int) -> Int {
        let quote = bytes[start]
        var index = start + 1
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\\") {
                index += 2
                continue
            }
            if bytes[index] == quote || bytes[index] == UInt8(ascii: "\n") { return index + 1 }
            index += 1
        }
        return bytes.count
    }

    private static func skipComment(_ bytes: [UInt8], from start: Int) -> Int {
        var index = start
        while index + 1 < bytes.count {
            if bytes[index] == UInt8(ascii: "*"), bytes[index + 1] == UInt8(ascii: "/") { return index + 2 }
            index += 1
        }
        return bytes.count
    }

    private static func matches(_ bytes: [UInt8], at index: Int, _ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        return word.withUTF8Buffer { pattern in
            (0..<count).allSatisfy { offset in
                let (byte, expected) = (bytes[index + offset], pattern[offset])
                return byte == expected || expected >= 0x61 && expected <= 0x7a && byte | 0x20 == expected
            }
        }
    }

    private static func isNameByte(_ bytes: [UInt8], before index: Int) -> Bool {
        guard index > 0 else { return false }
        let byte = bytes[index - 1]
        return byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7a
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0a || byte == 0x0d || byte == 0x0c
    }
}
