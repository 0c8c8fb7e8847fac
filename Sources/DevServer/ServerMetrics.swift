import Synchronization

/// Counters for `GET /metrics`, in Prometheus' text format: requests by status, and the realtime
/// figures the websocket-chat-application seed tracks (new and closed connections, messages delivered).
public final class ServerMetrics: Sendable {
    private struct Counts {
        var requests: [Int: Int] = [:]
        var connectionsOpened = 0
        var connectionsClosed = 0
        var messagesDelivered = 0
        var framesDropped = 0
        var slowDisconnects = 0
    }

    private let counts = Mutex(Counts())

    public init() {}

    func countRequest(status: Int) { counts.withLock { $0.requests[status, default: 0] += 1 } }
    func connectionOpened() { counts.withLock { $0.connectionsOpened += 1 } }
    func connectionClosed() { counts.withLock { $0.connectionsClosed += 1 } }
    func delivered(_ count: Int = 1) { counts.withLock { $0.messagesDelivered += count } }
    func slowClientDisconnected() { counts.withLock { $0.slowDisconnects += 1 } }

    /// The metrics as Prometheus text exposition.
    public var text: String {
        let counts = counts.withLock { $0 }
        var lines = [
            "# HELP chatsite_http_requests_total HTTP requests served, by status code.",
            "# TYPE chatsite_http_requests_total counter",
        ]
        for (status, count) in counts.requests.sorted(by: { $0.key < $1.key }) {
            lines.append("chatsite_http_requests_total{status=\"\(status)\"} \(count)")
        }
        func counter(_ name: String, _ help: String, _ value: Int) {
            lines += ["# HELP \(name) \(help)", "# TYPE \(name) counter", "\(name) \(value)"]
        }
        counter("chatsite_ws_connections_opened_total", "WebSocket connections accepted.", counts.connectionsOpened)
        counter("chatsite_ws_connections_closed_total", "WebSocket connections closed.", counts.connectionsClosed)
        counter(
            "chatsite_ws_messages_delivered_total", "Event frames written to WebSocket clients.",
            counts.messagesDelivered)
        counter(
            "chatsite_ws_slow_client_disconnects_total", "Clients closed for falling too far behind.",
            counts.slowDisconnects)
        lines += [
            "# HELP chatsite_ws_connections Open WebSocket connections.", "# TYPE chatsite_ws_connections gauge",
            "chatsite_ws_connections \(counts.connectionsOpened - counts.connectionsClosed)",
        ]
        return lines.joined(separator: "\n") + "\n"
    }
}
