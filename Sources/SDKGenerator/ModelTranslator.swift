import APISpec
import Foundation
import OpenAPIKit

/// Translates a loaded spec into the language-neutral `SDKModel`: the first stage of the SDK
/// pipeline, shared by every language.
public struct ModelTranslator: Sendable {
    public init() {}

    public func translate(_ document: OpenAPI.Document, realtime: RealtimeProtocol?) -> SDKModel {
        let schemas = SchemaTranslator(components: document.components)
        let types = document.components.schemas.map { key, schema in
            SDKModel.NamedType(
                name: key.rawValue, shape: schemas.shape(schema), description: schema.description ?? schema.title,
                deprecated: schema.deprecated)
        }
        var operations: [Operation] = []
        for route in document.routes {
            for endpoint in route.pathItem.endpoints {
                operations.append(
                    OperationTranslator(document: document, schemas: schemas)
                        .translate(endpoint.operation, method: endpoint.method.rawValue, route: route))
            }
        }
        return SDKModel(
            title: document.info.title, version: document.info.version, summary: document.info.summary,
            servers: document.servers.map(Self.server), securitySchemes: securitySchemes(document.components),
            operations: operations, types: types, realtime: realtime.map { translate($0, schemas) })
    }

    static func server(_ server: OpenAPI.Server) -> SDKModel.Server {
        var url = server.urlTemplate.rawValue
        for (name, variable) in server.variables {
            url = url.replacingOccurrences(of: "{\(name)}", with: variable.default)
        }
        return .init(url: url, description: server.description)
    }

    private func securitySchemes(_ components: OpenAPI.Components) -> [SDKModel.SecurityScheme] {
        components.securitySchemes.compactMap { key, value in
            guard let scheme = try? components.lookup(value) else { return nil }
            let kind: SDKModel.SecurityScheme.Kind
            switch scheme.type {
            case .apiKey(let name, let location): kind = .apiKey(location: location.rawValue, name: name)
            case .http(let httpScheme, _) where httpScheme.lowercased() == "basic": kind = .basic
            case .http, .oauth2, .openIdConnect: kind = .bearer
            case .mutualTLS: return nil
            }
            return .init(name: key.rawValue, kind: kind, description: scheme.description)
        }
    }

    private func translate(_ realtime: RealtimeProtocol, _ schemas: SchemaTranslator) -> SDKModel.Realtime {
        func message(_ message: RealtimeProtocol.Message) -> SDKModel.Realtime.Message {
            .init(
                name: message.name, summary: message.summary, description: message.description,
                shape: .named(message.schemaName))
        }
        return .init(
            description: realtime.description, path: realtime.path, tokenQuery: realtime.tokenQuery,
            actions: realtime.actions.map(message), events: realtime.events.map(message))
    }
}
