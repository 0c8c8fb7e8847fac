// Declarations for the chatsite SDK runtime (runtime.js).
/// <reference lib="es2018.asyncgenerator" />
/// <reference lib="es2018.asynciterable" />

/**
 * Where a payload holds date-time strings that become `Date`s:
 * - `1`: the value itself (a date-time string);
 * - `["a", D]`: an array, each item per `D`;
 * - `["m", D]`: a map (object), each value per `D`;
 * - `"TypeName"`: per the {@link DateTable} entry of that name (looked up lazily, so types may recurse);
 * - `{ prop: D, ... }`: an object, those properties per their descriptors.
 */
export type DateDescriptor =
  | 1
  | string
  | readonly ["a" | "m", DateDescriptor]
  | { readonly [property: string]: DateDescriptor }

/** Date descriptors by type name. */
export type DateTable = { readonly [typeName: string]: DateDescriptor }

/** What a credential function is told. */
export interface CredentialContext {
  /** True when the last credential was rejected (HTTP 401): return a fresh one. */
  refresh: boolean
  /** The operation about to be sent. */
  operationId: string
}

/** A credential, or a function that returns one. `null`, `undefined` or `""` means "none". */
export type Credential<T> =
  | T
  | null
  | undefined
  | ((ctx: CredentialContext) => T | null | undefined | Promise<T | null | undefined>)

/** A user name and password for HTTP basic authentication. */
export interface BasicCredential {
  username: string
  password: string
}

/** A security scheme as the generator describes it (OAuth 2 and OpenID Connect arrive as bearer). */
export type SecurityScheme =
  | { readonly type: "bearer" }
  | { readonly type: "basic" }
  | { readonly type: "apiKey"; readonly in: "header" | "query" | "cookie"; readonly name: string }

/** Retry settings; `true` means all defaults. */
export interface RetryOptions {
  /** Retries after the first attempt. Default 2. */
  retries?: number
  /** Base delay in ms of the full-jitter exponential backoff. Default 200. */
  minDelay?: number
  /** Longest delay in ms, also the cap for a `Retry-After`. Default 10000. */
  maxDelay?: number
}

/** The configuration a user passes to the generated client. */
export interface ClientConfig<
  Auth = { [schemeName: string]: Credential<string> | Credential<BasicCredential> }
> {
  /** The API's base URL; defaults to the spec's first server. A trailing slash is removed. */
  baseUrl?: string
  /**
   * Credentials by security scheme name: a string (bearer, apiKey) or `{ username, password }`
   * (basic), or a function returning one.
   */
  auth?: Auth
  /** Headers sent with every request. */
  headers?: Record<string, string>
  /** The fetch to use; defaults to `globalThis.fetch`. */
  fetch?: typeof fetch
  /** Aborts each call after this many ms (with a DOMException named "TimeoutError"). */
  timeout?: number
  /**
   * Retries idempotent requests (GET, HEAD, OPTIONS, PUT, DELETE, or POST with an idempotency key)
   * on network errors and HTTP 408, 429, 502, 503, 504. Off by default.
   */
  retry?: boolean | RetryOptions
}

/** A client as {@link createClient} returns it; pass it to {@link request}. */
export interface Client {
  /** The base URL in use, without a trailing slash. */
  readonly baseUrl: string
  readonly config: ClientConfig<unknown>
  readonly schemes: { readonly [schemeName: string]: SecurityScheme }
  readonly dates: DateTable | null
  readonly fetch: typeof fetch | undefined
}

/** Builds a client. */
export function createClient(
  config: ClientConfig<unknown> | undefined,
  schemes: { readonly [schemeName: string]: SecurityScheme },
  defaultBaseUrl: string,
  dates: DateTable | null
): Client

/** OpenAPI 3 parameter serialisation styles. */
export type ParameterStyle =
  | "simple"
  | "label"
  | "matrix"
  | "form"
  | "spaceDelimited"
  | "pipeDelimited"
  | "deepObject"

/** One parameter: where its value is in `args`, its name on the wire, location, style, explode. */
export type ParameterSpec = readonly [
  key: string,
  name: string,
  location: "path" | "query" | "header" | "cookie",
  style: ParameterStyle,
  explode: boolean
]

/** An operation as the generator describes it. */
export interface Operation {
  /** The operationId. */
  readonly id: string
  /** The HTTP method, upper case. */
  readonly method: string
  /** The path template, with `{name}` placeholders. */
  readonly path: string
  readonly params?: readonly ParameterSpec[]
  /** How `args.body` is sent. */
  readonly body?: "json" | "form" | "multipart" | "binary" | "text"
  /** The request body's media type. */
  readonly type?: string
  /**
   * Security alternatives: the first whose schemes all have a credential is applied. `[]` means no
   * authentication; an empty alternative allows anonymous calls.
   */
  readonly security?: readonly (readonly string[])[]
  /** A POST that is safe to retry (it carries an idempotency key). */
  readonly idempotent?: boolean
  /** Date descriptor for a 2xx JSON body. */
  readonly dates?: DateDescriptor
  /** The 2xx body is binary: it is returned as a Blob. */
  readonly binary?: boolean
}

/** Options for one call. */
export interface RequestOptions {
  /** Aborting it rejects the call with the signal's reason. */
  signal?: AbortSignal
  /** Overrides the client's timeout (ms). */
  timeout?: number
  /** Extra headers for this call; they override all others. */
  headers?: Record<string, string>
  /** Resolve to a {@link RawResponse} for every HTTP status instead of throwing {@link ApiError}. */
  raw?: boolean
  /** Overrides the client's retry setting. */
  retry?: boolean | RetryOptions
}

/**
 * What a call with `raw: true` resolves to. Generated SDKs type it per status code, as a union of
 * `RawResponse<200, Room> | RawResponse<404, ErrorModel> | …`, so checking `status` narrows `data`.
 */
export interface RawResponse<S extends number = number, T = unknown> {
  status: S
  /** Whether the status is 2xx. */
  ok: boolean
  data: T
  headers: Headers
  /** From x-request-id, x-amzn-requestid or x-amz-apigw-id. */
  requestId: string | undefined
  response: Response
}

/**
 * Sends one operation. Resolves to the 2xx body (parsed JSON, text, a Blob, or undefined when empty)
 * and rejects with {@link ApiError} for any other status, unless `options.raw` is set.
 */
export function request<T = unknown>(
  client: Client,
  op: Operation,
  args?: Record<string, unknown>,
  options?: RequestOptions & { raw?: false }
): Promise<T>
export function request<T = unknown>(
  client: Client,
  op: Operation,
  args: Record<string, unknown> | undefined,
  options: RequestOptions & { raw: true }
): Promise<RawResponse<number, T | unknown>>
export function request<T = unknown>(
  client: Client,
  op: Operation,
  args?: Record<string, unknown>,
  options?: RequestOptions
): Promise<T | RawResponse<number, T | unknown>>

/** A non-2xx response. */
export class ApiError extends Error {
  constructor(response: Response, body: unknown, operationId: string)
  /** Always "ApiError". */
  name: string
  /** The HTTP status. */
  status: number
  /** The parsed body (JSON or text), or undefined when empty. */
  body: unknown
  operationId: string
  /** From x-request-id, x-amzn-requestid or x-amz-apigw-id. */
  requestId: string | undefined
  headers: Headers
  response: Response
}

/** Replaces date-time strings with Dates per `descriptor`, in place where possible; returns the value. */
export function revive<T>(value: T, descriptor: DateDescriptor | undefined, table: DateTable | null | undefined): T

/**
 * Yields every page of a cursor-paginated operation: calls `call` and then again with the cursor
 * parameter (the first of `cursorKeys` set in `args`, else the first) set to `page[nextKey]`, until
 * that is empty or repeats.
 */
export function paginate<Page, Args extends object, Options>(
  call: (client: Client, args: Args, options: Options) => Promise<Page>,
  client: Client,
  args: Args,
  options: Options,
  cursorKeys: readonly string[],
  nextKey: string
): AsyncGenerator<Page, void, undefined>

/** The part of a WebSocket that {@link Realtime} uses (the WHATWG API, as browsers and Node 22+ have it). */
export interface WebSocketLike {
  readonly readyState: number
  send(data: string): void
  close(code?: number, reason?: string): void
  addEventListener(type: string, listener: (event: any) => void): void
  onopen: any
  onmessage: any
  onerror: any
  onclose: any
}

/** What `$close` handlers receive. */
export interface RealtimeCloseEvent {
  code: number
  reason: string
}

/** What a token function is told. */
export interface RealtimeTokenContext {
  /** True when the previous attempt closed without opening (the token may have expired). */
  refresh: boolean
}

/** Options a user passes for a realtime connection. */
export interface RealtimeOptions {
  /** The ws:// or wss:// URL. */
  url: string
  /** Sent as a query parameter; a function is asked on every (re)connect. */
  token?: string | ((ctx: RealtimeTokenContext) => string | Promise<string>)
  /** The WebSocket constructor; defaults to `globalThis.WebSocket`. */
  WebSocket?: new (url: string) => WebSocketLike
  /** Reconnect with full-jitter exponential backoff (ms); `false` turns it off. */
  reconnect?: false | { minDelay?: number; maxDelay?: number }
  /** Interval of heartbeat pings in ms (default 30000); `false` turns them off. */
  heartbeat?: false | number
  /** Most frames queued while not connected (default 100). */
  queueLimit?: number
  /** Date descriptors by type name; `null` turns date revival off. */
  dates?: DateTable | null
}

/** The realtime protocol as the generator describes it. */
export interface RealtimeProtocol {
  /** The query parameter the token goes in. */
  tokenQuery?: string
  /** The action sent as a heartbeat. */
  ping?: string
  /** Date descriptors of each event's data. */
  events?: { readonly [eventType: string]: DateDescriptor }
  dates?: DateTable
}

/**
 * A realtime connection: sends `{"action", "data"}` frames, receives `{"type", "data"}` frames,
 * queues while offline, reconnects, and keeps the connection alive with heartbeats.
 *
 * `connect`, `send`, `on` and `close` are per-instance functions (they work detached, e.g.
 * `const { send } = rt`); a subclass may add methods but must not override these.
 */
export class Realtime<
  Events extends object = Record<string, any>,
  Actions extends object = Record<string, any>
> {
  constructor(options: RealtimeOptions, protocol?: RealtimeProtocol)
  /** "idle" before connect(), "connecting" (also while waiting to reconnect), "open", "closed". */
  readonly state: "idle" | "connecting" | "open" | "closed"
  /**
   * Opens the connection; resolves when open. With reconnect off it rejects if the attempt closes
   * before opening; with reconnect on it waits for the first successful attempt. A close() before
   * then leaves it pending.
   */
  connect(): Promise<void>
  /** Sends an action now when open, else queues it (throws when the queue is full). */
  send<A extends keyof Actions & string>(action: A, data?: Actions[A]): void
  /** Registers a handler; returns a function that removes it. */
  on(type: "$open", handler: () => void): () => void
  on(type: "$close", handler: (event: RealtimeCloseEvent) => void): () => void
  /** Errors: a socket error event, an unparseable frame (an Error), or a failed token function. */
  on(type: "$error", handler: (error: unknown) => void): () => void
  /** Every event. */
  on(type: "*", handler: <T extends keyof Events & string>(type: T, data: Events[T]) => void): () => void
  on<T extends keyof Events & string>(type: T, handler: (data: Events[T]) => void): () => void
  /**
   * Closes the connection (code 1000 or 3000-4999) and stops reconnecting; queued frames are
   * dropped. Resolves once the socket has closed.
   */
  close(code?: number, reason?: string): Promise<void>
}
