import ChatBackend
import Foundation
import HTTPTypes
import Hummingbird

/// The local sign-in, in the shape of Cognito's hosted UI and OAuth2 endpoints: `/oauth2/authorize`
/// → `/login` (pick or type a user name) → a code (or, with `response_type=token`, tokens in the
/// fragment) → `/oauth2/token`, plus refresh, `/.well-known/jwks.json`, `/logout` and `/oauth2/revoke`.
struct AuthRoutes: Sendable {
    let auth: LocalAuth
    let service: ChatService

    func register(on router: Router<ChatRequestContext>) {
        router.get("/oauth2/authorize") { request, _ -> Response in
            Response(status: .found, headers: [.location: "/login" + (request.uri.query.map { "?" + $0 } ?? "")])
        }
        router.get("/login") { request, _ -> Response in
            let users = try await service.users(limit: 50).items
            return Self.html(LoginPage(query: request.uri.queryParameters, users: users, clientId: auth.clientId).html)
        }
        router.post("/login") { request, context -> Response in
            let form = try await Self.form(request, context)
            // A user button sends `username`; the text field sends `new_username`.
            let picked = form["username"].flatMap { $0.isEmpty ? nil : $0 } ?? form["new_username"] ?? ""
            let username = picked.trimmingCharacters(in: .whitespaces).lowercased()
            guard username.wholeMatch(of: /[a-z0-9_.-]{1,32}/) != nil else {
                throw APIError.validation([
                    .init(pointer: "/body/new_username", message: "Use 1 to 32 letters, digits, '.', '_' or '-'.")
                ])
            }
            guard form["client_id"] == auth.clientId else {
                throw APIError(.badRequest, "invalid_client", "Unknown client_id; this server's is '\(auth.clientId)'.")
            }
            guard let redirect = form["redirect_uri"], let target = URLComponents(string: redirect),
                target.scheme != nil
            else { throw APIError(.badRequest, "invalid_request", "redirect_uri must be an absolute URL.") }
            let user = try await signIn(username)
            var components = target
            if form["response_type"] == "token" {
                let tokens = try await auth.tokens(for: (user.id, user.username, "\(user.username)@local.chatsite"))
                var fragment = [
                    "id_token=\(tokens.idToken)", "access_token=\(tokens.accessToken)", "token_type=Bearer",
                    "expires_in=\(tokens.expiresIn)",
                ]
                if let state = form["state"] { fragment.append("state=\(Self.escape(state))") }
                components.fragment = fragment.joined(separator: "&")
            } else {
                var items = components.queryItems ?? []
                items.append(
                    URLQueryItem(name: "code", value: auth.issueCode(username: user.username, redirectURI: redirect)))
                if let state = form["state"] { items.append(URLQueryItem(name: "state", value: state)) }
                components.queryItems = items
            }
            return Response(status: .found, headers: [.location: components.string ?? redirect])
        }
        router.post("/oauth2/token") { request, context -> Response in
            let form = try await Self.form(request, context)
            let tokens: TokenSet
            switch form["grant_type"] {
            case "authorization_code":
                guard let code = form["code"],
                    let username = auth.redeem(code: code, redirectURI: form["redirect_uri"]),
                    let user = try await service.store.user(username: username)
                else { throw APIError(.badRequest, "invalid_grant", "The code is unknown, used or expired.") }
                tokens = try await auth.tokens(for: (user.id, user.username, "\(user.username)@local.chatsite"))
            case "refresh_token":
                do {
                    tokens = try await auth.refresh(form["refresh_token"] ?? "")
                } catch {
                    throw APIError(.badRequest, "invalid_grant", "The refresh token is not valid.")
                }
            default:
                throw APIError(
                    .badRequest, "unsupported_grant_type", "grant_type must be authorization_code or refresh_token.")
            }
            var response = try JSON.response(tokens)
            response.headers[.cacheControl] = "no-store"
            return response
        }
        router.post("/oauth2/revoke") { request, context -> Response in
            await auth.revoke(try await Self.form(request, context)["token"] ?? "")
            return Response(status: .ok)
        }
        router.get("/.well-known/jwks.json") { _, _ in try JSON.response(try auth.jwks()) }
        router.get("/logout") { request, _ -> Response in
            let target = request.uri.queryParameters["logout_uri"].map(String.init) ?? "/"
            var response = Response(status: .found, headers: [.location: target])
            response.headers[.setCookie] = "id_token=; Path=/; Max-Age=0; SameSite=Lax"
            return response
        }
    }

    /// Finds or creates the user signing in.
    func signIn(_ username: String) async throws -> User {
        if let user = try await service.store.user(username: username) { return user }
        return try await service.register(
            id: UUID().uuidString.lowercased(), username: username, displayName: username.capitalized)
    }

    static func form(_ request: Request, _ context: ChatRequestContext) async throws -> [String: String] {
        let buffer = try await request.body.collect(upTo: 64 * 1024)
        let text = String(buffer: buffer).replacingOccurrences(of: "+", with: " ")
        var result: [String: String] = [:]
        for item in URLComponents(string: "?" + text)?.queryItems ?? [] { result[item.name] = item.value ?? "" }
        return result
    }

    static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }

    static func html(_ text: String) -> Response {
        Response(
            status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
