import ChatBackend
import Foundation
import Synchronization

/// Fans events out to open WebSocket connections. Each connection has its own bounded queue and
/// writer task, so a slow or dead client never stalls the others; one that falls more than
/// `queueLimit` frames behind is closed with a reason.
public actor RealtimeHub {
    /// One open connection: whose it is, and its queue of frames to write.
    final class Connection: Sendable {
        let id: Int
        /// The id API Gateway would give it (`L0SM9cOFvHcCIhw=`), for the `@connections` API.
        let connectionId: String
        let userId: String
        let connectedAt = Date()
        let sourceIP: String
        let userAgent: String
        let lastActive = Mutex(Date())
        /// Set by the `@connections` DELETE: the writer closes the socket when its queue ends.
        let closedByServer = Mutex(false)
        let frames: AsyncStream<String>
        let continuation: AsyncStream<String>.Continuation

        init(id: Int, userId: String, limit: Int, sourceIP: String, userAgent: String) {
            self.id = id
            self.userId = userId
            self.sourceIP = sourceIP
            self.userAgent = userAgent
            var bytes = [UInt8](repeating: 0, count: 10)
            for index in bytes.indices { bytes[index] = .random(in: 0...255) }
            connectionId = Data(bytes).base64EncodedString()
            (frames, continuation) = AsyncStream.makeStream(of: String.self, bufferingPolicy: .bufferingOldest(limit))
        }
    }

    let service: ChatService
    let metrics: ServerMetrics
    let queueLimit: Int
    private var nextId = 0
    private var connections: [Int: Connection] = [:]
    private var byUser: [String: Set<Int>] = [:]
    /// Connections that overflowed and must be closed by their writer, with the reason.
    private(set) var overflowed: Set<Int> = []

    public init(service: ChatService, metrics: ServerMetrics, queueLimit: Int = 512) {
        self.service = service
        self.metrics = metrics
        self.queueLimit = queueLimit
    }

    func open(userId: String, sourceIP: String = "127.0.0.1", userAgent: String = "") async -> Connection {
        nextId += 1
        let connection = Connection(
            id: nextId, userId: userId, limit: queueLimit, sourceIP: sourceIP, userAgent: userAgent)
        connections[connection.id] = connection
        byUser[userId, default: []].insert(connection.id)
        metrics.connectionOpened()
        if await service.presence.connect(userId) { await announcePresence(of: userId) }
        return connection
    }

    func close(_ connection: Connection) async {
        guard connections.removeValue(forKey: connection.id) != nil else { return }
        connection.continuation.finish()
        byUser[connection.userId]?.remove(connection.id)
        if byUser[connection.userId]?.isEmpty == true { byUser[connection.userId] = nil }
        overflowed.remove(connection.id)
        metrics.connectionClosed()
        if await service.presence.disconnect(connection.userId) {
            try? await service.store.setLastSeen(userId: connection.userId, at: Date())
            await announcePresence(of: connection.userId)
        }
    }

    func isOverflowed(_ connection: Connection) -> Bool { overflowed.contains(connection.id) }

    /// The open connection with an API Gateway-style id, for the `@connections` API.
    func connection(_ connectionId: String) -> Connection? {
        connections.values.first { $0.connectionId == connectionId }
    }

    /// Every open connection, oldest first.
    var openConnections: [Connection] { connections.values.sorted { $0.id < $1.id } }

    /// Posts raw data to one connection (`POST @connections/{id}`); false when it is gone.
    func post(_ text: String, to connectionId: String) -> Bool {
        guard let connection = connection(connectionId) else { return false }
        enqueue(text, on: connection.id)
        return true
    }

    /// Ends one connection from the server side (`DELETE @connections/{id}`); false when it is gone.
    func disconnect(_ connectionId: String) -> Bool {
        guard let connection = connection(connectionId) else { return false }
        connection.closedByServer.withLock { $0 = true }
        connection.continuation.finish()
        return true
    }

    /// Sends each event to its recipients' open connections.
    public func deliver(_ deliveries: [Delivery]) async {
        for delivery in deliveries {
            if case .roomUpdated(let roomId) = delivery.event {
                // Each member sees the room with their own unread count.
                guard let room = try? await service.store.room(id: roomId) else { continue }
                for recipient in delivery.recipients where byUser[recipient] != nil {
                    guard let view = try? await service.view(room, for: recipient) else { continue }
                    send(Frames.event("roomUpdated", view), to: [recipient])
                }
                continue
            }
            send(Frames.frame(for: delivery.event), to: delivery.recipients)
        }
    }

    /// Queues one frame for every open connection of `users`.
    func send(_ frame: String?, to users: [String]) {
        guard let frame else { return }
        for user in users {
            for id in byUser[user] ?? [] { enqueue(frame, on: id) }
        }
    }

    /// Queues one frame on one connection (a reply to its own action).
    func reply(_ frame: String?, on connection: Connection) {
        guard let frame else { return }
        enqueue(frame, on: connection.id)
    }

    private func enqueue(_ frame: String, on id: Int) {
        guard let connection = connections[id], !overflowed.contains(id) else { return }
        if case .dropped = connection.continuation.yield(frame) {
            overflowed.insert(id)
            metrics.slowClientDisconnected()
            connection.continuation.finish()  // its writer ends and closes the socket with the reason
        } else {
            metrics.delivered()
        }
    }

    private func announcePresence(of userId: String) async {
        guard let user = try? await service.me(userId) else { return }
        send(
            Frames.frame(for: .presence(userId: userId, status: user.status, lastSeenAt: user.lastSeenAt)),
            to: Array(byUser.keys))
    }
}
