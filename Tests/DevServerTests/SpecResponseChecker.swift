import APISpec
import Foundation
import HTTPTypes
import OpenAPIKit

/// Checks API responses against the spec: the status must be one the operation declares, and the
/// JSON body must match that response's schema. A response that violates the spec is a bug.
struct SpecResponseChecker {
    static let shared = SpecResponseChecker()

    let document: OpenAPI.Document
    let validator: SchemaValidator

    init() {
        document = TestServer.spec.document!
        validator = SchemaValidator(components: document.components)
    }

    func problems(method: HTTPRequest.Method, uri: String, status: Int, body: Data) -> [String] {
        let path = String(uri.prefix { $0 != "?" }.dropFirst("/api".count))
        guard let (template, item) = match(path) else { return [] }  // unknown routes have no spec
        guard let operation = item.endpoints.first(where: { $0.method.rawValue == method.rawValue })?.operation else {
            return []
        }
        let place = "\(method) \(template) → \(status)"
        let declared =
            operation.responses.first { $0.key.rawValue == String(status) }
            ?? operation.responses.first { $0.key.rawValue == "default" }
        guard let declared, let response = try? document.components.lookup(declared.value) else {
            return ["\(place): status not declared by the spec"]
        }
        guard let schema = response.content[.json]?.contentValue?.schema else {
            return body.isEmpty ? [] : ["\(place): a body where the spec declares none"]
        }
        guard let node = try? SpecNode.parseJSON(body) else { return ["\(place): body is not JSON"] }
        return validator.validate(node, against: schema).map { "\(place): \($0)" }
    }

    /// Problems of one server frame: its `type` must be an event of `x-chatsite-realtime`, its
    /// `data` must match that event's schema.
    func frameProblems(_ text: String) -> [String] {
        guard let frame = try? SpecNode.parseJSON(Data(text.utf8)), let type = frame["type"]?.string else {
            return ["frame is not {\"type\": …}: \(text)"]
        }
        guard let event = TestServer.spec.realtime?.events.first(where: { $0.name == type }),
            let schema = document.components.schemas[.init(stringLiteral: event.schemaName)]
        else { return ["unknown event type '\(type)'"] }
        guard let data = frame["data"] else { return ["\(type): no data"] }
        return validator.validate(data, against: schema, at: "/data").map { "\(type): \($0)" }
    }

    private func match(_ path: String) -> (String, OpenAPI.PathItem)? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        for (key, value) in document.paths {
            let template = key.rawValue.split(separator: "/", omittingEmptySubsequences: false)
            guard template.count == parts.count else { continue }
            let fits = zip(template, parts).allSatisfy { pattern, part in
                pattern.hasPrefix("{") ? !part.isEmpty : pattern == part
            }
            if fits, let item = value.pathItemValue { return (key.rawValue, item) }
        }
        return nil
    }
}
