/// Whole-file attacks on the spec loader, each a known way to hurt a parser: deep nesting, alias
/// bombs, duplicate keys, odd encodings, huge scalars, and documents of the wrong shape.
enum SpecAttacks {
    static let header = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n"

    static func make(_ random: inout FuzzRandom) -> (String, [UInt8]) {
        let depth = random.size(upTo: 200_000)
        switch random.below(16) {
        case 0:
            return (
                "json nesting \(depth)", bytes("{\"openapi\":\"3.1.0\",\"x\":" + String(repeating: "[", count: depth))
            )
        case 1:
            return ("yaml flow nesting \(depth)", bytes(header + "x: " + String(repeating: "[", count: depth)))
        case 2:
            return (
                "yaml '- ' nesting \(depth)", bytes(header + "x:\n  " + String(repeating: "- ", count: depth) + "a")
            )
        case 3:
            let levels = min(depth, 3000)
            let text = (0..<levels).map { String(repeating: " ", count: $0) + "a:" }.joined(separator: "\n")
            return ("yaml indent nesting \(levels)", bytes(header + "x:\n" + text + " 1"))
        case 4:
            let width = 2 + random.below(9)
            let levels = 3 + random.below(10)
            var text = header + "x-a0: &a0 [\"lol\"]\n"
            for level in 1...levels {
                let items = Array(repeating: "*a\(level - 1)", count: width).joined(separator: ", ")
                text += "x-a\(level): &a\(level) [\(items)]\n"
            }
            return ("alias bomb \(width)^\(levels)", bytes(text))
        case 5:
            var text = header + "x-m0: &m0 {a: 1}\n"
            for level in 1...(2 + random.below(12)) {
                text +=
                    "x-m\(level): &m\(level)\n  <<: [*m\(level - 1), *m\(level - 1)]\n  k\(level): [*m\(level - 1), *m\(level - 1)]\n"
            }
            return ("merge-key bomb", bytes(text))
        case 6:
            return (
                "self alias",
                bytes(header + random.pick(["x: &a [*a]\n", "x: &a {b: *a}\n", "x: *nope\n", "<<: *x\n"]))
            )
        case 7:
            let key = random.pick(["openapi", "paths", "info", "x"])
            let yaml = header + "\(key): 1\n\(key): 2\n"
            let json =
                "{\"openapi\":\"3.1.0\",\"\(key)\":1,\"\(key)\":{},\"info\":{\"title\":\"t\",\"version\":\"1\"},\"paths\":{}}"
            return ("duplicate key \(key)", bytes(random.chance(50) ? yaml : json))
        case 8:
            let prefix: [UInt8] = random.pick([
                [0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0xFE, 0xFF], [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF],
            ])
            return ("BOM \(prefix)", prefix + bytes(header))
        case 9:
            return ("tabs", bytes(header.replacingOccurrences(of: "  ", with: "\t") + "x:\n\ta: 1\n\t- b\n"))
        case 10:
            let bad: [UInt8] = random.pick([
                [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80], [0xFF], [0xE2, 0x82],
            ])
            return (
                "invalid UTF-8 \(bad)",
                bytes("openapi: 3.1.0\ninfo: {title: \"") + bad + bytes("\", version: '1'}\npaths: {}\n")
            )
        case 11:
            let size = random.size(upTo: 2 << 20)
            let filler = String(repeating: random.pick(["a", "\\u0041", "é", "'", "\\"]), count: size)
            return ("huge scalar \(size)", bytes(header + "x: \"" + filler + "\"\n"))
        case 12:
            let count = random.size(upTo: 20_000)
            let paths = (0..<count).map { "  /p\($0): {}" }.joined(separator: "\n")
            return ("\(count) paths", bytes("openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n" + paths + "\n"))
        case 13:
            let version = random.pick([
                "3", "3.1", "4.0.0", "2.0", "3.0.3\nswagger: '2.0'", "[]", "~", "\"3.1.0\u{0}\"",
            ])
            return ("openapi: \(version)", bytes("openapi: \(version)\ninfo: {title: t, version: '1'}\npaths: {}\n"))
        case 14:
            let line = random.pick(["\r\n", "\r", "\u{2028}", "\u{85}"])
            return (
                "line breaks \(line.unicodeScalars.map(\.value))",
                bytes(header.replacingOccurrences(of: "\n", with: line) + "x: 1" + line)
            )
        default:
            let shape = random.pick([
                "[]", "{}", "\"x\"", "1", "null", "---\n---\n", "%YAML 1.1\n---\na: 1", "!!binary AAAA", "? [a]\n: 1",
                "--- |\n  x",
            ])
            return ("top-level \(shape.prefix(12))", bytes(shape))
        }
    }

    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }
}
