// Tests for the SDK runtime against real servers on 127.0.0.1.
// Run: node --experimental-websocket --test Tests/SDKGeneratorTests/js/runtime.test.js
import { test, describe, before, after } from "node:test"
import assert from "node:assert/strict"
import { createServer } from "node:http"
import { once } from "node:events"
import { setTimeout as delay } from "node:timers/promises"
import { ApiError, createClient, request, revive, paginate, Realtime } from "../../../Sources/SDKGenerator/Runtime/runtime.js"
import { startWebSocketServer } from "./ws-server.js"

// ---------------------------------------------------------------------------------------------
// HTTP test server: records every request and answers with `handler(req, res, index)`, or with
// `{"ok": true}` when the handler writes nothing.

async function startServer(handler = () => {}) {
  const requests = []
  const server = createServer(async (req, res) => {
    const chunks = []
    for await (const c of req) chunks.push(c)
    const r = { method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks) }
    r.text = r.body.toString("utf8")
    requests.push(r)
    await handler(r, res, requests.length - 1)
    if (!res.headersSent && !res.destroyed) json(res, 200, { ok: true })
  })
  server.listen(0, "127.0.0.1")
  await once(server, "listening")
  return {
    base: `http://127.0.0.1:${server.address().port}`,
    requests,
    get last() {
      return requests.at(-1)
    },
    async close() {
      server.closeAllConnections()
      await new Promise((r) => server.close(r))
    },
  }
}

function json(res, status, body, headers = {}) {
  res.writeHead(status, { "content-type": "application/json", ...headers })
  res.end(JSON.stringify(body))
}

const op = (extra) => ({ id: "op", method: "GET", path: "/x", params: [], security: [], ...extra })

// ---------------------------------------------------------------------------------------------

describe("createClient", () => {
  test("uses the default base URL and strips trailing slashes", () => {
    assert.equal(createClient({}, {}, "https://api.example.com/v1/", null).baseUrl, "https://api.example.com/v1")
    assert.equal(createClient({ baseUrl: "http://h//" }, {}, "https://x", null).baseUrl, "http://h")
    assert.equal(createClient(undefined, {}, "https://x", null).baseUrl, "https://x")
  })
})

describe("parameter serialisation", () => {
  let srv, client
  before(async () => {
    srv = await startServer()
    client = createClient({ baseUrl: srv.base }, {}, "", null)
  })
  after(() => srv.close())

  // [description, path template, param spec (without key), value, expected request URL]
  const cases = [
    ["path simple primitive", "/p/{id}", ["id", "path", "simple", false], "a b/c", "/p/a%20b%2Fc"],
    ["path simple number", "/p/{id}", ["id", "path", "simple", false], 42, "/p/42"],
    ["path simple array", "/p/{id}", ["id", "path", "simple", false], ["a", "b"], "/p/a,b"],
    ["path simple object", "/p/{id}", ["id", "path", "simple", false], { k: "v", k2: "w" }, "/p/k,v,k2,w"],
    ["path simple object explode", "/p/{id}", ["id", "path", "simple", true], { k: "v", k2: "w" }, "/p/k=v,k2=w"],
    ["path label primitive", "/p/{id}", ["id", "path", "label", false], "a", "/p/.a"],
    ["path label array", "/p/{id}", ["id", "path", "label", false], ["a", "b"], "/p/.a,b"],
    ["path label array explode", "/p/{id}", ["id", "path", "label", true], ["a", "b"], "/p/.a.b"],
    ["path label object", "/p/{id}", ["id", "path", "label", false], { k: "v", k2: "w" }, "/p/.k,v,k2,w"],
    ["path label object explode", "/p/{id}", ["id", "path", "label", true], { k: "v", k2: "w" }, "/p/.k=v.k2=w"],
    ["path matrix primitive", "/p/{id}", ["id", "path", "matrix", false], 5, "/p/;id=5"],
    ["path matrix array", "/p/{id}", ["id", "path", "matrix", false], ["a", "b"], "/p/;id=a,b"],
    ["path matrix array explode", "/p/{id}", ["id", "path", "matrix", true], ["a", "b"], "/p/;id=a;id=b"],
    ["path matrix object", "/p/{id}", ["id", "path", "matrix", false], { k: "v", k2: "w" }, "/p/;id=k,v,k2,w"],
    ["path matrix object explode", "/p/{id}", ["id", "path", "matrix", true], { k: "v", k2: "w" }, "/p/;k=v;k2=w"],
    ["query form primitive", "/q", ["id", "query", "form", true], "a&b=c", "/q?id=a%26b%3Dc"],
    ["query form boolean", "/q", ["id", "query", "form", true], false, "/q?id=false"],
    ["query form array explode", "/q", ["id", "query", "form", true], ["a", "b"], "/q?id=a&id=b"],
    ["query form array", "/q", ["id", "query", "form", false], ["a", "b"], "/q?id=a,b"],
    ["query form object explode", "/q", ["id", "query", "form", true], { k: "v", k2: "w" }, "/q?k=v&k2=w"],
    ["query form object", "/q", ["id", "query", "form", false], { k: "v", k2: "w" }, "/q?id=k,v,k2,w"],
    ["query spaceDelimited", "/q", ["id", "query", "spaceDelimited", false], ["a", "b"], "/q?id=a%20b"],
    ["query pipeDelimited", "/q", ["id", "query", "pipeDelimited", false], ["a", "b"], "/q?id=a|b"],
    ["query deepObject", "/q", ["id", "query", "deepObject", true], { k: "v", k2: "w x" }, "/q?id[k]=v&id[k2]=w%20x"],
    ["query date", "/q", ["at", "query", "form", true], new Date(Date.UTC(2024, 0, 2, 3, 4, 5)), "/q?at=2024-01-02T03%3A04%3A05.000Z"],
    ["query encoded name", "/q", ["a b", "query", "form", true], "1", "/q?a%20b=1"],
  ]
  for (const [name, path, [wire, where, style, explode], value, expected] of cases) {
    test(name, async () => {
      await request(client, op({ path, params: [["v", wire, where, style, explode]] }), { v: value })
      assert.equal(srv.last.url, expected)
    })
  }

  test("several parameters, undefined and null skipped", async () => {
    const params = [
      ["roomId", "roomId", "path", "simple", false],
      ["limit", "limit", "query", "form", true],
      ["before", "before", "query", "form", true],
      ["after", "after", "query", "form", true],
      ["tags", "tag", "query", "form", true],
    ]
    await request(client, op({ path: "/rooms/{roomId}/messages", params }), {
      roomId: "r1",
      limit: 10,
      before: undefined,
      after: null,
      tags: ["x", "y"],
    })
    assert.equal(srv.last.url, "/rooms/r1/messages?limit=10&tag=x&tag=y")
  })

  test("header parameters: simple, not percent-encoded", async () => {
    const params = [
      ["a", "X-Plain", "header", "simple", false],
      ["b", "X-List", "header", "simple", false],
      ["c", "X-Obj", "header", "simple", false],
      ["d", "X-Obj-Explode", "header", "simple", true],
      ["e", "X-Absent", "header", "simple", false],
    ]
    await request(client, op({ params }), { a: "a b/c%", b: ["1", 2], c: { k: "v", n: 1 }, d: { k: "v", n: 1 } })
    const h = srv.last.headers
    assert.equal(h["x-plain"], "a b/c%")
    assert.equal(h["x-list"], "1,2")
    assert.equal(h["x-obj"], "k,v,n,1")
    assert.equal(h["x-obj-explode"], "k=v,n=1")
    assert.equal(h["x-absent"], undefined)
  })

  test("cookie parameters: form, joined with '; '", async () => {
    const params = [
      ["s", "session", "cookie", "form", true],
      ["t", "theme", "cookie", "form", true],
      ["u", "unset", "cookie", "form", true],
    ]
    await request(client, op({ params }), { s: "abc", t: "dark mode" })
    assert.equal(srv.last.headers.cookie, "session=abc; theme=dark%20mode")
  })

  test("config headers and per-call headers; per-call wins", async () => {
    const c = createClient({ baseUrl: srv.base, headers: { "X-App": "1", "X-Both": "config" } }, {}, "", null)
    await request(c, op(), {}, { headers: { "x-both": "call", "X-Call": "2" } })
    const h = srv.last.headers
    assert.equal(h["x-app"], "1")
    assert.equal(h["x-both"], "call")
    assert.equal(h["x-call"], "2")
    assert.equal(h.accept, "application/json")
  })
})

describe("request bodies", () => {
  let srv, client
  before(async () => {
    srv = await startServer()
    client = createClient({ baseUrl: srv.base }, {}, "", null)
  })
  after(() => srv.close())
  const post = (body, type) => op({ method: "POST", body, type })

  test("json", async () => {
    const body = { text: "héllo", n: [1, 2], at: new Date(0) }
    await request(client, post("json", "application/json"), { body })
    assert.equal(srv.last.method, "POST")
    assert.equal(srv.last.headers["content-type"], "application/json")
    assert.deepEqual(JSON.parse(srv.last.text), { text: "héllo", n: [1, 2], at: "1970-01-01T00:00:00.000Z" })
  })

  test("json with a vendor media type", async () => {
    await request(client, post("json", "application/merge-patch+json"), { body: { a: null } })
    assert.equal(srv.last.headers["content-type"], "application/merge-patch+json")
    assert.equal(srv.last.text, '{"a":null}')
  })

  test("no body when args.body is undefined", async () => {
    await request(client, post("json", "application/json"), {})
    assert.equal(srv.last.text, "")
    assert.equal(srv.last.headers["content-type"], undefined)
  })

  test("form: URL-encoded, arrays repeated", async () => {
    await request(client, post("form", "application/x-www-form-urlencoded"), {
      body: { name: "a b&c", tags: ["x", "y"], skip: undefined, n: 3 },
    })
    assert.match(srv.last.headers["content-type"], /^application\/x-www-form-urlencoded/)
    assert.equal(srv.last.text, "name=a+b%26c&tags=x&tags=y&n=3")
  })

  test("multipart: files, arrays per item, objects as JSON", async () => {
    const file = new File(["file content"], "notes.txt", { type: "text/plain" })
    await request(client, post("multipart", "multipart/form-data"), {
      body: { file, blob: new Blob([new Uint8Array([1, 2, 3])]), tags: ["a", "b"], meta: { k: 1 }, title: "T" },
    })
    const type = srv.last.headers["content-type"]
    assert.match(type, /^multipart\/form-data; boundary=/)
    const form = await new Response(srv.last.body, { headers: { "content-type": type } }).formData()
    const got = form.get("file")
    assert.equal(got.name, "notes.txt")
    assert.equal(await got.text(), "file content")
    assert.deepEqual([...new Uint8Array(await form.get("blob").arrayBuffer())], [1, 2, 3])
    assert.deepEqual(form.getAll("tags"), ["a", "b"])
    assert.equal(form.get("meta"), '{"k":1}')
    assert.equal(form.get("title"), "T")
  })

  test("multipart and form: a FormData or URLSearchParams is sent as it is", async () => {
    const fd = new FormData()
    fd.append("a", "1")
    await request(client, post("multipart", "multipart/form-data"), { body: fd })
    const type = srv.last.headers["content-type"]
    assert.match(type, /^multipart\/form-data; boundary=/)
    assert.equal((await new Response(srv.last.body, { headers: { "content-type": type } }).formData()).get("a"), "1")
    await request(client, post("form", "application/x-www-form-urlencoded"), { body: new URLSearchParams("x=1&x=2") })
    assert.equal(srv.last.text, "x=1&x=2")
  })

  test("binary: bytes as given, with the media type", async () => {
    await request(client, post("binary", "application/octet-stream"), { body: new Uint8Array([0, 255, 7]) })
    assert.equal(srv.last.headers["content-type"], "application/octet-stream")
    assert.deepEqual([...srv.last.body], [0, 255, 7])
    await request(client, post("binary", "image/png"), { body: new Blob(["PNG"]) })
    assert.equal(srv.last.headers["content-type"], "image/png")
    assert.equal(srv.last.text, "PNG")
  })

  test("text", async () => {
    await request(client, post("text", "text/plain"), { body: 12.5 })
    assert.equal(srv.last.headers["content-type"], "text/plain")
    assert.equal(srv.last.text, "12.5")
  })
})

describe("responses", () => {
  let srv, client
  before(async () => {
    srv = await startServer((req, res) => {
      const u = new URL(req.url, "http://x")
      if (u.pathname == "/204") return res.writeHead(204).end()
      if (u.pathname == "/empty") return res.writeHead(200, { "content-type": "application/json" }).end()
      if (u.pathname == "/text") return res.writeHead(200, { "content-type": "text/plain; charset=utf-8" }).end("héllo")
      if (u.pathname == "/problem")
        return res.writeHead(200, { "content-type": "application/problem+json" }).end('{"title":"t"}')
      if (u.pathname == "/bin") return res.writeHead(200, { "content-type": "application/octet-stream" }).end(Buffer.from([1, 2]))
      if (u.pathname == "/json-bin") return res.writeHead(200, { "content-type": "application/json" }).end("[1]")
      if (u.pathname == "/head") return res.writeHead(200, { "content-type": "application/json", "x-n": "1" }).end()
    })
    client = createClient({ baseUrl: srv.base }, {}, "", null)
  })
  after(() => srv.close())

  test("204 and empty bodies are undefined", async () => {
    assert.equal(await request(client, op({ path: "/204", method: "DELETE" })), undefined)
    assert.equal(await request(client, op({ path: "/empty" })), undefined)
  })

  test("HEAD resolves to undefined", async () => {
    assert.equal(await request(client, op({ path: "/head", method: "HEAD" })), undefined)
    assert.equal(srv.last.method, "HEAD")
  })

  test("text/* is a string, +json is parsed", async () => {
    assert.equal(await request(client, op({ path: "/text" })), "héllo")
    assert.deepEqual(await request(client, op({ path: "/problem" })), { title: "t" })
  })

  test("other media types and binary operations are Blobs", async () => {
    const b = await request(client, op({ path: "/bin" }))
    assert.ok(b instanceof Blob)
    assert.deepEqual([...new Uint8Array(await b.arrayBuffer())], [1, 2])
    const j = await request(client, op({ path: "/json-bin", binary: true }))
    assert.ok(j instanceof Blob)
    assert.equal(await j.text(), "[1]")
    assert.equal(srv.last.headers.accept, "*/*") // no Accept: application/json for binary operations
  })
})

describe("authentication", () => {
  const schemes = {
    bearer: { type: "bearer" },
    basic: { type: "basic" },
    headerKey: { type: "apiKey", in: "header", name: "X-Api-Key" },
    queryKey: { type: "apiKey", in: "query", name: "api key" },
    cookieKey: { type: "apiKey", in: "cookie", name: "sid" },
  }
  let srv
  const client = (auth) => createClient({ baseUrl: srv.base, auth }, schemes, "", null)
  before(async () => {
    srv = await startServer()
  })
  after(() => srv.close())

  test("bearer string", async () => {
    await request(client({ bearer: "tok" }), op({ security: [["bearer"]] }))
    assert.equal(srv.last.headers.authorization, "Bearer tok")
  })

  test("bearer function gets {refresh: false, operationId}", async () => {
    const seen = []
    await request(client({ bearer: async (ctx) => (seen.push(ctx), "t2") }), op({ id: "getRoom", security: [["bearer"]] }))
    assert.equal(srv.last.headers.authorization, "Bearer t2")
    assert.deepEqual(seen, [{ refresh: false, operationId: "getRoom" }])
  })

  test("basic, UTF-8", async () => {
    await request(client({ basic: { username: "zoë", password: "pä:ss" } }), op({ security: [["basic"]] }))
    assert.equal(srv.last.headers.authorization, "Basic " + Buffer.from("zoë:pä:ss").toString("base64"))
    await request(client({ basic: () => ({ username: "u", password: "p" }) }), op({ security: [["basic"]] }))
    assert.equal(srv.last.headers.authorization, "Basic dTpw")
  })

  test("apiKey in header, query and cookie", async () => {
    const c = client({ headerKey: "hk", queryKey: "q&k", cookieKey: "ck" })
    await request(c, op({ security: [["headerKey"]] }))
    assert.equal(srv.last.headers["x-api-key"], "hk")
    await request(c, op({ security: [["queryKey"]], params: [["n", "n", "query", "form", true]] }), { n: 1 })
    assert.equal(srv.last.url, "/x?n=1&api%20key=q%26k")
    await request(c, op({ security: [["cookieKey"]], params: [["t", "theme", "cookie", "form", true]] }), { t: "dark" })
    assert.equal(srv.last.headers.cookie, "theme=dark; sid=ck")
  })

  test("the first satisfiable alternative is used; an alternative needs all its schemes", async () => {
    const security = [["bearer", "headerKey"], ["basic"], ["cookieKey"]]
    await request(client({ bearer: "b", cookieKey: "c" }), op({ security }))
    assert.equal(srv.last.headers.authorization, undefined)
    assert.equal(srv.last.headers["x-api-key"], undefined)
    assert.equal(srv.last.headers.cookie, "sid=c")
    await request(client({ bearer: "b", headerKey: "k", cookieKey: "c" }), op({ security }))
    assert.equal(srv.last.headers.authorization, "Bearer b")
    assert.equal(srv.last.headers["x-api-key"], "k")
    assert.equal(srv.last.headers.cookie, undefined)
  })

  test("empty credentials count as missing", async () => {
    await request(client({ bearer: () => "", headerKey: "k" }), op({ security: [["bearer"], ["headerKey"]] }))
    assert.equal(srv.last.headers.authorization, undefined)
    assert.equal(srv.last.headers["x-api-key"], "k")
  })

  test("no-auth operations and unsatisfiable requirements send no credentials", async () => {
    const c = client({ bearer: "b", headerKey: "k" })
    await request(c, op({ security: [] }))
    assert.equal(srv.last.headers.authorization, undefined)
    assert.equal(srv.last.headers["x-api-key"], undefined)
    await request(c, op({ security: [["basic"]] }))
    assert.equal(srv.last.headers.authorization, undefined)
    await request(client({}), op({ security: [["bearer"], []] }))
    assert.equal(srv.last.headers.authorization, undefined)
  })

  test("an anonymous alternative after a satisfiable one still uses credentials", async () => {
    await request(client({ bearer: "b" }), op({ security: [["bearer"], []] }))
    assert.equal(srv.last.headers.authorization, "Bearer b")
  })
})

describe("401: refresh the credential once and retry", () => {
  let srv
  before(async () => {
    srv = await startServer((req, res) => {
      if (req.headers.authorization != "Bearer fresh" && req.headers["x-api-key"] != "fresh")
        json(res, 401, { message: "expired" })
    })
  })
  after(() => srv.close())
  const schemes = { bearer: { type: "bearer" }, key: { type: "apiKey", in: "header", name: "X-Api-Key" } }

  test("a bearer function is asked again with refresh: true, and the request retried once", async () => {
    const calls = []
    const token = ({ refresh }) => (calls.push(refresh), refresh ? "fresh" : "stale")
    const c = createClient({ baseUrl: srv.base, auth: { bearer: token } }, schemes, "", null)
    const n = srv.requests.length
    const body = { text: "x" }
    assert.deepEqual(await request(c, op({ method: "POST", body: "json", type: "application/json", security: [["bearer"]] }), { body }), { ok: true })
    assert.deepEqual(calls, [false, true])
    assert.equal(srv.requests.length - n, 2)
    assert.equal(srv.last.text, '{"text":"x"}') // the body is sent again
  })

  test("an apiKey function too", async () => {
    const calls = []
    const c = createClient({ baseUrl: srv.base, auth: { key: ({ refresh }) => (calls.push(refresh), refresh ? "fresh" : "old") } }, schemes, "", null)
    await request(c, op({ security: [["key"]] }))
    assert.deepEqual(calls, [false, true])
  })

  test("exactly once: a second 401 is an ApiError", async () => {
    const calls = []
    const c = createClient({ baseUrl: srv.base, auth: { bearer: (ctx) => (calls.push(ctx.refresh), "never") } }, schemes, "", null)
    const n = srv.requests.length
    await assert.rejects(request(c, op({ security: [["bearer"]] })), (e) => e instanceof ApiError && e.status == 401)
    assert.deepEqual(calls, [false, true])
    assert.equal(srv.requests.length - n, 2)
  })

  test("a basic credential function is not asked again", async () => {
    const calls = []
    const schemes2 = { basic: { type: "basic" } }
    const basic = (ctx) => (calls.push(ctx.refresh), { username: "u", password: "p" })
    const c = createClient({ baseUrl: srv.base, auth: { basic } }, schemes2, "", null)
    const n = srv.requests.length
    await assert.rejects(request(c, op({ security: [["basic"]] })), { status: 401 })
    assert.deepEqual(calls, [false])
    assert.equal(srv.requests.length - n, 1)
  })

  test("a string credential is not retried", async () => {
    const c = createClient({ baseUrl: srv.base, auth: { bearer: "stale" } }, schemes, "", null)
    const n = srv.requests.length
    await assert.rejects(request(c, op({ security: [["bearer"]] })), { status: 401 })
    assert.equal(srv.requests.length - n, 1)
  })
})

describe("retries", () => {
  let srv
  const plan = new Map() // path -> list of statuses to answer in turn (then 200)
  before(async () => {
    srv = await startServer((req, res) => {
      const path = new URL(req.url, "http://x").pathname
      const next = plan.get(path)?.shift()
      if (next == "drop") return req.res ?? res.socket.destroy()
      if (next) json(res, next.status, { message: "busy" }, next.headers)
    })
  })
  after(() => srv.close())
  const count = (path) => srv.requests.filter((r) => r.url.startsWith(path)).length
  const fast = { retries: 2, minDelay: 1, maxDelay: 20 }

  test("503 with Retry-After: 0 then 200 succeeds", async () => {
    plan.set("/a", [{ status: 503, headers: { "retry-after": "0" } }])
    const c = createClient({ baseUrl: srv.base, retry: true }, {}, "", null)
    const t = Date.now()
    assert.deepEqual(await request(c, op({ path: "/a" })), { ok: true })
    assert.equal(count("/a"), 2)
    assert.ok(Date.now() - t < 150, "Retry-After: 0 means no wait") // the default backoff would be up to 200 ms
  })

  test("408, 429, 502, 504 are retried; retries are bounded", async () => {
    plan.set("/b", [{ status: 408 }, { status: 429 }, { status: 502 }])
    const c = createClient({ baseUrl: srv.base, retry: fast }, {}, "", null)
    await assert.rejects(request(c, op({ path: "/b" })), { status: 502 })
    assert.equal(count("/b"), 3) // 1 + 2 retries
    plan.set("/b2", [{ status: 504 }])
    assert.deepEqual(await request(c, op({ path: "/b2" })), { ok: true })
  })

  test("two retries by default", async () => {
    plan.set("/b3", [{ status: 503 }, { status: 503 }, { status: 503 }, { status: 503 }])
    const c = createClient({ baseUrl: srv.base, retry: { minDelay: 1 } }, {}, "", null)
    await assert.rejects(request(c, op({ path: "/b3" })), { status: 503 })
    assert.equal(count("/b3"), 3)
  })

  test("other statuses are not retried", async () => {
    plan.set("/c", [{ status: 500 }])
    const c = createClient({ baseUrl: srv.base, retry: fast }, {}, "", null)
    await assert.rejects(request(c, op({ path: "/c" })), { status: 500 })
    assert.equal(count("/c"), 1)
  })

  test("a POST without an idempotency key is not retried", async () => {
    plan.set("/d", [{ status: 503 }])
    const c = createClient({ baseUrl: srv.base, retry: fast }, {}, "", null)
    await assert.rejects(request(c, op({ path: "/d", method: "POST" })), { status: 503 })
    assert.equal(count("/d"), 1)
  })

  test("a POST marked idempotent is retried", async () => {
    plan.set("/e", [{ status: 503 }])
    const c = createClient({ baseUrl: srv.base, retry: fast }, {}, "", null)
    assert.deepEqual(await request(c, op({ path: "/e", method: "POST", idempotent: true })), { ok: true })
    assert.equal(count("/e"), 2)
  })

  test("off by default; options.retry overrides the client's", async () => {
    plan.set("/f", [{ status: 503 }])
    const off = createClient({ baseUrl: srv.base }, {}, "", null)
    await assert.rejects(request(off, op({ path: "/f" })), { status: 503 })
    assert.equal(count("/f"), 1)
    plan.set("/g", [{ status: 503 }])
    const on = createClient({ baseUrl: srv.base, retry: fast }, {}, "", null)
    await assert.rejects(request(on, op({ path: "/g" }), {}, { retry: false }), { status: 503 })
    assert.equal(count("/g"), 1)
    plan.set("/h", [{ status: 503 }])
    assert.deepEqual(await request(off, op({ path: "/h" }), {}, { retry: fast }), { ok: true })
  })

  test("network errors are retried", async () => {
    plan.set("/i", ["drop"])
    const c = createClient({ baseUrl: srv.base, retry: fast }, {}, "", null)
    assert.deepEqual(await request(c, op({ path: "/i" })), { ok: true })
    assert.equal(count("/i"), 2)
    plan.set("/j", ["drop"])
    const off = createClient({ baseUrl: srv.base }, {}, "", null)
    await assert.rejects(request(off, op({ path: "/j" })), TypeError) // fetch failed
  })

  test("Retry-After is capped at maxDelay (delta-seconds and HTTP-date)", async () => {
    const c = createClient({ baseUrl: srv.base, retry: { minDelay: 1, maxDelay: 30 } }, {}, "", null)
    plan.set("/k", [{ status: 429, headers: { "retry-after": "3600" } }])
    let t = Date.now()
    await request(c, op({ path: "/k" }))
    assert.ok(Date.now() - t < 1000)
    plan.set("/l", [{ status: 503, headers: { "retry-after": new Date(Date.now() + 3600e3).toUTCString() } }])
    t = Date.now()
    await request(c, op({ path: "/l" }))
    assert.ok(Date.now() - t < 1000)
    assert.equal(count("/l"), 2)
  })

  test("Retry-After is honoured when short", async () => {
    const c = createClient({ baseUrl: srv.base, retry: { minDelay: 1, maxDelay: 5000 } }, {}, "", null)
    plan.set("/m", [{ status: 503, headers: { "retry-after": "1" } }])
    const t = Date.now()
    await request(c, op({ path: "/m" }))
    assert.ok(Date.now() - t >= 950, `waited ${Date.now() - t} ms`)
  })

  test("aborting while waiting to retry rejects at once", async () => {
    plan.set("/n", [{ status: 503, headers: { "retry-after": "5" } }])
    const c = createClient({ baseUrl: srv.base, retry: { maxDelay: 10000 } }, {}, "", null)
    const ctl = new AbortController()
    setTimeout(() => ctl.abort(new Error("stop")), 100)
    const t = Date.now()
    await assert.rejects(request(c, op({ path: "/n" }), {}, { signal: ctl.signal }), { message: "stop" })
    assert.ok(Date.now() - t < 1000)
  })
})

describe("timeout and cancellation", () => {
  let srv
  before(async () => {
    srv = await startServer(async (req, res) => {
      await delay(400)
      if (!res.destroyed) json(res, 200, { late: true })
    })
  })
  after(() => srv.close())

  test("timeout rejects with a TimeoutError", async () => {
    const c = createClient({ baseUrl: srv.base, timeout: 50 }, {}, "", null)
    const t = Date.now()
    await assert.rejects(request(c, op()), (e) => e instanceof DOMException && e.name == "TimeoutError")
    assert.ok(Date.now() - t < 350)
  })

  test("options.timeout overrides the client's", async () => {
    const c = createClient({ baseUrl: srv.base, timeout: 50 }, {}, "", null)
    assert.deepEqual(await request(c, op(), {}, { timeout: 2000 }), { late: true })
    await assert.rejects(request(createClient({ baseUrl: srv.base }, {}, "", null), op(), {}, { timeout: 30 }), { name: "TimeoutError" })
  })

  test("aborting the signal rejects with its reason", async () => {
    const c = createClient({ baseUrl: srv.base, timeout: 5000 }, {}, "", null)
    const ctl = new AbortController()
    const reason = new Error("user left")
    setTimeout(() => ctl.abort(reason), 30)
    await assert.rejects(request(c, op(), {}, { signal: ctl.signal }), (e) => e === reason)
  })

  test("an aborted request is not retried", async () => {
    const c = createClient({ baseUrl: srv.base, retry: { retries: 3, minDelay: 2000, maxDelay: 2000 } }, {}, "", null)
    const ctl = new AbortController()
    setTimeout(() => ctl.abort(new Error("gone")), 30)
    const t = Date.now()
    await assert.rejects(request(c, op(), {}, { signal: ctl.signal }), { message: "gone" })
    assert.ok(Date.now() - t < 300, `took ${Date.now() - t} ms`)
    await assert.rejects(request(c, op(), {}, { timeout: 30 }), { name: "TimeoutError" })
    assert.ok(Date.now() - t < 600, `took ${Date.now() - t} ms`)
  })

  test("an already aborted signal rejects without waiting", async () => {
    const c = createClient({ baseUrl: srv.base }, {}, "", null)
    const t = Date.now()
    await assert.rejects(request(c, op(), {}, { signal: AbortSignal.abort() }), { name: "AbortError" })
    assert.ok(Date.now() - t < 300)
  })
})

describe("raw mode and ApiError", () => {
  let srv, client
  before(async () => {
    srv = await startServer((req, res) => {
      const p = new URL(req.url, "http://x").pathname
      if (p == "/ok") return json(res, 200, { id: 1 }, { "x-request-id": "req-1" })
      if (p == "/missing") return json(res, 404, { error: { code: "not_found", message: "no such room" } }, { "x-request-id": "req-2" })
      if (p == "/amzn") return json(res, 400, { message: "bad" }, { "x-amzn-requestid": "amzn-1", "x-amz-apigw-id": "gw-1" })
      if (p == "/gw") return res.writeHead(502, { "content-type": "text/plain", "x-amz-apigw-id": "gw-2" }).end("Bad Gateway")
      if (p == "/bare") return res.writeHead(500).end()
    })
    client = createClient({ baseUrl: srv.base }, {}, "", null)
  })
  after(() => srv.close())

  test("raw: 200", async () => {
    const r = await request(client, op({ path: "/ok" }), {}, { raw: true })
    assert.equal(r.status, 200)
    assert.equal(r.ok, true)
    assert.deepEqual(r.data, { id: 1 })
    assert.equal(r.requestId, "req-1")
    assert.ok(r.headers instanceof Headers)
    assert.ok(r.response instanceof Response)
  })

  test("raw: 404 resolves", async () => {
    const r = await request(client, op({ path: "/missing" }), {}, { raw: true })
    assert.equal(r.status, 404)
    assert.equal(r.ok, false)
    assert.deepEqual(r.data, { error: { code: "not_found", message: "no such room" } })
    assert.equal(r.requestId, "req-2")
  })

  test("ApiError fields", async () => {
    const e = await request(client, op({ id: "getRoom", path: "/missing" })).catch((e) => e)
    assert.ok(e instanceof ApiError)
    assert.ok(e instanceof Error)
    assert.equal(e.name, "ApiError")
    assert.match(e.stack, /^ApiError: getRoom: HTTP 404: no such room\n/)
    assert.equal(e.message, "getRoom: HTTP 404: no such room")
    assert.equal(e.status, 404)
    assert.equal(e.operationId, "getRoom")
    assert.equal(e.requestId, "req-2")
    assert.deepEqual(e.body, { error: { code: "not_found", message: "no such room" } })
    assert.equal(e.headers.get("content-type"), "application/json")
    assert.equal(e.response.status, 404)
  })

  test("requestId falls back to x-amzn-requestid, then x-amz-apigw-id; text bodies", async () => {
    const a = await request(client, op({ id: "a", path: "/amzn" })).catch((e) => e)
    assert.equal(a.requestId, "amzn-1")
    assert.equal(a.message, "a: HTTP 400: bad")
    const b = await request(client, op({ id: "b", path: "/gw" })).catch((e) => e)
    assert.equal(b.requestId, "gw-2")
    assert.equal(b.body, "Bad Gateway")
    assert.equal(b.message, "b: HTTP 502")
    const c = await request(client, op({ id: "c", path: "/bare" })).catch((e) => e)
    assert.equal(c.requestId, undefined)
    assert.equal(c.body, undefined)
    assert.equal(c.message, "c: HTTP 500")
  })
})

describe("date revival", () => {
  const table = {
    Message: { createdAt: 1, editedAt: 1, replies: ["a", "Message"], author: "User" },
    User: { lastSeenAt: 1 },
    Room: { createdAt: 1, members: ["m", "User"], pinned: ["a", ["a", 1]] },
  }
  const iso = "2024-05-06T07:08:09.010Z"

  test("over a real response: nested arrays, maps and a recursive type", async () => {
    const room = {
      id: "r",
      createdAt: iso,
      members: { u1: { lastSeenAt: iso, name: "x" }, u2: { lastSeenAt: null } },
      pinned: [[iso], [iso, iso]],
    }
    const messages = {
      items: [{ createdAt: iso, editedAt: null, author: { lastSeenAt: iso }, replies: [{ createdAt: iso, replies: [{ createdAt: iso }] }] }],
      next: iso,
    }
    const srv = await startServer((req, res) => json(res, 200, req.url == "/room" ? room : messages))
    try {
      const c = createClient({ baseUrl: srv.base }, {}, "", table)
      const r = await request(c, op({ path: "/room", dates: "Room" }))
      assert.ok(r.createdAt instanceof Date)
      assert.equal(r.createdAt.toISOString(), iso)
      assert.ok(r.members.u1.lastSeenAt instanceof Date)
      assert.equal(r.members.u1.name, "x")
      assert.equal(r.members.u2.lastSeenAt, null)
      assert.ok(r.pinned.flat().every((d) => d instanceof Date))
      assert.equal(r.id, "r")

      const m = await request(c, op({ path: "/messages", dates: { items: ["a", "Message"] } }))
      const item = m.items[0]
      assert.ok(item.createdAt instanceof Date)
      assert.equal(item.editedAt, null)
      assert.ok("editedAt" in item)
      assert.ok(item.author.lastSeenAt instanceof Date)
      assert.ok(item.replies[0].createdAt instanceof Date)
      assert.ok(item.replies[0].replies[0].createdAt instanceof Date)
      assert.ok(!("replies" in item.replies[0].replies[0]), "absent properties stay absent")
      assert.equal(m.next, iso, "undescribed strings stay strings")

      // A null table (the generator's choice) turns revival off.
      const off = createClient({ baseUrl: srv.base }, {}, "", null)
      assert.equal((await request(off, op({ path: "/room", dates: "Room" }))).createdAt, iso)
      assert.equal((await request(off, op({ path: "/room", dates: { createdAt: 1 } }))).createdAt, iso)
      // Raw mode revives 2xx bodies too.
      const raw = await request(c, op({ path: "/room", dates: { createdAt: 1 } }), {}, { raw: true })
      assert.ok(raw.data.createdAt instanceof Date)
    } finally {
      await srv.close()
    }
  })

  test("revive directly", () => {
    assert.ok(revive(iso, 1, null) instanceof Date)
    assert.equal(revive(5, 1, null), 5)
    assert.equal(revive(null, "Message", table), null)
    assert.equal(revive(undefined, 1, table), undefined)
    const arr = [iso, iso]
    assert.equal(revive(arr, ["a", 1], null), arr, "in place")
    assert.ok(arr[1] instanceof Date)
    const notArray = { 0: iso }
    revive(notArray, ["a", 1], null)
    assert.equal(notArray[0], iso, "an array descriptor leaves non-arrays alone")
    const map = { a: { at: iso }, b: { at: iso } }
    revive(map, ["m", { at: 1 }], null)
    assert.ok(map.b.at instanceof Date)
    assert.equal(revive("x", "Unknown", table), "x")
  })
})

describe("paginate", () => {
  test("yields 3 pages, following the cursor", async () => {
    const pages = { "": { items: [1, 2], next: "c2" }, c2: { items: [3], next: "c3" }, c3: { items: [4], next: null } }
    const srv = await startServer((req, res) => json(res, 200, pages[new URL(req.url, "http://x").searchParams.get("cursor") ?? ""]))
    try {
      const c = createClient({ baseUrl: srv.base }, {}, "", null)
      const list = { id: "list", method: "GET", path: "/items", params: [["cursor", "cursor", "query", "form", true], ["limit", "limit", "query", "form", true]], security: [] }
      const call = (client, args, options) => request(client, list, args, options)
      const got = []
      for await (const page of paginate(call, c, { limit: 2 }, undefined, ["cursor"], "next")) got.push(page.items)
      assert.deepEqual(got, [[1, 2], [3], [4]])
      assert.deepEqual(srv.requests.map((r) => r.url), ["/items?limit=2", "/items?cursor=c2&limit=2", "/items?cursor=c3&limit=2"])
    } finally {
      await srv.close()
    }
  })

  test("uses the cursor key the caller set; stops on a repeated or empty cursor", async () => {
    const next = { a: "x", x: "x", "": "y", y: "" } // by the cursor the call was given
    const seen = []
    const call = async (client, args) => (seen.push({ ...args }), { next: next[args.after ?? ""] })
    const pages = []
    for await (const p of paginate(call, {}, { after: "a" }, undefined, ["before", "after"], "next")) pages.push(p)
    assert.deepEqual(seen, [{ after: "a" }, { after: "x" }])
    assert.deepEqual(pages, [{ next: "x" }, { next: "x" }])
    seen.length = 0
    for await (const p of paginate(call, {}, {}, undefined, ["after", "before"], "next")) void p
    assert.deepEqual(seen, [{}, { after: "y" }])
  })
})

// ---------------------------------------------------------------------------------------------
// Realtime

const until = async (cond, ms = 3000) => {
  const end = Date.now() + ms
  while (!cond()) {
    if (Date.now() > end) throw new Error("timed out waiting")
    await delay(5)
  }
}

describe("Realtime", () => {
  let ws
  const open = [] // every Realtime made, closed after each test group
  const make = (options, protocol = { tokenQuery: "token", ping: "ping" }) => {
    const rt = new Realtime({ url: ws.url, heartbeat: false, reconnect: { minDelay: 5, maxDelay: 20 }, ...options }, protocol)
    open.push(rt)
    return rt
  }
  before(async () => {
    ws = await startWebSocketServer((req) => !req.url.includes("token=bad"))
  })
  after(async () => {
    await Promise.all(open.map((rt) => rt.close()))
    await ws.close()
  })

  test("connect with the token in the query; state transitions", async () => {
    const rt = make({ token: "a b+c" })
    assert.equal(rt.state, "idle")
    const p = rt.connect()
    assert.equal(rt.state, "connecting")
    await p
    assert.equal(rt.state, "open")
    const conn = ws.connections.at(-1)
    assert.equal(conn.url.pathname, "/realtime")
    assert.equal(conn.url.search, "?token=a%20b%2Bc")
    const count = ws.upgrades.length
    await rt.connect() // already open: resolves at once, without another socket
    assert.equal(ws.upgrades.length, count)
    assert.equal(rt.state, "open")
    await rt.close()
    assert.equal(rt.state, "closed")
  })

  test("token function; '&' when the URL has a query; no token, no parameter", async () => {
    const calls = []
    const rt = make({ url: ws.url + "?v=1", token: async (ctx) => (calls.push(ctx), "t") })
    await rt.connect()
    assert.equal(ws.connections.at(-1).url.search, "?v=1&token=t")
    assert.deepEqual(calls, [{ refresh: false }])
    await rt.close()
    const anon = make({})
    await anon.connect()
    assert.equal(ws.connections.at(-1).url.search, "")
    await anon.close()
  })

  test("send and receive; '*' handler; unsubscribe", async () => {
    const rt = make({ token: "t" })
    const n = ws.connections.length
    await rt.connect()
    const conn = await ws.connection(n)
    rt.send("sendMessage", { roomId: "r", text: "hi" })
    rt.send("markRead")
    assert.deepEqual(await conn.next(0), { action: "sendMessage", data: { roomId: "r", text: "hi" } })
    assert.deepEqual(await conn.next(1), { action: "markRead" })

    const typed = []
    const all = []
    const off = rt.on("message.created", (d) => typed.push(d))
    rt.on("*", (t, d) => all.push([t, d]))
    conn.send({ type: "message.created", data: { id: "m1" } })
    conn.send({ type: "typing", data: { userId: "u" } })
    await until(() => all.length == 2)
    assert.deepEqual(typed, [{ id: "m1" }])
    assert.deepEqual(all, [["message.created", { id: "m1" }], ["typing", { userId: "u" }]])
    off()
    conn.send({ type: "message.created", data: { id: "m2" } })
    await until(() => all.length == 3)
    assert.equal(typed.length, 1)
    await rt.close()
  })

  test("unparseable frames go to $error only", async () => {
    const rt = make({})
    const n = ws.connections.length
    await rt.connect()
    const conn = await ws.connection(n)
    const errors = []
    const all = []
    rt.on("$error", (e) => errors.push(e))
    rt.on("*", (t) => all.push(t))
    conn.send("not json")
    conn.send('{"data": 1}')
    conn.send({ type: "ok", data: 1 })
    await until(() => all.length == 1)
    assert.equal(errors.length, 2)
    assert.ok(errors.every((e) => e instanceof Error))
    assert.deepEqual(all, ["ok"])
    await rt.close()
  })

  test("dates revived in events; options.dates null turns it off", async () => {
    const iso = "2024-01-01T00:00:00.000Z"
    const protocol = { events: { "message.created": "Message", presence: { lastSeenAt: 1 } }, dates: { Message: { createdAt: 1, author: "User" }, User: { lastSeenAt: 1 } } }
    const rt = make({}, protocol)
    const n = ws.connections.length
    await rt.connect()
    const conn = await ws.connection(n)
    const got = []
    rt.on("message.created", (d) => got.push(d))
    rt.on("presence", (d) => got.push(d))
    conn.send({ type: "message.created", data: { createdAt: iso, author: { lastSeenAt: iso }, text: iso } })
    conn.send({ type: "presence", data: { lastSeenAt: null } })
    await until(() => got.length == 2)
    assert.ok(got[0].createdAt instanceof Date)
    assert.ok(got[0].author.lastSeenAt instanceof Date)
    assert.equal(got[0].text, iso)
    assert.equal(got[1].lastSeenAt, null)
    await rt.close()

    const off = make({ dates: null }, protocol)
    const m = ws.connections.length
    await off.connect()
    const conn2 = await ws.connection(m)
    let d
    off.on("message.created", (x) => (d = x))
    conn2.send({ type: "message.created", data: { createdAt: iso } })
    await until(() => d)
    assert.equal(d.createdAt, iso)
    await off.close()
  })

  test("offline queue: sent before connect and during a disconnect, flushed in order on reopen", async () => {
    const rt = make({ token: "t" })
    const closes = []
    let opens = 0
    rt.on("$close", (e) => closes.push(e.code))
    rt.on("$open", () => opens++)
    rt.send("early", 1)
    const n = ws.connections.length
    await rt.connect()
    const first = await ws.connection(n)
    assert.deepEqual(await first.next(0), { action: "early", data: 1 })

    first.close(1011, "restart") // server-side disconnect
    await until(() => closes.length == 1)
    assert.equal(closes[0], 1011)
    assert.notEqual(rt.state, "open")
    rt.send("a", 1)
    rt.send("b", 2)
    rt.send("c", 3)
    const second = await ws.connection(n + 1)
    await until(() => second.messages.length == 3)
    assert.deepEqual(second.messages, [{ action: "a", data: 1 }, { action: "b", data: 2 }, { action: "c", data: 3 }])
    assert.equal(first.messages.length, 1)
    await until(() => rt.state == "open")
    assert.equal(opens, 2)

    // And after the TCP connection is cut without a close frame.
    second.destroy()
    await until(() => closes.length == 2)
    rt.send("d")
    const third = await ws.connection(n + 2)
    assert.deepEqual(await third.next(0), { action: "d" })
    await rt.close()
  })

  test("the queue is bounded", () => {
    const rt = make({ queueLimit: 2 })
    rt.send("a")
    rt.send("b")
    assert.throws(() => rt.send("c"), /queue full/)
  })

  test("heartbeat: pings while open", async () => {
    const rt = make({ heartbeat: 30 })
    const n = ws.connections.length
    await rt.connect()
    const conn = await ws.connection(n)
    conn.on("message", (m) => m.action == "ping" && conn.send({ type: "pong", data: {} }))
    await until(() => conn.messages.length >= 3)
    assert.ok(conn.messages.every((m) => m.action == "ping" && !("data" in m)))
    assert.equal(ws.connections.length, n + 1, "answered pings keep the connection")
    await rt.close()
  })

  test("heartbeat: no frame for two intervals closes with 4000 and reconnects", async () => {
    const rt = make({ heartbeat: 40 })
    const closes = []
    rt.on("$close", (e) => closes.push(e))
    const n = ws.connections.length
    await rt.connect()
    const silent = await ws.connection(n) // never answers
    const next = await ws.connection(n + 1)
    assert.equal(closes[0].code, 4000)
    assert.ok(silent.messages.some((m) => m.action == "ping"))
    await until(() => silent.closed)
    await until(() => rt.state == "open")
    next.send({ type: "x" }) // keeps the new one alive briefly
    await rt.close()
  })

  test("no heartbeat without a ping action", async () => {
    const rt = make({ heartbeat: 20 }, {})
    const n = ws.connections.length
    await rt.connect()
    const conn = await ws.connection(n)
    await delay(120)
    assert.equal(conn.messages.length, 0)
    assert.equal(ws.connections.length, n + 1)
    assert.equal(rt.state, "open")
    await rt.close()
  })

  test("close() stops reconnecting and resolves once closed", async () => {
    const rt = make({})
    const n = ws.connections.length
    let closes = 0
    rt.on("$close", () => closes++)
    await rt.connect()
    const conn = await ws.connection(n)
    rt.send("x")
    await conn.next(0)
    await rt.close(4001, "bye")
    assert.equal(rt.state, "closed")
    await until(() => conn.closed)
    await delay(100)
    assert.equal(ws.connections.length, n + 1, "no reconnect after close()")
    assert.equal(closes, 1)
    rt.send("queued") // queued while closed, dropped by the next close()
    await rt.close()
    assert.equal(rt.state, "closed")
  })

  test("connect() twice while connecting makes one connection", async () => {
    const rt = make({ token: "t" })
    const n = ws.upgrades.length
    const a = rt.connect()
    const b = rt.connect()
    await Promise.all([a, b])
    await delay(50)
    assert.equal(ws.upgrades.length, n + 1)
    await rt.close()
  })

  test("close() while the token function runs: no connection is made", async () => {
    const rt = make({ token: async () => (await delay(50), "t") })
    const n = ws.upgrades.length
    void rt.connect()
    await rt.close()
    await delay(120)
    assert.equal(ws.upgrades.length, n)
    assert.equal(rt.state, "closed")
  })

  test("close() during the handshake resolves, and nothing opens", async () => {
    const rt = make({})
    let opened = 0
    rt.on("$open", () => opened++)
    const n = ws.connections.length
    void rt.connect() // stays pending: close() rejects nothing
    assert.equal(rt.state, "connecting")
    await rt.close()
    assert.equal(rt.state, "closed")
    await delay(100)
    assert.equal(opened, 0)
    assert.equal(rt.state, "closed")
    assert.ok(ws.connections.slice(n).every((c) => c.closed))
  })

  test("close() while waiting to reconnect cancels the reconnect", async () => {
    const rt = make({ reconnect: { minDelay: 100, maxDelay: 100 } })
    const n = ws.connections.length
    await rt.connect()
    const conn = await ws.connection(n)
    conn.destroy()
    await until(() => rt.state == "connecting")
    await rt.close()
    await delay(250)
    assert.equal(ws.connections.length, n + 1)
    assert.equal(rt.state, "closed")
  })

  test("reconnect backoff: at least minDelay, growing while attempts fail, reset after an open", async () => {
    let refuse = 5
    const times = []
    const server = await startWebSocketServer(() => (times.push(Date.now()), refuse-- <= 0))
    try {
      const rt = new Realtime({ url: server.url, heartbeat: false, reconnect: { minDelay: 20, maxDelay: 5000 } }, {})
      open.push(rt)
      await rt.connect()
      assert.equal(times.length, 6)
      const gaps = times.slice(1).map((t, i) => t - times[i])
      assert.ok(gaps.every((g) => g >= 19), `gaps ${gaps}`)
      assert.ok(gaps[0] < 40 + 60, `first gap ${gaps[0]}`) // random(20, 40) + scheduling slack
      const conn = await server.connection(0)
      const dropped = Date.now()
      conn.destroy()
      await server.connection(1)
      const gap = Date.now() - dropped
      // Without the reset it would be random(20, 1280).
      assert.ok(gap >= 19 && gap < 40 + 60, `after an open the first delay is again random(20, 40): ${gap}`)
      await rt.close()
    } finally {
      await server.close()
    }
  })

  test("a refused attempt asks the token function with refresh: true", async () => {
    const calls = []
    const rt = make({ token: ({ refresh }) => (calls.push(refresh), refresh ? "good" : "bad") })
    const n = ws.upgrades.length
    await rt.connect()
    assert.deepEqual(calls, [false, true])
    assert.deepEqual(ws.upgrades.slice(n), ["/realtime?token=bad", "/realtime?token=good"])
    await rt.close()
  })

  test("reconnect off: connect() rejects when the first attempt fails", async () => {
    const rt = make({ token: "bad", reconnect: false })
    const n = ws.upgrades.length
    await assert.rejects(rt.connect(), Error)
    assert.equal(rt.state, "closed")
    await delay(50)
    assert.equal(ws.upgrades.length, n + 1)
  })

  test("a missing WebSocket is a clear error", () => {
    const saved = Object.getOwnPropertyDescriptor(globalThis, "WebSocket")
    Object.defineProperty(globalThis, "WebSocket", { value: undefined, configurable: true, writable: true })
    try {
      assert.throws(() => new Realtime({ url: "ws://x" }, {}), /options\.WebSocket.*Node 22\+.*--experimental-websocket/)
    } finally {
      Object.defineProperty(globalThis, "WebSocket", saved)
    }
  })

  test("options.WebSocket is used", async () => {
    const urls = []
    class Spy extends WebSocket {
      constructor(url) {
        urls.push(url)
        super(url)
      }
    }
    const rt = make({ WebSocket: Spy, token: "t" })
    await rt.connect()
    assert.deepEqual(urls, [ws.url + "?token=t"])
    await rt.close()
  })
})
