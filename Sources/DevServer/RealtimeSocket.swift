import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOCore

/// Accepts WebSocket upgrades on the realtime path for callers with a valid ID token (in the
/// spec's token query parameter or cookie: `token`, `id_token`), then runs each connection: a writer that
/// drains its queue, and a reader that hands every text frame to `RealtimeActions`.
///
/// As on API Gateway, where `$connect` finishes before the client sees the upgrade, a connection
/// is registered (and its presence announced) before the `101` goes out: an event sent the moment
/// a client is open reaches it. Its frames wait in its queue until the writer starts.
struct RealtimeSocket: Sendable {
    let auth: LocalAuth
    let hub: RealtimeHub
    let tokenQuery: String
    let tokenCookie: String
    let actions: RealtimeActions
    let logger: Logger
    /// Seconds without a client frame before the connection is closed (API Gateway: 10 minutes).
    let idleTimeout: Double

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
            userId: userId, sourceIP: channel.remoteAddress?.ipAddress ?? "",
            userAgent: request.headerFields[.userAgent] ?? "")
        // An upgrade that never completes never runs the handler below; its socket's end closes it.
        channel.closeFuture.whenComplete { [hub] _ in Task { await hub.close(connection) } }
        return .upgrade([:]) { inbound, outbound, _ in
            // The reader's error, if it ended the connection: thrown on, it picks the close code
            // (1002 for a protocol error, 1009 for a message over the limit, 1007 for invalid UTF-8).
            let readError = await withTaskGroup(of: (any Error)?.self) { group in
                group.addTask {
                    for await frame in connection.frames {
                        do { try await outbound.write(.text(frame)) } catch { break }
                    }
                    if await hub.isOverflowed(connection) {
                        let reason = "too slow: fell more than \(hub.queueLimit) events behind"
                        try? await outbound.close(.policyViolation, reason: reason)
                    } else if connection.closedByServer.withLock({ $0 }) {
                        try? await outbound.close(.normalClosure, reason: "closed through @connections")
                    }
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
                group.addTask {
                    // API Gateway closes a connection after `idleTimeout` without a frame from the client.
                    while !Task.isCancelled {
                        let idle = Date().timeIntervalSince(connection.lastActive.withLock { $0 })
                        if idle >= idleTimeout {
                            try? await outbound.close(.goingAway, reason: "idle for \(Int(idleTimeout)) s")
                            return nil
                        }
                        try? await Task.sleep(for: .seconds(max(0.05, idleTimeout - idle)))
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
