import Foundation
import NIOCore
import NIOPosix
import NIOWebSocket
import Synchronization

/// A WebSocket receiver that runs entirely on its event loop: it sends the upgrade request,
/// checks the `101`, then decodes frames with NIO's `WebSocketFrameDecoder` and records how long
/// each `messageCreated` frame took since the sender stamped it (`t=<ns since the epoch>`).
///
/// The fan-out benchmark runs 1,000 of these on the same two cores as the server it measures, so
/// they must cost little: no task hops, no `String` per frame, one lock per recorded latency.
final class LatencyReceiver: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let path: String
    private let host: String
    private let recorder: LatencyRecorder
    private var response = ByteBuffer()

    init(path: String, host: String, recorder: LatencyRecorder) {
        self.path = path
        self.host = host
        self.recorder = recorder
    }

    func channelActive(context: ChannelHandlerContext) {
        let request =
            "GET \(path) HTTP/1.1\r\nHost: \(host)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: request)), promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        response.writeBuffer(&bytes)
        let view = response.readableBytesView
        guard let end = view.firstRange(of: Array("\r\n\r\n".utf8)) else { return }
        guard view.starts(with: Array("HTTP/1.1 101".utf8)) else {
            recorder.failed(String(buffer: response))
            context.close(promise: nil)
            return
        }
        var rest = response.getSlice(at: end.upperBound, length: view.endIndex - end.upperBound) ?? ByteBuffer()
        let pipeline = context.pipeline.syncOperations
        try! pipeline.addHandler(ByteToMessageHandler(WebSocketFrameDecoder(maxFrameSize: 1 << 16)), position: .last)
        try! pipeline.addHandler(FrameTimer(recorder: recorder), position: .last)
        recorder.connected()
        if rest.readableBytes > 0 {
            context.fireChannelRead(wrapInboundOut(rest.readSlice(length: rest.readableBytes)!))
        }
        pipeline.removeHandler(context: context, promise: nil)
    }
}

/// Records the latency of every `messageCreated` text frame.
final class FrameTimer: ChannelInboundHandler {
    typealias InboundIn = WebSocketFrame

    private let recorder: LatencyRecorder
    private static let event = Array("messageCreated".utf8)
    private static let stamp = Array("t=".utf8)

    init(recorder: LatencyRecorder) { self.recorder = recorder }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        guard frame.opcode == .text else { return }
        // A plain byte scan: Foundation's generic `firstRange(of:)` cost more than the server did.
        let sent: Int? = frame.data.withUnsafeReadableBytes { bytes in
            guard Self.find(Self.event, in: bytes) != nil, var index = Self.find(Self.stamp, in: bytes) else {
                return nil
            }
            var value = 0
            index += Self.stamp.count
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                value = value &* 10 &+ Int(bytes[index] - UInt8(ascii: "0"))
                index += 1
            }
            return value
        }
        guard let sent else { return }
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        recorder.record(milliseconds: Double(now.tv_sec * 1_000_000_000 + now.tv_nsec - sent) / 1e6)
    }
}

extension FrameTimer {
    /// Where `needle` starts in `bytes`, if it is there.
    static func find(_ needle: [UInt8], in bytes: UnsafeRawBufferPointer) -> Int? {
        guard bytes.count >= needle.count else { return nil }
        var start = 0
        while start <= bytes.count - needle.count {
            var matched = 0
            while matched < needle.count, bytes[start + matched] == needle[matched] { matched += 1 }
            if matched == needle.count { return start }
            start += 1
        }
        return nil
    }
}

/// What all receivers saw: connections made, latencies, the first failure.
final class LatencyRecorder: Sendable {
    private let state = Mutex((connected: 0, latencies: [Double](), failure: String?.none))

    func connected() { state.withLock { $0.connected += 1 } }
    func record(milliseconds: Double) { state.withLock { $0.latencies.append(milliseconds) } }
    func failed(_ reason: String) { state.withLock { $0.failure = $0.failure ?? reason } }

    var connectedCount: Int { state.withLock { $0.connected } }
    var deliveries: Int { state.withLock { $0.latencies.count } }
    var latencies: [Double] { state.withLock { $0.latencies } }
    var failure: String? { state.withLock { $0.failure } }

    /// Opens `count` receivers for `paths` (taken in turn) on `group`.
    static func open(
        count: Int, host: String, port: Int, paths: [String], group: MultiThreadedEventLoopGroup,
        recorder: LatencyRecorder
    ) async throws -> [Channel] {
        var channels: [Channel] = []
        for index in 0..<count {
            let path = paths[index % paths.count]
            let channel = try await ClientBootstrap(group: group)
                .channelOption(.socketOption(.tcp_nodelay), value: 1)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(
                            LatencyReceiver(path: path, host: "\(host):\(port)", recorder: recorder))
                    }
                }
                .connect(host: host, port: port).get()
            channels.append(channel)
        }
        return channels
    }
}
