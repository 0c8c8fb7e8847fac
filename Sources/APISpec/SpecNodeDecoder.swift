import Foundation
import OpenAPIKitCore

/// A `Decoder` that reads OpenAPIKit's types straight from a `SpecNode` tree.
///
/// Going through `JSONDecoder` took 3 s for GitHub's spec and 6 s for Stripe's, most of it in
/// `AnyCodable`'s try-each-type decoding of examples; reading the tree directly, and building
/// `AnyCodable` values without trial and error, keeps loading well under a second. It also keeps
/// every coding path tied to a node, so decoding errors point at a line and column.
struct SpecNodeDecoder: Decoder {
    let node: SpecNode
    let path: CodingPath?

    var codingPath: [any CodingKey] { path?.keys ?? [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let object) = node.value else { throw mismatch([String: Any].self, node, path) }
        return KeyedDecodingContainer(KeyedContainer<Key>(object: object, path: path))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let items) = node.value else { throw mismatch([Any].self, node, path) }
        return UnkeyedContainer(items: items, path: path)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }
}

/// A coding path as a linked list, so descending costs one allocation and no array copies.
final class CodingPath: Sendable {
    let parent: CodingPath?
    let key: PathKey

    init(_ parent: CodingPath?, _ key: PathKey) {
        self.parent = parent
        self.key = key
    }

    var keys: [any CodingKey] {
        var result: [any CodingKey] = []
        var current: CodingPath? = self
        while let node = current {
            result.append(node.key)
            current = node.parent
        }
        return result.reversed()
    }
}

struct PathKey: CodingKey, Sendable {
    var stringValue: String
    var intValue: Int?

    init(stringValue: String) { self.stringValue = stringValue }
    init(intValue: Int) {
        self.stringValue = String(intValue)
        self.intValue = intValue
    }
}

private func mismatch(_ type: Any.Type, _ node: SpecNode, _ path: CodingPath?) -> DecodingError {
    .typeMismatch(
        type,
        .init(codingPath: path?.keys ?? [], debugDescription: "Expected \(type) but found \(node.kindName) instead."))
}

/// Decodes `type` from `node`: the primitives directly, `AnyCodable` without trial and error.
private func decodeValue<T: Decodable>(_ type: T.Type, from node: SpecNode, path: CodingPath?) throws -> T {
    if type == AnyCodable.self { return AnyCodable(node.sendableValue) as! T }
    if let primitive = try decodePrimitive(type, from: node, path: path) { return primitive }
    return try T(from: SpecNodeDecoder(node: node, path: path))
}

private func decodePrimitive<T>(_ type: T.Type, from node: SpecNode, path: CodingPath?) throws -> T? {
    switch type {
    case is String.Type:
        guard case .string(let text) = node.value else { throw mismatch(type, node, path) }
        return (text as! T)
    case is Bool.Type:
        guard case .bool(let flag) = node.value else { throw mismatch(type, node, path) }
        return (flag as! T)
    case is Double.Type, is Float.Type:
        guard case .number(let text) = node.value, let value = Double(text) else { throw mismatch(type, node, path) }
        return type == Float.self ? (Float(value) as! T) : (value as! T)
    case is Int.Type, is UInt.Type, is Int64.Type, is Int32.Type, is UInt64.Type:
        guard case .number(let text) = node.value, let value = Int(text) ?? Double(text).flatMap({ Int(exactly: $0) })
        else { throw mismatch(type, node, path) }
        let converted: Any? =
            switch type {
            case is Int.Type: value
            case is UInt.Type: UInt(exactly: value)
            case is Int64.Type: Int64(value)
            case is Int32.Type: Int32(exactly: value)
            default: UInt64(exactly: value)
            }
        guard let converted else { throw mismatch(type, node, path) }
        return (converted as! T)
    default:
        return nil
    }
}

extension SpecNode {
    /// The plain Swift value (`nil`, Bool, Int or Double, String, arrays and dictionaries of those).
    var sendableValue: (any Sendable)? {
        switch value {
        case .null: return nil
        case .bool(let flag): return flag
        case .number(let text): return Int(text).map { $0 as any Sendable } ?? Double(text) ?? text
        case .string(let text): return text
        case .array(let items): return items.map(\.sendableValue)
        case .object(let object):
            var dictionary: [String: (any Sendable)?] = [:]
            for (key, member) in object.members { dictionary[key] = member.sendableValue }
            return dictionary
        }
    }
}

extension SpecNodeDecoder: SingleValueDecodingContainer {
    func decodeNil() -> Bool { if case .null = node.value { true } else { false } }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decodeValue(type, from: node, path: path) }
}

private struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let object: SpecObject
    let path: CodingPath?

    var codingPath: [any CodingKey] { path?.keys ?? [] }
    var allKeys: [Key] { object.keys.compactMap { Key(stringValue: $0) } }

    func contains(_ key: Key) -> Bool { object.contains(key.stringValue) }

    private func member(_ key: Key) throws -> SpecNode {
        guard let node = object[key.stringValue] else {
            throw DecodingError.keyNotFound(
                key, .init(codingPath: codingPath, debugDescription: "No value for key '\(key.stringValue)'."))
        }
        return node
    }

    private func childPath(_ key: Key) -> CodingPath {
        CodingPath(path, key.intValue.map(PathKey.init(intValue:)) ?? PathKey(stringValue: key.stringValue))
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        if case .null = try member(key).value { return true }
        return false
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try decodeValue(type, from: try member(key), path: childPath(key))
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let node = object[key.stringValue] else { return nil }
        if case .null = node.value { return nil }
        return try decodeValue(type, from: node, path: childPath(key))
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try SpecNodeDecoder(node: try member(key), path: childPath(key)).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try SpecNodeDecoder(node: try member(key), path: childPath(key)).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        SpecNodeDecoder(node: SpecNode(.object(object), at: .init(line: 0, column: 0)), path: path)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        SpecNodeDecoder(node: try member(key), path: childPath(key))
    }
}

private struct UnkeyedContainer: UnkeyedDecodingContainer {
    let items: [SpecNode]
    let path: CodingPath?
    var currentIndex = 0

    init(items: [SpecNode], path: CodingPath?) {
        self.items = items
        self.path = path
    }

    var codingPath: [any CodingKey] { path?.keys ?? [] }
    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    private mutating func next() throws -> (SpecNode, CodingPath) {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(
                Any.self, .init(codingPath: codingPath, debugDescription: "Unkeyed container is at end."))
        }
        defer { currentIndex += 1 }
        return (items[currentIndex], CodingPath(path, PathKey(intValue: currentIndex)))
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, case .null = items[currentIndex].value else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let (node, path) = try next()
        return try decodeValue(type, from: node, path: path)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type
    ) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        let (node, path) = try next()
        return try SpecNodeDecoder(node: node, path: path).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let (node, path) = try next()
        return try SpecNodeDecoder(node: node, path: path).unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder {
        let (node, path) = try next()
        return SpecNodeDecoder(node: node, path: path)
    }
}
