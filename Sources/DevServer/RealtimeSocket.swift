import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOCore

/// Accepts WebSocket upgrades on the realtime path for callers with a valid ID token (in the
/// spec's token query parameter or cookie: `token`, `id_token`), then runs each connection: a reader
/// that hands every text frame to `RealtimeActions`, and a closer that sends the close frame when
/// the server ends the connection (too slow, idle, or through `@connections`). Event frames are
/// written by `RealtimeHub`.
///
/// As on API Gateway, where `$connect` finishes before the client sees the upgrade, a connection
/// is registered (and its presence announced) before the `101` goes out: an event sent the moment
/// a client is open reaches it. Its frames are held until the upgraded socket is attached.
struct RealtimeSocket: Sendable {
    let auth: LocalAuth
    let hub: RealtimeHub
    let tokenQuery: String
    let tokenCookie: String
    let actions: RealtimeActions
    let logger: Logger

    func shouldUpgrade(
        _ request: HTTPRequest, channel: any Channel, path: String
    ) async throws
        -> ShouldUpgradeResult<WebSocketDataHandler<HTTP1WebSocketUpgradeChannel.Context>>
    {
        let target = URLComponents(string: request.path ?? "")
        guard target?.path == path, let token = token(request, target) else { return .dontUpgrade }
        guard let claims = try? await auth.verifyIDToken(token) else { return .dontUpgrade }
        let userId = claims.sub.value
        let connection = await hub.open(
            userId: userId, channel: channel, sourceIP: channel.remoteAddress?.ipAddress ?? "",
            userAgent: request.headerFields[.userAgent] ?? "")
        // An upgrade that never completes never runs the handler below; its socket's end closes it.
        channel.closeFuture.whenComplete { [hub] _ in Task { await hub.close(connection) } }
        return .upgrade([:]) { inbound, outbound, _ in
            hub.attach(connection)
            // The reader's error, if it ended the connection: thrown on, it picks the close code
            // (1002 for a protocol error, 1009 for a message over the limit, 1007 for invalid UTF-8).
            let readError = await withTaskGroup(of: (any Error)?.self) { group in
                group.addTask {
                    for await _ in connection.endings {}
                    guard let ending = connection.ending else { return nil }
                    // The close frame waits behind what the socket still holds (a client too slow
                    // to read gets it once it catches up); one that never reads is cut off after 30 s.
                    let deadline = Task {
                        try await Task.sleep(for: .seconds(30))
                        try await channel.close()
                    }
                    try? await outbound.close(ending.code, reason: ending.reason)
                    // Hummingbird closes the channel when this handler returns, and NIO drops
                    // what a closing channel still holds: wait until the close frame is sent.
                    try? await connection.sent().get()
                    deadline.cancel()
                    return nil
                }
                group.addTask {
                    do {
                        for try await message in inbound.messages(maxSize: 32 * 1024) {
                            connection.lastActive.withLock { $0 = Date() }
                            if case .text(let text) = message { await actions.handle(text, from: connection) }
                        }
                    } catch {
                        logger.debug("websocket read ended", metadata: ["error": .string("\(error)")])
                        return error
                    }
                    return nil
                }
                let first = await group.next() ?? nil
                group.cancelAll()
                return first
            }
            await hub.close(connection)
            if let readError { throw readError }
        }
    }

    func token(_ request: HTTPRequest, _ target: URLComponents?) -> String? {
        if let token = target?.queryItems?.first(where: { $0.name == tokenQuery })?.value, !token.isEmpty {
            return token
        }
        for cookie in request.headerFields[values: .cookie].flatMap({ $0.split(separator: ";") }) {
            let pair = cookie.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            if pair.count == 2, pair[0] == tokenCookie { return String(pair[1]) }
        }
        return nil
    }
}
