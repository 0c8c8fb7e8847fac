import APISpec
import Foundation

/// Translates one operation of the document into the model's `Operation`.
struct OperationTranslator {
    let tree: SpecTree
    let schemas: SchemaTranslator
    let components: SpecObject

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

    func translate(
        _ operation: SpecObject, method: String, path: String, shared: [SpecNode], security: [[String]]
    )
        -> Operation
    {
        let parameters = mergedParameters(shared, tree.array(operation["parameters"], "parameters") ?? [])
            .compactMap(parameter)
        let body = tree.object(operation["requestBody"], "requestBody").flatMap(body)
        let responses =
            (tree.object(operation["responses"], "responses")?.members).map { members in
                members.compactMap { status, value -> Operation.Response? in
                    guard !status.hasPrefix("x-"), let response = tree.object(value, "response \(status)") else {
                        return nil
                    }
                    return self.response(status, response)
                }
            } ?? []
        let ownSecurity = (tree.array(operation["security"], "security")).map(Self.security)
        var result = Operation(
            id: operation["operationId"]?.string ?? Self.fallbackName(method: method, path: path),
            method: method, path: path, summary: operation["summary"]?.string,
            description: operation["description"]?.string, deprecated: operation["deprecated"]?.bool == true,
            tags: operation["tags"]?.array?.compactMap(\.string) ?? [], parameters: parameters, body: body,
            responses: responses, security: ownSecurity ?? security, hasIdempotencyKey: false, pagination: nil)
        result.hasIdempotencyKey = method == "POST" && hasIdempotencyKey(result)
        result.pagination = pagination(result)
        return result
    }

    /// Security requirements as lists of scheme names, sorted within each alternative.
    static func security(_ requirements: [SpecNode]) -> [[String]] {
        requirements.map { $0.object?.keys.sorted() ?? [] }
    }

    /// Path-item parameters, overridden by the operation's own of the same name and location.
    private func mergedParameters(_ shared: [SpecNode], _ own: [SpecNode]) -> [SpecObject] {
        let resolvedOwn = own.compactMap { tree.object($0, "a parameter") }
        let resolvedShared = shared.compactMap { tree.object($0, "a parameter") }.filter { candidate in
            !resolvedOwn.contains {
                $0["name"]?.string == candidate["name"]?.string && $0["in"]?.string == candidate["in"]?.string
            }
        }
        return resolvedShared + resolvedOwn
    }

    private func parameter(_ parameter: SpecObject) -> Operation.Parameter? {
        guard let name = parameter["name"]?.string,
            let location = parameter["in"]?.string.flatMap(Operation.Parameter.Location.init(rawValue:))
        else {
            if let node = parameter.values.first {
                tree.report(node, "a parameter needs a `name` and an `in` of path, query, header or cookie")
            }
            return nil
        }
        let style = parameter["style"]?.string ?? (location == .query || location == .cookie ? "form" : "simple")
        let explode = parameter["explode"]?.bool ?? (style == "form")
        var shape = TypeShape.any
        if let schema = parameter["schema"] {
            shape = schemas.shape(schema)
        } else if let content = parameter["content"]?.object?.values.first,
            let schema = tree.resolved(content)["schema"]
        {
            shape = schemas.shape(schema)
        }
        return .init(
            name: name, location: location, required: parameter["required"]?.bool == true || location == .path,
            style: style, explode: explode, shape: shape, description: parameter["description"]?.string,
            deprecated: parameter["deprecated"]?.bool == true)
    }

    /// The media types of a `content` map, best first by `rank`.
    private func media<Kind>(
        _ content: SpecNode?, kind: (String) -> Kind, rank: (Kind) -> Int
    ) -> [(String, Kind, SpecObject)] {
        let members = tree.object(content, "content")?.members.map { ($0, $1) } ?? []
        return members.compactMap { type, value in tree.object(value, "a media type").map { (type, kind(type), $0) } }
            .sorted { rank($0.1) < rank($1.1) }
    }

    private func body(_ request: SpecObject) -> Operation.Body? {
        let ranked = media(request["content"], kind: Self.bodyKind, rank: Self.bodyRank)
        guard let (mediaType, kind, content) = ranked.first else { return nil }
        var shape = content["schema"].map(schemas.shape) ?? (kind == .binary ? .binary : .any)
        if kind == .binary, case .string = shape { shape = .binary }
        return .init(
            kind: kind, mediaType: mediaType, shape: shape, required: request["required"]?.bool == true,
            description: request["description"]?.string)
    }

    private func response(_ status: String, _ response: SpecObject) -> Operation.Response {
        let description = response["description"]?.string
        let ranked = media(response["content"], kind: Self.responseKind, rank: Self.responseRank)
        guard let (_, kind, content) = ranked.first else {
            return .init(status: status, kind: .empty, shape: nil, description: description)
        }
        let shape: TypeShape =
            switch kind {
            case .binary: .binary
            case .text: .string(format: nil)
            default: content["schema"].map(schemas.shape) ?? .any
            }
        return .init(status: status, kind: kind, shape: shape, description: description)
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
                guard let schema = components[name] else { return current }
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

    static func bodyRank(_ kind: Operation.Body.Kind) -> Int {
        [.json, .form, .multipart, .binary, .text].firstIndex(of: kind) ?? 9
    }

    static func responseRank(_ kind: Operation.Response.Kind) -> Int {
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
