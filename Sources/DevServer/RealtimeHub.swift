import ChatBackend
import Foundation
import NIOCore

/// Fans events out to open WebSocket connections. A frame is encoded once and written by the
/// event loops straight into each recipient's socket, so a slow or dead client never stalls the
/// others; one whose socket stays full for more than `queueLimit` frames is closed with a reason.
public actor RealtimeHub {
    let service: ChatService
    let metrics: ServerMetrics
    let queueLimit: Int
    /// Seconds without a client frame before a connection is closed (API Gateway: 10 minutes).
    let idleTimeout: Double
    private var nextId = 0
    private var connections: [Int: RealtimeConnection] = [:]
    /// How many connections each user has open.
    private var byUser: [String: Int] = [:]
    /// One per event loop that has had a connection.
    private var fanOuts: [ObjectIdentifier: FanOut] = [:]
    /// Whether the idle sweep runs (while any connection is open).
    private var sweeping = false

    public init(service: ChatService, metrics: ServerMetrics, queueLimit: Int = 512, idleTimeout: Double = 600) {
        self.service = service
        self.metrics = metrics
        self.queueLimit = queueLimit
        self.idleTimeout = idleTimeout
    }

    /// Registers a connection and announces its user's presence; its frames are held until
    /// `attach(_:)`. Called before the upgrade's `101`, as API Gateway runs `$connect` before the
    /// client is open, so an event sent the moment the client opens reaches it.
    func open(
        userId: String, channel: any Channel, sourceIP: String = "127.0.0.1", userAgent: String = ""
    ) async -> RealtimeConnection {
        nextId += 1
        let loop = ObjectIdentifier(channel.eventLoop)
        let fanOut = fanOuts[loop] ?? FanOut(loop: channel.eventLoop, limit: queueLimit, metrics: metrics)
        fanOuts[loop] = fanOut
        let connection = RealtimeConnection(
            id: nextId, userId: userId, channel: channel, fanOut: fanOut, sourceIP: sourceIP, userAgent: userAgent)
        connections[connection.id] = connection
        byUser[userId, default: 0] += 1
        fanOut.register(connection)
        metrics.connectionOpened()
        startSweeping()
        if await service.presence.connect(userId) { await announcePresence(of: userId) }
        return connection
    }

    /// The upgrade is done: the connection's frames go to its socket from now on.
    nonisolated func attach(_ connection: RealtimeConnection) {
        connection.fanOut.attach(connection)
    }

    func close(_ connection: RealtimeConnection) async {
        guard connections.removeValue(forKey: connection.id) != nil else { return }
        connection.fanOut.unregister(connection)
        byUser[connection.userId]? -= 1
        if byUser[connection.userId] == 0 { byUser[connection.userId] = nil }
        metrics.connectionClosed()
        if await service.presence.disconnect(connection.userId) {
            try? await service.store.setLastSeen(userId: connection.userId, at: Date())
            await announcePresence(of: connection.userId)
        }
    }

    /// Ends connections that have been silent for `idleTimeout`, checking every second (or more
    /// often for a shorter timeout), while any connection is open. One task for all of them: a
    /// timer task per connection took about 3 KB each, 30 MB at 10,000 idle connections.
    private func startSweeping() {
        guard !sweeping else { return }
        sweeping = true
        let interval = min(1, max(0.01, idleTimeout / 4))
        Task {
            while sweepIdle() { try? await Task.sleep(for: .seconds(interval)) }
        }
    }

    /// Ends the connections silent for `idleTimeout`; false, and the sweep stops, when none is open.
    private func sweepIdle() -> Bool {
        guard !connections.isEmpty else {
            sweeping = false
            return false
        }
        let now = Date()
        for connection in connections.values
        where now.timeIntervalSince(connection.lastActive.withLock { $0 }) >= idleTimeout {
            connection.end(.idle(seconds: Int(idleTimeout)))
        }
        return true
    }

    /// The open connection with an API Gateway-style id, for the `@connections` API.
    func connection(_ connectionId: String) -> RealtimeConnection? {
        connections.values.first { $0.connectionId == connectionId }
    }

    /// Every open connection, oldest first.
    var openConnections: [RealtimeConnection] { connections.values.sorted { $0.id < $1.id } }

    /// Posts raw data to one connection (`POST @connections/{id}`); false when it is gone.
    func post(_ text: String, to connectionId: String) -> Bool {
        guard let connection = connection(connectionId) else { return false }
        write(text, to: .connection(connection))
        return true
    }

    /// Ends one connection from the server side (`DELETE @connections/{id}`); false when it is gone.
    func disconnect(_ connectionId: String) -> Bool {
        guard let connection = connection(connectionId) else { return false }
        connection.end(.byServer)
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

    /// Writes one frame to every open connection of `users`.
    func send(_ frame: String?, to users: [String]) {
        guard let frame else { return }
        write(frame, to: .users(users))
    }

    /// Writes one frame to one connection (a reply to its own action).
    func reply(_ frame: String?, on connection: RealtimeConnection) {
        guard let frame else { return }
        write(frame, to: .connection(connection))
    }

    /// Encodes `text` once per event loop and hands it to the loops' fan-outs. The hub is an actor
    /// and each fan-out runs its jobs in order, so every connection gets its frames in the order
    /// they were sent.
    private func write(_ text: String, to recipients: FanOut.Recipients) {
        switch recipients {
        case .users(let users):
            guard users.contains(where: { byUser[$0] != nil }) else { return }
            // Each loop gets its own copy: one buffer shared by two loops would have its reference
            // count bounce between their cores on every write.
            for fanOut in fanOuts.values { fanOut.send(Frame.text(text), to: recipients) }
        case .connection(let connection):
            connection.fanOut.send(Frame.text(text), to: recipients)
        }
    }

    private func announcePresence(of userId: String) async {
        guard let user = try? await service.me(userId) else { return }
        send(
            Frames.frame(for: .presence(userId: userId, status: user.status, lastSeenAt: user.lastSeenAt)),
            to: Array(byUser.keys))
    }
}
