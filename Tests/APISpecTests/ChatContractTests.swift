import APISpec
import Foundation
import OpenAPIKit
import Testing

/// `OpenAPI/chat-api.yaml` is the single source of truth: pin what the seeds need from it.
@Suite("The chat API contract")
struct ChatContractTests {
    static let spec = SpecLoader().load(path: Fixtures.packageRoot.appendingPathComponent("OpenAPI/chat-api.yaml").path)

    var document: OpenAPI.Document { get throws { try #require(Self.spec.document) } }

    @Test func loadsCleanly() throws {
        #expect(Self.spec.diagnostics.map(\.description) == [])
        #expect(Self.spec.sourceVersion == .openAPI31("3.1.0"))
    }

    @Test func operations() throws {
        let ids = try document.allOperationIds
        #expect(
            Set(ids) == [
                "getConfig", "getHealth", "getMe", "listUsers", "listRooms", "createRoom", "getRoom", "updateRoom",
                "deleteRoom", "listMessages", "createMessage", "getMessage", "updateMessage", "deleteMessage",
                "listThreads", "listThreadMessages",
            ])
    }

    @Test func everyOperationButConfigAndHealthNeedsTheCognitoToken() throws {
        let document = try document
        #expect(document.security.map { $0.keys.compactMap(\.name) } == [["cognitoIdToken"]])
        let scheme = try #require(document.components.securitySchemes["cognitoIdToken"]?.securitySchemeValue)
        #expect(scheme.type == .http(scheme: "bearer", bearerFormat: "JWT"))
        for route in document.routes {
            for endpoint in route.pathItem.endpoints {
                let id = endpoint.operation.operationId ?? ""
                let open = endpoint.operation.security?.isEmpty == true
                #expect(open == ["getConfig", "getHealth"].contains(id), "\(id)")
            }
        }
    }

    @Test func everySchemaHasExamples() throws {
        for (name, schema) in try document.components.schemas {
            #expect(!(schema.examples.isEmpty), "\(name.rawValue) has no examples")
        }
    }

    @Test func everyErrorResponseUsesTheErrorSchema() throws {
        let document = try document
        for route in document.routes {
            for endpoint in route.pathItem.endpoints {
                for (status, response) in endpoint.operation.responses where (Int(status.rawValue) ?? 0) >= 400 {
                    let resolved = try #require(try? document.components.lookup(response))
                    let schema = resolved.content[.json]?.contentValue?.schema
                    #expect(schema?.reference?.name == "Error", "\(endpoint.operation.operationId ?? "") \(status)")
                }
            }
        }
    }

    @Test func realtimeProtocol() throws {
        let realtime = try #require(Self.spec.realtime)
        let schemas = Set(try document.components.schemas.keys.map(\.rawValue))
        #expect(
            Set(["sendMessage", "typing", "markRead", "getLastMessages", "getThreads", "ping"])
                .isSubset(of: realtime.actions.map(\.name)))
        #expect(
            Set(["messageCreated", "messageUpdated", "messageDeleted", "roomUpdated", "presence", "typing", "error"])
                .isSubset(of: realtime.events.map(\.name)))
        for message in realtime.actions + realtime.events {
            #expect(schemas.contains(message.schemaName), "\(message.name) → \(message.schemaName)")
        }
        #expect(realtime.path == "/ws")
        #expect(realtime.tokenQuery == "token")
    }
}
