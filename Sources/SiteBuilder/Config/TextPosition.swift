import APISpec
import Foundation

/// Line and column of a byte offset in UTF-8 text, counted from 1; columns count Unicode scalars.
enum TextPosition {
    static func location(ofByte offset: Int, in data: Data) -> SourceLocation {
        var line = 1
        var column = 1
        var index = data.startIndex
        let end = data.index(data.startIndex, offsetBy: min(max(offset, 0), data.count))
        while index < end {
            let byte = data[index]
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1  // Continuation bytes belong to the scalar already counted.
            }
            index += 1
        }
        return SourceLocation(line: line, column: column)
    }
}
