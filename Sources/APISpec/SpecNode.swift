/// A parsed YAML or JSON value that remembers where it came from.
///
/// The loader works on this tree before OpenAPIKit sees the document: `$ref` checks, bundling of
/// relative files and the Swagger 2.0 upgrade all need source locations, which Codable drops.
public struct SpecNode: Sendable {
    public enum Value: Sendable {
        case null
        case bool(Bool)
        /// The number's JSON text, kept as written so nothing is lost in a round trip.
        case number(String)
        case string(String)
        case array([SpecNode])
        case object(SpecObject)
    }

    public var value: Value
    public var location: SourceLocation
    /// The file this node was read from, for nodes bundled in from a relative `$ref`.
    public var file: String?

    public init(_ value: Value, at location: SourceLocation, file: String? = nil) {
        self.value = value
        self.location = location
        self.file = file
    }

    public var string: String? {
        if case .string(let text) = value { return text }
        return nil
    }

    public var object: SpecObject? {
        if case .object(let object) = value { return object }
        return nil
    }

    public var array: [SpecNode]? {
        if case .array(let items) = value { return items }
        return nil
    }

    public var bool: Bool? {
        if case .bool(let flag) = value { return flag }
        return nil
    }

    /// The member named `key`, when this is an object that has one.
    public subscript(key: String) -> SpecNode? { object?[key] }

    /// A short name for the kind of value, for messages: "an object", "a string", ….
    public var kindName: String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

/// An object's members in document order, with a lookup table for large objects.
public struct SpecObject: Sendable {
    public private(set) var keys: [String] = []
    public private(set) var values: [SpecNode] = []
    private var index: [String: Int]?

    public init() {}

    public init(_ members: [(String, SpecNode)]) {
        for (key, value) in members { self[key] = value }
    }

    public var count: Int { keys.count }
    public var isEmpty: Bool { keys.isEmpty }
    public var members: Zip2Sequence<[String], [SpecNode]> { zip(keys, values) }

    public subscript(key: String) -> SpecNode? {
        get { position(of: key).map { values[$0] } }
        set {
            if let position = position(of: key) {
                if let newValue {
                    values[position] = newValue
                } else {
                    remove(at: position)
                }
            } else if let newValue {
                keys.append(key)
                values.append(newValue)
                if index != nil {
                    index?[key] = keys.count - 1
                } else if keys.count > 16 {
                    index = Dictionary(keys.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
                }
            }
        }
    }

    public func contains(_ key: String) -> Bool { position(of: key) != nil }

    private func position(of key: String) -> Int? {
        if let index { return index[key] }
        return keys.firstIndex(of: key)
    }

    private mutating func remove(at position: Int) {
        keys.remove(at: position)
        values.remove(at: position)
        if index != nil {
            index = Dictionary(keys.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        }
    }
}

extension SpecNode {
    /// The node this one's local `$ref` points to in `root`, followed up to 16 times; the node
    /// itself when it is no reference or the target does not exist.
    public func followingReferences(in root: SpecNode) -> SpecNode {
        var current = self
        for _ in 0..<16 {
            guard let reference = current["$ref"]?.string, reference.hasPrefix("#"),
                let pointer = JSONPointer(parsing: String(reference.dropFirst())),
                let target = root.lookup(pointer).node
            else { return current }
            current = target
        }
        return current
    }
}
