import APISpec
import Foundation
import OpenAPIKit
import Testing

@Suite("Real-world specs load")
struct RealSpecTests {
    static let specs: [(String, Int, Int)] = [
        ("discord-openapi-3.1.json", 242, 539),
        ("github-api-2022-07.json", 874, 351),
        ("oai-petstore-expanded-3.0.yaml", 4, 3),
        ("petstore-2.0.json", 20, 6),
        ("petstore-2.0.yaml", 20, 6),
        ("petstore-3.0.yaml", 19, 6),
        ("spotify-web-api.yaml", 97, 90),
        ("stripe-spec3-2023-09.json", 468, 819),
    ]

    static let seeds: [(String, Int, Int)] = [
        ("chatify/Chat-API-prod-swagger.yaml", 5, 4),
        ("chatroom-acm-route53/api_documentation.yaml", 3, 1),
        ("chatroom-websocket/webSocketAPI_documentation.yaml", 4, 0),
    ]

    @Test("shared specs", arguments: specs)
    func sharedSpec(name: String, operations: Int, schemas: Int) throws {
        let path = Fixtures.spec(name)
        try #require(FileManager.default.fileExists(atPath: path), "missing \(path); set CHATSITE_SHARED")
        let spec = SpecLoader().load(path: path)
        #expect(spec.errors.map(\.description) == [])
        #expect(spec.operationCount == operations)
        #expect(spec.schemaCount == schemas)
    }

    @Test("seed specs", arguments: seeds)
    func seedSpec(name: String, operations: Int, schemas: Int) throws {
        let path = Fixtures.seed(name)
        try #require(FileManager.default.fileExists(atPath: path), "missing \(path); set CHATSITE_SHARED")
        let spec = SpecLoader().load(path: path)
        #expect(spec.errors.map(\.description) == [])
        #expect(spec.operationCount == operations)
        #expect(spec.schemaCount == schemas)
    }

    @Test func petstoreSwaggerConverts() throws {
        let expectations = [
            ("petstore-2.0.json", ["http://petstore.swagger.io/v2"], "http://petstore.swagger.io/oauth/dialog"),
            (
                "petstore-2.0.yaml", ["https://petstore.swagger.io/v2", "http://petstore.swagger.io/v2"],
                "https://petstore.swagger.io/oauth/dialog"
            ),
        ]
        for (name, servers, authorizationURL) in expectations {
            let spec = SpecLoader().load(path: Fixtures.spec(name))
            let document = try #require(spec.document)
            #expect(spec.sourceVersion == .swagger2)
            #expect(document.servers.map(\.urlTemplate.absoluteString) == servers)
            let addPet = try #require(document.paths["/pet"]?.pathItemValue?.post)
            let body = try #require(addPet.requestBody?.requestValue)
            #expect(Set(body.content.keys.map(\.rawValue)) == ["application/json", "application/xml"])
            #expect(body.content[OpenAPI.ContentType.json]?.contentValue?.schema?.reference?.name == "Pet")
            let schemes = document.components.securitySchemes
            #expect(schemes["api_key"]?.securitySchemeValue?.type == .apiKey(name: "api_key", location: .header))
            if case .oauth2(let flows, _) = schemes["petstore_auth"]?.securitySchemeValue?.type {
                #expect(flows.implicit?.authorizationUrl.absoluteString == authorizationURL)
            } else {
                Issue.record("petstore_auth is not oauth2")
            }
        }
    }

    @Test func chatifySwaggerConverts() throws {
        let spec = SpecLoader().load(path: Fixtures.seed("chatify/Chat-API-prod-swagger.yaml"))
        let document = try #require(spec.document)
        #expect(
            document.servers.first?.urlTemplate.absoluteString
                == "https://ic8o4echvi.execute-api.us-east-2.amazonaws.com/prod")
        let post = try #require(document.paths["/conversations/{id}"]?.pathItemValue?.post)
        let body = try #require(post.requestBody?.requestValue)
        #expect(body.required)
        #expect(body.content[OpenAPI.ContentType.json]?.contentValue?.schema?.reference?.name == "NewMessage")
    }

    @Test func apiGatewayExtensionsAreKept() throws {
        let spec = SpecLoader().load(path: Fixtures.seed("chatroom-acm-route53/api_documentation.yaml"))
        let document = try #require(spec.document)
        let get = try #require(document.paths["/"]?.pathItemValue?.get)
        #expect(get.vendorExtensions["x-amazon-apigateway-integration"] != nil)
    }
}
