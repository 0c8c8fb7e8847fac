import APISpec
import ChatBackend
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Testing

@testable import DevServer

/// A dev server on an in-memory store, with helpers to sign users in through the real token path.
struct TestServer {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let spec = SpecLoader().load(path: packageRoot.appendingPathComponent("OpenAPI/chat-api.yaml").path)

    let server: ChatServer

    init(
        port: Int = 0, site: String? = nil, idleTimeout: Double = 600, queueLimit: Int = 512, headTimeout: Double = 30
    ) async throws {
        var options = ChatServer.Options()
        options.idleTimeout = idleTimeout
        options.queueLimit = queueLimit
        options.headTimeout = headTimeout
        options.store = .memory
        options.port = port
        options.siteDirectory = site ?? Self.packageRoot.appendingPathComponent("Site").path
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        server = try await ChatServer(options: options, spec: Self.spec, logger: logger)
    }

    /// An ID token for `username`, through /login and /oauth2/token as a browser would get it.
    static func signIn(
        _ username: String, client: some TestClientProtocol
    ) async throws -> (token: String, userId: String) {
        let form =
            "client_id=chatsitelocal&redirect_uri=http%3A%2F%2Fapp.test%2Fcallback&response_type=code&state=xyz"
            + "&new_username=\(username)"
        let location = try await client.execute(
            uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: form)
        ) { response in
            guard response.status == .found, let location = response.headers[.location] else {
                throw TestFailure("sign-in answered \(response.status): \(String(buffer: response.body))")
            }
            return location
        }
        let code = try requireValue(URLComponents(string: location)?.queryItems?.first { $0.name == "code" }?.value)
        let tokens = try await client.execute(
            uri: "/oauth2/token", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(
                string: "grant_type=authorization_code&code=\(code)&redirect_uri=http%3A%2F%2Fapp.test%2Fcallback")
        ) { response in
            try JSONDecoder().decode(TokenSet.self, from: Data(buffer: response.body))
        }
        let userId =
            try await client.execute(
                uri: "/api/me", method: .get, headers: [.authorization: "Bearer \(tokens.idToken)"]
            ) { response in
                try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
            }?["id"] as? String
        return (tokens.idToken, try requireValue(userId))
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

func requireValue<T>(_ value: T?, _ message: String = "missing value") throws -> T {
    guard let value else { throw TestFailure(message) }
    return value
}

extension TestClientProtocol {
    /// Sends JSON (or nothing) with an optional token; returns the status, headers and parsed body.
    func call(
        _ method: HTTPRequest.Method, _ uri: String, token: String? = nil, json: String? = nil,
        headers extra: HTTPFields = [:]
    ) async throws -> (status: HTTPResponse.Status, headers: HTTPFields, body: Any?) {
        var headers = extra
        if let token {
            headers[.authorization] = token.hasPrefix("raw:") ? String(token.dropFirst(4)) : "Bearer \(token)"
        }
        if json != nil { headers[.contentType] = "application/json" }
        return try await execute(uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
        {
            response in
            let data = Data(buffer: response.body)
            if uri.hasPrefix("/api/") {
                for problem in SpecResponseChecker.shared.problems(
                    method: method, uri: uri, status: response.status.code, body: data)
                {
                    Issue.record("response violates the spec: \(problem)")
                }
            }
            return (
                response.status, response.headers, data.isEmpty ? nil : try? JSONSerialization.jsonObject(with: data)
            )
        }
    }
}
