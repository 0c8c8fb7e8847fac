import APISpec
import ChatBackend
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import HummingbirdWebSocket
import Logging
import NIOCore
import OpenAPIKit
import SiteBuilder

/// `chatsite serve`: the whole chat backend (REST from the spec, local sign-in, realtime) and the
/// site, on one port in one process.
public struct ChatServer: Sendable {
    public struct Options: Sendable {
        public enum Store: Sendable, Equatable {
            case sqlite(String)
            case memory
        }

        public var host = "127.0.0.1"
        public var port = 8080
        public var store = Store.sqlite(".chatsite/dev.sqlite")
        public var reset = false
        public var siteDirectory = "Site"
        /// The folder inside the site for the generated JS SDK, and the API reference page (as in chatsite.yaml).
        public var sdkFolder: String? = "sdk"
        public var referencePath: String? = "reference.html"
        /// The folder the signing key is kept in (`.chatsite/` under the working folder, wherever the
        /// database is), so tokens survive a restart; nil, or a memory store, keeps the key in memory.
        public var stateDirectory: String? = ".chatsite"
        /// Seconds a WebSocket may stay silent before it is closed (API Gateway's idle timeout).
        public var idleTimeout: Double = 600
        /// Frames a WebSocket may fall behind before it is closed as too slow.
        public var queueLimit = 512
        /// Seconds a new connection has to send its first request head (408 after that).
        public var headTimeout: Double = 30

        public init() {}
    }

    public let options: Options
    public let spec: LoadedSpec
    public let service: ChatService
    public let auth: LocalAuth
    public let hub: RealtimeHub
    public let metrics = ServerMetrics()
    let sequencer = EventSequencer()
    /// The port the server really listens on, which differs from `options.port` when that is 0.
    let boundPort = BoundPort()
    /// The base path of the REST API: the path of the spec's first local server (`/api`).
    public let apiBasePath: String
    /// The WebSocket path and where the upgrade looks for the token, from `x-chatsite-realtime`.
    public let realtimePath: String
    let tokenQuery: String
    let tokenCookie: String
    let store: SQLiteChatStore
    let logger: Logger
    /// The site, built in memory and rebuilt on change.
    let site: SiteHost
    /// The headers every site response carries: the same policy `chatsite build` writes for CloudFront.
    let securityHeaders: SecurityHeaders

    /// Opens the store and keys; fails with a message fit for the terminal.
    public init(options: Options, spec: LoadedSpec, logger: Logger) async throws {
        self.options = options
        self.spec = spec
        self.logger = logger
        apiBasePath = Self.apiBasePath(spec)
        realtimePath = spec.realtime?.path ?? "/ws"
        tokenQuery = spec.realtime?.tokenQuery ?? "token"
        tokenCookie = spec.realtime?.tokenCookie ?? "id_token"
        switch options.store {
        case .memory:
            store = try SQLiteChatStore()
        case .sqlite(let path):
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            }
            if options.reset {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            }
            store = try SQLiteChatStore(path: path)
        }
        service = ChatService(store: store)
        hub = RealtimeHub(
            service: service, metrics: metrics, queueLimit: options.queueLimit, idleTimeout: options.idleTimeout)
        let keyFile = options.store == .memory ? nil : options.stateDirectory.map { $0 + "/signing-key.pem" }
        // Same-origin only: the API, WebSocket and sign-in all live on this server ('self').
        securityHeaders = try SecurityHeaders()
        var settings = SiteBuilder.Settings(site: options.siteDirectory, config: .served, headers: securityHeaders)
        settings.spec = spec
        settings.sdkFolder = options.sdkFolder
        settings.referencePath = options.referencePath
        settings.extraScripts = [LiveReload.scriptPath]
        site = SiteHost(builder: SiteBuilder(settings: settings), logger: logger)
        auth = try await LocalAuth(
            issuer: "http://\(options.host):\(options.port)", clientId: "chatsitelocal", keyFile: keyFile)
    }

    private static func apiBasePath(_ spec: LoadedSpec) -> String {
        let servers = spec.document?.servers ?? []
        let local =
            servers.first { ["127.0.0.1", "localhost"].contains($0.urlTemplate.url?.host ?? "") } ?? servers.first
        let path = local?.urlTemplate.url?.path ?? "/api"
        return path.hasSuffix("/") ? String(path.dropLast()) : path
    }

    func clientConfig() async -> ClientConfig {
        let hostPort = "\(options.host):\(await boundPort.value ?? options.port)"
        let baseURL = "http://" + hostPort
        return ClientConfig(
            region: "us-east-1", userPoolId: "us-east-1_chatsitelocal", userPoolClientId: auth.clientId,
            cognitoDomain: baseURL, redirectUri: baseURL + "/", apiUrl: baseURL + apiBasePath,
            websocketUrl: "ws://\(hostPort)" + realtimePath)
    }

    /// The HTTP router: API routes from the spec, sign-in, metrics and the static site.
    public func router() -> Router<ChatRequestContext> {
        let router = Router(context: ChatRequestContext.self)
        router.middlewares.add(RequestMiddleware(metrics: metrics, logger: logger))
        let ownPaths = [
            apiBasePath + "/", realtimePath, "/oauth2/", "/login", "/logout", "/.well-known/",
            "/@connections", "/metrics", "/config.json", LiveReload.prefix,
        ]
        router.middlewares.add(SiteFiles(host: site, excluding: ownPaths, security: securityHeaders))
        LiveReload(host: site).register(on: router)
        SpecRoutes(
            spec: spec, basePath: apiBasePath, auth: auth,
            handlers: APIHandlers(service: service, hub: hub, sequencer: sequencer, config: clientConfig).table
        )
        .register(on: router)
        AuthRoutes(auth: auth, service: service).register(on: router)
        ConnectionsRoutes(hub: hub).register(on: router)
        // The site's runtime config (what `chatsite build --config-mode runtime` writes), pointing here.
        router.get("/config.json") { [self] _, _ in
            var response = try JSON.response(await clientConfig())
            response.headers[.cacheControl] = "no-cache"
            return response
        }
        router.get("/metrics") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                body: .init(byteBuffer: ByteBuffer(string: metrics.text)))
        }
        router.get(RouterPath(realtimePath)) { request, _ -> Response in
            throw APIError.unauthorized(
                "Open this path as a WebSocket with a valid ID token in ?token= or the id_token cookie.")
        }
        return router
    }

    /// The application, with WebSocket upgrades on the realtime path.
    public func application(
        onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let socket = RealtimeSocket(
            auth: auth, hub: hub, tokenQuery: tokenQuery, tokenCookie: tokenCookie,
            actions: RealtimeActions(spec: spec, service: service, hub: hub, sequencer: sequencer), logger: logger)
        return Application(
            router: router(),
            server: HTTPServerBuilder { [options] responder in
                GuardedUpgradeChannel(
                    upgrade: HTTP1WebSocketUpgradeChannel(
                        responder: responder,
                        configuration: .init(
                            ws: .init(
                                maxFrameSize: 32 * 1024, autoPing: .enabled(timePeriod: .seconds(30)),
                                validateUTF8: true)
                        )
                    ) { request, channel, _ in
                        try await socket.shouldUpgrade(request, channel: channel, path: realtimePath)
                    },
                    headTimeout: .nanoseconds(Int64(options.headTimeout * 1e9)))
            },
            configuration: .init(address: .hostname(options.host, port: options.port), serverName: "chatsite"),
            onServerRunning: { [boundPort, site] channel in
                if let port = channel.localAddress?.port { await boundPort.set(port) }
                await site.startWatching()
                await onServerRunning(channel)
            },
            logger: logger)
    }

    /// Flushes the database on shutdown.
    public func close() {
        try? store.checkpoint()
        Task { [site] in await site.stopWatching() }
    }
}

/// The port a running server listens on.
actor BoundPort {
    private(set) var value: Int?

    func set(_ port: Int) { value = port }
}
