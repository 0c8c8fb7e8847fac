import APISpec
import ChatBackend
import Foundation
import HTTPTypes
import Hummingbird
import OpenAPIKit

/// Registers one route per operation of the spec: check the token where the operation needs one,
/// validate the request against the operation, then call the handler named by its `operationId`.
struct SpecRoutes: Sendable {
    let spec: LoadedSpec
    let basePath: String
    let auth: LocalAuth
    let handlers: [String: APIHandlers.Handler]

    func register(on router: Router<ChatRequestContext>) {
        guard let document = spec.document else { return }
        for route in document.routes {
            registerMethodNotAllowed(for: route, on: router)
            for endpoint in route.pathItem.endpoints {
                let operation = endpoint.operation
                let id = operation.operationId ?? "\(endpoint.method.rawValue) \(route.path.rawValue)"
                let validator = OperationValidator(
                    operation: operation, pathItem: route.pathItem, components: document.components)
                let needsToken = !(operation.security ?? document.security).isEmpty
                let handler = handlers[id]
                let path = basePath + route.path.rawValue.replacing(/\{([^}]+)\}/) { ":" + $0.output.1 }
                router.on(RouterPath(path), method: HTTPRequest.Method(rawValue: endpoint.method.rawValue)!) {
                    request, context -> Response in
                    var caller: String?
                    if needsToken {
                        guard let header = request.headers[.authorization] else {
                            throw APIError.unauthorized(
                                "Send the ID token in Authorization (with or without 'Bearer ').")
                        }
                        do {
                            caller = try await auth.verifyIDToken(header).sub.value
                        } catch {
                            throw APIError.unauthorized("The token is not valid: \(Self.reason(error)).")
                        }
                    }
                    let body = try await request.body.collect(upTo: context.maxUploadSize)
                    switch validator.validate(request, pathValues: context.parameters, bodyData: Data(buffer: body)) {
                    case .failure(let error): throw error
                    case .success(let validated):
                        guard let handler else {
                            throw APIError(
                                .notImplemented, "not_implemented", "The dev server has no handler for \(id).")
                        }
                        do {
                            return try await handler(validated, caller)
                        } catch let error as ChatError {
                            throw APIError(error)
                        }
                    }
                }
            }
        }
    }

    /// Methods the spec does not declare on a path get 405 with `Allow`, as API Gateway answers.
    private func registerMethodNotAllowed(for route: OpenAPI.Document.Route, on router: Router<ChatRequestContext>) {
        let declared = route.pathItem.endpoints.map { $0.method.rawValue }
        let allow = declared.joined(separator: ", ")
        let path = basePath + route.path.rawValue.replacing(/\{([^}]+)\}/) { ":" + $0.output.1 }
        for method in [HTTPRequest.Method.get, .put, .post, .delete, .patch, .trace]
        where !declared.contains(method.rawValue) {
            router.on(RouterPath(path), method: method) { request, _ -> Response in
                var error = APIError(
                    .methodNotAllowed, "method_not_allowed", "\(request.method) is not allowed here; use \(allow).")
                error.headers[.allow] = allow
                throw error
            }
        }
    }

    static func reason(_ error: any Error) -> String {
        if case AuthError.invalid(let reason) = error { return reason }
        let text = "\(error)"
        if text.contains("exp") { return "it has expired" }
        if text.contains("signature") { return "the signature does not verify" }
        return "it is malformed or not signed by this server"
    }
}
