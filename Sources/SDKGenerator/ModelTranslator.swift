import APISpec
import Foundation

/// Translates a loaded spec into the language-neutral `SDKModel`: the first stage of the SDK
/// pipeline, shared by every language. It reads the loader's checked tree (`LoadedSpec.root`),
/// so a spec loaded with `decode: false` needs no OpenAPIKit document; parts of the wrong kind
/// come back as diagnostics.
///
/// ```swift
/// let spec = SpecLoader().load(path: "OpenAPI/chat-api.yaml", decode: false)
/// let (model, problems) = ModelTranslator().translate(spec)
/// ```
public struct ModelTranslator: Sendable {
    public init() {}

    /// The HTTP methods of a path item, in the order the model lists operations.
    static let methods = ["get", "post", "patch", "put", "delete", "head", "options", "trace", "query"]

    public func translate(_ spec: LoadedSpec) -> (SDKModel?, [Diagnostic]) {
        guard let root = spec.root, let document = root.object else { return (nil, []) }
        let tree = SpecTree(root: root, file: spec.file)
        let components = tree.object(document["components"], "components")
        let schemaNodes = tree.object(components?["schemas"], "components/schemas") ?? SpecObject()
        let schemas = SchemaTranslator(tree: tree, componentNames: Set(schemaNodes.keys))
        let types = schemaNodes.members.map { name, node in
            SDKModel.NamedType(
                name: name, shape: schemas.shape(node),
                description: node["description"]?.string ?? node["title"]?.string,
                deprecated: node["deprecated"]?.bool == true)
        }
        let operations = OperationTranslator(tree: tree, schemas: schemas, components: schemaNodes)
        let security = tree.array(document["security"], "security").map(OperationTranslator.security) ?? []
        var translated: [Operation] = []
        for (path, value) in tree.object(document["paths"], "paths")?.members ?? SpecObject().members {
            guard !path.hasPrefix("x-"), let item = tree.object(value, "path item \(path)") else { continue }
            let shared = tree.array(item["parameters"], "parameters") ?? []
            for method in Self.methods {
                guard let operation = tree.object(item[method], "\(method) \(path)") else { continue }
                translated.append(
                    operations.translate(
                        operation, method: method.uppercased(), path: path, shared: shared, security: security))
            }
        }
        let info = document["info"]?.object
        let model = SDKModel(
            title: info?["title"]?.string ?? "API", version: SpecTree.text(info?["version"]) ?? "0.0.0",
            summary: info?["summary"]?.string,
            servers: (document["servers"]?.array ?? []).compactMap(Self.server),
            securitySchemes: securitySchemes(tree.object(components?["securitySchemes"], "securitySchemes"), tree),
            operations: translated, types: types, realtime: spec.realtime.map(Self.translate))
        return (model, tree.diagnostics)
    }

    static func server(_ node: SpecNode) -> SDKModel.Server? {
        guard var url = node["url"]?.string else { return nil }
        for (name, variable) in node["variables"]?.object?.members ?? SpecObject().members {
            if let value = SpecTree.text(variable["default"]) {
                url = url.replacingOccurrences(of: "{\(name)}", with: value)
            }
        }
        return .init(url: url, description: node["description"]?.string)
    }

    private func securitySchemes(_ schemes: SpecObject?, _ tree: SpecTree) -> [SDKModel.SecurityScheme] {
        (schemes?.members ?? SpecObject().members).compactMap { name, value in
            guard let scheme = tree.object(value, "security scheme \(name)") else { return nil }
            let kind: SDKModel.SecurityScheme.Kind
            switch scheme["type"]?.string {
            case "apiKey":
                kind = .apiKey(location: scheme["in"]?.string ?? "header", name: scheme["name"]?.string ?? name)
            case "http" where scheme["scheme"]?.string?.lowercased() == "basic": kind = .basic
            case "http", "oauth2", "openIdConnect": kind = .bearer
            default: return nil
            }
            return .init(name: name, kind: kind, description: scheme["description"]?.string)
        }
    }

    private static func translate(_ realtime: RealtimeProtocol) -> SDKModel.Realtime {
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
