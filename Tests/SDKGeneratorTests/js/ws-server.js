// A minimal RFC 6455 WebSocket server for the runtime tests: node:http 'upgrade' + node:crypto.
// Text frames, close and ping only; no extensions, no fragmentation on send.
import { createServer } from "node:http"
import { createHash } from "node:crypto"
import { EventEmitter, once } from "node:events"

const GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

/** One server-side connection. Emits "message" (text), "close" ({code, reason}). */
class Connection extends EventEmitter {
  constructor(socket, req) {
    super()
    this.socket = socket
    this.req = req
    this.url = new URL(req.url, "http://localhost")
    this.messages = [] // parsed JSON of every text frame received
    this.closed = false
    this.buffer = Buffer.alloc(0)
    socket.on("data", (chunk) => {
      this.buffer = Buffer.concat([this.buffer, chunk])
      this.#parse()
    })
    socket.on("close", () => this.#closed(1006, ""))
    socket.on("error", () => {})
  }

  #parse() {
    for (;;) {
      const b = this.buffer
      if (b.length < 2) return
      const opcode = b[0] & 0x0f
      const masked = b[1] & 0x80
      let len = b[1] & 0x7f
      let at = 2
      if (len == 126) {
        if (b.length < 4) return
        len = b.readUInt16BE(2)
        at = 4
      } else if (len == 127) {
        if (b.length < 10) return
        len = Number(b.readBigUInt64BE(2))
        at = 10
      }
      const mask = masked ? b.subarray(at, at + 4) : null
      if (masked) at += 4
      if (b.length < at + len) return
      const payload = Buffer.from(b.subarray(at, at + len))
      if (mask) for (let i = 0; i < payload.length; i++) payload[i] ^= mask[i & 3]
      this.buffer = b.subarray(at + len)
      if (opcode == 1) {
        const text = payload.toString("utf8")
        let json
        try {
          json = JSON.parse(text)
        } catch {
          json = text
        }
        this.messages.push(json)
        this.emit("message", json)
      } else if (opcode == 8) {
        const code = payload.length >= 2 ? payload.readUInt16BE(0) : 1005
        const reason = payload.subarray(2).toString("utf8")
        if (!this.sentClose) this.#frame(8, payload.subarray(0, 2))
        this.socket.end()
        this.#closed(code, reason)
      } else if (opcode == 9) {
        this.#frame(10, payload)
      }
    }
  }

  #closed(code, reason) {
    if (this.closed) return
    this.closed = true
    this.emit("close", { code, reason })
  }

  #frame(opcode, payload) {
    if (this.socket.destroyed) return
    const n = payload.length
    const head = n < 126 ? Buffer.from([0x80 | opcode, n]) : Buffer.from([0x80 | opcode, 126, n >> 8, n & 255])
    if (n > 0xffff) throw new Error("test server: frame too long")
    this.socket.write(Buffer.concat([head, payload]))
  }

  /** Sends a text frame; objects are JSON-encoded. */
  send(data) {
    this.#frame(1, Buffer.from(typeof data == "string" ? data : JSON.stringify(data)))
  }

  /** Starts a clean close handshake. */
  close(code = 1000, reason = "") {
    const p = Buffer.alloc(2 + Buffer.byteLength(reason))
    p.writeUInt16BE(code, 0)
    p.write(reason, 2)
    this.sentClose = true
    this.#frame(8, p)
  }

  /** Cuts the TCP connection without a close frame. */
  destroy() {
    this.socket.destroy()
  }

  /** Waits for the next text frame (or the one already received at `index`). */
  async next(index = this.messages.length) {
    while (this.messages.length <= index) await once(this, "message")
    return this.messages[index]
  }
}

/**
 * Starts a WebSocket server on 127.0.0.1 (ephemeral port). `accept(req)` may return false to refuse
 * an upgrade with 401. Emits "connection" (Connection).
 */
export async function startWebSocketServer(accept = () => true) {
  const events = new EventEmitter()
  const connections = []
  const upgrades = [] // every upgrade request URL, accepted or not
  const server = createServer((req, res) => res.writeHead(426).end())
  server.on("upgrade", (req, socket) => {
    upgrades.push(req.url)
    if (!accept(req)) {
      socket.end("HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n", () => socket.destroy())
      return
    }
    const key = req.headers["sec-websocket-key"]
    const acceptKey = createHash("sha1").update(key + GUID).digest("base64")
    socket.write(
      "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
        `Sec-WebSocket-Accept: ${acceptKey}\r\n\r\n`
    )
    const c = new Connection(socket, req)
    connections.push(c)
    events.emit("connection", c)
  })
  server.listen(0, "127.0.0.1")
  await once(server, "listening")
  const { port } = server.address()
  return {
    url: `ws://127.0.0.1:${port}/realtime`,
    connections,
    upgrades,
    events,
    /** The next connection (or the one already made at `index`). */
    async connection(index = connections.length) {
      while (connections.length <= index) await once(events, "connection")
      return connections[index]
    },
    async close() {
      for (const c of connections) c.destroy()
      server.closeAllConnections?.()
      await new Promise((r) => server.close(r))
    },
  }
}
