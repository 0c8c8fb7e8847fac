import Foundation

extension SpecNode {
    /// A JSON syntax error: what is wrong and where.
    public struct JSONSyntaxError: Error, Equatable, CustomStringConvertible {
        public var message: String
        public var location: SourceLocation
        public var description: String { "\(location): \(message)" }
    }

    /// Parses JSON text (a request body, a WebSocket frame) with the spec reader's strict parser.
    public static func parseJSON(_ data: Data, maxDepth: Int = 64) throws(JSONSyntaxError) -> SpecNode {
        let result = data.withUnsafeBytes { raw in
            Result { () throws(JSONReader.Failure) in
                try JSONReader.parse(raw.bindMemory(to: UInt8.self), maxDepth: maxDepth)
            }
        }
        switch result {
        case .success(let (node, _)): return node
        case .failure(let failure): throw JSONSyntaxError(message: failure.message, location: failure.location)
        }
    }
}

extension SpecNode {
    /// Whether `text` is a JSON number (`-1.5e3` is; `.5`, `+1`, `1_000` and `0x1F` are not).
    /// Hand-written: a regex literal here was re-parsed on every call, on the request hot path.
    public static func isJSONNumber(_ text: String) -> Bool {
        var bytes = text.utf8[...]
        func digits() -> Int {
            let count = bytes.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }.count
            bytes = bytes.dropFirst(count)
            return count
        }
        if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        if bytes.first == UInt8(ascii: "0") {
            bytes = bytes.dropFirst()
        } else if digits() == 0 {
            return false
        }
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            if digits() == 0 { return false }
        }
        if bytes.first == UInt8(ascii: "e") || bytes.first == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if bytes.first == UInt8(ascii: "+") || bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
            if digits() == 0 { return false }
        }
        return bytes.isEmpty
    }
}
