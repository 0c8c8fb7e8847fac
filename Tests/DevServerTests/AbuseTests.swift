import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import HummingbirdWSClient
import Logging
import NIOCore
import NIOWebSocket
import Testing

/// What scripts/abuse-test found: a body over the limit answered 500, a malformed chunked body 500,
/// and a WebSocket message over the limit closed with 1000 (normal) rather than 1009.
@Suite("Abuse")
struct AbuseTests {
    @Test func bodyOverTheLimitIs413InTheErrorShape() async throws {
        try await TestServer().server.application().test(.live) { client in
            let (alice, _) = try await TestServer.signIn("alice", client: client)
            let text = String(repeating: "x", count: 2 << 20)
            let (status, code) = try await client.execute(
                uri: "/api/rooms/r1/messages", method: .post,
                headers: [.authorization: "Bearer \(alice)", .contentType: "application/json"],
                body: ByteBuffer(string: #"{"clientId": "big", "text": "\#(text)"}"#)
            ) { response in
                let body = try? JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                return (response.status, body?["code"] as? String)
            }
            #expect(status == .contentTooLarge)
            #expect(code == "too_large")
        }
    }

    @Test func messageOverTheLimitClosesWith1009() async throws {
        let code = try await closeCode { outbound in
            // Each frame is under the 32 KB frame limit; the message they make is over the message limit.
            try await outbound.write(.text(String(repeating: "x", count: 40_000)))
        }
        #expect(code == .messageTooLarge)
    }

    @Test func invalidUTF8ClosesWith1007() async throws {
        let code = try await closeCode { outbound in
            let frame = WebSocketFrame(fin: true, opcode: .text, data: ByteBuffer(bytes: [0x7B, 0xFF, 0xFE, 0x7D]))
            try await outbound.write(.custom(frame))
        }
        #expect(code == .dataInconsistentWithMessage)
    }

    /// NIO's upgrade handler, which reads a connection's first request, dropped the parser's
    /// error: the client got no answer and the connection stayed open.
    @Test(arguments: ["GARBAGE\r\n\r\n", "GET / HTTP/1.1\r\nBad Header\r\n\r\n", "GET / HTTP/9.9\r\n\r\n"])
    func aFirstRequestThatDoesNotParseIs400InTheErrorShape(request: String) async throws {
        try await TestServer().server.application().test(.live) { client in
            let response = try await rawExchange(port: try requireValue(client.port), Array(request.utf8))
            #expect(response.hasPrefix("HTTP/1.1 400 Bad Request\r\n"), "\(response)")
            #expect(response.contains(#""code":"bad_request""#))
            #expect(response.contains("X-Request-Id: "))
            #expect(response.contains("could not be read as HTTP/1.1"))
            // The next connection is served as usual.
            let health = try await rawExchange(
                port: try requireValue(client.port), Array("GET /api/health HTTP/1.1\r\nConnection: close\r\n\r\n".utf8)
            )
            #expect(health.hasPrefix("HTTP/1.1 200 OK"))
        }
    }

    /// A connection that never finishes its first request head was kept for ever.
    @Test func aConnectionWithoutAWholeHeadInTimeIs408() async throws {
        try await TestServer(headTimeout: 0.3).server.application().test(.live) { client in
            let started = ContinuousClock.now
            let response = try await rawExchange(port: try requireValue(client.port), Array("GET /api/hea".utf8))
            #expect(response.hasPrefix("HTTP/1.1 408 Request Timeout\r\n"), "\(response)")
            #expect(response.contains(#""code":"request_timeout""#))
            #expect(response.contains("within 0.3 s of connecting"))
            #expect(ContinuousClock.now - started < .seconds(4))
            // A whole head in time is answered as usual, and the timer does not end the connection later.
            let health = try await rawExchange(
                port: try requireValue(client.port), Array("GET /api/health HTTP/1.1\r\n\r\n".utf8), seconds: 1)
            #expect(health.hasPrefix("HTTP/1.1 200 OK"))
            #expect(!health.contains("408"))
        }
    }

    /// Connects as a signed-in user, sends with `send`, and returns the code the server closed with.
    private func closeCode(
        _ send: @escaping @Sendable (WebSocketOutboundWriter) async throws -> Void
    ) async throws -> WebSocketErrorCode? {
        try await TestServer().server.application().test(.live) { client in
            let (alice, _) = try await TestServer.signIn("alice", client: client)
            var logger = Logger(label: "abuse")
            logger.logLevel = .critical
            let url = "ws://127.0.0.1:\(try requireValue(client.port))/ws?token=\(alice)"
            let frame = try await WebSocketClient.connect(
                url: url, configuration: .init(maxFrameSize: 16 * 1024), logger: logger
            ) { inbound, outbound, _ in
                try await send(outbound)
                for try await _ in inbound {}
            }
            return frame?.closeCode
        }
    }
}
