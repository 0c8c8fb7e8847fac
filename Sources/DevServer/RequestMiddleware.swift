import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1

/// Gives every request an id (the caller's `X-Request-Id` or a new one), turns every error into
/// the spec's error shape, adds CORS headers (errors included, as API Gateway does with CORS
/// enabled) and logs one structured line per request.
struct RequestMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: ServerMetrics
    let logger: Logger

    func handle(
        _ input: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws
        -> Response
    {
        let started = ContinuousClock.now
        let requestId = input.headers[.requestID].flatMap { $0.count <= 128 ? $0 : nil } ?? Self.newID()
        var head = input.head
        head.headerFields[.requestID] = requestId
        let request = Request(head: head, body: input.body)
        var response: Response
        let isPreflight = request.method == .options && request.headers[.accessControlRequestMethod] != nil
        if isPreflight {
            response = Response(status: .noContent)  // a CORS preflight
        } else {
            do {
                response = try await next(request, context)
            } catch let error as APIError {
                response = try error.response(from: request, context: context)
            } catch let error as HTTPError {
                let code = error.status == .notFound ? "not_found" : "http_\(error.status.code)"
                let message =
                    error.status == .notFound
                    ? "No route for \(request.method) \(request.uri.path)." : error.body ?? "\(error.status)"
                response = try APIError(error.status, code, message).response(from: request, context: context)
            } catch let error as NIOTooManyBytesError {
                let limit = error.maxBytes.map { " of \($0) bytes" } ?? ""
                response = try APIError(
                    .contentTooLarge, "too_large", "The request body is over the limit\(limit); send a smaller one."
                )
                .response(from: request, context: context)
            } catch let error as HTTPParserError {
                response = try APIError(.badRequest, "bad_request", "The request is malformed HTTP: \(error).")
                    .response(from: request, context: context)
            } catch {
                logger.error(
                    "unhandled error", metadata: ["request_id": .string(requestId), "error": .string("\(error)")])
                response = try APIError(
                    .internalServerError, "internal", "The server failed; see its log for request \(requestId)."
                )
                .response(from: request, context: context)
            }
        }
        response.headers[.requestID] = requestId
        Self.addCORS(to: &response.headers, request: request)
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        // The matched route's template keeps the label set small; unmatched paths share one label.
        let route: String
        switch context.endpointPath {
        case .some("NotFound"): route = "unmatched"  // Hummingbird's name when no route matched
        case .some(let path): route = path
        case nil: route = isPreflight ? "preflight" : response.status == .notFound ? "unmatched" : "static"
        }
        metrics.countRequest(
            method: request.method.rawValue, route: route, status: response.status.code, seconds: seconds)
        logger.info(
            "request",
            metadata: [
                "request_id": .string(requestId), "method": .string(request.method.rawValue),
                "path": .string(request.uri.path), "status": .stringConvertible(response.status.code),
                "ms": .string(String(format: "%.2f", seconds * 1000)),
            ])
        return response
    }

    static func addCORS(to headers: inout HTTPFields, request: Request) {
        headers[.accessControlAllowOrigin] = request.headers[.origin] ?? "*"
        headers[.accessControlAllowHeaders] =
            request.headers[.accessControlRequestHeaders] ?? "Authorization, Content-Type, X-Request-Id"
        headers[.accessControlAllowMethods] = "GET, POST, PATCH, PUT, DELETE, OPTIONS"
        headers[.accessControlExposeHeaders] = "X-Request-Id, Retry-After"
        headers[.accessControlMaxAge] = "600"
        if request.headers[.origin] != nil { headers[.vary] = "Origin" }
    }

    static func newID() -> String {
        var bytes = [UInt8](repeating: 0, count: 12)
        for index in bytes.indices { bytes[index] = UInt8.random(in: 0...255) }
        return Data(bytes).base64URLEncodedString()
    }
}
