// The chatsite Swift client runtime: the realtime (WebSocket) connection. Written by hand,
// copied unchanged into every generated client; the generated part adds the typed actions
// and events.
import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A server event type: decodes itself from a frame's `type` and `data`.
public protocol RealtimeEventProtocol: Sendable {
    init(type: String, from decoder: any Decoder) throws
}

/// A client action type: its name and data, and the heartbeat action if the protocol has one.
public protocol RealtimeActionProtocol: Sendable {
    var name: String { get }
    var data: any Encodable & Sendable { get }
    static var heartbeat: Self? { get }
}

/// One open WebSocket, as a realtime connection uses it.
public protocol WebSocketChannel: Sendable {
    func send(_ text: String) async throws
    /// The next frame's bytes (text as UTF-8); throws once the connection has ended.
    func receive() async throws -> Data
    func close()
}

/// Opens WebSockets. The default uses `URLSessionWebSocketTask`; inject another where that has no
/// WebSocket support (on Linux, FoundationNetworking needs a libcurl built with WebSockets).
public protocol WebSocketConnector: Sendable {
    /// Starts a connection. It may return before the handshake completes; then the first
    /// `send` or `receive` fails when it does.
    func connect(to url: URL) async throws -> any WebSocketChannel
}

/// Opens WebSockets with a `URLSession`.
public struct URLSessionWebSocketConnector: WebSocketConnector {
    public let session: URLSession

    public init(session: URLSession = .shared) {
        self.session = session
    }

    public func connect(to url: URL) async throws -> any WebSocketChannel {
        let task = session.webSocketTask(with: url)
        task.resume()
        return URLSessionWebSocketChannel(task: task)
    }
}

struct URLSessionWebSocketChannel: WebSocketChannel {
    let task: URLSessionWebSocketTask

    func send(_ text: String) async throws {
        try await task.send(.string(text))
    }

    func receive() async throws -> Data {
        switch try await task.receive() {
        case .string(let text): return Data(text.utf8)
        case .data(let bytes): return bytes
        @unknown default: return Data()
        }
    }

    func close() {
        task.cancel(with: .normalClosure, reason: nil)
    }
}

/// Options of a realtime connection.
public struct RealtimeOptions: Sendable {
    /// Reconnect after a drop, with full-jitter exponential backoff between the delays.
    public var reconnect: Bool
    public var minDelay: Duration
    public var maxDelay: Duration
    /// Sends the heartbeat action this often, and reconnects after two intervals without a
    /// frame from the server; nil turns heartbeats off.
    public var heartbeat: Duration?
    /// The most frames queued while not connected.
    public var queueLimit: Int
    /// What opens the WebSocket.
    public var connector: any WebSocketConnector

    public init(
        reconnect: Bool = true, minDelay: Duration = .milliseconds(500), maxDelay: Duration = .seconds(30),
        heartbeat: Duration? = .seconds(30), queueLimit: Int = 100,
        connector: any WebSocketConnector = URLSessionWebSocketConnector()
    ) {
        self.reconnect = reconnect
        self.minDelay = minDelay
        self.maxDelay = maxDelay
        self.heartbeat = heartbeat
        self.queueLimit = queueLimit
        self.connector = connector
    }
}

/// Where a realtime connection is.
public enum RealtimeState: Sendable, Equatable {
    /// Before `connect()`.
    case idle
    /// Connecting, or waiting to reconnect.
    case connecting
    case open
    /// After `close()`, or after a drop when reconnecting is off.
    case closed
}

public enum RealtimeError: Error, Sendable, Equatable {
    /// `send` while not connected, with the queue full.
    case queueFull
    /// The first attempt failed and reconnecting is off.
    case couldNotConnect
    /// The connection was closed.
    case closed
}

/// A realtime connection: sends `{"action", "data"}` frames, receives `{"type", "data"}` frames
/// as typed events, queues while offline, reconnects, and keeps itself alive with heartbeats.
///
/// ```swift
/// let realtime = client.realtime()
/// try await realtime.connect()
/// for await event in realtime.events { print(event) }
/// ```
public actor RealtimeConnection<Event: RealtimeEventProtocol, Action: RealtimeActionProtocol> {
    /// Every event the server sends, in order. Ends after `close()`.
    public nonisolated let events: AsyncStream<Event>
    /// Every state change. Ends after `close()`.
    public nonisolated let states: AsyncStream<RealtimeState>
    public private(set) var state = RealtimeState.idle

    private let eventSink: AsyncStream<Event>.Continuation
    private let stateSink: AsyncStream<RealtimeState>.Continuation
    private let url: URL
    private let tokenQuery: String?
    private let token: Credential?
    private let options: RealtimeOptions
    private var socket: (any WebSocketChannel)?
    private var queue: [String] = []
    private var loop: Task<Void, Never>?
    private var waiters: [CheckedContinuation<Void, any Error>] = []
    private var lastFrame = ContinuousClock.now

    init(url: URL, tokenQuery: String?, token: Credential?, options: RealtimeOptions) {
        self.url = url
        self.tokenQuery = tokenQuery
        self.token = token
        self.options = options
        (events, eventSink) = AsyncStream.makeStream()
        (states, stateSink) = AsyncStream.makeStream()
    }

    /// Opens the connection; returns once it is open. With reconnecting off it throws when the
    /// attempt fails; with it on it waits for the first attempt that succeeds.
    public func connect() async throws {
        switch state {
        case .open: return
        case .closed: throw RealtimeError.closed
        case .idle: loop = Task { await self.run() }
        case .connecting: break
        }
        try await withCheckedThrowingContinuation { waiters.append($0) }
    }

    /// Sends an action now when open, else queues it until the connection opens.
    public func send(_ action: Action) async throws {
        let frame = try Self.frame(action)
        if state == .open, let socket {
            try await socket.send(frame)
            return
        }
        guard state != .closed else { throw RealtimeError.closed }
        guard queue.count < options.queueLimit else { throw RealtimeError.queueFull }
        queue.append(frame)
    }

    /// Closes the connection and stops reconnecting; queued frames are dropped and the streams end.
    public func close() {
        guard state != .closed else { return }
        setState(.closed)
        loop?.cancel()
        loop = nil
        socket?.close()
        socket = nil
        queue.removeAll()
        resumeWaiters(throwing: RealtimeError.closed)
        eventSink.finish()
        stateSink.finish()
    }

    private func run() async {
        var failures = 0
        var refresh = false
        while !Task.isCancelled && state != .closed {
            setState(.connecting)
            let opened = await attempt(refresh: refresh)
            if Task.isCancelled || state == .closed { return }
            refresh = !opened
            guard options.reconnect else {
                if !opened { resumeWaiters(throwing: RealtimeError.couldNotConnect) }
                close()
                return
            }
            failures = opened ? 1 : failures + 1
            let ceiling = min(options.maxDelay, options.minDelay * Double(1 << min(failures, 16)))
            let delay = options.minDelay + (ceiling - options.minDelay) * Double.random(in: 0...1)
            try? await Task.sleep(for: delay)
        }
    }

    /// One connection, until it drops; whether it opened.
    private func attempt(refresh: Bool) async -> Bool {
        guard let target = try? await connectURL(refresh: refresh), state == .connecting,
            let task = try? await options.connector.connect(to: target)
        else { return false }
        socket = task
        defer {
            task.close()
            socket = nil
        }
        // The connection is open once a first frame goes out: a queued one, else a heartbeat.
        do {
            if let first = queue.first {
                try await task.send(first)
                queue.removeFirst()
            } else if let heartbeat = Action.heartbeat {
                try await task.send(Self.frame(heartbeat))
            }
        } catch {
            return false
        }
        guard state == .connecting else { return true }
        lastFrame = .now
        while !queue.isEmpty {
            let frame = queue.removeFirst()
            try? await task.send(frame)
        }
        setState(.open)
        resumeWaiters(throwing: nil)
        let heartbeat = Action.heartbeat == nil ? nil : options.heartbeat
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.receive(task) }
            if let heartbeat { group.addTask { await self.beat(task, every: heartbeat) } }
            await group.next()
            group.cancelAll()
        }
        return true
    }

    private func receive(_ task: any WebSocketChannel) async {
        let decoder = JSONCoding.decoder()
        while true {
            let data: Data
            do { data = try await task.receive() } catch { return }
            lastFrame = .now
            if let frame = try? decoder.decode(EventFrame<Event>.self, from: data) { eventSink.yield(frame.event) }
        }
    }

    private func beat(_ task: any WebSocketChannel, every interval: Duration) async {
        while true {
            do { try await Task.sleep(for: interval) } catch { return }
            // Two intervals without any frame: the connection is dead even if no close came.
            if ContinuousClock.now - lastFrame > interval * 2 {
                task.close()
                return
            }
            if let heartbeat = Action.heartbeat, let frame = try? Self.frame(heartbeat) {
                try? await task.send(frame)
            }
        }
    }

    private func connectURL(refresh: Bool) async throws -> URL {
        guard let tokenQuery, let token else { return url }
        let secret: String?
        switch token.value {
        case .secret(let value): secret = value
        case .basic: secret = nil
        case .provider(let fetch): secret = try await fetch(CredentialContext(refresh: refresh, operationID: "realtime"))
        }
        guard let secret, !secret.isEmpty else { return url }
        let text = url.absoluteString
        let separator = text.contains("?") ? "&" : "?"
        let pair = ParameterEncoding.encode(tokenQuery) + "=" + ParameterEncoding.encode(secret)
        return URL(string: text + separator + pair) ?? url
    }

    private func setState(_ new: RealtimeState) {
        guard state != new else { return }
        state = new
        stateSink.yield(new)
    }

    private func resumeWaiters(throwing error: (any Error)?) {
        let pending = waiters
        waiters.removeAll()
        for waiter in pending {
            if let error { waiter.resume(throwing: error) } else { waiter.resume() }
        }
    }

    static func frame(_ action: Action) throws -> String {
        String(decoding: try JSONCoding.encoder().encode(ActionFrame(action: action.name, data: action.data)), as: UTF8.self)
    }
}

struct ActionFrame: Encodable {
    let action: String
    let data: any Encodable & Sendable

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyCodingKey.self)
        try container.encode(action, forKey: AnyCodingKey("action"))
        try container.encode(data, forKey: AnyCodingKey("data"))
    }
}

struct EventFrame<Event: RealtimeEventProtocol>: Decodable {
    let event: Event

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyCodingKey.self)
        let type = try container.decode(String.self, forKey: AnyCodingKey("type"))
        event = try Event(type: type, from: container.superDecoder(forKey: AnyCodingKey("data")))
    }
}

extension Client {
    /// The WebSocket URL at `path` on the base URL's host: `http` becomes `ws`, `https` `wss`.
    func realtimeURL(path: String) -> URL {
        guard var components = URLComponents(url: baseURL, resolvingAgainstBaseURL: false) else { return baseURL }
        components.scheme = components.scheme == "https" ? "wss" : "ws"
        components.percentEncodedPath = path
        components.query = nil
        return components.url ?? baseURL
    }
}
