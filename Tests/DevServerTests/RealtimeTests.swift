import ChatBackend
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOEmbedded
import NIOWebSocket
import Testing

@testable import APISpec
@testable import DevServer

/// The realtime protocol against a live server on an ephemeral port.
@Suite("Realtime")
struct RealtimeTests {
    @Test func membersSeeEachOthersMessagesInOrderAndOthersSeeNothing() async throws {
        let app = try await TestServer().server.application()
        try await app.test(.live) { client in
            let port = try requireValue(client.port)
            let (alice, _) = try await TestServer.signIn("alice", client: client)
            let (bob, bobId) = try await TestServer.signIn("bob", client: client)
            let (carol, _) = try await TestServer.signIn("carol", client: client)
            let room = try await client.call(
                .post, "/api/rooms", token: alice, json: #"{"name": "R", "members": ["\#(bobId)"]}"#)
            let roomId = try requireValue((room.body as? [String: Any])?["id"] as? String)

            let url = "ws://127.0.0.1:\(port)/ws?token="
            let (a, b, c) = (
                WebSocketProbe(url: url + alice), WebSocketProbe(url: url + bob), WebSocketProbe(url: url + carol)
            )
            defer { [a, b, c].forEach { $0.close() } }
            for probe in [a, b, c] {
                probe.send(#"{"action": "ping", "data": {"nonce": "n"}}"#)
                #expect(
                    try await probe.wait(for: "pong").first?["data"].flatMap {
                        ($0 as? [String: Any])?["nonce"] as? String
                    } == "n")
            }
            for index in 0..<20 {
                a.send(
                    #"{"action": "sendMessage", "data": {"roomId": "\#(roomId)", "clientId": "c\#(index)", "text": "m\#(index)"}}"#
                )
            }
            _ = try await client.call(
                .post, "/api/rooms/\(roomId)/messages", token: bob, json: #"{"clientId": "rest", "text": "via REST"}"#)
            // Both members see all 21 in the order the server stored them (message ids ascending).
            try await b.wait(for: "messageCreated", count: 21)
            let history = try await client.call(.get, "/api/rooms/\(roomId)/messages?limit=50", token: bob)
            let stored = ((history.body as? [String: Any])?["items"] as? [[String: Any]])?.compactMap {
                $0["id"] as? String
            }
            #expect(stored?.count == 21)
            for probe in [a, b] {
                let seen = try await probe.wait(for: "messageCreated", count: 21)
                let ids = seen.compactMap { ($0["data"] as? [String: Any])?["id"] as? String }
                #expect(ids == stored?.reversed())
                let texts = seen.compactMap { ($0["data"] as? [String: Any])?["text"] as? String }
                #expect(
                    texts.filter { $0 != "via REST" } == (0..<20).map { "m\($0)" },
                    "one sender's messages keep their order")
            }
            b.send(#"{"action": "typing", "data": {"roomId": "\#(roomId)", "isTyping": true}}"#)
            try await a.wait(for: "typing")
            try await Task.sleep(for: .milliseconds(200))
            #expect(c.frames("messageCreated").isEmpty)
            #expect(c.frames("typing").isEmpty)
            #expect(b.frames("typing").isEmpty, "the typist does not get their own typing event")
        }
    }

    @Test func aStalledSocketIsCutOffAndDoesNotDelayOthers() async throws {
        let test = try await TestServer(queueLimit: 8)
        try await test.server.application().test(.live) { client in
            let port = try requireValue(client.port)
            let (alice, _) = try await TestServer.signIn("alice", client: client)
            let (bob, bobId) = try await TestServer.signIn("bob", client: client)
            let room = try await client.call(
                .post, "/api/rooms", token: alice, json: #"{"name": "R", "members": ["\#(bobId)"]}"#)
            let roomId = try requireValue((room.body as? [String: Any])?["id"] as? String)
            let reader = WebSocketProbe(url: "ws://127.0.0.1:\(port)/ws?token=\(bob)")
            defer { reader.close() }
            reader.send(#"{"action": "ping"}"#)
            try await reader.wait(for: "pong")
            let stalled = try StalledSocket(port: port, token: bob)
            let text = String(repeating: "x", count: 4000)
            for index in 0..<1500 {
                _ = try await client.call(
                    .post, "/api/rooms/\(roomId)/messages", token: alice,
                    json: #"{"clientId": "s\#(index)", "text": "\#(text)"}"#)
            }
            try await reader.wait(for: "messageCreated", count: 1500, seconds: 30)
            let metrics = try await client.execute(uri: "/metrics", method: .get) { response in
                String(buffer: response.body)
            }
            #expect(metrics.contains("chatsite_ws_slow_client_disconnects_total 1"))
            // The close frame waits behind what the socket holds, and is not lost when the
            // connection then closes.
            #expect(await stalled.closeCode() == 1008)
        }
    }

    @Test func badFramesGetErrorEvents() async throws {
        try await TestServer().server.application().test(.live) { client in
            let (alice, _) = try await TestServer.signIn("alice", client: client)
            let probe = WebSocketProbe(url: "ws://127.0.0.1:\(try requireValue(client.port))/ws?token=\(alice)")
            defer { probe.close() }
            probe.send("not json")
            probe.send(#"{"action": "fly", "data": {}}"#)
            probe.send(#"{"action": "typing", "data": {"roomId": "r1", "isTyping": "yes"}}"#)
            let errors = try await probe.wait(for: "error", count: 3).map { $0["data"] as? [String: Any] ?? [:] }
            #expect(
                errors.map { $0["code"] as? String } == ["validation_failed", "validation_failed", "validation_failed"])
            #expect(errors[1]["action"] as? String == "fly")
            #expect((errors[2]["errors"] as? [[String: String]])?.first?["pointer"] == "/data/isTyping")
        }
    }

    @Test func upgradeNeedsAValidToken() async throws {
        try await TestServer().server.application().test(.live) { client in
            let plain = try await client.call(.get, "/ws")
            #expect(plain.status == .unauthorized)
            let probe = WebSocketProbe(url: "ws://127.0.0.1:\(try requireValue(client.port))/ws?token=forged")
            await probe.finished()
            #expect(probe.isEmpty)
        }
    }

    @Test func cookieTokenAndReconnect() async throws {
        try await TestServer().server.application().test(.live) { client in
            let port = try requireValue(client.port)
            let (alice, _) = try await TestServer.signIn("alice", client: client)
            let (bob, bobId) = try await TestServer.signIn("bob", client: client)
            let room = try await client.call(
                .post, "/api/rooms", token: alice, json: #"{"name": "R", "members": ["\#(bobId)"]}"#)
            let roomId = try requireValue((room.body as? [String: Any])?["id"] as? String)
            // Bob connects with the token in a cookie, as a browser after the hosted sign-in does.
            let first = WebSocketProbe(url: "ws://127.0.0.1:\(port)/ws", cookie: "theme=dark; id_token=\(bob)")
            first.send(#"{"action": "ping"}"#)
            try await first.wait(for: "pong")
            _ = try await client.call(
                .post, "/api/rooms/\(roomId)/messages", token: alice, json: #"{"clientId": "1", "text": "one"}"#)
            try await first.wait(for: "messageCreated")
            first.close()
            await first.finished()
            // Sent while bob is away; after reconnecting he catches up with `after` and gets what follows live.
            let missed = try await client.call(
                .post, "/api/rooms/\(roomId)/messages", token: alice, json: #"{"clientId": "2", "text": "two"}"#)
            let second = WebSocketProbe(url: "ws://127.0.0.1:\(port)/ws?token=\(bob)")
            defer { second.close() }
            second.send(#"{"action": "ping"}"#)
            try await second.wait(for: "pong")
            let oneId = try requireValue(
                (first.frames("messageCreated").first?["data"] as? [String: Any])?["id"] as? String)
            let catchUp = try await client.call(.get, "/api/rooms/\(roomId)/messages?after=\(oneId)", token: bob)
            let caughtUp = ((catchUp.body as? [String: Any])?["items"] as? [[String: Any]])?.compactMap {
                $0["id"] as? String
            }
            #expect(caughtUp == [(missed.body as? [String: Any])?["id"] as? String].compactMap { $0 })
            _ = try await client.call(
                .post, "/api/rooms/\(roomId)/messages", token: alice, json: #"{"clientId": "3", "text": "three"}"#)
            let live = try await second.wait(for: "messageCreated")
            #expect(live.compactMap { ($0["data"] as? [String: Any])?["text"] as? String } == ["three"])
        }
    }

    @Test func presenceOnConnectAndDisconnect() async throws {
        try await TestServer().server.application().test(.live) { client in
            let port = try requireValue(client.port)
            let (alice, _) = try await TestServer.signIn("alice", client: client)
            let (bob, bobId) = try await TestServer.signIn("bob", client: client)
            let a = WebSocketProbe(url: "ws://127.0.0.1:\(port)/ws?token=\(alice)")
            defer { a.close() }
            a.send(#"{"action": "ping"}"#)
            try await a.wait(for: "pong")
            let b = WebSocketProbe(url: "ws://127.0.0.1:\(port)/ws?token=\(bob)")
            b.send(#"{"action": "ping"}"#)
            try await b.wait(for: "pong")
            // Alice may first see her own presence; wait for Bob's.
            let online =
                try await a.wait(for: "presence") {
                    ($0["data"] as? [String: Any])?["userId"] as? String == bobId
                }.last?["data"] as? [String: Any]
            #expect(online?["userId"] as? String == bobId)
            #expect(online?["status"] as? String == "online")
            let users = try await client.call(.get, "/api/users", token: alice)
            let statuses = ((users.body as? [String: Any])?["items"] as? [[String: Any]])?.map {
                $0["status"] as? String
            }
            #expect(statuses == ["online", "online"])
            b.close()
            await b.finished()
            let offline =
                try await a.wait(for: "presence", count: 2) {
                    ($0["data"] as? [String: Any])?["userId"] as? String == bobId
                }.last?["data"] as? [String: Any]
            #expect(offline?["userId"] as? String == bobId)
            #expect(offline?["status"] as? String == "offline")
        }
    }
}

/// The hub over test channels: frames that come within the fan-out's window go out together, a
/// connection whose socket stays full is cut off after its limit, the others get everything, in order.
@Suite("Realtime hub")
struct RealtimeHubTests {
    @Test func aStalledConnectionIsCutOffAndOthersGetEverything() async throws {
        let service = ChatService(store: try SQLiteChatStore())
        let hub = RealtimeHub(service: service, metrics: ServerMetrics(), queueLimit: 8)
        let stalledChannel = NIOAsyncTestingChannel()
        let readerChannel = NIOAsyncTestingChannel()
        let channels = [stalledChannel, readerChannel]
        for channel in channels {
            try await channel.testingEventLoop.executeInContext {
                try channel.pipeline.syncOperations.addHandler(WebSocketFrameEncoder())
            }
            try await channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 9)).get()
        }
        /// Lets the channels' loops run what is due once the window has passed.
        func waitOutWindow() async {
            for channel in channels { await channel.testingEventLoop.advanceTime(by: FanOut.window) }
        }
        func deliver(_ users: Range<Int>) async {
            for index in users {
                await hub.deliver([
                    Delivery(.typing(roomId: "r", userId: "u-\(index)", isTyping: true), to: ["u-1", "u-2"])
                ])
            }
        }
        let stalled = await hub.open(userId: "u-1", channel: stalledChannel)
        let reader = await hub.open(userId: "u-2", channel: readerChannel)
        // The first event comes before the upgrade is done: it is held, then written first.
        await deliver(0..<1)
        await waitOutWindow()
        #expect(try await readerChannel.readOutbound(as: ByteBuffer.self) == nil)
        hub.attach(stalled)
        hub.attach(reader)
        await waitOutWindow()
        stalledChannel.isWritable = false  // its socket buffer is full from now on
        // Four events within one window, four more, then the rest: three writes of many frames.
        await deliver(1..<5)
        await waitOutWindow()
        await deliver(5..<9)
        await waitOutWindow()
        await deliver(9..<100)
        await waitOutWindow()

        var writes = 0
        var users: [String] = []
        while let buffer = try await readerChannel.readOutbound(as: ByteBuffer.self) {
            writes += 1
            users += try Self.texts(in: buffer).map { text in
                let event = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
                return ((event?["data"] as? [String: Any])?["userId"] as? String) ?? "?"
            }
        }
        #expect(users == (0..<100).map { "u-\($0)" })
        #expect(writes == 4, "the held frame, then one write per window")
        var buffered = 0
        while let buffer = try await stalledChannel.readOutbound(as: ByteBuffer.self) {
            buffered += try Self.texts(in: buffer).count
        }
        #expect(buffered == 1 + 8, "the held frame, then frames up to the limit")
        #expect(stalled.ending == .tooSlow(limit: 8))
    }

    /// The texts of the unmasked final text frames, each under 126 bytes, that make up `buffer`.
    static func texts(in buffer: ByteBuffer) throws -> [String] {
        var buffer = buffer
        var texts: [String] = []
        while buffer.readableBytes > 0 {
            let header = try requireValue(buffer.readBytes(length: 2))
            #expect(header[0] == 0x81 && header[1] < 126)
            texts.append(try requireValue(buffer.readString(length: Int(header[1]))))
        }
        return texts
    }
}

/// The frame checker the realtime tests rely on does catch a frame that breaks the protocol.
@Suite("Spec checks of test traffic")
struct SpecCheckerTests {
    @Test func framesAndResponsesAreChecked() {
        let checker = SpecResponseChecker.shared
        #expect(checker.frameProblems(#"{"type": "pong", "data": {}}"#) == ["pong: /data/serverTime: Is required."])
        #expect(checker.frameProblems(#"{"type": "nope", "data": {}}"#) == ["unknown event type 'nope'"])
        #expect(
            checker.problems(method: .get, uri: "/api/health", status: 200, body: Data(#"{"status": "ok"}"#.utf8))
                == ["GET /health → 200: /version: Is required."])
        #expect(
            checker.problems(method: .get, uri: "/api/health", status: 418, body: Data())
                == ["GET /health → 418: status not declared by the spec"])
    }
}

/// The `@connections` management API and the idle timeout, as API Gateway has them.
@Suite("Connections")
struct ConnectionsTests {
    @Test func manageConnectionsLikeAPIGateway() async throws {
        try await TestServer().server.application().test(.live) { client in
            let (alice, aliceId) = try await TestServer.signIn("alice", client: client)
            let probe = WebSocketProbe(url: "ws://127.0.0.1:\(try requireValue(client.port))/ws?token=\(alice)")
            probe.send(#"{"action": "ping"}"#)
            try await probe.wait(for: "pong")
            let list = try await client.call(.get, "/@connections")
            let first = try requireValue((list.body as? [[String: String]])?.first)
            #expect(first["UserId"] == aliceId)
            let id = try requireValue(
                first["ConnectionId"]?.addingPercentEncoding(withAllowedCharacters: .alphanumerics))
            #expect(try await client.call(.get, "/@connections/\(id)").status == .ok)
            let posted = try await client.call(
                .post, "/@connections/\(id)",
                json: #"{"type": "pong", "data": {"serverTime": "2026-01-01T00:00:00Z", "nonce": "mgmt"}}"#)
            #expect(posted.status == .ok)
            try await probe.wait(for: "pong", count: 2)
            #expect(try await client.call(.delete, "/@connections/\(id)").status == .noContent)
            await probe.finished()
            #expect(try await client.call(.get, "/@connections/\(id)").status == .gone)
        }
    }

    /// API Gateway runs `$connect` before the client sees the upgrade, so a client that is open is
    /// already a recipient: a message sent the moment it opens reaches it.
    @Test func aConnectionIsRegisteredBeforeItsClientSeesTheUpgrade() async throws {
        try await TestServer().server.application().test(.live) { client in
            let (alice, aliceId) = try await TestServer.signIn("alice", client: client)
            let url = "ws://127.0.0.1:\(try requireValue(client.port))/ws?token=\(alice)"
            var probes: [WebSocketProbe] = []
            defer { probes.forEach { $0.close() } }
            for count in 1...10 {
                let probe = WebSocketProbe(url: url)
                probes.append(probe)
                await probe.opened()
                let list = try await client.call(.get, "/@connections").body as? [[String: String]]
                #expect(list?.count == count)
                #expect(list?.last?["UserId"] == aliceId)
                #expect(list?.last?["SourceIp"] == "127.0.0.1")
            }
        }
    }

    @Test func idleConnectionsAreClosed() async throws {
        // Long enough that a busy machine still answers the ping before the connection idles out.
        try await TestServer(idleTimeout: 1).server.application().test(.live) { client in
            let (alice, _) = try await TestServer.signIn("alice", client: client)
            let probe = WebSocketProbe(url: "ws://127.0.0.1:\(try requireValue(client.port))/ws?token=\(alice)")
            probe.send(#"{"action": "ping"}"#)
            try await probe.wait(for: "pong")
            let started = ContinuousClock.now
            await probe.finished()
            #expect(ContinuousClock.now - started < .seconds(4))
            try await Task.sleep(for: .milliseconds(100))
            let open = try await client.call(.get, "/@connections").body as? [Any]
            #expect(open?.isEmpty == true)
        }
    }
}

@Suite("Wire formats")
struct WireFormatTests {
    @Test func timestampsAreRFC3339WithMilliseconds() {
        #expect(JSON.timestamp(Date(timeIntervalSince1970: 1_731_403_812.345)) == "2024-11-12T09:30:12.345Z")
        #expect(JSON.timestamp(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(JSON.timestamp(Date(timeIntervalSince1970: -0.5)) == "1969-12-31T23:59:59.500Z")
        #expect(SchemaValidator.formatProblem(JSON.timestamp(Date()), "date-time") == nil)
    }
}
