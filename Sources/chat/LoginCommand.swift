import ArgumentParser
import ChatClient
import Foundation

/// `chat login`: signs in through the server's local sign-in, or saves a pasted token.
struct LoginCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "login",
        abstract: "Sign in and save the tokens for this server.",
        discussion: """
            With --user, signs in through the local sign-in of `chatsite serve` (the user is made on \
            first sign-in). With --token, saves an ID token you already have (`-` reads it from \
            standard input), e.g. one from a deployed Cognito user pool.
            """
    )

    @OptionGroup var options: GlobalOptions

    @Option(help: "The user name to sign in as (local sign-in).")
    var user: String?

    @Option(help: "An ID token to save instead, or - to read it from standard input.")
    var token: String?

    func validate() throws {
        guard (user == nil) != (token == nil) else { throw ValidationError("give either --user NAME or --token TOKEN") }
    }

    func run() async throws {
        let store = CredentialStore.standard()
        let server: URL
        do { server = try options.serverURL(store) } catch { throw fail(error) }
        do {
            let entry = try await signIn(server)
            try store.update {
                $0.servers[server.absoluteString] = entry
                $0.current = server.absoluteString
            }
            let me = try await Session(options, store: store).client.getMe()
            if options.json {
                try Output.json(["server": server.absoluteString, "userId": me.id, "username": me.username])
            } else {
                Output.say("logged in to \(server.absoluteString) as \(me.username) (\(me.displayName))")
            }
        } catch {
            throw fail(ChatError.explaining(error, server: server.absoluteString))
        }
    }

    private func signIn(_ server: URL) async throws -> CredentialStore.Entry {
        if let token {
            let text = token == "-" ? (readLine(strippingNewline: true) ?? "") : token
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            let raw = trimmed.hasPrefix("Bearer ") ? String(trimmed.dropFirst(7)) : trimmed
            guard JWT.claims(raw) != nil else {
                throw ChatError("the token is not a JWT (three base64url parts); paste the ID token itself")
            }
            return CredentialStore.Entry(idToken: raw)
        }
        let config = try await Client(baseURL: server).getConfig()
        let tokens = try await OAuth(origin: config.cognitoDomain, clientId: config.userPoolClientId)
            .signIn(username: user ?? "", redirectURI: config.redirectUri)
        return CredentialStore.Entry(
            idToken: tokens.idToken, refreshToken: tokens.refreshToken, authOrigin: config.cognitoDomain,
            clientId: config.userPoolClientId, username: user)
    }
}

/// `chat logout`: forgets this server's tokens.
struct LogoutCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "logout", abstract: "Forget the saved tokens.")

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        let store = CredentialStore.standard()
        do {
            let server = try options.serverURL(store).absoluteString
            try store.update {
                $0.servers[server] = nil
                if $0.current == server { $0.current = nil }
            }
            if !options.json { Output.say("logged out of \(server)") }
        } catch {
            throw fail(error)
        }
    }
}
