import APISpec
import ChatBackend
import Foundation
import HTTPTypes
import Hummingbird
import OpenAPIKit

/// Checks a request against one operation of the spec: every parameter (path, query, header) and
/// the JSON body, collecting every problem with the JSON pointer of the offending field
/// (`/path/roomId`, `/query/limit`, `/body/members/1`).
struct OperationValidator: Sendable {
    let operationId: String
    let parameters: [OpenAPI.Parameter]
    let body: (schema: JSONSchema, required: Bool)?
    let validator: SchemaValidator

    init(operation: OpenAPI.Operation, pathItem: OpenAPI.PathItem, components: OpenAPI.Components) {
        operationId = operation.operationId ?? ""
        let all = (pathItem.parameters + operation.parameters).compactMap { try? components.lookup($0) }
        // Operation-level parameters override path-level ones of the same name and location.
        var seen: Set<String> = []
        parameters = all.reversed().filter { seen.insert("\($0.location):\($0.name)").inserted }.reversed()
        if let request = operation.requestBody.flatMap({ try? components.lookup($0) }),
            let schema = request.content[.json]?.contentValue?.schema
        {
            body = (schema, request.required)
        } else {
            body = nil
        }
        validator = SchemaValidator(components: components)
    }

    func validate(_ request: Request, pathValues: Parameters, bodyData: Data) -> Result<ValidatedRequest, APIError> {
        var result = ValidatedRequest(operationId: operationId)
        var problems: [ChatError.FieldError] = []
        let query = request.uri.queryParameters
        for parameter in parameters {
            let raw: String?
            let section: String
            switch parameter.location {
            case .path:
                raw = pathValues.get(parameter.name)?.removingPercentEncoding
                section = "path"
            case .query:
                raw = query[parameter.name[...]].map { String($0) }
                section = "query"
            case .header:
                raw = HTTPField.Name(parameter.name).flatMap { request.headers[$0] }
                section = "header"
            case .cookie, .querystring:
                continue
            }
            let pointer = "/\(section)/\(SchemaValidator.escape(parameter.name))"
            guard let raw else {
                if parameter.required { problems.append(.init(pointer: pointer, message: "Is required.")) }
                continue
            }
            guard let schema = Self.schema(of: parameter, components: validator.components) else { continue }
            let value = Self.typed(raw, as: schema, components: validator.components)
            problems += validator.validate(value, against: schema, at: pointer).map {
                .init(pointer: $0.pointer, message: $0.message)
            }
            switch parameter.location {
            case .path: result.path[parameter.name] = value
            case .query: result.query[parameter.name] = value
            default: result.header[parameter.name] = value
            }
        }
        if let body {
            if bodyData.isEmpty {
                if body.required { problems.append(.init(pointer: "/body", message: "Is required: send a JSON body.")) }
            } else if let type = request.headers[.contentType], !type.lowercased().hasPrefix("application/json") {
                return .failure(
                    APIError(
                        .unsupportedMediaType, "unsupported_media_type",
                        "Send the body as application/json, not \(type)."))
            } else {
                do {
                    let node = try SpecNode.parseJSON(bodyData)
                    problems += validator.validate(node, against: body.schema, at: "/body").map {
                        .init(pointer: $0.pointer, message: $0.message)
                    }
                    result.body = node
                    result.bodyData = bodyData
                } catch {
                    problems.append(.init(pointer: "/body", message: "Is not valid JSON: \(error)."))
                }
            }
        }
        return problems.isEmpty ? .success(result) : .failure(.validation(problems))
    }

    /// The parameter's schema, inline or referenced.
    static func schema(of parameter: OpenAPI.Parameter, components: OpenAPI.Components) -> JSONSchema? {
        switch parameter.schemaOrContent.schemaContextValue?.schema {
        case .a(let reference): try? components.lookup(reference)
        case .b(let schema): schema
        case nil: nil
        }
    }

    /// A parameter's text as the JSON value its schema expects ("20" → 20 for an integer).
    static func typed(_ raw: String, as schema: JSONSchema, components: OpenAPI.Components) -> SpecNode {
        let location = SourceLocation(line: 1, column: 1)
        var resolved = schema
        if case .reference(let reference, _) = schema.value, let target = try? components.lookup(reference) {
            resolved = target
        }
        switch resolved.value {
        case .integer, .number:
            return SpecNode(SpecNode.isJSONNumber(raw) ? .number(raw) : .string(raw), at: location)
        case .boolean:
            return SpecNode(raw == "true" ? .bool(true) : raw == "false" ? .bool(false) : .string(raw), at: location)
        case .array:
            let items = raw.split(separator: ",", omittingEmptySubsequences: false).map {
                SpecNode(.string(String($0)), at: location)
            }
            return SpecNode(.array(items), at: location)
        default:
            return SpecNode(.string(raw), at: location)
        }
    }
}
