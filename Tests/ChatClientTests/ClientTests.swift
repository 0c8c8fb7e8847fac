import ChatClient
import Foundation
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A transport that answers from a script and records what it was sent.
actor ScriptedTransport: HTTPTransport {
    typealias Answer = @Sendable (URLRequest) async throws -> (Int, [String: String], String)
    private var answers: [Answer]
    private(set) var requests: [URLRequest] = []

    init(_ answers: [Answer]) {
        self.answers = answers
    }

    func send(_ request: URLRequest) async throws -> (Data, HTTPURLResponse) {
        requests.append(request)
        let answer: Answer = answers.isEmpty ? { @Sendable _ in (500, [:], "") } : answers.removeFirst()
        let (status, headers, body) = try await answer(request)
        let response = HTTPURLResponse(
            url: request.url!, statusCode: status, httpVersion: "HTTP/1.1",
            headerFields: headers.merging(["content-type": "application/json"]) { first, _ in first })!
        return (Data(body.utf8), response)
    }
}

@Suite("ChatClient client")
struct ClientTests {
    static let page = #"{"items": [], "nextCursor": null}"#
    static let error = #"{"code": "not_found", "message": "no such room", "requestId": "req-9"}"#

    @Test func callsSendTheTokenParametersAndBody() async throws {
        let transport = ScriptedTransport([
            { _ in
                (
                    201, [:],
                    #"{"id": "m1", "roomId": "r 1", "clientId": "c", "authorId": "u", "text": "hi", "threadId": null, "replyCount": 0, "createdAt": "2024-01-01T00:00:00Z", "editedAt": null}"#
                )
            }
        ])
        let client = Client(
            baseURL: URL(string: "http://example.test/api/")!, auth: Auth(cognitoIdToken: .token("tok")),
            transport: transport)
        let message = try await client.createMessage(roomId: "r 1", body: .init(clientId: "c", text: "hi"))
        #expect(message.id == "m1")
        let request = try #require(await transport.requests.first)
        #expect(request.url?.absoluteString == "http://example.test/api/rooms/r%201/messages")
        #expect(request.httpMethod == "POST")
        #expect(request.value(forHTTPHeaderField: "authorization") == "Bearer tok")
        #expect(request.value(forHTTPHeaderField: "content-type") == "application/json")
        #expect(String(decoding: request.httpBody ?? Data(), as: UTF8.self) == #"{"clientId":"c","text":"hi"}"#)
    }

    @Test func anErrorStatusThrowsATypedErrorWithTheRequestID() async throws {
        let transport = ScriptedTransport([{ _ in (404, ["x-request-id": "req-9"], Self.error) }])
        let client = Client(auth: Auth(cognitoIdToken: .token("t")), transport: transport)
        do {
            _ = try await client.getRoom(roomId: "nope")
            Issue.record("expected an error")
        } catch let error as APIError {
            #expect(error.status == 404)
            #expect(error.requestID == "req-9")
            #expect(error.message == "no such room")
            #expect(error.decodeBody(as: ErrorModel.self)?.code == .notFound)
            #expect(error.description == "getRoom: HTTP 404: no such room")
            guard case .notFound(let body)? = error.typed as? GetRoomResponse else {
                Issue.record("expected .notFound, got \(error.typed)")
                return
            }
            #expect(body.requestId == "req-9")
        }
        let raw = try await Client(transport: ScriptedTransport([{ _ in (404, [:], Self.error) }])).getRoomRaw(
            roomId: "x")
        #expect(raw.status == 404)
    }

    @Test func aRejectedTokenIsRefreshedOnce() async throws {
        let transport = ScriptedTransport([{ _ in (401, [:], Self.error) }, { _ in (200, [:], Self.page) }])
        let client = Client(
            auth: Auth(cognitoIdToken: .provider { context in context.refresh ? "fresh" : "stale" }),
            transport: transport)
        _ = try await client.listRooms()
        let tokens = await transport.requests.map { $0.value(forHTTPHeaderField: "authorization") }
        #expect(tokens == ["Bearer stale", "Bearer fresh"])
    }

    @Test func idempotentCallsAreRetriedHonouringRetryAfter() async throws {
        let transport = ScriptedTransport([
            { _ in (503, ["retry-after": "0"], "") }, { _ in throw URLError(.networkConnectionLost) },
            { _ in (200, [:], Self.page) },
        ])
        let client = Client(
            retry: RetryPolicy(maxRetries: 2, minDelay: .milliseconds(1), maxDelay: .milliseconds(5)),
            transport: transport)
        _ = try await client.listRooms(limit: 5)
        #expect(await transport.requests.count == 3)
        #expect(await transport.requests.last?.url?.query == "limit=5")
    }

    @Test func nonIdempotentCallsAndClientsWithoutAPolicyAreNotRetried() async throws {
        let transport = ScriptedTransport([{ _ in (503, [:], Self.error) }, { _ in (200, [:], Self.page) }])
        let client = Client(retry: RetryPolicy(minDelay: .milliseconds(1)), transport: transport)
        await #expect(throws: APIError.self) {
            _ = try await client.createRoom(body: .init(name: "x", members: ["u"]))
        }
        #expect(await transport.requests.count == 1)
    }

    @Test func pagesFollowTheCursorUntilItEnds() async throws {
        let transport = ScriptedTransport([
            { _ in (200, [:], #"{"items": [], "nextCursor": "b"}"#) },
            { _ in (200, [:], #"{"items": [], "nextCursor": "c"}"#) }, { _ in (200, [:], Self.page) },
        ])
        var count = 0
        for try await _ in Client(transport: transport).listRoomsPages(limit: 1) { count += 1 }
        #expect(count == 3)
        let queries = await transport.requests.map { $0.url?.query ?? "" }
        #expect(queries == ["limit=1", "limit=1&cursor=b", "limit=1&cursor=c"])
    }

    @Test func historyPagesOnTheCursorTheCallerChose() async throws {
        let transport = ScriptedTransport([
            { _ in (200, [:], #"{"items": [], "nextCursor": "m5"}"#) }, { _ in (200, [:], Self.page) },
        ])
        var count = 0
        for try await _ in Client(transport: transport).listMessagesPages(roomId: "r", after: "m1") { count += 1 }
        #expect(count == 2)
        let queries = await transport.requests.map { $0.url?.query ?? "" }
        #expect(queries == ["after=m1", "after=m5"])
    }

    @Test func theTimeoutAndCancellationStopACall() async throws {
        let slow = ScriptedTransport([
            { _ in
                try await Task.sleep(for: .seconds(30))
                return (200, [:], Self.page)
            }
        ])
        await #expect(throws: ClientError.timedOut) {
            _ = try await Client(timeout: .milliseconds(50), transport: slow).listRooms()
        }
        let waiting = ScriptedTransport([
            { _ in
                try await Task.sleep(for: .seconds(30))
                return (200, [:], Self.page)
            }
        ])
        let task = Task { try await Client(transport: waiting).listRooms() }
        try await Task.sleep(for: .milliseconds(20))
        task.cancel()
        await #expect(throws: CancellationError.self) { _ = try await task.value }
    }
}
