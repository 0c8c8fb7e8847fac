import Foundation

/// An RFC 6901 JSON pointer such as `/components/schemas/Room`.
public struct JSONPointer: Sendable, Equatable, CustomStringConvertible {
    public var tokens: [String]

    public init(_ tokens: [String] = []) { self.tokens = tokens }

    /// Parses the pointer text, as found after the `#` of a `$ref` (percent-decoded first).
    public init?(parsing text: String) {
        let decoded = text.removingPercentEncoding ?? text
        if decoded.isEmpty {
            self.tokens = []
            return
        }
        guard decoded.hasPrefix("/") else { return nil }
        self.tokens = decoded.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
            $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
    }

    public func appending(_ token: String) -> JSONPointer { JSONPointer(tokens + [token]) }

    public var description: String {
        tokens.map { "/" + $0.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1") }
            .joined()
    }
}

extension SpecNode {
    /// The node at `pointer`, or nil with the longest prefix that exists.
    public func lookup(_ pointer: JSONPointer) -> (node: SpecNode?, found: Int) {
        var current = self
        for (depth, token) in pointer.tokens.enumerated() {
            switch current.value {
            case .object(let object):
                guard let next = object[token] else { return (nil, depth) }
                current = next
            case .array(let items):
                guard let position = Int(token), items.indices.contains(position) else { return (nil, depth) }
                current = items[position]
            default:
                return (nil, depth)
            }
        }
        return (current, pointer.tokens.count)
    }

    /// The deepest node on the way to `pointer`: where a diagnostic about it is best shown.
    public func nearest(_ pointer: JSONPointer) -> SpecNode {
        var current = self
        for token in pointer.tokens {
            switch current.value {
            case .object(let object):
                guard let next = object[token] else { return current }
                current = next
            case .array(let items):
                guard let position = Int(token), items.indices.contains(position) else { return current }
                current = items[position]
            default:
                return current
            }
        }
        return current
    }
}
