/// The shape of a value, reduced from JSON Schema to what a typed SDK can express.
public indirect enum TypeShape: Sendable, Equatable {
    case any
    case null
    case boolean
    case integer
    case number
    /// A string, with its `format` when it has one (`date-time` and `binary` have their own cases).
    case string(format: String?)
    case dateTime
    case binary
    /// `enum` or `const`: the values allowed.
    case literals([Literal])
    case array(TypeShape)
    /// An object whose keys are free and whose values have one shape (`additionalProperties`).
    case map(TypeShape)
    case object(ObjectShape)
    /// A reference to one of the model's named types.
    case named(String)
    /// `oneOf`/`anyOf`: one of the shapes, told apart by the discriminator when there is one.
    case union([TypeShape], Discriminator?)
    /// `allOf`: all of the shapes at once.
    case intersection([TypeShape])
    case nullable(TypeShape)

    public struct Discriminator: Sendable, Equatable {
        public var propertyName: String
        /// The discriminator value for each named branch type.
        public var values: [String: String]
    }

    public enum Literal: Sendable, Equatable, Hashable {
        case string(String)
        /// A number as the spec wrote it.
        case number(String)
        case bool(Bool)
        case null
    }
}

public struct ObjectShape: Sendable, Equatable {
    public var properties: [Property]
    /// The shape of properties not listed, when the schema allows them (`.any` for `true`).
    public var additional: TypeShape?

    public struct Property: Sendable, Equatable {
        public var name: String
        public var shape: TypeShape
        public var required: Bool
        public var readOnly: Bool
        public var writeOnly: Bool
        public var deprecated: Bool
        public var description: String?
        /// The default value as JSON text.
        public var defaultValue: String?
    }
}

extension TypeShape {
    /// The named types this shape mentions directly (not through other named types).
    public var references: [String] {
        switch self {
        case .named(let name): [name]
        case .array(let item), .map(let item), .nullable(let item): item.references
        case .object(let object):
            object.properties.flatMap(\.shape.references) + (object.additional?.references ?? [])
        case .union(let shapes, _), .intersection(let shapes): shapes.flatMap(\.references)
        default: []
        }
    }
}
