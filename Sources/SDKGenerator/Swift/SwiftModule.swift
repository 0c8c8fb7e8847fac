/// The Swift client as its renderers need it: every name chosen, every type written out.
struct SwiftModule {
    var title: String
    var version: String
    var moduleName: String
    var defaultBaseURL: String
    var schemes: [Scheme]
    var types: [SwiftDeclaration]
    var operations: [SwiftOperation]
    var realtime: SwiftRealtime?

    struct Scheme {
        var name: String
        var property: String
        /// The runtime's `SecurityScheme` value, as code.
        var literal: String
        var docs: [String]
        /// Whether its credential is a token a realtime connection can use.
        var isToken: Bool
    }
}

/// A type reference as code: `base` is never optional; `nullable` says whether `null` is a value.
struct SwiftType: Equatable {
    var base: String
    var nullable = false
    /// The declaration `base` is, when the value holds it directly (not through an array or map).
    var direct: String?

    /// As a required value: `T` or `T?`.
    var required: String { nullable ? base + "?" : base }
}

/// One top-level type declaration.
struct SwiftDeclaration {
    enum Kind {
        case structure([Property])
        /// A string or integer enum that keeps unknown values.
        case openEnum(raw: String, cases: [(name: String, literal: String)])
        /// `oneOf`/`anyOf`: one case per branch.
        case union(cases: [UnionCase], discriminator: Discriminator?)
        /// `allOf` of parts that are not all objects: each part decoded from the same value.
        case composition([(name: String, type: String)])
        case alias(String)
    }

    struct Property {
        var name: String
        var key: String
        var type: SwiftType
        /// Whether the key may be missing.
        var optional: Bool
        /// Optional and may be an explicit `null` that the client must be able to send.
        var tristate: Bool
        var docs: [String]
        /// A literal default for the initializer's parameter.
        var defaultValue: String?
        /// Stored in an `@Indirect` box (the struct contains itself).
        var boxed = false

        var declaredType: String {
            if tristate { return "Nullable<\(type.base)>?" }
            return optional && !type.nullable ? type.base + "?" : type.required
        }
    }

    /// A struct's `additionalProperties` next to its declared ones: every other key of the
    /// object, kept in a `[String: valueType]` property named `name`.
    struct AdditionalProperties {
        var name: String
        var valueType: String
    }

    struct UnionCase {
        var name: String
        var type: String
        /// The declaration `type` is, when the case holds it directly.
        var direct: String?
        /// The keys an object must have for this case to be a full match: the required properties
        /// of a struct branch (empty for other branches).
        var keys: [String] = []
    }

    struct Discriminator {
        var property: String
        var values: [(value: String, caseName: String)]
    }

    var name: String
    var docs: [String]
    var kind: Kind
    /// Keys not declared, for a `structure` whose schema also has `additionalProperties`.
    var additional: AdditionalProperties?
    /// `indirect enum`: a union that contains itself.
    var indirect = false
}

struct SwiftOperation {
    struct Parameter {
        var name: String
        var key: String
        var location: String
        var style: String
        var explode: Bool
        var type: String
        var required: Bool
        var docs: [String]
    }

    struct Response {
        var caseName: String
        var status: String
        var kind: Operation.Response.Kind
        var type: String?
        var docs: [String]
    }

    var name: String
    var id: String
    var method: String
    var path: String
    var docs: [String]
    var parameters: [Parameter]
    var body: (kind: Operation.Body.Kind, mediaType: String, type: String, required: Bool, docs: [String])?
    var responses: [Response]
    var security: [[String]]
    var idempotent: Bool
    var binary: Bool
    var responseType: String
    /// What the easy call returns: a type, `Void`, or the response enum when 2xx bodies differ.
    var successType: String
    /// The cursor parameters (Swift names) and the page's next-cursor property.
    var pagination: (cursors: [String], next: String)?
}

struct SwiftRealtime {
    struct Message {
        var name: String
        var caseName: String
        var type: String
        var docs: [String]
    }

    var docs: [String]
    var path: String
    var tokenQuery: String?
    var actions: [Message]
    var events: [Message]
    /// The heartbeat action as code, when the protocol has a `ping` that needs no data.
    var heartbeat: String?
}
