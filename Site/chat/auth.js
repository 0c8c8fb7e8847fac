// Sign-in through the Cognito hosted UI (authorization code grant, with PKCE where the browser
// allows it), token refresh and sign-out. `chatsite serve` implements the same endpoints
// locally: /oauth2/authorize → /login → back here with ?code&state → POST /oauth2/token.
//
// Where the tokens live: sessionStorage. It survives reloads (the requirement) but not the tab,
// which (1) bounds how long the 30-day refresh token sits in the browser, and (2) lets a
// developer be a different user in each tab, which is how a chat gets tried out locally. With
// real Cognito a new tab signs in again through the hosted UI's own session cookie, usually
// without a prompt. (localStorage would not protect against XSS any better; the app's defence
// there is that it never turns text into HTML, and the CSP.)

const SESSION_KEY = "chatsite.session";
const FLOW_KEY = "chatsite.signin"; // state and PKCE verifier of a sign-in in progress
// Refresh this long before the ID token expires, so calls never race the expiry.
const REFRESH_MARGIN_MS = 60_000;

function base64url(bytes) {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function randomString(length = 32) {
  return base64url(crypto.getRandomValues(new Uint8Array(length)));
}

/** The claims of a JWT (not verified: the API verifies it; the app only reads names and expiry). */
export function decodeJwt(token) {
  const part = token.split(".")[1] ?? "";
  const padded = part.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((part.length + 3) % 4);
  const bytes = Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

/** Raised when the session cannot be continued (refresh token rejected): sign in again. */
export class SessionEndedError extends Error {
  constructor(message = "Your session has ended. Please sign in again.") {
    super(message);
    this.name = "SessionEndedError";
  }
}

export class Auth {
  constructor(config) {
    this.config = config;
    this.session = this.#load();
    this.refreshing = null; // the refresh in flight, shared by every caller
    this.timer = 0;
    this.listeners = new Set();
    this.#schedule();
  }

  /** Calls `listener()` when the session ends without the user signing out (refresh failed). */
  onSessionEnded(listener) {
    this.listeners.add(listener);
  }

  get signedIn() {
    return this.session != null;
  }

  /** The ID token's claims: `sub`, `cognito:username`, `email`, `exp`… */
  get claims() {
    return this.session ? decodeJwt(this.session.idToken) : null;
  }

  /** Sends the browser to the hosted UI. */
  async signIn() {
    const state = randomString();
    const flow = { state };
    const url = new URL(this.config.cognitoDomain + "/oauth2/authorize");
    url.searchParams.set("client_id", this.config.userPoolClientId);
    url.searchParams.set("response_type", "code");
    url.searchParams.set("redirect_uri", this.config.redirectUri);
    url.searchParams.set("scope", "openid email profile");
    url.searchParams.set("state", state);
    // PKCE needs SubtleCrypto, which exists only in secure contexts (https, localhost, 127.0.0.1).
    if (crypto.subtle) {
      flow.verifier = randomString(48);
      const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(flow.verifier));
      url.searchParams.set("code_challenge", base64url(new Uint8Array(digest)));
      url.searchParams.set("code_challenge_method", "S256");
    }
    sessionStorage.setItem(FLOW_KEY, JSON.stringify(flow));
    location.assign(url.href);
  }

  /**
   * Finishes a sign-in when the page was opened by the hosted UI's redirect (`?code=&state=`, or
   * `?error=`). Returns true when it signed in; throws with a readable message when the redirect
   * carries an error or does not match a sign-in this tab started. Cleans the URL either way.
   */
  async completeSignIn() {
    const params = new URLSearchParams(location.search);
    const code = params.get("code");
    const state = params.get("state");
    const error = params.get("error");
    const description = params.get("error_description");
    if (!code && !error) return false;
    const flow = JSON.parse(sessionStorage.getItem(FLOW_KEY) ?? "null");
    sessionStorage.removeItem(FLOW_KEY);
    // Remove code and state from the address bar and history, keeping any other parameters.
    for (const key of ["code", "state", "error", "error_description"]) params.delete(key);
    const query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);

    if (error) throw new Error(`Sign-in failed: ${description || error}.`);
    // The state ties the redirect to a sign-in this tab started (no login CSRF).
    if (!flow || flow.state !== state) {
      throw new Error("This sign-in was not started from this tab (or it expired). Please sign in again.");
    }
    return this.#exchange(code, flow);
  }

  async #exchange(code, flow) {
    const form = new URLSearchParams({
      grant_type: "authorization_code",
      client_id: this.config.userPoolClientId,
      code,
      redirect_uri: this.config.redirectUri,
    });
    if (flow?.verifier) form.set("code_verifier", flow.verifier);
    const tokens = await this.#token(form);
    this.#store(tokens);
    return true;
  }

  /**
   * The current ID token, refreshed first when it expires within a minute or when `forceRefresh`
   * is set (the SDK asks for that after a 401). Throws SessionEndedError when signed out.
   */
  async getIdToken({ forceRefresh = false } = {}) {
    if (!this.session) throw new SessionEndedError();
    if (forceRefresh || this.session.expiresAt - Date.now() < REFRESH_MARGIN_MS) await this.refresh();
    return this.session.idToken;
  }

  /** Refreshes the tokens once, however many callers ask at the same time. */
  refresh() {
    this.refreshing ??= this.#refresh().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  async #refresh() {
    const session = this.session;
    if (!session?.refreshToken) throw new SessionEndedError();
    const form = new URLSearchParams({
      grant_type: "refresh_token",
      client_id: this.config.userPoolClientId,
      refresh_token: session.refreshToken,
    });
    let tokens;
    try {
      tokens = await this.#token(form);
    } catch (error) {
      if (error instanceof SessionEndedError) {
        this.#clear();
        for (const listener of this.listeners) listener();
      }
      throw error;
    }
    // Cognito does not return a new refresh token on refresh; keep the one we have.
    this.#store({ ...tokens, refresh_token: tokens.refresh_token ?? session.refreshToken });
  }

  /** POSTs to the token endpoint; a 4xx means the grant is dead (SessionEndedError). */
  async #token(form) {
    let response;
    try {
      response = await fetch(this.config.cognitoDomain + "/oauth2/token", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
        body: form,
      });
    } catch {
      throw new Error("The sign-in server could not be reached.");
    }
    const body = await response.json().catch(() => ({}));
    if (response.status >= 400 && response.status < 500) {
      throw new SessionEndedError(
        body.error === "invalid_grant" && form.get("grant_type") === "authorization_code"
          ? "The sign-in code was not accepted (it may have been used already). Please sign in again."
          : undefined,
      );
    }
    if (!response.ok || typeof body.id_token !== "string") {
      throw new Error(`The sign-in server answered HTTP ${response.status}.`);
    }
    return body;
  }

  /** Forgets the tokens, revokes the refresh token and leaves through the hosted UI's logout. */
  async signOut() {
    const session = this.session;
    this.#clear();
    if (session?.refreshToken) {
      // Best effort: the hosted UI logout below ends the session even if this fails.
      const form = new URLSearchParams({ token: session.refreshToken, client_id: this.config.userPoolClientId });
      await fetch(this.config.cognitoDomain + "/oauth2/revoke", { method: "POST", body: form }).catch(() => {});
    }
    const url = new URL(this.config.cognitoDomain + "/logout");
    url.searchParams.set("client_id", this.config.userPoolClientId);
    // Back to the site's front page; it must be one of the app client's sign-out URLs.
    url.searchParams.set("logout_uri", new URL("/", this.config.redirectUri).href);
    location.assign(url.href);
  }

  #store(tokens) {
    const claims = decodeJwt(tokens.id_token);
    this.session = {
      idToken: tokens.id_token,
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token,
      // The token's own expiry; expires_in as a fallback.
      expiresAt: claims.exp ? claims.exp * 1000 : Date.now() + (tokens.expires_in ?? 3600) * 1000,
    };
    sessionStorage.setItem(SESSION_KEY, JSON.stringify(this.session));
    this.#schedule();
  }

  #load() {
    try {
      const session = JSON.parse(sessionStorage.getItem(SESSION_KEY) ?? "null");
      return session?.idToken && session.refreshToken ? session : null;
    } catch {
      return null;
    }
  }

  #clear() {
    this.session = null;
    clearTimeout(this.timer);
    sessionStorage.removeItem(SESSION_KEY);
  }

  /** Refreshes ahead of expiry so the WebSocket's next reconnect and the next call find a valid token. */
  #schedule() {
    clearTimeout(this.timer);
    if (!this.session) return;
    const delay = Math.max(5_000, this.session.expiresAt - Date.now() - REFRESH_MARGIN_MS);
    this.timer = setTimeout(() => this.refresh().catch(() => {}), Math.min(delay, 2 ** 31 - 1));
  }
}
