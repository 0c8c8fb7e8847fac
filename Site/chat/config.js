// The frontend's configuration: region, Cognito pool, client and domain, redirect URI, and the
// REST and WebSocket URLs.
//
// `chatsite build` delivers it one of two ways:
// - inline mode: a `<script id="chatsite-config" type="application/json">` in every page's
//   `<head>` (data, not code, so the CSP's `script-src 'self'` does not block it);
// - runtime mode: one `/config.json` beside the pages (`chatsite serve` answers it too), so one
//   build artifact serves every stage.

const KEYS = ["region", "userPoolId", "userPoolClientId", "cognitoDomain", "redirectUri", "apiUrl", "websocketUrl"];

/** Reads the inline config, or fetches `/config.json`; rejects with a readable reason. */
export async function loadConfig() {
  let config;
  const inline = document.getElementById("chatsite-config");
  if (inline) {
    try {
      config = JSON.parse(inline.textContent);
    } catch {
      throw new Error("The page's inline configuration (#chatsite-config) is not valid JSON.");
    }
  } else {
    let response;
    try {
      response = await fetch("/config.json", { headers: { accept: "application/json" }, cache: "no-cache" });
    } catch {
      throw new Error("The configuration (/config.json) could not be loaded: the server is not reachable.");
    }
    if (!response.ok) throw new Error(`The configuration (/config.json) could not be loaded: HTTP ${response.status}.`);
    try {
      config = await response.json();
    } catch {
      throw new Error("The configuration (/config.json) is not valid JSON.");
    }
  }
  const missing = KEYS.filter((key) => typeof config?.[key] !== "string" || config[key] === "");
  if (missing.length) throw new Error(`The configuration lacks: ${missing.join(", ")}.`);
  // URLs are used as prefixes below; a trailing slash would double up.
  for (const key of ["cognitoDomain", "apiUrl", "websocketUrl"]) config[key] = config[key].replace(/\/+$/, "");
  return Object.freeze(config);
}
