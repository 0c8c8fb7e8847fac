// The chatsite Swift client runtime: JSON values and coding helpers. Written by hand, copied
// unchanged into every generated client.
import Foundation

/// Any JSON value: what free-form schemas (`{}`, `additionalProperties: true`) decode to.
public enum JSONValue: Codable, Hashable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .double(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// The member `key` of an object, else nil.
    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// The text of a string, else nil.
    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }
}

/// A value that may be sent as an explicit JSON `null`. An optional property of this type
/// tells three states apart: left out (`nil`), `null` (`.null`) and a value (`.value(x)`).
public enum Nullable<Wrapped: Sendable>: Sendable {
    case null
    case value(Wrapped)

    /// The value, or nil for `.null`.
    public var wrapped: Wrapped? {
        if case .value(let value) = self { return value }
        return nil
    }
}

extension Nullable: Equatable where Wrapped: Equatable {}

extension Nullable: Codable where Wrapped: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        self = container.decodeNil() ? .null : .value(try container.decode(Wrapped.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .value(let value): try container.encode(value)
        }
    }
}

/// Stores a property on the heap, so that a struct may contain itself (recursive schemas).
@propertyWrapper
public struct Indirect<Value: Sendable>: Sendable {
    private final class Box: Sendable {
        let value: Value
        init(_ value: Value) { self.value = value }
    }
    private var box: Box

    public init(wrappedValue: Value) {
        box = Box(wrappedValue)
    }

    public var wrappedValue: Value {
        get { box.value }
        set { box = Box(newValue) }
    }
}

extension Indirect: Equatable where Value: Equatable {
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.wrappedValue == rhs.wrappedValue }
}

extension Indirect: Codable where Value: Codable {
    public init(from decoder: any Decoder) throws {
        self.init(wrappedValue: try Value(from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        try wrappedValue.encode(to: encoder)
    }
}

extension KeyedDecodingContainer {
    /// An optional `@Indirect` property may be missing.
    public func decode<T: Decodable & Sendable>(_ type: Indirect<T?>.Type, forKey key: Key) throws -> Indirect<T?> {
        Indirect(wrappedValue: try decodeIfPresent(T.self, forKey: key))
    }

    /// Tells a missing key (nil) from an explicit `null` (`.null`).
    public func decodeIfPresent<T: Decodable & Sendable>(
        _ type: Nullable<T>.Type, forKey key: Key
    ) throws -> Nullable<T>? {
        guard contains(key) else { return nil }
        return try decodeNil(forKey: key) ? .null : .value(decode(T.self, forKey: key))
    }
}

extension KeyedEncodingContainer {
    /// A nil optional `@Indirect` property is left out.
    public mutating func encode<T: Encodable & Sendable>(_ value: Indirect<T?>, forKey key: Key) throws {
        try encodeIfPresent(value.wrappedValue, forKey: key)
    }

    /// `.null` is written as `null`; nil is left out.
    public mutating func encodeIfPresent<T: Encodable & Sendable>(_ value: Nullable<T>?, forKey key: Key) throws {
        switch value {
        case nil: break
        case .null?: try encodeNil(forKey: key)
        case .value(let wrapped)?: try encode(wrapped, forKey: key)
        }
    }
}

/// What every generated struct and union is. Its `==` means what a synthesized one would (stored
/// properties, or a union's case and value, compared one by one with their own `==`), but it is
/// written once, here, through reflection: synthesized `==` for each of the thousands of types of a
/// spec like GitHub's was a fifth of the client's compile time. Comparing models is rarely hot;
/// where it is, compare the properties that matter.
public protocol Model: Codable, Equatable, Sendable {}

extension Model {
    public static func == (lhs: Self, rhs: Self) -> Bool { samePartsAs(lhs, rhs) }
}

/// Whether two values of one type have equal parts: the values of a struct's stored properties,
/// or an enum's case and associated value; a part that is `Equatable` is compared with its `==`.
private func samePartsAs(_ lhs: Any, _ rhs: Any) -> Bool {
    let left = Mirror(reflecting: lhs), right = Mirror(reflecting: rhs)
    guard left.children.count == right.children.count else { return false }
    // An enum case without a value has no parts: only its name tells it apart.
    if left.children.isEmpty { return String(describing: lhs) == String(describing: rhs) }
    return zip(left.children, right.children).allSatisfy { left, right in
        guard left.label == right.label else { return false }
        if let value = left.value as? any Equatable { return value.isEqual(to: right.value) }
        return samePartsAs(left.value, right.value)
    }
}

extension Equatable {
    fileprivate func isEqual(to other: Any) -> Bool { other as? Self == self }
}

/// A string or integer enum that keeps values it does not know (`unknown`), so that a server
/// adding a value never breaks an older client.
public protocol OpenEnum: Codable, Hashable, Sendable {
    associatedtype RawValue: Codable, Hashable, Sendable
    init(rawValue: RawValue)
    var rawValue: RawValue { get }
}

extension OpenEnum {
    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(RawValue.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.rawValue == rhs.rawValue }
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }
}

/// The JSON coders every client uses: `date-time` strings as `Date`, read with or without
/// fractional seconds and written with milliseconds.
public enum JSONCoding {
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = parseDate(text) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "expected an ISO 8601 date-time, got \(text.debugDescription)")
            }
            return date
        }
        return decoder
    }

    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(formatDate(date))
        }
        return encoder
    }

    /// Parses an RFC 3339 date-time, with or without fractional seconds.
    public static func parseDate(_ text: String) -> Date? {
        if let date = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) {
            return date
        }
        return try? Date(text, strategy: Date.ISO8601FormatStyle())
    }

    /// `2024-05-01T12:00:00.000Z`.
    public static func formatDate(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}

extension Decoder {
    /// The string at `property` of the object being decoded, for discriminated unions.
    func discriminator(_ property: String) throws -> String {
        try container(keyedBy: AnyCodingKey.self).decode(String.self, forKey: AnyCodingKey(property))
    }

    /// Whether the value being decoded is an object with every one of `keys`, for unions that
    /// prefer the branch whose required properties are all present.
    func hasKeys(_ keys: [String]) -> Bool {
        guard let container = try? self.container(keyedBy: AnyCodingKey.self) else { return false }
        return keys.allSatisfy { container.contains(AnyCodingKey($0)) }
    }

    /// The members of the object being decoded whose keys are not in `skipped` (the declared
    /// ones), for a struct that keeps `additionalProperties` next to its declared properties.
    func additionalProperties<Value: Decodable>(
        _ type: Value.Type, besides skipped: Set<String>
    ) throws -> [String: Value] {
        let container = try self.container(keyedBy: AnyCodingKey.self)
        var members: [String: Value] = [:]
        for key in container.allKeys where !skipped.contains(key.stringValue) {
            members[key.stringValue] = try container.decode(Value.self, forKey: key)
        }
        return members
    }

    /// The error for a union value that matches none of its branches.
    func noBranch(_ type: String) -> DecodingError {
        DecodingError.dataCorrupted(
            .init(codingPath: codingPath, debugDescription: "the value matches no branch of \(type)"))
    }
}

extension Encoder {
    /// Writes `members` into the object being encoded, leaving out the keys in `skipped` (a
    /// declared property wins over an additional member of the same name).
    func encodeAdditionalProperties<Value: Encodable>(
        _ members: [String: Value], besides skipped: Set<String>
    ) throws {
        var container = self.container(keyedBy: AnyCodingKey.self)
        for (key, value) in members where !skipped.contains(key) {
            try container.encode(value, forKey: AnyCodingKey(key))
        }
    }
}

/// A coding key made from any string; generated structs spell their keys as string literals.
struct AnyCodingKey: CodingKey, ExpressibleByStringLiteral {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init(stringLiteral string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
