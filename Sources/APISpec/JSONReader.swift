/// Reads JSON text into a `SpecNode` tree with the line and column of every value.
///
/// Written by hand because Foundation's `JSONSerialization` keeps no source positions, and the
/// loader must point each diagnostic at a line and column. It is a strict RFC 8259 reader with a
/// nesting limit, so hostile input fails fast instead of exhausting the stack.
struct JSONReader {
    struct Failure: Error, Equatable {
        var message: String
        var location: SourceLocation
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private let maxDepth: Int
    private var offset = 0
    private var line = 1
    private var lineStart = 0
    /// UTF-8 continuation bytes seen on the current line, so columns count scalars, not bytes.
    private var continuationBytes = 0
    private(set) var duplicateKeys: [(key: String, location: SourceLocation)] = []

    /// Parses `bytes` as one JSON document.
    static func parse(
        _ bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int
    ) throws(Failure) -> (
        SpecNode, duplicates: [(key: String, location: SourceLocation)]
    ) {
        var reader = JSONReader(bytes: bytes, maxDepth: maxDepth)
        reader.skipWhitespace()
        let root = try reader.readValue(depth: 1)
        reader.skipWhitespace()
        if reader.offset < bytes.count {
            throw reader.failure("unexpected \(reader.describeCurrent()) after the end of the document")
        }
        return (root, reader.duplicateKeys)
    }

    private init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { offset = 3 }  // a UTF-8 byte order mark
        lineStart = offset
    }

    private var location: SourceLocation {
        SourceLocation(line: line, column: offset - lineStart - continuationBytes + 1)
    }

    private func failure(_ message: String) -> Failure { Failure(message: message, location: location) }

    private func describeCurrent() -> String {
        guard offset < bytes.count else { return "end of file" }
        let byte = bytes[offset]
        if byte >= 0x20 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x" + String(byte, radix: 16, uppercase: true)
    }

    private mutating func skipWhitespace() {
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x20, 0x09, 0x0D: offset += 1
            case 0x0A:
                offset += 1
                line += 1
                lineStart = offset
                continuationBytes = 0
            default: return
            }
        }
    }

    private mutating func readValue(depth: Int) throws(Failure) -> SpecNode {
        guard offset < bytes.count else { throw failure("unexpected end of file; expected a value") }
        let start = location
        switch bytes[offset] {
        case UInt8(ascii: "{"): return SpecNode(.object(try readObject(depth: depth)), at: start)
        case UInt8(ascii: "["): return SpecNode(.array(try readArray(depth: depth)), at: start)
        case UInt8(ascii: "\""): return SpecNode(.string(try readString()), at: start)
        case UInt8(ascii: "t"): try readLiteral("true"); return SpecNode(.bool(true), at: start)
        case UInt8(ascii: "f"): try readLiteral("false"); return SpecNode(.bool(false), at: start)
        case UInt8(ascii: "n"): try readLiteral("null"); return SpecNode(.null, at: start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return SpecNode(.number(try readNumber()), at: start)
        default: throw failure("unexpected \(describeCurrent()); expected a value")
        }
    }

    private mutating func enter(_ depth: Int) throws(Failure) {
        if depth > maxDepth { throw failure("nesting is deeper than \(maxDepth) levels") }
        offset += 1
        skipWhitespace()
    }

    private mutating func readObject(depth: Int) throws(Failure) -> SpecObject {
        try enter(depth)
        var object = SpecObject()
        if offset < bytes.count && bytes[offset] == UInt8(ascii: "}") {
            offset += 1
            return object
        }
        while true {
            guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else {
                throw failure("unexpected \(describeCurrent()); expected a quoted member name")
            }
            let keyLocation = location
            let key = try readString()
            skipWhitespace()
            try expect(":", "after the member name")
            skipWhitespace()
            let value = try readValue(depth: depth + 1)
            if object.contains(key) { duplicateKeys.append((key, keyLocation)) }
            object[key] = value
            skipWhitespace()
            if try endOfList("}") { return object }
        }
    }

    private mutating func readArray(depth: Int) throws(Failure) -> [SpecNode] {
        try enter(depth)
        var items: [SpecNode] = []
        if offset < bytes.count && bytes[offset] == UInt8(ascii: "]") {
            offset += 1
            return items
        }
        while true {
            items.append(try readValue(depth: depth + 1))
            skipWhitespace()
            if try endOfList("]") { return items }
        }
    }

    /// After a member or element: consumes `,` (false: more follow) or the closing bracket (true).
    private mutating func endOfList(_ close: Unicode.Scalar) throws(Failure) -> Bool {
        guard offset < bytes.count else { throw failure("unexpected end of file; expected ',' or '\(close)'") }
        if bytes[offset] == UInt8(ascii: ",") {
            offset += 1
            skipWhitespace()
            return false
        }
        if bytes[offset] == UInt8(ascii: close) {
            offset += 1
            return true
        }
        throw failure("unexpected \(describeCurrent()); expected ',' or '\(close)'")
    }

    private mutating func expect(_ scalar: Unicode.Scalar, _ context: String) throws(Failure) {
        guard offset < bytes.count, bytes[offset] == UInt8(ascii: scalar) else {
            throw failure("unexpected \(describeCurrent()); expected '\(scalar)' \(context)")
        }
        offset += 1
    }

    private mutating func readLiteral(_ word: String) throws(Failure) {
        let utf8 = Array(word.utf8)
        let count = utf8.count
        let matches =
            offset + count <= bytes.count
            && (0..<count).allSatisfy { bytes[offset + $0] == utf8[$0] }
        guard matches else { throw failure("unexpected \(describeCurrent()); expected a value") }
        offset += count
    }

    private mutating func readNumber() throws(Failure) -> String {
        let start = offset
        func digits(_ reader: inout JSONReader) -> Int {
            let first = reader.offset
            while reader.offset < reader.bytes.count,
                (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(reader.bytes[reader.offset])
            {
                reader.offset += 1
            }
            return reader.offset - first
        }
        if bytes[offset] == UInt8(ascii: "-") { offset += 1 }
        if offset < bytes.count && bytes[offset] == UInt8(ascii: "0") {
            offset += 1
        } else if digits(&self) == 0 {
            throw failure("malformed number: expected a digit")
        }
        if offset < bytes.count && bytes[offset] == UInt8(ascii: ".") {
            offset += 1
            if digits(&self) == 0 { throw failure("malformed number: expected a digit after '.'") }
        }
        if offset < bytes.count && (bytes[offset] | 0x20) == UInt8(ascii: "e") {
            offset += 1
            if offset < bytes.count && (bytes[offset] == UInt8(ascii: "+") || bytes[offset] == UInt8(ascii: "-")) {
                offset += 1
            }
            if digits(&self) == 0 { throw failure("malformed number: expected a digit in the exponent") }
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
    }

    private mutating func readString() throws(Failure) -> String {
        offset += 1  // the opening quote
        let start = offset
        // Fast path: no escapes.
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
                offset += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw failure("control character in a string; escape it") }
            if byte & 0xC0 == 0x80 { continuationBytes += 1 }
            offset += 1
        }
        var scalars = Array(UnsafeBufferPointer(rebasing: bytes[start..<offset]))
        while offset < bytes.count {
            let byte = bytes[offset]
            switch byte {
            case UInt8(ascii: "\""):
                offset += 1
                return String(decoding: scalars, as: UTF8.self)
            case UInt8(ascii: "\\"):
                offset += 1
                try readEscape(into: &scalars)
            case ..<0x20:
                throw failure("control character in a string; escape it")
            default:
                if byte & 0xC0 == 0x80 { continuationBytes += 1 }
                scalars.append(byte)
                offset += 1
            }
        }
        throw failure("unterminated string")
    }

    private mutating func readEscape(into buffer: inout [UInt8]) throws(Failure) {
        guard offset < bytes.count else { throw failure("unterminated string") }
        let byte = bytes[offset]
        offset += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): buffer.append(byte)
        case UInt8(ascii: "b"): buffer.append(0x08)
        case UInt8(ascii: "f"): buffer.append(0x0C)
        case UInt8(ascii: "n"): buffer.append(0x0A)
        case UInt8(ascii: "r"): buffer.append(0x0D)
        case UInt8(ascii: "t"): buffer.append(0x09)
        case UInt8(ascii: "u"):
            var code = try readHex4()
            if (0xD800..<0xDC00).contains(code), offset + 1 < bytes.count, bytes[offset] == UInt8(ascii: "\\"),
                bytes[offset + 1] == UInt8(ascii: "u")
            {
                offset += 2
                let low = try readHex4()
                guard (0xDC00..<0xE000).contains(low) else { throw failure("invalid surrogate pair in \\u escape") }
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            }
            let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
            buffer.append(contentsOf: String(scalar).utf8)
        default:
            offset -= 1
            throw failure("invalid escape '\\\(Character(Unicode.Scalar(byte)))' in a string")
        }
    }

    private mutating func readHex4() throws(Failure) -> UInt32 {
        guard offset + 4 <= bytes.count else { throw failure("unterminated \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let digit = Character(Unicode.Scalar(bytes[offset])).hexDigitValue else {
                throw failure("invalid \\u escape: expected four hexadecimal digits")
            }
            value = value << 4 | UInt32(digit)
            offset += 1
        }
        return value
    }
}
