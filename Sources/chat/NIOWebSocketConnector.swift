import ChatClient
import Foundation
import HummingbirdWSClient
import Logging
import Synchronization

/// Opens the realtime WebSocket with Hummingbird's NIO client instead of `URLSessionWebSocketTask`.
///
/// On Linux, FoundationNetworking does WebSockets through libcurl, and Debian's libcurl is built
/// without them, so the generated client's default connector never opens there. `chat` passes
/// this one on every platform, so it behaves the same everywhere.
struct NIOWebSocketConnector: WebSocketConnector {
    func connect(to url: URL) async throws -> any WebSocketChannel {
        let channel = NIOWebSocketChannel()
        let logger = Logger(label: "chat.realtime", factory: { _ in SwiftLogNoOpLogHandler() })
        let task = Task {
            do {
                _ = try await WebSocketClient.connect(url: url.absoluteString, logger: logger) { inbound, outbound, _ in
                    await withTaskGroup(of: Void.self) { group in
                        group.addTask {
                            for await text in channel.outgoing {
                                do { try await outbound.write(.text(text)) } catch { return }
                            }
                        }
                        group.addTask {
                            do {
                                for try await message in inbound.messages(maxSize: 1 << 20) {
                                    switch message {
                                    case .text(let text): await channel.inbox.put(Data(text.utf8))
                                    case .binary(let buffer): await channel.inbox.put(Data(buffer.readableBytesView))
                                    }
                                }
                            } catch {}
                        }
                        await channel.inbox.open()
                        await group.next()
                        group.cancelAll()
                    }
                }
                await channel.inbox.end(nil)
            } catch {
                await channel.inbox.end(error)
            }
        }
        channel.task.withLock { $0 = task }
        try await channel.inbox.waitUntilOpen()
        return channel
    }
}

/// One connection made by ``NIOWebSocketConnector``: frames to send go through a stream to the
/// connection's writer, frames received wait in an inbox.
final class NIOWebSocketChannel: WebSocketChannel {
    let outgoing: AsyncStream<String>
    private let sender: AsyncStream<String>.Continuation
    let inbox = Inbox()
    let task = Mutex<Task<Void, Never>?>(nil)

    init() {
        (outgoing, sender) = AsyncStream.makeStream()
    }

    func send(_ text: String) async throws {
        guard await inbox.isOpen else { throw URLError(.networkConnectionLost) }
        if case .terminated = sender.yield(text) { throw URLError(.networkConnectionLost) }
    }

    func receive() async throws -> Data {
        try await inbox.take()
    }

    func close() {
        sender.finish()
        task.withLock { $0?.cancel() }
    }

    /// Received frames, and whether the connection is open or how it ended.
    actor Inbox {
        private var frames: [Data] = []
        private var waiting: [CheckedContinuation<Data, any Error>] = []
        private var openWaiters: [CheckedContinuation<Void, any Error>] = []
        private(set) var isOpen = false
        private var ended: (any Error)?? = nil

        func open() {
            isOpen = true
            for waiter in openWaiters { waiter.resume() }
            openWaiters = []
        }

        func waitUntilOpen() async throws {
            if isOpen { return }
            if let ended { throw ended ?? URLError(.networkConnectionLost) }
            try await withCheckedThrowingContinuation { openWaiters.append($0) }
        }

        func put(_ frame: Data) {
            if waiting.isEmpty { frames.append(frame) } else { waiting.removeFirst().resume(returning: frame) }
        }

        func take() async throws -> Data {
            if !frames.isEmpty { return frames.removeFirst() }
            if let ended { throw ended ?? URLError(.networkConnectionLost) }
            return try await withCheckedThrowingContinuation { waiting.append($0) }
        }

        func end(_ error: (any Error)?) {
            isOpen = false
            ended = .some(error)
            let failure = error ?? URLError(.networkConnectionLost)
            for waiter in waiting { waiter.resume(throwing: failure) }
            for waiter in openWaiters { waiter.resume(throwing: failure) }
            waiting = []
            openWaiters = []
        }
    }
}
