import Crypto
import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The OAuth 2 endpoints of a Cognito-style hosted UI (`chatsite serve`'s local sign-in has the
/// same shape): the authorization code flow with PKCE, and refresh.
struct OAuth: Sendable {
    struct Tokens: Decodable {
        var idToken: String
        var refreshToken: String?

        enum CodingKeys: String, CodingKey {
            case idToken = "id_token"
            case refreshToken = "refresh_token"
        }
    }

    /// The hosted UI's origin, e.g. `http://127.0.0.1:8080`.
    let origin: String
    let clientId: String

    /// Signs `username` in through the local sign-in form, as a browser would: `POST /login` with
    /// the authorize parameters, the code from the redirect, then the code exchanged with its
    /// PKCE verifier. Real Cognito's hosted UI needs a browser; use `chat login --token` there.
    func signIn(username: String, redirectURI: String) async throws -> Tokens {
        let verifier = Self.randomURLSafe(32)
        let challenge = Data(SHA256.hash(data: Data(verifier.utf8))).base64URLEncoded
        let state = Self.randomURLSafe(16)
        let form = [
            "username": username, "client_id": clientId, "redirect_uri": redirectURI, "response_type": "code",
            "scope": "openid", "state": state, "code_challenge": challenge, "code_challenge_method": "S256",
        ]
        let (data, response) = try await post("/login", form: form, followRedirects: false)
        guard response.statusCode == 302, let location = response.value(forHTTPHeaderField: "Location"),
            let items = URLComponents(string: location)?.queryItems,
            let code = items.first(where: { $0.name == "code" })?.value
        else {
            throw ChatError(
                "\(origin)/login did not sign \(username) in (HTTP \(response.statusCode)): \(Self.text(data))")
        }
        guard items.first(where: { $0.name == "state" })?.value == state else {
            throw ChatError("\(origin)/login answered with another sign-in's state; try again")
        }
        return try await token([
            "grant_type": "authorization_code", "code": code, "redirect_uri": redirectURI, "client_id": clientId,
            "code_verifier": verifier,
        ])
    }

    func refresh(_ refreshToken: String) async throws -> Tokens {
        try await token(["grant_type": "refresh_token", "refresh_token": refreshToken, "client_id": clientId])
    }

    private func token(_ form: [String: String]) async throws -> Tokens {
        let (data, response) = try await post("/oauth2/token", form: form, followRedirects: true)
        guard response.statusCode == 200, let tokens = try? JSONDecoder().decode(Tokens.self, from: data) else {
            throw ChatError("\(origin)/oauth2/token refused (HTTP \(response.statusCode)): \(Self.text(data))")
        }
        return tokens
    }

    private func post(
        _ path: String, form: [String: String], followRedirects: Bool
    ) async throws -> (Data, HTTPURLResponse) {
        guard let url = URL(string: origin + path) else { throw ChatError("'\(origin)' is not a URL") }
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(
            form.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.formEncoded($0.value))" }
                .joined(separator: "&").utf8)
        let session =
            followRedirects
            ? URLSession.shared : URLSession(configuration: .ephemeral, delegate: NoRedirects(), delegateQueue: nil)
        defer { if !followRedirects { session.finishTasksAndInvalidate() } }
        let (data, response) = try await session.data(for: request)
        guard let http = response as? HTTPURLResponse else { throw ChatError("\(url) did not answer over HTTP") }
        return (data, http)
    }

    static func formEncoded(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }

    static func randomURLSafe(_ count: Int) -> String {
        Data((0..<count).map { _ in UInt8.random(in: 0...255) }).base64URLEncoded
    }

    static func text(_ data: Data) -> String {
        String(decoding: data.prefix(300), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// Stops URLSession at a redirect, so the code in its `Location` can be read.
private final class NoRedirects: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }
}

extension Data {
    var base64URLEncoded: String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
