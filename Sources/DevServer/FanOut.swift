import NIOCore
import Synchronization

/// Writes frames to the connections of one event loop, and knows which of them belong to whom,
/// so the hub hands over one job per frame and loop rather than a list of connections.
///
/// The loop writes at most once per `window`: a frame that comes sooner waits for the window to
/// pass, together with any others, and frames for the same recipients go to each connection as one
/// buffer with one flush. A quiet room's frames go out at once; a busy one's in fewer, larger writes,
/// since the kernel's cost is per write (at 100 messages/s to 1,000 clients, each frame on its own
/// took more than half of the server's time).
final class FanOut: Sendable {
    enum Recipients: Sendable {
        case users([String])
        case connection(RealtimeConnection)
    }

    /// How long after one write of frames the next may start.
    static let window = TimeAmount.milliseconds(20)

    private enum Job: Sendable {
        /// Encoded frames, and how many.
        case frames(ByteBuffer, count: Int, Recipients)
        case register(RealtimeConnection)
        case attach(RealtimeConnection)
        case unregister(RealtimeConnection)
    }

    private let loop: any EventLoop
    private let limit: Int
    private let metrics: ServerMetrics
    private let queue = Mutex<(jobs: [Job], scheduled: Bool, lastDrain: NIODeadline?)>(([], false, nil))
    /// Each user's connections on this loop; touched only on the loop.
    private let byUser: NIOLoopBoundBox<[String: [RealtimeConnection]]>

    init(loop: any EventLoop, limit: Int, metrics: ServerMetrics) {
        self.loop = loop
        self.limit = limit
        self.metrics = metrics
        byUser = NIOLoopBoundBox.makeBoxSendingValue([:], eventLoop: loop)
    }

    /// Queues `frame` for the recipients' connections on this loop.
    func send(_ frame: ByteBuffer, to recipients: Recipients) { add(.frames(frame, count: 1, recipients)) }

    /// From now on, frames for the connection's user reach it.
    func register(_ connection: RealtimeConnection) { add(.register(connection)) }

    /// From now on, the connection's frames go to its upgraded socket.
    func attach(_ connection: RealtimeConnection) { add(.attach(connection)) }

    func unregister(_ connection: RealtimeConnection) { add(.unregister(connection)) }

    private func add(_ job: Job) {
        let start: NIODeadline? = queue.withLock { queue in
            queue.jobs.append(job)
            guard !queue.scheduled else { return nil }  // a drain is on its way
            queue.scheduled = true
            return queue.lastDrain.map { $0 + Self.window } ?? .distantPast
        }
        guard let start else { return }
        if start <= loop.now {
            loop.execute { self.drain() }
        } else {
            loop.scheduleTask(deadline: start) { self.drain() }
        }
    }

    /// Runs every queued job in order, then flushes each connection written to once.
    private func drain() {
        let now = loop.now
        let jobs = Self.merged(
            queue.withLock { queue in
                defer { queue = ([], false, now) }
                return queue.jobs
            })
        var written = 0
        var unflushed: [RealtimeConnection] = []
        func write(_ frames: ByteBuffer, count: Int, to connection: RealtimeConnection) {
            switch connection.write(frames, count: count, limit: limit) {
            case .written(let first):
                written += count
                if first { unflushed.append(connection) }
            case .held: written += count
            case .overflowed: metrics.slowClientDisconnected()
            case .skipped: break
            }
        }
        for job in jobs {
            switch job {
            case .frames(let frames, let count, .users(let users)):
                for user in users {
                    for connection in byUser.value[user] ?? [] { write(frames, count: count, to: connection) }
                }
            case .frames(let frames, let count, .connection(let connection)):
                write(frames, count: count, to: connection)
            case .register(let connection):
                byUser.value[connection.userId, default: []].append(connection)
            case .attach(let connection):
                // Fails only for a channel that closed before its upgrade; its close ends it.
                try? connection.attach()
            case .unregister(let connection):
                byUser.value[connection.userId]?.removeAll { $0 === connection }
                if byUser.value[connection.userId]?.isEmpty == true { byUser.value[connection.userId] = nil }
            }
        }
        for connection in unflushed { connection.flush() }
        metrics.delivered(written)
    }

    /// The jobs, with frames for the same recipients one after another joined into one buffer.
    private static func merged(_ jobs: [Job]) -> [Job] {
        var result: [Job] = []
        result.reserveCapacity(jobs.count)
        for job in jobs {
            guard case .frames(let frames, let count, let recipients) = job,
                case .frames(var joined, let joinedCount, let previous)? = result.last,
                recipients.same(as: previous)
            else {
                result.append(job)
                continue
            }
            result.removeLast()  // so that `joined` holds the only reference and grows in place
            joined.writeImmutableBuffer(frames)
            result.append(.frames(joined, count: joinedCount + count, recipients))
        }
        return result
    }
}

extension FanOut.Recipients {
    func same(as other: Self) -> Bool {
        switch (self, other) {
        case (.users(let users), .users(let others)): users == others
        case (.connection(let connection), .connection(let other)): connection === other
        default: false
        }
    }
}
