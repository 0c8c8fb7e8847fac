// chatsite SDK runtime: the static, dependency-free part every generated SDK ships.
// Plain ES module for browsers and Node 20+. The generated index.js calls into it.

const enc = encodeURIComponent
const str = (v) => (v instanceof Date ? v.toISOString() : String(v))
// A plain object (not an array, Date, Blob, ...).
const isObj = (v) => v?.constructor == Object
const reqId = (h) => h.get("x-request-id") ?? h.get("x-amzn-requestid") ?? h.get("x-amz-apigw-id") ?? undefined
// Copies headers (any HeadersInit) onto a Headers object, overriding case-insensitively.
const merge = (h, o) => new Headers(o).forEach((v, k) => h.set(k, v))
// Resolves after `ms`; rejects when the signal aborts first (request() rethrows its reason).
const sleep = (ms, s) =>
  new Promise((ok, no) => {
    const t = setTimeout(ok, ms)
    s.addEventListener("abort", () => (clearTimeout(t), no()))
  })
// Full-jitter exponential backoff: random(lo, min(max, min * 2^n)).
const backoff = (n, min, max, lo = 0) => lo + Math.random() * (Math.min(max, min * 2 ** n) - lo)

export class ApiError extends Error {
  constructor(response, body, operationId) {
    const m = body?.message ?? body?.error?.message
    const { status, headers } = response
    super(`${operationId}: HTTP ${status}` + (typeof m == "string" ? ": " + m : ""))
    Object.assign(this, { status, body, operationId, requestId: reqId(headers), headers, response })
  }
}
ApiError.prototype.name = "ApiError" // on the prototype, so that stack traces show it too

export function createClient(config = {}, schemes, defaultBaseUrl = "", dates = null) {
  const baseUrl = (config.baseUrl ?? defaultBaseUrl).replace(/\/+$/, "")
  return { config, schemes, dates, baseUrl, fetch: config.fetch }
}

// One parameter as OpenAPI 3 style/explode expands it; `e` encodes names and values.
function expand(name, v, style, explode, e) {
  const put = (x) => e(str(x))
  const n = e(name)
  const named = style != "simple" && style != "label" ? n + "=" : "" // matrix, form, *Delimited
  const pre = style == "label" ? "." : style == "matrix" ? ";" : ""
  const sep = explode
    ? pre || (named ? "&" : ",")
    : style == "pipeDelimited" ? "|" : style == "spaceDelimited" ? "%20" : ","
  if (isObj(v)) {
    const kv = Object.entries(v).filter((p) => p[1] != null)
    if (style == "deepObject") return kv.map(([k, x]) => `${n}[${e(k)}]=${put(x)}`).join("&")
    if (explode) return pre + kv.map(([k, x]) => e(k) + "=" + put(x)).join(sep)
    v = kv.flat()
  }
  v = [v].flat().map(put)
  return pre + (explode ? v.map((x) => named + x).join(sep) : named + v.join(sep))
}

// Applies the first satisfiable security alternative; true when it used a bearer/apiKey function.
async function authorize(client, op, refresh, h, query, cookies) {
  alts: for (const alt of op.security ?? []) {
    let fn = false
    const got = []
    for (const name of alt) {
      const scheme = client.schemes[name]
      let v = client.config.auth?.[name]
      if (typeof v == "function") {
        v = await v({ refresh, operationId: op.id })
        fn ||= scheme?.type != "basic"
      }
      if (!scheme || v == null || v === "") continue alts
      got.push([scheme, v])
    }
    for (const [{ type, in: where, name }, v] of got) {
      if (type == "apiKey") where == "header" ? h.set(name, v) : (where == "query" ? query : cookies).push(enc(name) + "=" + enc(v))
      else
        h.set(
          "authorization",
          type == "basic"
            ? "Basic " + btoa(String.fromCharCode(...new TextEncoder().encode(`${v.username}:${v.password}`)))
            : "Bearer " + v
        )
    }
    return fn
  }
}

// Reads a response body: undefined when empty (always so for HEAD, 204, 205, 304), parsed JSON,
// text, or a Blob.
async function parse(res, op, dates) {
  const type = res.headers.get("content-type") // null tests as "null": neither JSON nor text
  const json = /[/+]json\b/i.test(type)
  const blob = await res.blob()
  if (!blob.size) return
  if ((res.ok && op.binary) || !(json || /^text\//i.test(type))) return blob
  let data = await blob.text()
  if (json)
    try {
      data = JSON.parse(data)
      if (res.ok && op.dates && dates) revive(data, op.dates, dates)
    } catch {} // malformed JSON stays text
  return data
}

export async function request(client, op, args = {}, options = {}) {
  const { config } = client
  const f = client.fetch ?? globalThis.fetch
  const kind = op.body
  let body = args.body
  let type = op.type
  if (!kind || body === undefined) body = type = undefined
  else if (kind == "json") body = JSON.stringify(body)
  else if (kind == "text") body = String(body)
  else if (kind != "binary") {
    // form, multipart: fetch sets Content-Type (with the multipart boundary) itself. A
    // URLSearchParams or FormData is sent as it is.
    type = undefined
    if (isObj(body)) {
      const form = kind == "form" ? new URLSearchParams() : new FormData()
      for (const [k, v] of Object.entries(body))
        for (const x of [v].flat())
          if (x != null) form.append(k, x instanceof Blob ? x : isObj(x) ? JSON.stringify(x) : str(x))
      body = form
    }
  }

  const retry = options.retry ?? config.retry
  const { retries = 2, minDelay = 200, maxDelay = 1e4 } = retry || 0
  const tries = retry && (op.idempotent || /^(GET|HEAD|OPTIONS|PUT|DELETE)$/.test(op.method)) ? retries : 0

  // One signal for the caller's signal and the timeout (AbortSignal.any is too new).
  const ctl = new AbortController()
  const sig = ctl.signal
  const user = options.signal
  const ms = options.timeout ?? config.timeout
  const onAbort = () => ctl.abort(user.reason)
  user?.aborted ? onAbort() : user?.addEventListener("abort", onAbort)
  const timer = ms && setTimeout(() => ctl.abort(new DOMException("timed out", "TimeoutError")), ms)

  try {
    for (let n = 0, refreshed = false; ; n++) {
      // Headers: defaults < config < parameters < credentials < per-call.
      const h = new Headers()
      const query = []
      const cookies = []
      let path = op.path
      if (!op.binary) h.set("accept", "application/json")
      if (type) h.set("content-type", type)
      merge(h, config.headers)
      for (const [key, name, where, style, explode] of op.params ?? []) {
        const v = args[key]
        if (v == null) continue
        if (where == "path") path = path.replace(`{${name}}`, expand(name, v, style, explode, enc))
        else if (where == "header") h.set(name, expand(name, v, "simple", explode, String))
        else (where == "query" ? query : cookies).push(expand(name, v, style, explode, enc))
      }
      const fn = await authorize(client, op, refreshed, h, query, cookies)
      if (cookies[0]) h.set("cookie", cookies.join("; "))
      merge(h, options.headers)
      const qs = query.filter((s) => s).join("&")
      let res
      let wait
      try {
        res = await f(client.baseUrl + path + (qs && "?" + qs), { method: op.method, headers: h, body, signal: sig })
      } catch (e) {
        if (sig.aborted || n >= tries) throw e
      }
      if (res) {
        const s = res.status
        // Retry-After: delta-seconds or an HTTP-date.
        const ra = /429|503/.test(s) && res.headers.get("retry-after")
        wait = ra ? Math.min(maxDelay, Math.max(0, isNaN(ra) ? Date.parse(ra) - Date.now() : ra * 1e3)) : NaN
        if (s == 401 && fn && !refreshed) {
          // The token may have expired: ask for a fresh one and try once more, at once.
          refreshed = true
          n--
          wait = 0
        } else if (n >= tries || !/408|429|50[234]/.test(s)) {
          const data = await parse(res, op, client.dates)
          const { ok, headers } = res
          if (options.raw) return { status: s, ok, data, headers, requestId: reqId(headers), response: res }
          if (!ok) throw new ApiError(res, data, op.id)
          return data
        }
        res.body?.cancel()
      }
      await sleep(wait >= 0 ? wait : backoff(n, minDelay, maxDelay), sig)
    }
  } catch (e) {
    throw sig.aborted ? sig.reason : e
  } finally {
    clearTimeout(timer)
    user?.removeEventListener("abort", onAbort)
  }
}

// Turns date-time strings into Dates, as descriptor `d` says; `t` maps type names to descriptors.
export function revive(v, d, t) {
  if (v == null) return v
  if (typeof d == "string") return revive(v, t?.[d], t) // looked up lazily: types may be recursive
  if (d === 1) return typeof v == "string" ? new Date(v) : v
  if (typeof v == "object" && d)
    if (Array.isArray(d)) {
      if (d[0] != "a" || Array.isArray(v)) for (const k in v) v[k] = revive(v[k], d[1], t)
    } else for (const k in d) if (k in v) v[k] = revive(v[k], d[k], t)
  return v
}

export async function* paginate(call, client, args = {}, options, cursorKeys, nextKey) {
  const key = cursorKeys.find((k) => args[k] != null) ?? cursorKeys[0]
  for (let cursor = args[key]; ; ) {
    const page = await call(client, args, options)
    yield page
    const next = page?.[nextKey]
    if (next == null || next === "" || next === cursor) return
    args = { ...args, [key]: (cursor = next) }
  }
}

export class Realtime {
  #s = "idle"

  constructor(o, p = {}) {
    const W = o.WebSocket ?? globalThis.WebSocket
    if (!W) throw Error("Realtime: pass options.WebSocket (or use Node 22+, or Node 20 with --experimental-websocket)")
    const handlers = Object.create(null)
    const emit = (type, ...a) => handlers[type]?.forEach((f) => f(...a))
    let queue = [] // frames waiting for an open socket
    let ws
    let tries = 0 // reconnect attempts since the last open
    let gen = 0 // bumped whenever an attempt ends: stale callbacks compare it
    let fresh // the last attempt never opened: ask for a refreshed token
    let timer
    let beats
    let pending // the connect() promise, and its [resolve, reject]
    let settle
    const finish = (error) => {
      settle?.[error ? 1 : 0](error)
      pending = settle = null
    }

    const attempt = async () => {
      const id = ++gen
      const beat = o.heartbeat ?? 3e4
      let socket
      let opened
      let idle = 0
      this.#s = "connecting"
      // Runs once per attempt, on the close event, a heartbeat timeout or a failure; close() skips it.
      const end = (e) => {
        if (id != gen) return
        gen++
        ws = null
        clearInterval(beats)
        fresh = !opened
        emit("$close", e) // a CloseEvent or a {code, reason}
        const r = o.reconnect
        const min = r?.minDelay ?? 500
        if (r === false) {
          this.#s = "closed"
          if (!opened) finish(Error("Realtime: could not connect"))
        } else {
          this.#s = "connecting"
          timer = setTimeout(attempt, backoff(++tries, min, r?.maxDelay ?? 3e4, min))
        }
      }
      try {
        let token = o.token
        if (typeof token == "function") token = await token({ refresh: !!fresh })
        if (id != gen) return // close() was called meanwhile
        let url = o.url
        if (token && p.tokenQuery) url += (/\?/.test(url) ? "&" : "?") + p.tokenQuery + "=" + enc(token)
        socket = ws = new W(url)
      } catch (e) {
        emit("$error", e)
        return end({ code: 1006, reason: "" })
      }
      socket.onopen = () => {
        opened = true
        this.#s = "open"
        tries = 0
        for (const f of queue.splice(0)) socket.send(f)
        if (beat && p.ping)
          beats = setInterval(() => {
            // Two intervals without any frame: the connection is dead even if no close came.
            if (++idle > 1) socket.close(4000), end({ code: 4000, reason: "heartbeat timeout" })
            else this.send(p.ping)
          }, beat)
        finish()
        emit("$open")
      }
      socket.onmessage = (e) => {
        idle = 0
        let m
        try {
          m = JSON.parse(e.data)
          if (typeof m.type != "string") throw Error("Realtime: frame without a type")
        } catch (x) {
          return emit("$error", x)
        }
        const d = p.events?.[m.type]
        if (d && o.dates !== null) revive(m.data, d, o.dates ?? p.dates)
        emit(m.type, m.data)
        emit("*", m.type, m.data)
      }
      socket.onerror = (e) => {
        if (id != gen) return
        emit("$error", e)
        // A failed handshake: some WebSockets (Node 20's) never fire close then.
        if (!opened) end({ code: 1006, reason: "" })
      }
      socket.onclose = end
    }

    this.connect = async () => {
      if (this.#s == "open") return
      pending ??= new Promise((ok, no) => (settle = [ok, no]))
      if (this.#s != "connecting") attempt()
      return pending
    }

    this.send = (action, data) => {
      const limit = o.queueLimit ?? 100
      const frame = JSON.stringify({ action, data }) // an undefined data is left out
      if (ws?.readyState == 1) ws.send(frame)
      else if (queue.length < limit) queue.push(frame)
      else throw Error("Realtime: send queue full")
    }

    this.on = (type, handler) => {
      const set = (handlers[type] ??= new Set())
      set.add(handler)
      return () => set.delete(handler)
    }

    this.close = (code = 1000, reason = "") => {
      const socket = ws
      const wait = socket?.readyState == 1 // a socket still connecting has nothing to wait for
      clearTimeout(timer)
      clearInterval(beats)
      queue = []
      ws = null
      gen++
      this.#s = "closed"
      socket?.close(code, reason)
      return new Promise((done) => (wait ? socket.addEventListener("close", (e) => done(emit("$close", e))) : done()))
    }
  }

  get state() {
    return this.#s
  }
}
