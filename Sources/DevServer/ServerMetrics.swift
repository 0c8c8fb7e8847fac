import Synchronization

/// Counters for `GET /metrics`, in Prometheus' text format: requests by status, and the realtime
/// figures the websocket-chat-application seed tracks (new and closed connections, messages delivered).
public final class ServerMetrics: Sendable {
    /// Request latency histogram buckets, in seconds.
    static let buckets: [Double] = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1]

    private struct Route: Hashable {
        var method: String
        var route: String
    }

    private struct Latencies {
        var counts = [Int](repeating: 0, count: ServerMetrics.buckets.count)
        var total = 0
        var sum = 0.0
    }

    private struct Counts {
        var requests: [RequestKey: Int] = [:]
        var latencies: [Route: Latencies] = [:]
        var connectionsOpened = 0
        var connectionsClosed = 0
        var messagesDelivered = 0
        var slowDisconnects = 0
    }

    private let counts = Mutex(Counts())

    public init() {}

    private struct RequestKey: Hashable {
        var route: Route
        var status: Int
    }

    /// Counts one request by route (the matched path template) and status, with its latency.
    func countRequest(method: String, route: String, status: Int, seconds: Double) {
        let key = Route(method: method, route: route)
        counts.withLock { counts in
            counts.requests[RequestKey(route: key, status: status), default: 0] += 1
            var latency = counts.latencies[key] ?? Latencies()
            for (index, bound) in Self.buckets.enumerated() where seconds <= bound { latency.counts[index] += 1 }
            latency.total += 1
            latency.sum += seconds
            counts.latencies[key] = latency
        }
    }
    func connectionOpened() { counts.withLock { $0.connectionsOpened += 1 } }
    func connectionClosed() { counts.withLock { $0.connectionsClosed += 1 } }
    func delivered(_ count: Int = 1) { counts.withLock { $0.messagesDelivered += count } }
    func slowClientDisconnected() { counts.withLock { $0.slowDisconnects += 1 } }

    /// The metrics as Prometheus text exposition.
    public var text: String {
        let counts = counts.withLock { $0 }
        var lines = [
            "# HELP chatsite_http_requests_total HTTP requests served, by method, route and status code.",
            "# TYPE chatsite_http_requests_total counter",
        ]
        func labels(_ route: Route) -> String { "method=\"\(route.method)\",route=\"\(route.route)\"" }
        let requests = counts.requests.sorted {
            ($0.key.route.route, $0.key.route.method, $0.key.status) < (
                $1.key.route.route, $1.key.route.method, $1.key.status
            )
        }
        for (key, count) in requests {
            lines.append("chatsite_http_requests_total{\(labels(key.route)),status=\"\(key.status)\"} \(count)")
        }
        lines += [
            "# HELP chatsite_http_request_duration_seconds HTTP request latency, by method and route.",
            "# TYPE chatsite_http_request_duration_seconds histogram",
        ]
        for (route, latency) in counts.latencies.sorted(by: {
            ($0.key.route, $0.key.method) < ($1.key.route, $1.key.method)
        }) {
            for (index, bound) in Self.buckets.enumerated() {
                lines.append(
                    "chatsite_http_request_duration_seconds_bucket{\(labels(route)),le=\"\(bound)\"} \(latency.counts[index])"
                )
            }
            lines.append("chatsite_http_request_duration_seconds_bucket{\(labels(route)),le=\"+Inf\"} \(latency.total)")
            lines.append("chatsite_http_request_duration_seconds_sum{\(labels(route))} \(latency.sum)")
            lines.append("chatsite_http_request_duration_seconds_count{\(labels(route))} \(latency.total)")
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
