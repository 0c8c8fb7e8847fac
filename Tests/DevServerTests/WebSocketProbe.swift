import Foundation
import HummingbirdWSClient
import Logging
import Synchronization
import Testing

/// A WebSocket client for tests: records every text frame it receives and sends what it is given.
final class WebSocketProbe: Sendable {
    final class State: Sendable {
        /// Text frames received, in order.
        let received = Mutex<[String]>([])
    }

    let state = State()
    private let outgoing: AsyncStream<String>.Continuation
    private let task: Task<Void, any Error>
    /// Ends when the upgrade is done (or failed).
    private let upgraded: AsyncStream<Void>

    init(url: String, cookie: String? = nil) {
        let (stream, continuation) = AsyncStream<String>.makeStream()
        outgoing = continuation
        let state = state
        let (upgraded, opened) = AsyncStream<Void>.makeStream()
        self.upgraded = upgraded
        task = Task {
            defer { opened.finish() }
            var logger = Logger(label: "probe")
            logger.logLevel = .critical
            var configuration = WebSocketClientConfiguration()
            if let cookie { configuration.additionalHeaders[.cookie] = cookie }
            _ = try await WebSocketClient.connect(url: url, configuration: configuration, logger: logger) {
                inbound, outbound, _ in
                opened.finish()
                let writer = Task {
                    for await text in stream { try await outbound.write(.text(text)) }
                    try await outbound.close(.normalClosure, reason: nil)
                }
                defer { writer.cancel() }
                for try await message in inbound.messages(maxSize: 1 << 20) {
                    guard case .text(let text) = message else { continue }
                    for problem in SpecResponseChecker.shared.frameProblems(text) {
                        Issue.record("frame violates the spec: \(problem)")
                    }
                    state.received.withLock { $0.append(text) }
                }
            }
        }
    }

    func send(_ text: String) { outgoing.yield(text) }

    /// Returns once the client has the server's `101` (what a browser's `open` event means).
    func opened() async { for await _ in upgraded {} }

    func close() { outgoing.finish() }

    var isEmpty: Bool { state.received.withLock { $0.isEmpty } }

    /// The frames of `type` received so far.
    func frames(_ type: String) -> [[String: Any]] {
        state.received.withLock { $0 }.compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        .filter { $0["type"] as? String == type }
    }

    /// Waits until `count` frames of `type` have arrived (or fails after `seconds`).
    @discardableResult
    func wait(
        for type: String, count: Int = 1, seconds: Double = 5, where matches: ([String: Any]) -> Bool = { _ in true }
    ) async throws -> [[String: Any]] {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            let frames = frames(type).filter(matches)
            if frames.count >= count { return frames }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw TestFailure("waited \(seconds) s for \(count) '\(type)' frames; got \(frames(type).count)")
    }

    /// Waits for the server to end the connection; after `seconds`, records an issue and ends it.
    func finished(seconds: Double = 10) async {
        let timeout = Task { [task] in
            try await Task.sleep(for: .seconds(seconds))
            Issue.record("the connection was still open after \(seconds) s")
            task.cancel()
        }
        _ = try? await task.value
        timeout.cancel()
    }
}
