import Foundation
import Testing

@testable import APISpec

/// The Swagger 2.0 upgrade: small YAML snippets in, the converted tree checked at JSON pointers and
/// warnings pinned word for word; the `+` files hold operations, request bodies and the real specs.
@Suite("Swagger 2.0 upgrade")
struct SwaggerConverterTests {
    /// Converts a Swagger snippet read as `api.yaml`.
    func convert(_ yaml: String) throws -> (tree: SpecNode, warnings: [String]) {
        let (tree, problems) = SourceReader().read(Data(yaml.utf8), file: "api.yaml")
        #expect(problems.isEmpty)
        let (converted, warnings) = SwaggerConverter(file: "api.yaml").convert(try #require(tree))
        return (converted, warnings.map(\.description))
    }

    @Test func documentFieldsAndServers() throws {
        let (tree, warnings) = try convert(
            """
            swagger: "2.0"
            info: {title: Chat, version: "1", x-logo: chat.png}
            host: chat.example.com
            basePath: /v1/
            schemes: [https, wss]
            consumes: [application/json]
            produces: [application/json]
            tags: [{name: rooms, x-order: 1}]
            security: [{key: []}]
            externalDocs: {url: "https://example.com/docs"}
            x-audience: public
            paths: {x-paths: 1}
            """)
        #expect(warnings == [])
        #expect(
            tree.json() == """
                {"openapi":"3.0.3","info":{"title":"Chat","version":"1","x-logo":"chat.png"},\
                "servers":[{"url":"https://chat.example.com/v1"},{"url":"wss://chat.example.com/v1"}],\
                "tags":[{"name":"rooms","x-order":1}],"security":[{"key":[]}],\
                "externalDocs":{"url":"https://example.com/docs"},"x-audience":"public","paths":{"x-paths":1}}
                """)
        #expect(tree["openapi"]?.location == SourceLocation(line: 1, column: 10))
        #expect(tree["servers"]?.location == SourceLocation(line: 3, column: 7))
        #expect(tree.at("/servers/1")?.location == SourceLocation(line: 5, column: 18))
    }

    @Test(
        "servers without schemes or host",
        arguments: [
            ("host: a.example.com", #"[{"url":"https://a.example.com"}]"#),
            ("host: a.example.com\nbasePath: /api", #"[{"url":"https://a.example.com/api"}]"#),
            ("basePath: /api", #"[{"url":"/api"}]"#),
            ("schemes: [http]", #"[{"url":"/"}]"#),
        ])
    func serverDefaults(fields: String, servers: String) throws {
        let (tree, _) = try convert("swagger: \"2.0\"\n\(fields)\npaths: {}\n")
        #expect(tree.json("/servers") == servers)
    }

    @Test func definitionsBecomeSchemas() throws {
        let (tree, _) = try convert(
            """
            swagger: "2.0"
            paths: {}
            definitions:
              Pet:
                type: object
                discriminator: kind
                x-nullable: true
                x-internal: hidden
                properties:
                  kind: {type: string}
                  owner: {$ref: "#/definitions/User"}
                  photo: {type: file, format: byte}
                  tags: {type: array, items: {$ref: "#/definitions/Tag", x-nullable: true}}
                  extra: {type: object, additionalProperties: {$ref: "#/definitions/Tag"}}
                  $ref: {type: string}
              Cat:
                allOf: [{$ref: "#/definitions/Pet"}, {type: object, x-nullable: false}]
              Link: {$ref: "other#/definitions/Pet"}
            """)
        #expect(
            tree.json("/components/schemas/Pet") == """
                {"type":"object","discriminator":{"propertyName":"kind"},"nullable":true,"x-internal":"hidden",\
                "properties":{"kind":{"type":"string"},"owner":{"$ref":"#/components/schemas/User"},\
                "photo":{"type":"string","format":"binary"},\
                "tags":{"type":"array","items":{"$ref":"#/components/schemas/Tag","nullable":true}},\
                "extra":{"type":"object","additionalProperties":{"$ref":"#/components/schemas/Tag"}},\
                "$ref":{"type":"string"}}}
                """)
        #expect(
            tree.json("/components/schemas/Cat") == """
                {"allOf":[{"$ref":"#/components/schemas/Pet"},{"type":"object","nullable":false}]}
                """)
        #expect(tree.json("/components/schemas/Link") == #"{"$ref":"other#/definitions/Pet"}"#)
        #expect(tree["definitions"] == nil)
        #expect(tree.at("/components")?.location == SourceLocation(line: 4, column: 3))
        #expect(tree.at("/components/schemas/Pet/discriminator")?.location == SourceLocation(line: 6, column: 20))
    }

    @Test func securityDefinitionsBecomeSchemes() throws {
        let (tree, warnings) = try convert(
            """
            swagger: "2.0"
            paths: {}
            securityDefinitions:
              basic: {type: basic, description: Password., x-realm: chat}
              key: {type: apiKey, name: X-Key, in: header}
              implicit: {type: oauth2, flow: implicit, authorizationUrl: "https://a/auth", scopes: {read: Read.}}
              password: {type: oauth2, flow: password, tokenUrl: "https://a/token", scopes: {}}
              application: {type: oauth2, flow: application, tokenUrl: "https://a/token", scopes: {}}
              accessCode:
                type: oauth2
                flow: accessCode
                authorizationUrl: "https://a/auth"
                tokenUrl: "https://a/token"
                scopes: {write: Write.}
                x-client: web
            """)
        #expect(warnings == [])
        #expect(
            tree.json("/components/securitySchemes") == """
                {"basic":{"type":"http","scheme":"basic","description":"Password.","x-realm":"chat"},\
                "key":{"type":"apiKey","name":"X-Key","in":"header"},\
                "implicit":{"type":"oauth2","flows":{"implicit":{"authorizationUrl":"https://a/auth",\
                "scopes":{"read":"Read."}}}},\
                "password":{"type":"oauth2","flows":{"password":{"tokenUrl":"https://a/token","scopes":{}}}},\
                "application":{"type":"oauth2","flows":{"clientCredentials":{"tokenUrl":"https://a/token","scopes":{}}}},\
                "accessCode":{"type":"oauth2","flows":{"authorizationCode":{"authorizationUrl":"https://a/auth",\
                "tokenUrl":"https://a/token","scopes":{"write":"Write."}}},"x-client":"web"}}
                """)
    }

    @Test func unknownOAuthFlowWarns() throws {
        let (_, warnings) = try convert(
            """
            swagger: "2.0"
            paths: {}
            securityDefinitions:
              auth: {type: oauth2, flow: device, scopes: {}}
            """)
        #expect(
            warnings == [
                "api.yaml:4:30: warning: unknown oauth2 flow 'device'; expected implicit, password, application or "
                    + "accessCode; the scheme has no flows (at /securityDefinitions/auth/flow)"
            ])
    }

    @Test func extensionsAreKeptEverywhere() throws {
        let (tree, _) = try convert(
            """
            swagger: "2.0"
            paths:
              x-paths: 1
              /rooms:
                x-item: 2
                get:
                  x-operation: 3
                  parameters: [{name: q, in: query, type: string, x-parameter: 4}]
                  responses:
                    "200": {description: OK, x-response: 5, schema: {type: object, x-schema: 6}}
            """)
        let values = [
            "/paths/x-paths", "/paths/~1rooms/x-item", "/paths/~1rooms/get/x-operation",
            "/paths/~1rooms/get/parameters/0/x-parameter", "/paths/~1rooms/get/responses/200/x-response",
            "/paths/~1rooms/get/responses/200/content/application~1json/schema/x-schema",
        ].map { tree.json($0) }
        #expect(values == ["1", "2", "3", "4", "5", "6"])
    }

    @Test func unusedOAuthURLsAreDroppedWithAWarning() throws {
        let (tree, warnings) = try convert(
            """
            swagger: "2.0"
            paths: {}
            securityDefinitions:
              auth: {type: oauth2, flow: password, tokenUrl: "https://a/t", authorizationUrl: "https://a/a", scopes: {}}
            """)
        #expect(
            tree.json("/components/securitySchemes/auth/flows")
                == #"{"password":{"tokenUrl":"https://a/t","scopes":{}}}"#)
        #expect(
            warnings == [
                "api.yaml:4:83: warning: authorizationUrl is not used by the password flow in OpenAPI 3; dropped "
                    + "(at /securityDefinitions/auth/authorizationUrl)"
            ])
    }

    @Test func warningsAboutBundledNodesNameTheirFile() throws {
        let (tree, _) = SourceReader().read(
            Data("swagger: \"2.0\"\npaths: {}\nparameters:\n  f: {name: f, in: formData, type: string}\n".utf8),
            file: "api.yaml")
        var root = try #require(tree?.object)
        root["parameters"] = marked(try #require(root["parameters"]), file: "common.yaml")
        let (_, warnings) = SwaggerConverter(file: "api.yaml").convert(SpecNode(.object(root), at: tree!.location))
        #expect(
            warnings.map(\.description) == [
                "common.yaml:4:6: warning: formData parameter 'f' cannot be a component in OpenAPI 3; it is inlined into "
                    + "the request body of each operation that references it"
            ])
    }

    /// `node` and everything in it, as if bundled in from `file`.
    private func marked(_ node: SpecNode, file: String) -> SpecNode {
        var copy = node
        copy.file = file
        switch node.value {
        case .array(let items): copy.value = .array(items.map { marked($0, file: file) })
        case .object(let object): copy.value = .object(SpecObject(object.members.map { ($0, marked($1, file: file)) }))
        default: break
        }
        return copy
    }
}

extension SpecNode {
    /// The node at a JSON pointer, such as `/paths/~1pets/get`.
    func at(_ pointer: String) -> SpecNode? { lookup(JSONPointer(parsing: pointer)!).node }

    /// The node at `pointer` as compact JSON, for comparing whole subtrees.
    func json(_ pointer: String = "") -> String? {
        at(pointer).map { String(decoding: $0.jsonBytes(), as: UTF8.self) }
    }
}
