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
