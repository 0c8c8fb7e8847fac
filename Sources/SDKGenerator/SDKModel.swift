/// The language-neutral model of an API that every SDK renderer starts from: operations with
/// their parameters, bodies and response variants, the named types, the auth schemes and the
/// realtime protocol. Names here are the spec's own; each language makes its identifiers.
public struct SDKModel: Sendable, Equatable {
    public var title: String
    public var version: String
    public var summary: String?
    public var servers: [Server]
    public var securitySchemes: [SecurityScheme]
    public var operations: [Operation]
    /// The spec's named schemas (`components/schemas`), in document order.
    public var types: [NamedType]
    public var realtime: Realtime?

    public struct Server: Sendable, Equatable {
        /// The URL with every `{variable}` replaced by its default.
        public var url: String
        public var description: String?
    }

    public struct SecurityScheme: Sendable, Equatable {
        public enum Kind: Sendable, Equatable {
            /// `http` bearer, and also OAuth 2 and OpenID Connect, whose tokens travel the same way.
            case bearer
            case basic
            case apiKey(location: String, name: String)
        }
        public var name: String
        public var kind: Kind
        public var description: String?
    }

    public struct NamedType: Sendable, Equatable {
        public var name: String
        public var shape: TypeShape
        public var description: String?
        public var deprecated: Bool
    }

    public struct Realtime: Sendable, Equatable {
        public struct Message: Sendable, Equatable {
            public var name: String
            public var summary: String?
            public var description: String?
            public var shape: TypeShape
        }
        public var description: String?
        public var path: String
        public var tokenQuery: String?
        public var actions: [Message]
        public var events: [Message]
    }
}
