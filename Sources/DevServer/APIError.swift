import ChatBackend
import Foundation
import HTTPTypes
import Hummingbird

/// The spec's one error shape, `{code, message, requestId, errors?}`, for every 4xx and 5xx.
public struct APIError: Error, HTTPResponseError {
    public var status: HTTPResponse.Status
    public var code: String
    public var message: String
    public var errors: [ChatError.FieldError]?
    public var headers: HTTPFields = [:]

    public init(
        _ status: HTTPResponse.Status, _ code: String, _ message: String, errors: [ChatError.FieldError]? = nil
    ) {
        self.status = status
        self.code = code
        self.message = message
        self.errors = errors
    }

    static func validation(_ errors: [ChatError.FieldError]) -> APIError {
        APIError(
            .badRequest, "validation_failed",
            errors.count == 1
                ? "The request is not valid: \(errors[0].message)" : "The request has \(errors.count) problems.",
            errors: errors)
    }

    static func unauthorized(_ message: String) -> APIError {
        var error = APIError(.unauthorized, "unauthorized", message)
        error.headers[.wwwAuthenticate] = "Bearer"
        return error
    }

    init(_ error: ChatError) {
        switch error {
        case .validation(let errors): self = .validation(errors)
        case .notFound(let message): self.init(.notFound, "not_found", message)
        case .forbidden(let message): self.init(.forbidden, "forbidden", message)
        case .conflict(let message): self.init(.conflict, "conflict", message)
        }
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = ErrorBody(code: code, message: message, requestId: request.headers[.requestID] ?? "", errors: errors)
        var response = try JSON.response(body, status: status)
        response.headers.append(contentsOf: headers)
        return response
    }
}

extension HTTPField.Name {
    static let requestID = Self("X-Request-Id")!
}

/// The JSON body of an error response.
struct ErrorBody: Encodable {
    var code: String
    var message: String
    var requestId: String
    var errors: [ChatError.FieldError]?
}
