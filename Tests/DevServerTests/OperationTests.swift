import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import DevServer

/// Every operation of the spec: happy path, validation failure, auth failure, not found, forbidden.
/// (Every response is also checked against the spec by `call`.)
@Suite("Every operation")
struct OperationTests {
    @Test func everyOperation() async throws {
        try await TestServer().server.application().test(.router) { client in
            let (alice, _) = try await TestServer.signIn("alice", client: client)
            let (bob, bobId) = try await TestServer.signIn("bob", client: client)
            let (carol, carolId) = try await TestServer.signIn("carol", client: client)
            let room = try await client.call(
                .post, "/api/rooms", token: alice, json: #"{"name": "Team", "members": ["\#(bobId)"]}"#)
            let roomId = try requireValue((room.body as? [String: Any])?["id"] as? String)
            let message = try await client.call(
                .post, "/api/rooms/\(roomId)/messages", token: alice, json: #"{"clientId": "m1", "text": "root"}"#)
            let messageId = try requireValue((message.body as? [String: Any])?["id"] as? String)
            let reply = try await client.call(
                .post, "/api/rooms/\(roomId)/messages", token: bob,
                json: #"{"clientId": "r1", "text": "reply", "threadId": "\#(messageId)"}"#)
            #expect(reply.status == .created)
            let unknownRoom = "01JCFSKSM0M9S346Q3D25VT4F5"
            let unknownMessage = "01JCFVB3FSV37E3S3E28JT97KB"
            let messagePath = "/api/rooms/\(roomId)/messages/\(messageId)"

            // (method, path, body, expected status) for the caller alice unless noted.
            let happy: [(HTTPRequest.Method, String, String?, HTTPResponse.Status)] = [
                (.get, "/api/config", nil, .ok), (.get, "/api/health", nil, .ok), (.get, "/api/me", nil, .ok),
                (.get, "/api/users?limit=2", nil, .ok), (.get, "/api/rooms", nil, .ok),
                (.get, "/api/rooms/\(roomId)", nil, .ok),
                (.patch, "/api/rooms/\(roomId)", #"{"topic": "Plans", "addMembers": ["\#(carolId)"]}"#, .ok),
                (.get, "/api/rooms/\(roomId)/messages?limit=5", nil, .ok), (.get, messagePath, nil, .ok),
                (.patch, messagePath, #"{"text": "root (edited)"}"#, .ok),
                (.get, "/api/rooms/\(roomId)/threads", nil, .ok),
                (.get, "/api/rooms/\(roomId)/threads/\(messageId)/messages?last=5", nil, .ok),
            ]
            for (method, path, body, status) in happy {
                #expect(
                    try await client.call(method, path, token: alice, json: body).status == status, "\(method) \(path)")
            }

            let invalid: [(HTTPRequest.Method, String, String?, String)] = [
                (.get, "/api/users?limit=0", nil, "/query/limit"), (.get, "/api/rooms?limit=101", nil, "/query/limit"),
                (.post, "/api/rooms", #"{"members": []}"#, "/body/name"),
                (.get, "/api/rooms/bad%20id", nil, "/path/roomId"),
                (.patch, "/api/rooms/\(roomId)", "{}", ""), (.delete, "/api/rooms/bad%20id", nil, "/path/roomId"),
                (.get, "/api/rooms/\(roomId)/messages?before=xyz", nil, "/query/before"),
                (.post, "/api/rooms/\(roomId)/messages", #"{"clientId": "x", "text": ""}"#, "/body/text"),
                (.get, "/api/rooms/\(roomId)/messages/bad%20id", nil, "/path/messageId"),
                (.patch, messagePath, #"{"text": 5}"#, "/body/text"),
                (.delete, "/api/rooms/\(roomId)/messages/bad%20id", nil, "/path/messageId"),
                (.get, "/api/rooms/\(roomId)/threads?limit=0", nil, "/query/limit"),
                (.get, "/api/rooms/\(roomId)/threads/\(messageId)/messages?last=0", nil, "/query/last"),
            ]
            for (method, path, body, pointer) in invalid {
                let response = try await client.call(method, path, token: alice, json: body)
                #expect(response.status == .badRequest, "\(method) \(path)")
                let pointers = ((response.body as? [String: Any])?["errors"] as? [[String: String]])?.compactMap {
                    $0["pointer"]
                }
                #expect(pointers?.contains { $0.hasPrefix(pointer) } == true, "\(method) \(path): \(pointers ?? [])")
            }

            let secured: [(HTTPRequest.Method, String)] = [
                (.get, "/api/me"), (.get, "/api/users"), (.get, "/api/rooms"), (.post, "/api/rooms"),
                (.get, "/api/rooms/\(roomId)"), (.patch, "/api/rooms/\(roomId)"), (.delete, "/api/rooms/\(roomId)"),
                (.get, "/api/rooms/\(roomId)/messages"), (.post, "/api/rooms/\(roomId)/messages"), (.get, messagePath),
                (.patch, messagePath), (.delete, messagePath), (.get, "/api/rooms/\(roomId)/threads"),
                (.get, "/api/rooms/\(roomId)/threads/\(messageId)/messages"),
            ]
            for (method, path) in secured {
                #expect(try await client.call(method, path).status == .unauthorized, "\(method) \(path)")
            }

            let missing: [(HTTPRequest.Method, String, String?)] = [
                (.get, "/api/rooms/\(unknownRoom)", nil), (.patch, "/api/rooms/\(unknownRoom)", #"{"name": "x"}"#),
                (.delete, "/api/rooms/\(unknownRoom)", nil), (.get, "/api/rooms/\(unknownRoom)/messages", nil),
                (.post, "/api/rooms/\(unknownRoom)/messages", #"{"clientId": "x", "text": "x"}"#),
                (.get, "/api/rooms/\(roomId)/messages/\(unknownMessage)", nil),
                (.patch, "/api/rooms/\(roomId)/messages/\(unknownMessage)", #"{"text": "x"}"#),
                (.delete, "/api/rooms/\(roomId)/messages/\(unknownMessage)", nil),
                (.get, "/api/rooms/\(unknownRoom)/threads", nil),
                (.get, "/api/rooms/\(roomId)/threads/\(unknownMessage)/messages", nil),
            ]
            for (method, path, body) in missing {
                #expect(
                    try await client.call(method, path, token: alice, json: body).status == .notFound,
                    "\(method) \(path)")
            }

            let forbidden: [(HTTPRequest.Method, String, String?, String)] = [
                (.patch, "/api/rooms/\(roomId)", #"{"removeMembers": ["\#(carolId)"]}"#, bob),
                (.delete, "/api/rooms/\(roomId)", nil, bob), (.patch, messagePath, #"{"text": "mine now"}"#, bob),
                (.delete, messagePath, nil, carol),
            ]
            for (method, path, body, token) in forbidden {
                #expect(
                    try await client.call(method, path, token: token, json: body).status == .forbidden,
                    "\(method) \(path)")
            }

            #expect(try await client.call(.delete, messagePath, token: alice).status == .noContent)
            #expect(try await client.call(.delete, "/api/rooms/\(roomId)", token: alice).status == .noContent)
        }
    }
}
