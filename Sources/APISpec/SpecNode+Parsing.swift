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
