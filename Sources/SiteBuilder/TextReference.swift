import Foundation

/// A reference to another file found in a CSS or JavaScript file: the URL or specifier text and
/// where its bytes are, so the build can put a hashed name in its place.
struct TextReference: Equatable {
    var value: String
    /// The UTF-8 byte range of `value` in the file (without quotes). Its line and column are worked
    /// out (`location(of:)`) only for a reference that gets a diagnostic.
    var range: Range<Int>
}

extension [UInt8] {
    /// The 1-based line and column of the byte at `offset` (columns count bytes).
    func location(of offset: Int) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        for index in 0..<Swift.min(offset, count) where self[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        return (line, offset - lineStart + 1)
    }

    /// A copy with each reference's bytes replaced by `replacement(reference)`, or left alone when it returns nil.
    func replacing(_ references: [TextReference], with replacement: (TextReference) -> String?) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(count + references.count * 16)
        var position = 0
        for reference in references.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
            guard let new = replacement(reference), reference.range.lowerBound >= position else { continue }
            result += self[position..<reference.range.lowerBound]
            result += Array(new.utf8)
            position = reference.range.upperBound
        }
        result += self[position...]
        return result
    }
}
