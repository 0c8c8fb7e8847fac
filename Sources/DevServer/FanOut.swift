import NIOCore
import Synchronization

/// Writes frames to the connections of one event loop, and knows which of them belong to whom,
/// so the hub hands over one job per frame and loop rather than a list of connections.
///
/// Frames that queue up while the loop is busy are written together: each connection gets all
/// of its frames with one flush, so one system call instead of one per frame. Under light load
/// every frame goes out at once; under heavy load the loop catches up faster the further behind
/// it is, instead of falling further.
final class FanOut: Sendable {
    enum Recipients: Sendable {
        case users([String])
        case connection(RealtimeConnection)
    }

    private enum Job: Sendable {
        case frame(ByteBuffer, Recipients)
        case register(RealtimeConnection)
        case attach(RealtimeConnection)
        case unregister(RealtimeConnection)
    }

    private let loop: any EventLoop
    private let limit: Int
    private let metrics: ServerMetrics
    private let queue = Mutex<(jobs: [Job], scheduled: Bool)>(([], false))
    /// Each user's connections on this loop; touched only on the loop.
    private let byUser: NIOLoopBoundBox<[String: [RealtimeConnection]]>

    init(loop: any EventLoop, limit: Int, metrics: ServerMetrics) {
        self.loop = loop
        self.limit = limit
        self.metrics = metrics
        byUser = NIOLoopBoundBox.makeBoxSendingValue([:], eventLoop: loop)
    }

    /// Queues `frame` for the recipients' connections on this loop.
    func send(_ frame: ByteBuffer, to recipients: Recipients) { add(.frame(frame, recipients)) }

    /// From now on, frames for the connection's user reach it.
    func register(_ connection: RealtimeConnection) { add(.register(connection)) }

    /// From now on, the connection's frames go to its upgraded socket.
    func attach(_ connection: RealtimeConnection) { add(.attach(connection)) }

    func unregister(_ connection: RealtimeConnection) { add(.unregister(connection)) }

    private func add(_ job: Job) {
        let schedule = queue.withLock { queue in
            queue.jobs.append(job)
            defer { queue.scheduled = true }
            return !queue.scheduled
        }
        if schedule { loop.execute { self.drain() } }
    }

    /// Runs every queued job in order, then flushes each connection written to once.
    private func drain() {
        let jobs = queue.withLock { queue in
            defer { queue = ([], false) }
            return queue.jobs
        }
        var written = 0
        var unflushed: [RealtimeConnection] = []
        func write(_ frame: ByteBuffer, to connection: RealtimeConnection) {
            switch connection.write(frame, limit: limit) {
            case .written(let first):
                written += 1
                if first { unflushed.append(connection) }
            case .held: written += 1
            case .overflowed: metrics.slowClientDisconnected()
            case .skipped: break
            }
        }
        for job in jobs {
            switch job {
            case .frame(let frame, .users(let users)):
                for user in users {
                    for connection in byUser.value[user] ?? [] { write(frame, to: connection) }
                }
            case .frame(let frame, .connection(let connection)):
                write(frame, to: connection)
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
}
