/// Where `date-time` strings sit in each shape, as the compact descriptors the JS runtime's
/// `revive` walks: `1` a date, `["a", D]` each item, `["m", D]` each value, `{key: D}` those
/// properties, `"Name"` the named type's entry in the table.
struct DateDescriptors {
    indirect enum Descriptor: Equatable {
        case date
        case array(Descriptor)
        case map(Descriptor)
        case object([(String, Descriptor)])
        case named(String)

        static func == (lhs: Descriptor, rhs: Descriptor) -> Bool { lhs.literal == rhs.literal }

        var literal: String {
            switch self {
            case .date: "1"
            case .array(let item): "[\"a\", \(item.literal)]"
            case .map(let value): "[\"m\", \(value.literal)]"
            case .named(let name): JS.string(name)
            case .object(let members):
                "{ " + members.map { "\(JS.propertyKey($0)): \($1.literal)" }.joined(separator: ", ") + " }"
            }
        }
    }

    /// The named types that hold a date somewhere, with their descriptors, in model order.
    private(set) var table: [(name: String, descriptor: Descriptor)] = []
    private var withDates: Set<String> = []
    private let shapes: [String: TypeShape]

    init(types: [SDKModel.NamedType]) {
        shapes = Dictionary(types.map { ($0.name, $0.shape) }, uniquingKeysWith: { first, _ in first })
        // Grow the set of types with dates until it stops changing (types may be recursive).
        var changed = true
        while changed {
            changed = false
            for type in types where !withDates.contains(type.name) && descriptor(type.shape) != nil {
                withDates.insert(type.name)
                changed = true
            }
        }
        table = types.filter { withDates.contains($0.name) }.compactMap { type in
            descriptor(type.shape).map { (type.name, $0) }
        }
    }

    func descriptor(_ shape: TypeShape) -> Descriptor? {
        switch shape {
        case .dateTime: return .date
        case .nullable(let inner): return descriptor(inner)
        case .array(let item): return descriptor(item).map(Descriptor.array)
        case .map(let value): return descriptor(value).map(Descriptor.map)
        case .named(let name): return withDates.contains(name) ? .named(name) : nil
        case .object(let object):
            let members = object.properties.compactMap { property in
                descriptor(property.shape).map { (property.name, $0) }
            }
            return members.isEmpty ? nil : .object(members)
        case .union(let shapes, _), .intersection(let shapes):
            return merged(shapes.compactMap(descriptor))
        default: return nil
        }
    }

    /// One descriptor for all branches: the same one, or the union of their object members
    /// where no member disagrees.
    private func merged(_ descriptors: [Descriptor]) -> Descriptor? {
        guard let first = descriptors.first else { return nil }
        if descriptors.allSatisfy({ $0 == first }) { return first }
        var members: [(String, Descriptor)] = []
        for descriptor in descriptors {
            guard let objectMembers = self.members(descriptor, depth: 0) else { return nil }
            for (key, value) in objectMembers {
                if let existing = members.first(where: { $0.0 == key }) {
                    if existing.1 != value { return nil }
                } else {
                    members.append((key, value))
                }
            }
        }
        return .object(members)
    }

    private func members(_ descriptor: Descriptor, depth: Int) -> [(String, Descriptor)]? {
        switch descriptor {
        case .object(let members): return members
        case .named(let name) where depth < 4:
            return shapes[name].flatMap(self.descriptor).flatMap { members($0, depth: depth + 1) }
        default: return nil
        }
    }
}
