import Foundation
import OpenAPIKit30
import Testing

@testable import APISpec

extension SwaggerConverterTests {
    /// Reads, converts and decodes a shared Swagger file with OpenAPIKit's 3.0 reader.
    func load(_ path: String) throws -> (SpecNode, OpenAPIKit30.OpenAPI.Document) {
        try #require(FileManager.default.fileExists(atPath: path), "missing \(path); set CHATSITE_SHARED")
        let (tree, problems) = SourceReader().read(try Data(contentsOf: URL(fileURLWithPath: path)), file: path)
        #expect(problems.isEmpty)
        let (converted, _) = SwaggerConverter(file: path).convert(try #require(tree))
        return (converted, try OpenAPIKit30.OpenAPI.Document(from: SpecNodeDecoder(node: converted, path: nil)))
    }

    @Test(
        "petstore",
        arguments: [
            ("petstore-2.0.yaml", ["https://petstore.swagger.io/v2", "http://petstore.swagger.io/v2"], "https"),
            ("petstore-2.0.json", ["http://petstore.swagger.io/v2"], "http"),
        ])
    func petstore(name: String, servers: [String], authScheme: String) throws {
        let (tree, document) = try load(Fixtures.spec(name))
        #expect(document.openAPIVersion == .v3_0_3)
        #expect(document.servers.map(\.urlTemplate.absoluteString) == servers)
        let addPet = try #require(document.paths["/pet"]?.pathItemValue?.post?.requestBody?.requestValue)
        #expect(addPet.content.keys.map(\.rawValue) == ["application/json", "application/xml"])
        for media in addPet.content.values {
            #expect(media.schema?.reference?.absoluteString == "#/components/schemas/Pet")
        }
        let upload = try #require(
            document.paths["/pet/{petId}/uploadImage"]?.pathItemValue?.post?.requestBody?.requestValue)
        let form = try #require(upload.content[.multipartForm]?.schema?.schemaValue?.objectContext)
        #expect(form.properties["file"]?.jsonType == .string)
        #expect(form.properties["file"]?.formatString == "binary")
        let schemes = document.components.securitySchemes
        if case .oauth2(let flows) = schemes["petstore_auth"]?.type {
            #expect(
                flows.implicit?.authorizationUrl.absoluteString == "\(authScheme)://petstore.swagger.io/oauth/dialog")
            #expect(flows.implicit?.scopes.keys.sorted() == ["read:pets", "write:pets"])
        } else {
            Issue.record("petstore_auth is not oauth2")
        }
        #expect(schemes["api_key"]?.type == .apiKey(name: "api_key", location: .header))
        let status = try #require(document.paths["/pet/findByStatus"]?.pathItemValue?.get?.parameters.first)
        #expect(status.parameterValue?.schemaOrContent.schemaContextValue?.style == .form)
        #expect(status.parameterValue?.schemaOrContent.schemaContextValue?.explode == true)
        #expect(
            tree.json("/paths/~1user~1login/get/responses/200/headers/X-Rate-Limit/schema") == """
                {"type":"integer","format":"int32"}
                """)
        #expect(document.components.schemas.count == 6)
    }

    @Test func chatify() throws {
        let (_, document) = try load(Fixtures.seed("chatify/Chat-API-prod-swagger.yaml"))
        #expect(
            document.servers.map(\.urlTemplate.absoluteString) == [
                "https://ic8o4echvi.execute-api.us-east-2.amazonaws.com/prod"
            ])
        let conversation = try #require(document.paths["/conversations/{id}"]?.pathItemValue)
        let body = try #require(conversation.post?.requestBody?.requestValue)
        #expect(body.required)
        #expect(body.content.keys.map(\.rawValue) == ["application/json"])
        #expect(body.content[.json]?.schema?.reference?.absoluteString == "#/components/schemas/NewMessage")
        #expect(conversation.post?.parameters.count == 1)
        let options = try #require(conversation.options?.responses[200]?.responseValue)
        #expect(
            options.headers?.keys.sorted() == [
                "Access-Control-Allow-Headers", "Access-Control-Allow-Methods", "Access-Control-Allow-Origin",
            ])
        #expect(options.content[.json]?.schema?.reference?.absoluteString == "#/components/schemas/Empty")
    }

    @Test func chatroomKeepsAPIGatewayExtensions() throws {
        let (_, document) = try load(Fixtures.seed("chatroom-acm-route53/api_documentation.yaml"))
        #expect(document.servers.map(\.urlTemplate.absoluteString) == ["https://api.399chatroom.com"])
        let root = try #require(document.paths["/"]?.pathItemValue)
        for operation in [root.get, root.post, root.options] {
            #expect(operation?.vendorExtensions["x-amazon-apigateway-integration"] != nil)
        }
        #expect(document.vendorExtensions["x-amazon-apigateway-gateway-responses"] != nil)
        #expect(root.get?.responses[200]?.responseValue?.content[.json]?.schema?.reference?.name == "Empty")
    }
}
