import Foundation
import NIOCore
import NIOWebSocket
import Synchronization

/// One open WebSocket connection: whose it is, and the socket its frames are written to.
///
/// Event frames skip Hummingbird's async writer: the hub encodes each frame once, header and all
/// (`Frame.text`), and the event loops write those bytes into every recipient's pipeline just
/// below the WebSocket frame encoder. A per-connection writer task cost a task wake-up, two executor
/// hops, a copy of the frame and a header buffer for every recipient, and at 100 messages/s to
/// 1,000 clients that was most of the server's time.
final class RealtimeConnection: Sendable {
    /// Why the server ends a connection.
    enum Ending: Equatable, Sendable {
        /// It fell more than the hub's limit of frames behind.
        case tooSlow(limit: Int)
        /// `DELETE @connections/{id}`.
        case byServer
        /// No frame from the client for this long (API Gateway's idle timeout).
        case idle(seconds: Int)

        var code: WebSocketErrorCode {
            switch self {
            case .tooSlow: .policyViolation
            case .byServer: .normalClosure
            case .idle: .goingAway
            }
        }

        var reason: String {
            switch self {
            case .tooSlow(let limit): "too slow: fell more than \(limit) events behind"
            case .byServer: "closed through @connections"
            case .idle(let seconds): "idle for \(seconds) s"
            }
        }
    }

    let id: Int
    /// The id API Gateway would give it (`L0SM9cOFvHcCIhw=`), for the `@connections` API.
    let connectionId: String
    let userId: String
    let connectedAt = Date()
    let sourceIP: String
    let userAgent: String
    let lastActive = Mutex(Date())
    let channel: any Channel
    /// The fan-out of the channel's event loop, which writes the connection's frames.
    let fanOut: FanOut
    private let loopState: NIOLoopBoundBox<LoopState>
    private let endingState = Mutex<Ending?>(nil)
    /// Finishes when the server ends the connection; its task then sends the close frame.
    let endings: AsyncStream<Void>
    private let endingsContinuation: AsyncStream<Void>.Continuation

    /// Made before the upgrade, so that it receives events from the moment the client is open;
    /// frames wait in it until `attach()` finds the upgraded socket.
    init(id: Int, userId: String, channel: any Channel, fanOut: FanOut, sourceIP: String, userAgent: String) {
        self.id = id
        self.userId = userId
        self.channel = channel
        self.sourceIP = sourceIP
        self.userAgent = userAgent
        self.fanOut = fanOut
        loopState = NIOLoopBoundBox.makeBoxSendingValue(LoopState(), eventLoop: channel.eventLoop)
        var bytes = [UInt8](repeating: 0, count: 10)
        for index in bytes.indices { bytes[index] = .random(in: 0...255) }
        connectionId = Data(bytes).base64EncodedString()
        (endings, endingsContinuation) = AsyncStream.makeStream()
    }

    var ending: Ending? { endingState.withLock { $0 } }

    /// Marks the connection as ended by the server; false when it already was.
    @discardableResult
    func end(_ ending: Ending) -> Bool {
        let first = endingState.withLock { state in
            guard state == nil else { return false }
            state = ending
            return true
        }
        if first { endingsContinuation.finish() }
        return first
    }

    enum WriteResult {
        /// Written; `first` when it is the first since the last flush.
        case written(first: Bool)
        /// Kept until the socket is attached.
        case held
        case skipped, overflowed
    }

    /// Writes `count` encoded frames, to be sent by `flush()`, or holds them until `attach()`. Runs
    /// on the channel's event loop. A connection whose socket buffer stays full for more than
    /// `limit` frames (or that would hold more than `limit`) is ended as too slow.
    func write(_ frames: ByteBuffer, count: Int, limit: Int) -> WriteResult {
        guard channel.isActive, ending == nil else { return .skipped }
        let state = loopState.value
        guard let socket = state.socket else {
            state.heldCount += count
            guard state.heldCount <= limit else { return end(.tooSlow(limit: limit)) ? .overflowed : .skipped }
            state.held.append(frames)
            return .held
        }
        if channel.isWritable {
            state.behind = 0
        } else {
            state.behind += count
            if state.behind > limit { return end(.tooSlow(limit: limit)) ? .overflowed : .skipped }
        }
        socket.write(NIOAny(frames), promise: nil)
        defer { state.unflushed = true }
        return .written(first: !state.unflushed)
    }

    /// Sends what `write` queued. Runs on the channel's event loop.
    func flush() {
        let state = loopState.value
        state.unflushed = false
        state.socket?.flush()
    }

    /// Succeeds once the kernel has everything written to the socket so far (NIO completes writes
    /// in order, so an empty write completes after those before it); fails if the channel closes first.
    func sent() -> EventLoopFuture<Void> {
        channel.eventLoop.flatSubmit { [self] in
            guard let socket = loopState.value.socket else { return channel.eventLoop.makeSucceededVoidFuture() }
            let promise = channel.eventLoop.makePromise(of: Void.self)
            socket.writeAndFlush(NIOAny(ByteBuffer()), promise: promise)
            return promise.futureResult
        }
    }

    /// Starts writing to the upgraded socket, the frames held since the connection was made first.
    /// Runs on the channel's event loop; fails when the channel has no WebSocket frame encoder
    /// (it closed before the upgrade finished).
    func attach() throws {
        let state = loopState.value
        let socket = try channel.pipeline.syncOperations.context(handlerType: WebSocketFrameEncoder.self)
        state.socket = socket
        for frames in state.held { socket.write(NIOAny(frames), promise: nil) }
        state.held = []
        state.heldCount = 0
        socket.flush()
    }
}

/// What a connection's writes keep on its event loop.
private final class LoopState {
    /// The pipeline position below the frame encoder, where encoded frames are written; nil
    /// until the upgrade is done.
    var socket: ChannelHandlerContext?
    /// Frames that came before the socket, and how many.
    var held: [ByteBuffer] = []
    var heldCount = 0
    /// Frames written since the socket's buffer filled up.
    var behind = 0
    /// Whether a write waits for `flush()`.
    var unflushed = false
}

/// WebSocket frames as bytes (RFC 6455 §5.2). NIO encodes frames per write in a channel handler;
/// this encodes a frame once for any number of connections.
enum Frame {
    /// An unmasked, final text frame (servers never mask).
    static func text(_ text: String) -> ByteBuffer {
        let length = text.utf8.count
        var buffer = ByteBuffer()
        buffer.reserveCapacity(length + 10)
        buffer.writeInteger(UInt8(0x81))  // FIN, opcode 1 (text)
        switch length {
        case ..<126: buffer.writeInteger(UInt8(length))
        case ..<65536:
            buffer.writeInteger(UInt8(126))
            buffer.writeInteger(UInt16(length))
        default:
            buffer.writeInteger(UInt8(127))
            buffer.writeInteger(UInt64(length))
        }
        buffer.writeString(text)
        return buffer
    }
}
