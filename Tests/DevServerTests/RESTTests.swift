import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JWTKit
import NIOCore
import Testing

@testable import DevServer

/// The REST API through the router, with tokens from the real sign-in flow.
@Suite("REST API")
struct RESTTests {
    @Test func configAndHealthNeedNoToken() async throws {
        let app = try await TestServer().server.application()
        try await app.test(.router) { client in
            let health = try await client.call(.get, "/api/health")
            #expect(health.status == .ok)
            #expect((health.body as? [String: String])?["status"] == "ok")
            #expect(health.headers[.requestID]?.isEmpty == false)
            let config = try await client.call(.get, "/api/config")
            #expect((config.body as? [String: String])?["userPoolClientId"] == "chatsitelocal")
            #expect((config.body as? [String: String])?["websocketUrl"]?.hasSuffix("/ws") == true)
        }
    }

    @Test func tokensAreVerified() async throws {
        let test = try await TestServer()
        try await test.server.application().test(.router) { client in
            #expect(try await client.call(.get, "/api/me").status == .unauthorized)
            let (token, _) = try await TestServer.signIn("alice", client: client)
            #expect(try await client.call(.get, "/api/me", token: token).status == .ok)
            // The raw token, without "Bearer ", as API Gateway's Cognito authorizer accepts it.
            #expect(try await client.call(.get, "/api/me", token: "raw:" + token).status == .ok)
            // A token signed by another key.
            let forger = try await LocalAuth(issuer: test.server.auth.issuer, clientId: "chatsitelocal", keyFile: nil)
            let forged = try await forger.tokens(for: ("x", "mallory", "m@x")).idToken
            let rejected = try await client.call(.get, "/api/me", token: forged)
            #expect(rejected.status == .unauthorized)
            #expect((rejected.body as? [String: Any])?["code"] as? String == "unauthorized")
            #expect(rejected.headers[.wwwAuthenticate] == "Bearer")
            // An expired token signed by the right key.
            var claims = try await test.server.auth.verifyIDToken(token)
            claims.expiration = .init(value: Date().addingTimeInterval(-60))
            let expired = try await test.server.auth.keys.sign(
                claims, kid: JWKIdentifier(string: test.server.auth.keyId))
            let message = (try await client.call(.get, "/api/me", token: expired).body as? [String: Any])?["message"]
            #expect(message as? String == "The token is not valid: it has expired.")
        }
    }

    @Test func refreshAndRevoke() async throws {
        let test = try await TestServer()
        try await test.server.application().test(.router) { client in
            _ = try await TestServer.signIn("bob", client: client)
            let tokens = try await test.server.auth.tokens(for: ("b", "bob", "bob@local.chatsite"))
            let form = ["Content-Type": "application/x-www-form-urlencoded"]
            let refreshed = try await client.execute(
                uri: "/oauth2/token", method: .post,
                headers: HTTPFields(form.map { .init(name: .init($0)!, value: $1) }),
                body: ByteBuffer(string: "grant_type=refresh_token&refresh_token=\(tokens.refreshToken)")
            ) { $0.status }
            #expect(refreshed == .ok)
            _ = try await client.execute(
                uri: "/oauth2/revoke", method: .post, body: ByteBuffer(string: "token=\(tokens.refreshToken)")
            ) { _ in }
            let again = try await client.execute(
                uri: "/oauth2/token", method: .post,
                body: ByteBuffer(string: "grant_type=refresh_token&refresh_token=\(tokens.refreshToken)")
            ) { $0.status }
            #expect(again == .badRequest)
            let keys = try await client.call(.get, "/.well-known/jwks.json")
            let first = ((keys.body as? [String: Any])?["keys"] as? [[String: String]])?.first
            #expect(first?["kid"] == test.server.auth.keyId)
            #expect(first?["alg"] == "RS256")
        }
    }

    @Test func roomsAndMessagesEndToEnd() async throws {
        try await TestServer().server.application().test(.router) { client in
            let (alice, _) = try await TestServer.signIn("alice", client: client)
            let (bob, bobId) = try await TestServer.signIn("bob", client: client)
            let (carol, _) = try await TestServer.signIn("carol", client: client)
            let created = try await client.call(
                .post, "/api/rooms", token: alice, json: #"{"name": "General", "members": ["\#(bobId)"]}"#)
            #expect(created.status == .created)
            let roomId = try requireValue((created.body as? [String: Any])?["id"] as? String)

            let send = #"{"clientId": "c-1", "text": "hello"}"#
            let first = try await client.call(.post, "/api/rooms/\(roomId)/messages", token: alice, json: send)
            #expect(first.status == .created)
            let replay = try await client.call(.post, "/api/rooms/\(roomId)/messages", token: alice, json: send)
            #expect(replay.status == .ok)
            let messageId = try requireValue((first.body as? [String: Any])?["id"] as? String)
            #expect((replay.body as? [String: Any])?["id"] as? String == messageId)

            let history = try await client.call(.get, "/api/rooms/\(roomId)/messages?limit=10", token: bob)
            #expect(((history.body as? [String: Any])?["items"] as? [Any])?.count == 1)
            #expect(try await client.call(.get, "/api/rooms/\(roomId)", token: carol).status == .notFound)

            let edit = try await client.call(
                .patch, "/api/rooms/\(roomId)/messages/\(messageId)", token: bob, json: #"{"text": "hijack"}"#)
            #expect(edit.status == .forbidden)
            #expect((edit.body as? [String: Any])?["code"] as? String == "forbidden")
            let missing = try await client.call(
                .delete, "/api/rooms/\(roomId)/messages/01JCFVB3FSV37E3S3E28JT97KB", token: alice)
            #expect(missing.status == .notFound)
            #expect(
                try await client.call(.delete, "/api/rooms/\(roomId)/messages/\(messageId)", token: alice).status
                    == .noContent)
            #expect(try await client.call(.delete, "/api/rooms/\(roomId)", token: bob).status == .forbidden)
            #expect(try await client.call(.delete, "/api/rooms/\(roomId)", token: alice).status == .noContent)
        }
    }

    @Test func requestsAreValidatedAgainstTheSpec() async throws {
        try await TestServer().server.application().test(.router) { client in
            let (alice, aliceId) = try await TestServer.signIn("alice", client: client)
            let bad = try await client.call(
                .post, "/api/rooms", token: alice,
                json: #"{"name": "", "members": ["x", "x"], "colour": "red"}"#)
            #expect(bad.status == .badRequest)
            let body = try requireValue(bad.body as? [String: Any])
            #expect(body["code"] as? String == "validation_failed")
            let pointers = (body["errors"] as? [[String: String]])?.compactMap { $0["pointer"] } ?? []
            #expect(Set(pointers) == ["/body/name", "/body/members/1", "/body/colour"])
            let query = try await client.call(.get, "/api/rooms?limit=0", token: alice)
            #expect(
                ((query.body as? [String: Any])?["errors"] as? [[String: String]])?.first?["pointer"] == "/query/limit")
            let notJSON = try await client.call(.post, "/api/rooms", token: alice, json: "{nope")
            #expect(notJSON.status == .badRequest)
            let yourself = try await client.call(
                .post, "/api/rooms", token: alice, json: #"{"name": "Me", "members": ["\#(aliceId)"]}"#)
            #expect(yourself.status == .badRequest)
        }
    }

    @Test func errorsCORSAndRequestIds() async throws {
        try await TestServer().server.application().test(.router) { client in
            let unknown = try await client.call(
                .get, "/api/nowhere", headers: [.origin: "http://app.test", .requestID: "req-42"])
            #expect(unknown.status == .notFound)
            #expect((unknown.body as? [String: Any])?["requestId"] as? String == "req-42")
            #expect(unknown.headers[.requestID] == "req-42")
            #expect(unknown.headers[.accessControlAllowOrigin] == "http://app.test")
            let preflight = try await client.call(
                .options, "/api/rooms",
                headers: [
                    .origin: "http://app.test", .accessControlRequestMethod: "POST",
                    .accessControlRequestHeaders: "authorization",
                ])
            #expect(preflight.status == .noContent)
            #expect(preflight.headers[.accessControlAllowMethods]?.contains("POST") == true)
            let metrics = try await client.execute(uri: "/metrics", method: .get) { response in
                String(buffer: response.body)
            }
            #expect(
                metrics.contains("chatsite_http_requests_total{method=\"GET\",route=\"unmatched\",status=\"404\"} 1"))
            let health = try await client.call(.get, "/api/health")
            #expect(health.status == .ok)
            let after = try await client.execute(uri: "/metrics", method: .get) { response in
                String(buffer: response.body)
            }
            #expect(
                after.contains("chatsite_http_requests_total{method=\"GET\",route=\"/api/health\",status=\"200\"} 1"))
            #expect(
                after.contains("chatsite_http_request_duration_seconds_count{method=\"GET\",route=\"/api/health\"} 1"))
            #expect(after.contains("chatsite_ws_connections_opened_total 0"))
        }
    }

    @Test func staticFilesStayInsideTheSite() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("site-\(UUID())")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("docs"), withIntermediateDirectories: true)
        try Data("<h1>hi</h1>".utf8).write(to: folder.appendingPathComponent("index.html"))
        try Data("secret".utf8).write(
            to: folder.deletingLastPathComponent().appendingPathComponent("secret-\(folder.lastPathComponent).txt"))
        try FileManager.default.createSymbolicLink(
            atPath: folder.appendingPathComponent("docs/link.txt").path,
            withDestinationPath: folder.deletingLastPathComponent().appendingPathComponent(
                "secret-\(folder.lastPathComponent).txt"
            ).path)
        try await TestServer(site: folder.path).server.application().test(.router) { client in
            let index = try await client.execute(uri: "/", method: .get) { String(buffer: $0.body) }
            #expect(index.contains("<h1>hi</h1>"))
            for path in [
                "/../secret-\(folder.lastPathComponent).txt", "/%2e%2e/secret-\(folder.lastPathComponent).txt",
                "/docs/link.txt",
            ] {
                let status = try await client.execute(uri: path, method: .get) { $0.status }
                #expect(status == .notFound, "\(path)")
            }
        }
    }
}
