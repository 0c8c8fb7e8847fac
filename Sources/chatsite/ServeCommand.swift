import APISpec
import ArgumentParser
import DevServer
import Foundation
import Logging

/// `chatsite serve`: the chat backend and the site on one port.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the whole chat backend (REST, WebSocket, local sign-in, storage) and the site.",
        discussion: """
            Serves the site, the REST API of the spec under its local server's path (/api), the realtime \
            WebSocket (/ws), a Cognito-style local sign-in (/login, /oauth2/token, /.well-known/jwks.json) \
            and /metrics, on one port. Stop it with Ctrl-C.
            """
    )

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0 picks a free one).")
    var port = 8080

    @Option(help: "Where data lives: sqlite:PATH, or memory for a throwaway run.")
    var store = "sqlite:.chatsite/dev.sqlite"

    @Flag(help: "Start with an empty database.")
    var reset = false

    @Option(help: "A JSON file of users, rooms and messages to load at start.", completion: .file(extensions: ["json"]))
    var seed: String?

    @Option(help: "The API spec.")
    var spec = "OpenAPI/chat-api.yaml"

    @Option(help: "The site folder.")
    var site = "Site"

    @Option(help: "Seconds a WebSocket may stay silent before it is closed (API Gateway: 600).")
    var idleTimeout: Double = 600

    @Option(help: "Log level: trace, debug, info, notice, warning, error.")
    var logLevel: Logger.Level = .info

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0 to 65535, not \(port)") }
        guard store == "memory" || store.hasPrefix("sqlite:") && store.count > 7 else {
            throw ValidationError("--store must be 'memory' or 'sqlite:PATH', not '\(store)'")
        }
        guard idleTimeout > 0, idleTimeout.isFinite else {
            throw ValidationError("--idle-timeout must be a positive number of seconds, not \(idleTimeout)")
        }
    }

    func run() async throws {
        let started = ContinuousClock.now
        let loaded = SpecLoader().load(path: spec)
        for diagnostic in loaded.diagnostics { FileHandle.standardError.write(Data("\(diagnostic)\n".utf8)) }
        if loaded.failed() { throw ExitCode(1) }
        var options = ChatServer.Options()
        options.host = host
        options.port = port
        options.store = store == "memory" ? .memory : .sqlite(String(store.dropFirst("sqlite:".count)))
        options.reset = reset
        options.siteDirectory = site
        options.idleTimeout = idleTimeout
        var logger = Logger(label: "chatsite")
        logger.logLevel = logLevel
        let server = try await ChatServer(options: options, spec: loaded, logger: logger)
        if let seed {
            do {
                let counts = try await SeedData.load(path: seed, into: server.service)
                print("seeded \(counts.users) users, \(counts.rooms) rooms, \(counts.messages) messages from \(seed)")
            } catch {
                FileHandle.standardError.write(Data("\(seed): error: \(error)\n".utf8))
                throw ExitCode(1)
            }
        }
        let (host, configuredPort) = (options.host, options.port)
        let application = server.application { channel in
            let port = channel.localAddress?.port ?? configuredPort
            let base = "http://\(host):\(port)"
            let elapsed = ContinuousClock.now - started
            // Written straight to the file handle: stdout may be a pipe, and the banner must not wait in a buffer.
            let banner = """
                chatsite serve: ready in \(elapsed.formatted(.units(allowed: [.milliseconds])))
                  site       \(base)/
                  api        \(base)\(server.apiBasePath)
                  websocket  ws://\(host):\(port)\(server.realtimePath)
                  sign-in    \(base)/login
                  metrics    \(base)/metrics

                """
            FileHandle.standardOutput.write(Data(banner.utf8))
        }
        do {
            try await application.runService()
        } catch {
            server.close()
            var message = "chatsite serve: cannot serve on \(host):\(configuredPort): \(error)"
            if "\(error)".contains("Address already in use") {
                message += "\n  another process listens there; stop it or pick another --port (0 picks a free one)"
            }
            FileHandle.standardError.write(Data((message + "\n").utf8))
            throw ExitCode(1)
        }
        server.close()
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
