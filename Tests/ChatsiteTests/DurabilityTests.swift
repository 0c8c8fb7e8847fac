import DevServer
import Foundation
import HummingbirdWSClient
import Logging
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `chatsite serve` as a process: a message whose create returned 2xx survives `kill -9`.
@Suite("chatsite serve process")
struct DurabilityTests {
    /// Starts `chatsite serve` in `folder` on a free port; returns the process and its base URL.
    func start(in folder: URL, seed: Bool) throws -> (Process, URL) {
        let process = Process()
        process.executableURL = CommandLineTests.packageRoot.appendingPathComponent(".build/debug/chatsite")
        var arguments = [
            "serve", "--port", "0", "--store", "sqlite:\(folder.path)/.chatsite/dev.sqlite",
            "--spec", CommandLineTests.packageRoot.appendingPathComponent("OpenAPI/chat-api.yaml").path,
            "--site", CommandLineTests.packageRoot.appendingPathComponent("Site").path, "--log-level", "warning",
        ]
        if seed { arguments += ["--seed", folder.appendingPathComponent("seed.json").path] }
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        // The banner names the port: "  api        http://127.0.0.1:PORT/api".
        var text = ""
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline, !text.contains("metrics") {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        let line = try #require(text.split(separator: "\n").first { $0.contains("  api ") }, "no banner in: \(text)")
        let url = try #require(URL(string: String(line.split(separator: " ").last!)))
        return (process, url)
    }

    func request(_ method: String, _ url: URL, token: String, json: String? = nil) async throws -> (Int, Data) {
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.setValue(token, forHTTPHeaderField: "Authorization")
        if let json {
            request.httpBody = Data(json.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
    }

    @Test func aCreatedMessageSurvivesKill9() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("chatsite-serve-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(
            #"{"users": [{"id": "u-a", "username": "ann"}, {"id": "u-b", "username": "ben"}]}"#.utf8
        ).write(to: folder.appendingPathComponent("seed.json"))

        let (first, api) = try start(in: folder, seed: true)
        defer { if first.isRunning { first.terminate() } }
        // The key the server keeps in .chatsite/ signs our tokens too; the issuer is its configured address.
        let auth = try await LocalAuth(
            issuer: "http://127.0.0.1:0", clientId: "chatsitelocal", keyFile: folder.path + "/.chatsite/signing-key.pem"
        )
        let token = try await auth.tokens(for: ("u-a", "ann", "ann@local.chatsite")).idToken
        let (status, body) = try await request(
            "POST", api.appendingPathComponent("rooms"), token: token, json: #"{"name": "Kept", "members": ["u-b"]}"#)
        #expect(status == 201)
        let roomId = try #require((try JSONSerialization.jsonObject(with: body) as? [String: Any])?["id"] as? String)
        let messages = api.appendingPathComponent("rooms/\(roomId)/messages")
        let (sent, _) = try await request(
            "POST", messages, token: token, json: #"{"clientId": "k1", "text": "durable"}"#)
        #expect(sent == 201)

        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        #expect(first.terminationReason == .uncaughtSignal)

        let (second, api2) = try start(in: folder, seed: false)
        defer { second.terminate() }
        let (listed, data) = try await request(
            "GET", api2.appendingPathComponent("rooms/\(roomId)/messages"), token: token)
        #expect(listed == 200)
        let items = (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["items"] as? [[String: Any]]
        #expect(items?.compactMap { $0["text"] as? String } == ["durable"])
    }

    @Test func sigtermClosesSocketsWithACloseFrameAndCheckpoints() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("chatsite-term-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(#"{"users": [{"id": "u-a", "username": "ann"}]}"#.utf8).write(
            to: folder.appendingPathComponent("seed.json"))
        let (server, api) = try start(in: folder, seed: true)
        defer { if server.isRunning { server.terminate() } }
        let auth = try await LocalAuth(
            issuer: "http://127.0.0.1:0", clientId: "chatsitelocal", keyFile: folder.path + "/.chatsite/signing-key.pem"
        )
        let token = try await auth.tokens(for: ("u-a", "ann", "ann@local.chatsite")).idToken
        let socket = "ws://127.0.0.1:\(api.port!)/ws?token=\(token)"
        let connected = AsyncStream<Void>.makeStream()
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let client = Task {
            try await WebSocketClient.connect(url: socket, logger: logger) { inbound, _, _ in
                connected.continuation.yield()
                for try await _ in inbound {}
            }
        }
        var iterator = connected.stream.makeAsyncIterator()
        await iterator.next()
        server.terminate()  // SIGTERM
        server.waitUntilExit()
        let close = try await client.value
        #expect(close != nil, "a close frame, not a dropped connection")
        #expect([.normalClosure, .goingAway].contains(close?.closeCode))
        #expect(server.terminationStatus == 0)
        let wal = folder.path + "/.chatsite/dev.sqlite-wal"
        let walSize = (try? FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int) ?? 0
        #expect(walSize == 0, "the WAL is checkpointed into the database at shutdown")
    }

    @Test func aTakenPortIsAClearError() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("chatsite-port-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let (first, api) = try start(in: folder, seed: false)
        defer { first.terminate() }
        let second = Process()
        second.executableURL = CommandLineTests.packageRoot.appendingPathComponent(".build/debug/chatsite")
        second.arguments = [
            "serve", "--store", "memory", "--port", String(api.port!),
            "--spec", CommandLineTests.packageRoot.appendingPathComponent("OpenAPI/chat-api.yaml").path,
        ]
        let errors = Pipe()
        second.standardError = errors
        second.standardOutput = Pipe()
        try second.run()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        second.waitUntilExit()
        #expect(second.terminationStatus == 1)
        #expect(text.contains("cannot serve on 127.0.0.1:\(api.port!)"))
        #expect(text.contains("another process listens there; stop it or pick another --port"))
    }
}
