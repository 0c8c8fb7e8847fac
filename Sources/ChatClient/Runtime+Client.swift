// The chatsite Swift client runtime: the HTTP client. Written by hand, copied unchanged into
// every generated client; the generated part adds one method per operation to `Client`.
import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The API client: base URL, credentials, retry policy, timeout and transport. A value type;
/// change a copy for one call with ``with(_:)``.
///
/// ```swift
/// let client = Client(auth: Auth(/* a credential per security scheme */), retry: RetryPolicy())
/// let faster = client.with { $0.timeout = .seconds(2) }
/// ```
public struct Client: Sendable {
    /// The API's base URL; paths are appended to it.
    public var baseURL: URL
    /// Credentials by security scheme; each operation uses the ones it requires.
    public var auth: Auth
    /// Retries for idempotent requests; nil (the default) never retries.
    public var retry: RetryPolicy?
    /// The longest a call may take, retries included; nil for no limit.
    public var timeout: Duration?
    /// Headers sent with every request (credentials and parameters override them).
    public var headers: [String: String]
    /// What sends the requests: a `URLSession` by default.
    public var transport: any HTTPTransport

    public init(
        baseURL: URL = Client.defaultBaseURL, auth: Auth = Auth(), retry: RetryPolicy? = nil,
        timeout: Duration? = nil, headers: [String: String] = [:],
        transport: any HTTPTransport = URLSessionTransport()
    ) {
        self.baseURL = baseURL
        self.auth = auth
        self.retry = retry
        self.timeout = timeout
        self.headers = headers
        self.transport = transport
    }

    /// A copy with `change` applied, e.g. for one call's headers or timeout.
    public func with(_ change: (inout Client) -> Void) -> Client {
        var copy = self
        change(&copy)
        return copy
    }
}

/// Sends one HTTP request. Implement it to use another HTTP stack, or to test without a server.
public protocol HTTPTransport: Sendable {
    func send(_ request: URLRequest) async throws -> (Data, HTTPURLResponse)
}

/// Sends requests with a `URLSession`; cancelling the calling task cancels the request.
public struct URLSessionTransport: HTTPTransport {
    public let session: URLSession

    public init(session: URLSession = .shared) {
        self.session = session
    }

    public func send(_ request: URLRequest) async throws -> (Data, HTTPURLResponse) {
        let (data, response) = try await session.data(for: request)
        guard let http = response as? HTTPURLResponse else { throw URLError(.badServerResponse) }
        return (data, http)
    }
}

/// A credential for one security scheme.
public struct Credential: Sendable {
    enum Value: Sendable {
        case secret(String)
        case basic(username: String, password: String)
        case provider(@Sendable (CredentialContext) async throws -> String?)
    }
    let value: Value

    /// A bearer token (also OAuth 2 and OpenID Connect) or an API key.
    public static func token(_ token: String) -> Credential { Credential(value: .secret(token)) }

    /// A user name and password for HTTP basic authentication.
    public static func basic(username: String, password: String) -> Credential {
        Credential(value: .basic(username: username, password: password))
    }

    /// A token fetched for each request. After an HTTP 401 the request is sent once more with a
    /// token asked for with `context.refresh` set; return nil for none.
    public static func provider(_ fetch: @escaping @Sendable (CredentialContext) async throws -> String?) -> Credential {
        Credential(value: .provider(fetch))
    }
}

/// What a credential provider is told.
public struct CredentialContext: Sendable {
    /// True when the last token was rejected (HTTP 401): return a fresh one.
    public var refresh: Bool
    /// The operation about to be sent.
    public var operationID: String
}

/// How a security scheme sends its credential.
enum SecurityScheme: Sendable {
    case bearer
    case basic
    case apiKey(location: String, name: String)
}

/// Retries of idempotent requests (GET, HEAD, OPTIONS, PUT, DELETE, and POSTs the spec makes
/// idempotent) after network errors and HTTP 408, 429, 502, 503 and 504, with full-jitter
/// exponential backoff. A `Retry-After` header is honoured, up to `maxDelay`.
public struct RetryPolicy: Sendable {
    /// Retries after the first attempt.
    public var maxRetries: Int
    public var minDelay: Duration
    public var maxDelay: Duration

    public init(maxRetries: Int = 2, minDelay: Duration = .milliseconds(200), maxDelay: Duration = .seconds(10)) {
        self.maxRetries = maxRetries
        self.minDelay = minDelay
        self.maxDelay = maxDelay
    }

    /// The wait before retry `attempt` (0 for the first retry).
    func delay(_ attempt: Int, retryAfter: Duration?) -> Duration {
        if let retryAfter { return min(maxDelay, max(.zero, retryAfter)) }
        let ceiling = min(maxDelay, minDelay * Double(1 << min(attempt, 20)))
        return ceiling * Double.random(in: 0...1)
    }

    static let retryableStatuses: Set<Int> = [408, 429, 502, 503, 504]
}

/// An HTTP response as received.
public struct HTTPResponse: Sendable {
    public let status: Int
    /// Header fields with lower-case names.
    public let headers: [String: String]
    public let body: Data

    public init(status: Int, headers: [String: String], body: Data) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// From `x-request-id`, `x-amzn-requestid` or `x-amz-apigw-id`.
    public var requestID: String? {
        headers["x-request-id"] ?? headers["x-amzn-requestid"] ?? headers["x-amz-apigw-id"]
    }

    func json<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        try JSONCoding.decoder().decode(T.self, from: body)
    }

    func text() -> String { String(decoding: body, as: UTF8.self) }

    /// The retry delay a 429 or 503 asks for: delta-seconds or an HTTP date.
    var retryAfter: Duration? {
        guard status == 429 || status == 503, let value = headers["retry-after"] else { return nil }
        if let seconds = Double(value.trimmingCharacters(in: .whitespaces)) { return .milliseconds(seconds * 1000) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: value) else { return nil }
        return .milliseconds(date.timeIntervalSinceNow * 1000)
    }
}

/// What a `…Raw` method returns: the response typed per status code, with the raw response.
public struct RawResponse<Value: Sendable>: Sendable {
    /// The body decoded as the spec declares it for this status.
    public let value: Value
    public let response: HTTPResponse

    public var status: Int { response.status }
    public var requestID: String? { response.requestID }

    /// The error an easy call throws for this response.
    func error(_ operationID: String) -> APIError {
        APIError(operationID: operationID, response: response, typed: value)
    }
}

/// A response with a status the easy call does not return (anything but its 2xx).
public struct APIError: Error, Sendable, CustomStringConvertible {
    public let operationID: String
    public let status: Int
    /// From `x-request-id`, `x-amzn-requestid` or `x-amz-apigw-id`.
    public let requestID: String?
    public let headers: [String: String]
    /// The body as received.
    public let data: Data
    /// The body as JSON, when it is JSON.
    public let body: JSONValue?
    /// The response typed per status code (the operation's `…Response` enum).
    public let typed: any Sendable

    init(operationID: String, response: HTTPResponse, typed: any Sendable) {
        self.operationID = operationID
        status = response.status
        requestID = response.requestID
        headers = response.headers
        data = response.body
        body = try? JSONCoding.decoder().decode(JSONValue.self, from: response.body)
        self.typed = typed
    }

    /// The body decoded as `type`, e.g. the API's error schema.
    public func decodeBody<T: Decodable>(as type: T.Type) -> T? {
        try? JSONCoding.decoder().decode(T.self, from: data)
    }

    /// The body's `message` (or `error.message`) when it has one.
    public var message: String? {
        body?["message"]?.stringValue ?? body?["error"]?["message"]?.stringValue
    }

    public var description: String {
        "\(operationID): HTTP \(status)" + (message.map { ": " + $0 } ?? "")
    }
}

/// Failures of the client itself (not of the server).
public enum ClientError: Error, Sendable, Equatable {
    /// The call took longer than the client's `timeout`.
    case timedOut
    /// The base URL and path do not make a URL.
    case invalidURL(String)
}

extension Client {
    /// Sends an operation's request: credentials, retries, timeout. Returns any status.
    func send(_ request: OperationRequest) async throws -> HTTPResponse {
        guard let timeout else { return try await attempts(request) }
        return try await withThrowingTaskGroup(of: HTTPResponse.self) { group in
            group.addTask { try await self.attempts(request) }
            group.addTask {
                try await Task.sleep(for: timeout)
                throw ClientError.timedOut
            }
            defer { group.cancelAll() }
            return try await group.next()!
        }
    }

    private func attempts(_ request: OperationRequest) async throws -> HTTPResponse {
        let tries = request.idempotent ? max(0, retry?.maxRetries ?? 0) : 0
        var attempt = 0
        var refreshed = false
        while true {
            try Task.checkCancellation()
            let (urlRequest, usedProvider) = try await self.urlRequest(request, refresh: refreshed)
            let response: HTTPResponse
            do {
                let (data, http) = try await transport.send(urlRequest)
                var headers: [String: String] = [:]
                for (name, value) in http.allHeaderFields {
                    if let name = name as? String, let value = value as? String { headers[name.lowercased()] = value }
                }
                response = HTTPResponse(status: http.statusCode, headers: headers, body: data)
            } catch {
                if error is CancellationError || Task.isCancelled || attempt >= tries || !Self.isTransient(error) {
                    throw error
                }
                try await Task.sleep(for: retry!.delay(attempt, retryAfter: nil))
                attempt += 1
                continue
            }
            if response.status == 401 && usedProvider && !refreshed {
                refreshed = true
                continue
            }
            guard attempt < tries, RetryPolicy.retryableStatuses.contains(response.status) else { return response }
            try await Task.sleep(for: retry!.delay(attempt, retryAfter: response.retryAfter))
            attempt += 1
        }
    }

    private static func isTransient(_ error: any Error) -> Bool {
        guard let error = error as? URLError else { return false }
        return error.code != .cancelled && error.code != .badURL && error.code != .unsupportedURL
    }

    /// The URL request for one attempt, and whether a credential provider was asked.
    private func urlRequest(_ request: OperationRequest, refresh: Bool) async throws -> (URLRequest, Bool) {
        var headers = headers.map { ($0.key.lowercased(), $0.value) }.sorted { $0.0 < $1.0 } + request.headers
        var query = request.query
        var cookies = request.cookies
        var usedProvider = false
        alternatives: for alternative in request.security {
            var found: [(SecurityScheme, String)] = []
            for name in alternative {
                guard let scheme = Self.securitySchemes[name], let credential = auth.credential(for: name) else {
                    continue alternatives
                }
                let secret: String
                switch credential.value {
                case .secret(let value): secret = value
                case .basic(let username, let password): secret = Data("\(username):\(password)".utf8).base64EncodedString()
                case .provider(let fetch):
                    guard let value = try await fetch(CredentialContext(refresh: refresh, operationID: request.id)) else {
                        continue alternatives
                    }
                    secret = value
                    usedProvider = true
                }
                if secret.isEmpty { continue alternatives }
                found.append((scheme, secret))
            }
            for (scheme, secret) in found {
                switch scheme {
                case .bearer: headers.append(("authorization", "Bearer " + secret))
                case .basic: headers.append(("authorization", "Basic " + secret))
                case .apiKey("query", let name): query.append(ParameterEncoding.encode(name) + "=" + ParameterEncoding.encode(secret))
                case .apiKey("cookie", let name): cookies.append(ParameterEncoding.encode(name) + "=" + ParameterEncoding.encode(secret))
                case .apiKey(_, let name): headers.append((name.lowercased(), secret))
                }
            }
            break
        }
        var text = baseURL.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        text += request.path
        let queryText = query.filter { !$0.isEmpty }.joined(separator: "&")
        if !queryText.isEmpty { text += "?" + queryText }
        guard let url = URL(string: text) else { throw ClientError.invalidURL(text) }
        var urlRequest = URLRequest(url: url)
        urlRequest.httpMethod = request.method
        urlRequest.setValue(request.accept, forHTTPHeaderField: "accept")
        if let contentType = request.contentType { urlRequest.setValue(contentType, forHTTPHeaderField: "content-type") }
        for (name, value) in headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        if !cookies.isEmpty { urlRequest.setValue(cookies.joined(separator: "; "), forHTTPHeaderField: "cookie") }
        urlRequest.httpBody = request.body
        return (urlRequest, usedProvider)
    }
}
