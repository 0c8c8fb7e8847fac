import Foundation
import HTTPTypes
import HummingbirdCore
import HummingbirdWebSocket
import Logging
import NIOCore
import NIOHTTP1
import Synchronization

/// Answers what the first request of a connection would otherwise leave unanswered, with the
/// spec's error shape: a head that does not parse gets a 400 saying why (NIO's upgrade handler,
/// which reads first requests when WebSocket upgrades are on, drops the parser's error, and the
/// client would wait for ever), and a connection that has not sent a whole head within `timeout`
/// gets a 408. It sits just after NIO's request decoder and leaves once a head is through; later
/// requests on the connection are Hummingbird's, which answers their parse errors itself.
final class RequestHeadGuard: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let timeout: TimeAmount
    private let answered: Answered
    private var timer: Scheduled<Void>?

    /// Whether the guard has answered its connection (read off the event loop too).
    final class Answered: Sendable {
        private let flag = Atomic<Bool>(false)
        var value: Bool { flag.load(ordering: .relaxed) }
        /// Sets it; false when it already was.
        func set() -> Bool { !flag.exchange(true, ordering: .relaxed) }
    }

    init(timeout: TimeAmount, answered: Answered) {
        self.timeout = timeout
        self.answered = answered
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { startTimer(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        startTimer(context)
        context.fireChannelActive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !answered.value else { return }
        context.fireChannelRead(data)
        if case .head = unwrapInboundIn(data) {
            context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let error = error as? HTTPParserError else { return context.fireErrorCaught(error) }
        answer(
            context, .badRequest, "bad_request",
            "The request could not be read as HTTP/1.1 (\(error)). Send a request line such as "
                + "'GET /api/health HTTP/1.1' and 'Name: value' header lines, each ending in CRLF, then an empty line.")
    }

    private func startTimer(_ context: ChannelHandlerContext) {
        guard timer == nil else { return }
        let seconds = String(format: "%g", Double(timeout.nanoseconds) / 1e9)
        timer = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) { [self] in
            answer(
                context, .requestTimeout, "request_timeout",
                "No complete request head came within \(seconds) s of connecting; send the request line and "
                    + "headers at once, ended by an empty line.")
        }
    }

    /// Sends the error and closes the connection.
    private func answer(
        _ context: ChannelHandlerContext, _ status: HTTPResponseStatus, _ code: String, _ message: String
    ) {
        guard answered.set() else { return }
        timer?.cancel()
        let requestId = RequestMiddleware<ChatRequestContext>.newID()
        let error = ErrorBody(code: code, message: message, requestId: requestId, errors: nil)
        let body = (try? JSON.encoder.encode(error)) ?? Data()
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json")
        headers.add(name: "Content-Length", value: String(body.count))
        headers.add(name: HTTPField.Name.requestID.rawName, value: requestId)
        headers.add(name: "Connection", value: "close")
        context.write(
            wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: body)))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in
            context.close(promise: nil)
        }
    }
}

/// Hummingbird's HTTP/1 channel with WebSocket upgrades, with a `RequestHeadGuard` in front of
/// its upgrade handler.
struct GuardedUpgradeChannel: ServerChildChannel {
    struct Value: ServerChildChannelValue {
        let upgrade: HTTP1WebSocketUpgradeChannel.Value
        let answered: RequestHeadGuard.Answered
        var channel: any Channel { upgrade.channel }
    }

    let upgrade: HTTP1WebSocketUpgradeChannel
    let headTimeout: TimeAmount

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        upgrade.setup(channel: channel, logger: logger).flatMapThrowing { value in
            let answered = RequestHeadGuard.Answered()
            let pipeline = channel.pipeline.syncOperations
            let decoder = try pipeline.handler(type: ByteToMessageHandler<HTTPRequestDecoder>.self)
            try pipeline.addHandler(
                RequestHeadGuard(timeout: headTimeout, answered: answered), position: .after(decoder))
            return Value(upgrade: value, answered: answered)
        }
    }

    func handle(value: Value, logger: Logger) async {
        // Once the guard has answered, Hummingbird logs an error for the upgrade it was waiting
        // for; the client has its answer, so that is no news.
        let quiet = Logger(label: logger.label) { _ in QuietOnceAnswered(base: logger.handler, answered: value.answered)
        }
        await upgrade.handle(value: value.upgrade, logger: quiet)
    }
}

/// Logs through `base` until the connection's `RequestHeadGuard` has answered it.
struct QuietOnceAnswered: LogHandler {
    var base: any LogHandler
    let answered: RequestHeadGuard.Answered

    var logLevel: Logger.Level {
        get { base.logLevel }
        set { base.logLevel = newValue }
    }

    var metadata: Logger.Metadata {
        get { base.metadata }
        set { base.metadata = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { base[metadataKey: key] }
        set { base[metadataKey: key] = newValue }
    }

    func log(event: LogEvent) {
        guard !answered.value else { return }
        base.log(event: event)
    }
}
