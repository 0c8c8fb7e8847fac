import Foundation
import OpenAPIKit

/// Translates one operation of the document into the model's `Operation`.
struct OperationTranslator {
    let document: OpenAPI.Document
    let schemas: SchemaTranslator

    /// Query parameters that take a page cursor, in the order a default is chosen.
    static let cursorNames = [
        "cursor", "pageToken", "page_token", "nextToken", "next_token", "continuationToken", "before", "after",
    ]
    /// Response properties that hold the next page's cursor.
    static let nextCursorNames = [
        "nextCursor", "next_cursor", "nextToken", "next_token", "nextPageToken", "next_page_token",
        "continuationToken",
    ]
    /// Body properties and headers that make a POST safe to repeat.
    static let idempotencyKeys = ["clientId", "idempotencyKey", "idempotency_key", "clientToken", "clientRequestToken"]

    func translate(_ operation: OpenAPI.Operation, method: String, route: OpenAPI.Document.Route) -> Operation {
        let components = document.components
        let parameters = mergedParameters(route.pathItem.parameters, operation.parameters).map(parameter)
        let body = operation.requestBody.flatMap { try? components.lookup($0) }.flatMap(body)
        let responses = operation.responses.compactMap { status, value -> Operation.Response? in
            guard let response = try? components.lookup(value) else { return nil }
            return self.response(status.rawValue, response)
        }
        let security = (operation.security ?? document.security).map { requirement in
            requirement.keys.compactMap(\.name).sorted()
        }
        var result = Operation(
            id: operation.operationId ?? Self.fallbackName(method: method, path: route.path.rawValue),
            method: method, path: route.path.rawValue, summary: operation.summary,
            description: operation.description, deprecated: operation.deprecated, tags: operation.tags ?? [],
            parameters: parameters, body: body, responses: responses, security: security,
            hasIdempotencyKey: false, pagination: nil)
        result.hasIdempotencyKey = method == "POST" && hasIdempotencyKey(result)
        result.pagination = pagination(result)
        return result
    }

    /// Path-item parameters, overridden by the operation's own of the same name and location.
    private func mergedParameters(
        _ shared: OpenAPI.Parameter.Array, _ own: OpenAPI.Parameter.Array
    ) -> [OpenAPI.Parameter] {
        let resolvedOwn = own.compactMap { try? document.components.lookup($0) }
        let resolvedShared = shared.compactMap { try? document.components.lookup($0) }.filter { candidate in
            !resolvedOwn.contains { $0.name == candidate.name && $0.location == candidate.location }
        }
        return resolvedShared + resolvedOwn
    }

    private func parameter(_ parameter: OpenAPI.Parameter) -> Operation.Parameter {
        let location = Operation.Parameter.Location(rawValue: parameter.location.rawValue) ?? .query
        var style = location == .query || location == .cookie ? "form" : "simple"
        var explode = style == "form"
        var shape = TypeShape.any
        switch parameter.schemaOrContent {
        case .a(let context):
            style = context.style.rawValue
            explode = context.explode
            if let schema = try? document.components.lookup(context.schema) { shape = schemas.shape(schema) }
        case .b(let content):
            if let first = content.first?.value, let schema = try? document.components.lookup(first).schema {
                shape = schemas.shape(schema)
            }
        }
        return .init(
            name: parameter.name, location: location, required: parameter.required, style: style, explode: explode,
            shape: shape, description: parameter.description, deprecated: parameter.deprecated)
    }

    private func body(_ request: OpenAPI.Request) -> Operation.Body? {
        let ranked = request.content.compactMap { type, value in
            (try? document.components.lookup(value)).map { (type.rawValue, Self.bodyKind(type.rawValue), $0) }
        }
        .sorted { Self.bodyRank($0.1) < Self.bodyRank($1.1) }
        guard let (mediaType, kind, content) = ranked.first else { return nil }
        var shape = content.schema.map(schemas.shape) ?? (kind == .binary ? .binary : .any)
        if kind == .binary, case .string = shape { shape = .binary }
        return .init(
            kind: kind, mediaType: mediaType, shape: shape, required: request.required, description: request.description
        )
    }

    private func response(_ status: String, _ response: OpenAPI.Response) -> Operation.Response {
        let ranked = response.content.compactMap { type, value in
            (try? document.components.lookup(value)).map { (type.rawValue, Self.responseKind(type.rawValue), $0) }
        }
        .sorted { Self.responseRank($0.1) < Self.responseRank($1.1) }
        guard let (_, kind, content) = ranked.first else {
            return .init(status: status, kind: .empty, shape: nil, description: response.description)
        }
        let shape: TypeShape =
            switch kind {
            case .binary: .binary
            case .text: .string(format: nil)
            default: content.schema.map(schemas.shape) ?? .any
            }
        return .init(status: status, kind: kind, shape: shape, description: response.description)
    }

    private func hasIdempotencyKey(_ operation: Operation) -> Bool {
        if operation.parameters.contains(where: {
            $0.location == .header && ["idempotency-key", "x-idempotency-key"].contains($0.name.lowercased())
        }) {
            return true
        }
        guard let body = operation.body, case .object(let object) = resolved(body.shape) else { return false }
        return object.properties.contains { $0.required && Self.idempotencyKeys.contains($0.name) }
    }

    private func pagination(_ operation: Operation) -> Operation.Pagination? {
        let cursors = Self.cursorNames.filter { name in
            operation.parameters.contains { $0.location == .query && $0.name == name }
        }
        guard !cursors.isEmpty,
            let success = operation.responses.first(where: { $0.isSuccess && $0.kind == .json }),
            let shape = success.shape, case .object(let object) = resolved(shape),
            let next = Self.nextCursorNames.first(where: { name in object.properties.contains { $0.name == name } })
        else { return nil }
        return .init(cursorParameters: cursors, nextCursorProperty: next)
    }

    /// Follows named types (a few levels) to the shape they stand for.
    private func resolved(_ shape: TypeShape) -> TypeShape {
        var current = shape
        for _ in 0..<8 {
            switch current {
            case .named(let name):
                guard let schema = document.components.schemas[.init(stringLiteral: name)] else { return current }
                current = schemas.shape(schema)
            case .nullable(let inner): current = inner
            default: return current
            }
        }
        return current
    }

    static func bodyKind(_ mediaType: String) -> Operation.Body.Kind {
        let type = mediaType.lowercased()
        if type.contains("json") { return .json }
        if type.hasPrefix("application/x-www-form-urlencoded") { return .form }
        if type.hasPrefix("multipart/") { return .multipart }
        if type.hasPrefix("text/") { return .text }
        return .binary
    }

    static func responseKind(_ mediaType: String) -> Operation.Response.Kind {
        let type = mediaType.lowercased()
        if type.contains("json") || type == "*/*" { return .json }
        if type.hasPrefix("text/") { return .text }
        return .binary
    }

    private static func bodyRank(_ kind: Operation.Body.Kind) -> Int {
        [.json, .form, .multipart, .binary, .text].firstIndex(of: kind) ?? 9
    }

    private static func responseRank(_ kind: Operation.Response.Kind) -> Int {
        [.json, .text, .binary].firstIndex(of: kind) ?? 9
    }

    /// `GET /rooms/{roomId}/messages` → `getRoomsByRoomIdMessages`.
    static func fallbackName(method: String, path: String) -> String {
        let words = path.split(separator: "/").map { segment -> String in
            segment.hasPrefix("{")
                ? "By " + segment.trimmingCharacters(in: CharacterSet(charactersIn: "{}")) : String(segment)
        }
        return Naming.camelCase(([method.lowercased()] + words).joined(separator: " "))
    }
}
