import ArgumentParser
import ChatClient
import Foundation
import Synchronization

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(help: "The API's base URL (default: $CHAT_SERVER, else the last one logged in to, else \(defaultServer)).")
    var server: String?

    @Flag(help: "Print JSON for scripts instead of text.")
    var json = false

    static let defaultServer = Client.defaultBaseURL.absoluteString

    /// The base URL to use, checked.
    func serverURL(_ store: CredentialStore) throws(ChatError) -> URL {
        let environment = ProcessInfo.processInfo.environment["CHAT_SERVER"].flatMap { $0.isEmpty ? nil : $0 }
        let saved = try store.load().current
        let text = server ?? environment ?? saved ?? Self.defaultServer
        guard let url = URL(string: text.hasSuffix("/") ? String(text.dropLast()) : text),
            url.scheme == "http" || url.scheme == "https", url.host != nil
        else {
            throw ChatError(
                "'\(text)' is not an http(s) URL; give the API's base URL, e.g. --server \(Self.defaultServer)")
        }
        return url
    }
}

/// A signed-in client for one server: the saved ID token, refreshed with the saved refresh
/// token when it has expired or the server answers 401.
struct Session: Sendable {
    let server: URL
    let client: Client
    let store: CredentialStore

    init(_ options: GlobalOptions, store: CredentialStore = .standard()) throws(ChatError) {
        self.store = store
        server = try options.serverURL(store)
        let key = server.absoluteString
        guard let entry = try store.load().servers[key] else {
            throw ChatError("not logged in to \(key); run `chat login --server \(key)` first")
        }
        let tokens = TokenKeeper(entry: entry, server: key, store: store)
        client = Client(
            baseURL: server,
            auth: Auth(cognitoIdToken: .provider { context in try await tokens.token(refresh: context.refresh) }),
            retry: RetryPolicy(maxRetries: 3), timeout: .seconds(30))
    }
}

/// The current tokens of one session, refreshed at most once at a time.
actor TokenKeeper {
    private var entry: CredentialStore.Entry
    private let server: String
    private let store: CredentialStore

    init(entry: CredentialStore.Entry, server: String, store: CredentialStore) {
        self.entry = entry
        self.server = server
        self.store = store
    }

    /// The ID token; a new one when `refresh` is set (the last was refused) or this one has expired.
    func token(refresh: Bool) async throws -> String {
        if refresh || JWT.hasExpired(entry.idToken) {
            try await renew()
        }
        return entry.idToken
    }

    private func renew() async throws {
        guard let refreshToken = entry.refreshToken, let origin = entry.authOrigin, let clientId = entry.clientId else {
            throw ChatError("the saved token for \(server) has expired; run `chat login` again")
        }
        let tokens = try await OAuth(origin: origin, clientId: clientId).refresh(refreshToken)
        entry.idToken = tokens.idToken
        entry.refreshToken = tokens.refreshToken ?? refreshToken
        let saved = entry
        try store.update { $0.servers[server] = saved }
    }
}

/// Reading a JWT's expiry without verifying it (the server verifies; this only avoids a 401).
enum JWT {
    static func claims(_ token: String) -> [String: Any]? {
        let parts = token.split(separator: ".")
        guard parts.count == 3 else { return nil }
        var base64 = parts[1].replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64) else { return nil }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }

    static func hasExpired(_ token: String, now: Date = Date()) -> Bool {
        guard let expiry = claims(token)?["exp"] as? Double else { return false }
        return Date(timeIntervalSince1970: expiry) <= now.addingTimeInterval(10)
    }
}
