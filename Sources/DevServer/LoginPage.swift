import ChatBackend
import Hummingbird
import SiteBuilder

/// The local sign-in page: pick a user or type a new user name.
struct LoginPage {
    var query: Parameters
    var users: [User]
    var clientId: String

    var html: String {
        func field(_ name: String, _ fallback: String) -> String {
            let value = query[name[...]].map(String.init) ?? fallback
            return "<input type=\"hidden\" name=\"\(name)\" value=\"\(escape(value))\">"
        }
        let hidden = [
            field("client_id", clientId), field("redirect_uri", "/"), field("response_type", "code"),
            field("state", ""), field("scope", "openid email profile"),
        ].joined(separator: "\n      ")
        let choices = users.map { user in
            "<button type=\"submit\" name=\"username\" value=\"\(escape(user.username))\">\(escape(user.displayName))</button>"
        }.joined(separator: "\n        ")
        return """
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>Sign in · chatsite (local)</title>
              <link rel="icon" href="data:,">
              <style>
                body { font: 16px system-ui, sans-serif; max-width: 26rem; margin: 3rem auto; padding: 0 1rem; }
                button, input[type=text] { font: inherit; padding: .5rem .75rem; margin: .25rem 0; }
                .users button { display: block; width: 100%; text-align: left; }
              </style>
            </head>
            <body>
              <main>
                <h1>Sign in</h1>
                <p>Local sign-in of <code>chatsite serve</code>: no password; tokens are signed like Cognito's.</p>
                <form method="post" action="/login" class="users">
                  \(hidden)
                  \(choices)
                </form>
                <!-- A form of its own, so Enter in the field signs in the name typed, not the first user listed. -->
                <form method="post" action="/login">
                  \(hidden)
                  <label for="username">Or a user name</label>
                  <input id="username" type="text" name="new_username" autocomplete="username" pattern="[A-Za-z0-9_.\\-]{1,32}" autofocus>
                  <button type="submit">Sign in</button>
                </form>
              </main>
            </body>
            </html>
            """
    }

    private func escape(_ text: String) -> String { HTMLEscaping.escape(text) }
}
