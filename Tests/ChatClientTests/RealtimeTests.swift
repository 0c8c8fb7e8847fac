import ChatClient
import Foundation
import Testing

/// A WebSocket that records what is sent and replays scripted frames.
final class FakeChannel: WebSocketChannel, @unchecked Sendable {
    // Guarded by `lock`: the fake is touched from the connection's actor and the test.
    private let lock = NSLock()
    private var sentFrames: [String] = []
    private let incoming: AsyncStream<Data>
    private let feed: AsyncStream<Data>.Continuation

    init() {
        (incoming, feed) = AsyncStream.makeStream()
    }

    var sent: [String] { lock.withLock { sentFrames } }

    func push(_ frame: String) { feed.yield(Data(frame.utf8)) }

    func send(_ text: String) async throws { lock.withLock { sentFrames.append(text) } }

    func receive() async throws -> Data {
        for await data in incoming { return data }
        throw CancellationError()
    }

    func close() { feed.finish() }
}

struct FakeConnector: WebSocketConnector {
    let channel: FakeChannel
    let urls: URLs

    final class URLs: @unchecked Sendable {
        // Guarded by `lock`.
        private let lock = NSLock()
        private var list: [URL] = []
        func append(_ url: URL) { lock.withLock { list.append(url) } }
        var all: [URL] { lock.withLock { list } }
    }

    func connect(to url: URL) async throws -> any WebSocketChannel {
        urls.append(url)
        return channel
    }
}

@Suite("ChatClient realtime")
struct RealtimeTests {
    @Test func connectsWithTheTokenSendsActionsAndReceivesTypedEvents() async throws {
        let channel = FakeChannel()
        let urls = FakeConnector.URLs()
        let client = Client(
            baseURL: URL(string: "http://127.0.0.1:8080/api")!, auth: Auth(cognitoIdToken: .token("a b")))
        let realtime = client.realtime(
            options: RealtimeOptions(heartbeat: nil, connector: FakeConnector(channel: channel, urls: urls)))
        try await realtime.send(.typing(TypingAction(roomId: "r", isTyping: true)))
        try await realtime.connect()
        #expect(await realtime.state == .open)
        #expect(urls.all.map(\.absoluteString) == ["ws://127.0.0.1:8080/ws?token=a%20b"])
        #expect(channel.sent == [#"{"action":"typing","data":{"isTyping":true,"roomId":"r"}}"#])
        try await realtime.send(.ping(PingAction(nonce: "n")))
        #expect(channel.sent.last == #"{"action":"ping","data":{"nonce":"n"}}"#)
        channel.push(#"{"type": "pong", "data": {"nonce": "n", "serverTime": "2024-01-01T00:00:00.5Z"}}"#)
        channel.push(#"{"type": "typing", "data": {"roomId": "r", "userId": "u", "isTyping": false}}"#)
        var iterator = realtime.events.makeAsyncIterator()
        guard case .pong(let pong)? = await iterator.next() else {
            Issue.record("expected pong")
            return
        }
        #expect(pong.nonce == "n")
        #expect(pong.serverTime == Date(timeIntervalSince1970: 1_704_067_200.5))
        guard case .typing(let typing)? = await iterator.next() else {
            Issue.record("expected typing")
            return
        }
        #expect(typing.userId == "u")
        await realtime.close()
        #expect(await realtime.state == .closed)
        #expect(await iterator.next() == nil)
    }
}
