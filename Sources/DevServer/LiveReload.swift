import Foundation
import Hummingbird

/// Live reload for `chatsite serve`: every built page loads `/_chatsite/live.js`, which long-polls
/// `/_chatsite/changes?since=VERSION` and reloads the page when the site was rebuilt. A long poll
/// over `fetch` keeps to the site's CSP (`connect-src 'self'`) and needs no extra socket.
struct LiveReload {
    /// The paths live reload owns.
    static let prefix = "/_chatsite/"
    static let scriptPath = prefix + "live.js"
    static let changesPath = prefix + "changes"

    let host: SiteHost

    func register(on router: Router<ChatRequestContext>) {
        router.get(RouterPath(Self.scriptPath)) { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "no-cache"],
                body: .init(byteBuffer: ByteBuffer(string: Self.script)))
        }
        router.get(RouterPath(Self.changesPath)) { [host] request, _ in
            let since = request.uri.queryParameters.get("since", as: Int.self) ?? 0
            // Short enough that a graceful shutdown, which waits for open requests, is not held up long.
            let version = await host.change(after: since, timeout: .seconds(5))
            return Response(
                status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"],
                body: .init(byteBuffer: ByteBuffer(string: #"{"version":\#(version)}"#)))
        }
    }

    static let script = """
        // chatsite serve: reloads this page when the site is rebuilt (not part of built sites).
        let version = null;
        for (;;) {
          try {
            const response = await fetch(`\(changesPath)?since=${version ?? 0}`, { cache: "no-store" });
            const next = (await response.json()).version;
            if (version !== null && next !== version) {
              location.reload();
              break;
            }
            version = next;
          } catch {
            await new Promise((resolve) => setTimeout(resolve, 1000));
          }
        }

        """
}
