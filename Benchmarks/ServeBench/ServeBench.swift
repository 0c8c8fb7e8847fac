// Load client for `scripts/bench-serve`: WebSocket fan-out latency and idle-connection memory
// against a running `chatsite serve`. Not a test; it prints figures.
//
// Usage: ServeBench token BASE_URL KEY_FILE          (prints an ID token for the seeded user u0)
//        ServeBench fanout BASE_URL KEY_FILE USERS CONNECTIONS RATE SECONDS
//        ServeBench idle BASE_URL KEY_FILE CONNECTIONS SERVER_PID
import DevServer
import Foundation
import HummingbirdWSClient
import Logging
import Synchronization

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

@main
struct ServeBench {
    static func main() async throws {
        let arguments = CommandLine.arguments
        guard arguments.count >= 2 else { fatalError("usage: ServeBench fanout|idle …") }
        switch arguments[1] {
        case "token":
            print(try await tokens(base: arguments[2], keyFile: arguments[3], users: 1)[0])
        case "fanout":
            let tokens = try await tokens(base: arguments[2], keyFile: arguments[3], users: 1)
            let roomId = try await firstRoom(base: arguments[2], token: tokens[0])
            try await fanOut(
                base: arguments[2], keyFile: arguments[3], roomId: roomId, users: Int(arguments[4])!,
                connections: Int(arguments[5])!, rate: Int(arguments[6])!, seconds: Double(arguments[7])!)
        case "idle":
            try await idle(
                base: arguments[2], keyFile: arguments[3], connections: Int(arguments[4])!, pid: arguments[5])
        default:
            fatalError("unknown mode \(arguments[1])")
        }
    }

    /// ID tokens for the seeded users u0…u(n-1), signed with the server's own key.
    static func tokens(base: String, keyFile: String, users: Int) async throws -> [String] {
        let auth = try await LocalAuth(issuer: base, clientId: "chatsitelocal", keyFile: keyFile)
        var tokens: [String] = []
        for index in 0..<users {
            tokens.append(try await auth.tokens(for: ("u\(index)", "user\(index)", "user\(index)@bench")).idToken)
        }
        return tokens
    }

    /// The id of u0's first room (the seeded one).
    static func firstRoom(base: String, token: String) async throws -> String {
        var request = URLRequest(url: URL(string: base + "/api/rooms")!)
        request.setValue(token, forHTTPHeaderField: "Authorization")
        let (data, _) = try await URLSession.shared.data(for: request)
        let page = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        guard let id = (page?["items"] as? [[String: Any]])?.first?["id"] as? String else {
            fatalError("no room for u0: \(String(decoding: data, as: UTF8.self))")
        }
        return id
    }

    static let logger: Logger = {
        var logger = Logger(label: "bench")
        logger.logLevel = .critical
        return logger
    }()

    /// Connects; `onText` sees every text frame; returns when `stop` finishes or the server closes.
    static func connect(
        _ url: String, outgoing: AsyncStream<String>? = nil, ready: @escaping @Sendable () -> Void,
        onText: @escaping @Sendable (String) -> Void
    ) -> Task<Void, any Error> {
        Task {
            _ = try await WebSocketClient.connect(url: url, logger: logger) { inbound, outbound, _ in
                let writer = Task {
                    guard let outgoing else { return }
                    for await text in outgoing { try await outbound.write(.text(text)) }
                }
                defer { writer.cancel() }
                ready()
                for try await message in inbound.messages(maxSize: 1 << 16) {
                    if case .text(let text) = message { onText(text) }
                }
            }
        }
    }

    static func fanOut(
        base: String, keyFile: String, roomId: String, users: Int, connections: Int, rate: Int, seconds: Double
    ) async throws {
        let tokens = try await tokens(base: base, keyFile: keyFile, users: users)
        let socketURL = base.replacingOccurrences(of: "http://", with: "ws://") + "/ws?token="
        let started = Date()
        // The receivers are one thread on one epoll set (Receivers), so the load client takes as
        // little of the two cores as it can from the server it measures.
        #if !os(Linux)
        fatalError("the fan-out receivers use Linux's epoll")
        #else
        let port = URL(string: base)!.port!
        let receivers = try Receivers(count: connections, port: port, paths: tokens.map { "/ws?token=" + $0 })
        receivers.start()
        let connectSeconds = Date().timeIntervalSince(started)
        let (outgoing, sender) = AsyncStream<String>.makeStream()
        let senderReady = Atomic<Bool>(false)
        let senderTask = connect(
            socketURL + tokens[0], outgoing: outgoing, ready: { senderReady.store(true, ordering: .relaxed) }
        ) { _ in }
        while !senderReady.load(ordering: .relaxed) { try await Task.sleep(for: .milliseconds(10)) }

        let total = Int(Double(rate) * seconds)
        let interval = 1.0 / Double(rate)
        let begin = ContinuousClock.now
        for index in 0..<total {
            let due = begin + .seconds(Double(index) * interval)
            try await Task.sleep(until: due, clock: .continuous)
            let ns = String(format: "%.0f", Date().timeIntervalSince1970 * 1e9)
            sender.yield(
                #"{"action": "sendMessage", "data": {"roomId": "\#(roomId)", "clientId": "b\#(index)-\#(ns)", "text": "t=\#(ns)"}}"#
            )
        }
        // Let the last messages arrive.
        let expected = total * connections  // the sender's own connection is not counted
        let deadline = Date().addingTimeInterval(10)
        while receivers.deliveries < expected, Date() < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        sender.finish()
        senderTask.cancel()
        let sorted = receivers.stop().sorted()
        func percentile(_ p: Double) -> Double {
            sorted.isEmpty ? .nan : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
        }
        let result: [String: Any] = [
            "connections": connections, "users": users, "rate": rate, "seconds": seconds,
            "connect_seconds": connectSeconds, "messages": total, "expected_deliveries": expected,
            "deliveries": sorted.count, "p50_ms": percentile(0.5), "p99_ms": percentile(0.99),
            "max_ms": sorted.last ?? .nan,
        ]
        print(String(decoding: try JSONSerialization.data(withJSONObject: result), as: UTF8.self))
        #endif
    }

    static func idle(base: String, keyFile: String, connections: Int, pid: String) async throws {
        let tokens = try await tokens(base: base, keyFile: keyFile, users: 100)
        let socketURL = base.replacingOccurrences(of: "http://", with: "ws://") + "/ws?token="
        let before = rss(pid)
        let connected = Atomic<Int>(0)
        var tasks: [Task<Void, any Error>] = []
        let started = Date()
        for index in 0..<connections {
            tasks.append(
                connect(socketURL + tokens[index % 100], ready: { connected.add(1, ordering: .relaxed) }) { _ in })
            if index % 500 == 499 { try await Task.sleep(for: .milliseconds(50)) }
        }
        while connected.load(ordering: .relaxed) < connections, Date().timeIntervalSince(started) < 120 {
            try await Task.sleep(for: .milliseconds(100))
        }
        try await Task.sleep(for: .seconds(2))
        let after = rss(pid)
        let result: [String: Any] = [
            "connections": connected.load(ordering: .relaxed), "rss_before_mb": before, "rss_after_mb": after,
            "connect_seconds": Date().timeIntervalSince(started),
        ]
        print(String(decoding: try JSONSerialization.data(withJSONObject: result), as: UTF8.self))
        tasks.forEach { $0.cancel() }
    }

    /// The resident set size of a process in MB, from /proc.
    static func rss(_ pid: String) -> Double {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
            let kb = Double(line.split(separator: " ").dropFirst().first ?? "")
        else { return .nan }
        return kb / 1024
    }
}
