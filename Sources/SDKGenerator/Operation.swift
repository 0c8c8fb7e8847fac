/// One HTTP operation of the API, as the SDK renderers need it.
public struct Operation: Sendable, Equatable {
    /// The spec's `operationId`, or a name made from the method and path when it has none.
    public var id: String
    public var method: String
    public var path: String
    public var summary: String?
    public var description: String?
    public var deprecated: Bool
    public var tags: [String]
    public var parameters: [Parameter]
    public var body: Body?
    public var responses: [Response]
    /// Alternatives: each lists the schemes that must all apply. Empty means no auth; an empty
    /// alternative means the operation may also be called anonymously.
    public var security: [[String]]
    /// A POST that the spec makes safe to repeat (it carries an idempotency key).
    public var hasIdempotencyKey: Bool
    public var pagination: Pagination?

    public struct Parameter: Sendable, Equatable {
        public enum Location: String, Sendable {
            case path, query, header, cookie
        }
        public var name: String
        public var location: Location
        public var required: Bool
        public var style: String
        public var explode: Bool
        public var shape: TypeShape
        public var description: String?
        public var deprecated: Bool
    }

    public struct Body: Sendable, Equatable {
        public enum Kind: String, Sendable {
            case json, form, multipart, binary, text
        }
        public var kind: Kind
        public var mediaType: String
        public var shape: TypeShape
        public var required: Bool
        public var description: String?
    }

    public struct Response: Sendable, Equatable {
        public enum Kind: String, Sendable {
            case empty, json, text, binary
        }
        /// `200`, `2XX` or `default`.
        public var status: String
        public var kind: Kind
        public var shape: TypeShape?
        public var description: String?

        public var isSuccess: Bool { status.hasPrefix("2") }
    }

    /// Cursor pagination: the query parameters that take a cursor (the first is the default)
    /// and the response property holding the next page's cursor.
    public struct Pagination: Sendable, Equatable {
        public var cursorParameters: [String]
        public var nextCursorProperty: String
    }

    /// Whether repeating the request is safe: by method, or by an idempotency key.
    public var isIdempotent: Bool {
        ["GET", "HEAD", "OPTIONS", "PUT", "DELETE"].contains(method) || hasIdempotencyKey
    }
}
