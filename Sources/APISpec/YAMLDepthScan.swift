/// Estimates how deeply a YAML text nests, line by line, without parsing it.
///
/// Yams composes recursively, so a file of 100,000 `[` (or `- - - …`) would exhaust the stack
/// before any error could be reported. This scan over-estimates slightly (it counts indentation
/// levels, compact `- ` items and open flow brackets) and skips block scalars, quotes and comments.
enum YAMLDepthScan {
    /// The first line whose nesting exceeds `limit`, with the estimate there.
    static func firstLine(deeperThan limit: Int, in text: String) -> (depth: Int, line: Int)? {
        var indents: [Int] = []
        var flowDepth = 0
        var blockScalarIndent: Int?
        var lineNumber = 0
        for rawLine in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = Array(rawLine)
            var column = 0
            while column < line.count && line[column] == UInt8(ascii: " ") { column += 1 }
            let blank = column == line.count || line[column] == UInt8(ascii: "#") || line[column] == 0x0D
            if let scalarIndent = blockScalarIndent {
                if blank || column > scalarIndent { continue }
                blockScalarIndent = nil
            }
            if blank { continue }
            if flowDepth == 0 {
                while let last = indents.last, last >= column { indents.removeLast() }
                indents.append(column)
                // Compact nested sequences: each `- ` opens one more level on the same line.
                while column + 1 < line.count, line[column] == UInt8(ascii: "-"), line[column + 1] == UInt8(ascii: " ")
                {
                    column += 2
                    while column < line.count && line[column] == UInt8(ascii: " ") { column += 1 }
                    indents.append(column)
                }
            }
            let lineIndent = indents.last ?? 0
            let (deepest, endsWithBlockIndicator) = scanFlow(line, from: column, depth: &flowDepth)
            let depth = indents.count + deepest
            if depth > limit { return (depth, lineNumber) }
            if endsWithBlockIndicator { blockScalarIndent = lineIndent }
        }
        return nil
    }

    /// Walks one line, tracking `[`/`{` nesting outside quotes and comments.
    private static func scanFlow(_ line: [UInt8], from start: Int, depth: inout Int) -> (Int, Bool) {
        var deepest = depth
        var position = start
        var valueStart = true  // at a place where a flow collection may begin in block context
        var lastSignificant: UInt8 = 0
        while position < line.count {
            let byte = line[position]
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                if depth > 0 || valueStart {
                    position += 1
                    while position < line.count && line[position] != byte {
                        if byte == UInt8(ascii: "\"") && line[position] == UInt8(ascii: "\\") { position += 1 }
                        position += 1
                    }
                }
                valueStart = false
            case UInt8(ascii: "#") where position == 0 || line[position - 1] == UInt8(ascii: " "):
                return (deepest, isBlockIndicator(lastSignificant))
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                if depth > 0 || valueStart {
                    depth += 1
                    deepest = max(deepest, depth)
                }
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                if depth > 0 { depth -= 1 }
            case UInt8(ascii: " "):
                let previous = position > 0 ? line[position - 1] : 0
                valueStart = previous == UInt8(ascii: ":") || previous == UInt8(ascii: "-") || valueStart
                position += 1
                continue
            default:
                valueStart = false
            }
            if byte != 0x0D { lastSignificant = byte }
            position += 1
        }
        return (deepest, depth == 0 && isBlockIndicator(lastSignificant, line: line))
    }

    private static func isBlockIndicator(_ byte: UInt8, line: [UInt8] = []) -> Bool {
        byte == UInt8(ascii: "|") || byte == UInt8(ascii: ">")
            || byte == UInt8(ascii: "-")
                && line.count >= 2 && [UInt8(ascii: "|"), UInt8(ascii: ">")].contains(line[line.count - 2])
            || byte == UInt8(ascii: "+")
    }
}
