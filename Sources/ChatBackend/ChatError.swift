/// A failure the API reports to the caller; the dev server maps each case to a status code and
/// the spec's error shape.
public enum ChatError: Error, Sendable, Equatable {
    /// One offending field of a request: a JSON pointer such as `/body/members/1`, and why.
    public struct FieldError: Sendable, Equatable, Codable {
        public var pointer: String
        public var message: String

        public init(pointer: String, message: String) {
            self.pointer = pointer
            self.message = message
        }
    }

    case validation([FieldError])
    case notFound(String)
    case forbidden(String)
    case conflict(String)

    public var message: String {
        switch self {
        case .validation(let errors):
            errors.count == 1 ? errors[0].message : "The request has \(errors.count) invalid fields."
        case .notFound(let message), .forbidden(let message), .conflict(let message): message
        }
    }

    static func invalid(_ pointer: String, _ message: String) -> ChatError {
        .validation([FieldError(pointer: pointer, message: message)])
    }
}
