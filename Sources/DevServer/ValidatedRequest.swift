import APISpec
import Foundation
import OpenAPIKit

/// A request's parameters and body after checking them against the operation in the spec:
/// path, query and header values converted to the schema's type, the body parsed.
public struct ValidatedRequest: Sendable {
    public var operationId = ""
    public var path: [String: SpecNode] = [:]
    public var query: [String: SpecNode] = [:]
    public var header: [String: SpecNode] = [:]
    public var body: SpecNode?
    public var bodyData = Data()

    func string(_ name: String) -> String? { (path[name] ?? query[name])?.string }

    func int(_ name: String) -> Int? {
        if case .number(let text) = (path[name] ?? query[name])?.value { return Int(text) }
        return nil
    }

    /// The body decoded into `type` (already checked against its schema).
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try JSON.decoder.decode(type, from: bodyData) }
}
