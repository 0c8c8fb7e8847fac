/// The JavaScript SDK as its renderers need it: every name chosen, every type written.
struct JSModule {
    var title: String
    var version: String
    var summary: String?
    var defaultBaseURL: String
    var schemes: [(name: String, literal: String, tsCredential: String, description: String?)]
    var types: [TypeDeclaration]
    var dateTable: [(name: String, literal: String)]
    var operations: [JSOperation]
    var realtime: JSRealtime?

    struct TypeDeclaration {
        var name: String
        var docs: [String]
        /// `interface` members when the type is an object, else nil.
        var members: [String]?
        var expression: String
    }
}

struct JSOperation {
    struct Parameter {
        var key: String
        var name: String
        var location: String
        var style: String
        var explode: Bool
        var required: Bool
        var type: String
        var docs: [String]
    }

    struct Response {
        var status: String
        var type: String
        var description: String?
    }

    var name: String
    var id: String
    var method: String
    var path: String
    var docs: [String]
    var parameters: [Parameter]
    var body: (kind: String, mediaType: String, type: String, required: Bool, description: String?)?
    var responses: [Response]
    var successType: String
    var security: [[String]]
    var idempotentPost: Bool
    var datesLiteral: String?
    var binary: Bool
    var pagination: Operation.Pagination?
    var argsTypeName: String
    var rawTypeName: String

    var hasRequiredArgs: Bool { parameters.contains(where: \.required) || body?.required == true }
    var hasArgs: Bool { !parameters.isEmpty || body != nil }
}

struct JSRealtime {
    struct Message {
        var name: String
        var method: String
        var type: String
        var dataOptional: Bool
        var docs: [String]
        var datesLiteral: String?
    }

    var docs: [String]
    var path: String
    var tokenQuery: String?
    var pingAction: String?
    var actions: [Message]
    var events: [Message]
}
