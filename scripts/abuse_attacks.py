"""The attacks of scripts/abuse-test. Each takes the test's context and returns
(passed, how many tries, a line of figures)."""
import collections
import socket
import struct
import threading
import time

from abuse_client import API, WebSocket, abort, raw_exchanges


def summary(statuses):
    """Answers by status; `closed`: closed with no answer; `open`: no answer, connection kept open."""
    counts = collections.Counter("closed" if status is None else str(status) for status in statuses)
    return ", ".join(f"{key}×{value}" for key, value in sorted(counts.items()))


def refused(statuses, allowed):
    """Every answer is one of `allowed` (None: the server closed without an answer)."""
    return all(status in allowed for status in statuses)


def malformed_request_lines(context):
    port = context["port"]
    lines = [b"GARBAGE\r\n\r\n", b"GET\r\n\r\n", b"GET / HTTP/9.9\r\nHost: x\r\n\r\n", b"GET / FTP/1.0\r\n\r\n",
             b"\x00\x01\x02\x03\xff\xfe\r\n\r\n", b"GET /\x00 HTTP/1.1\r\nHost: x\r\n\r\n",
             b"GET " + b"/a" * 50_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", b"G\xc3\xa9T / HTTP/1.1\r\n\r\n",
             b"GET / HTTP/1.1\nHost: x\n\n", b" / HTTP/1.1\r\n\r\n", b"GET /api/health HTTP/1.1\r\r\r\n\r\n",
             b"\r\n" * 10_000, b"GET /%zz%00%ff HTTP/1.1\r\nHost: x\r\n\r\n", b"GET http://[::1 HTTP/1.1\r\n\r\n",
             b"CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: x\r\n\r\n", b"TRACE / HTTP/1.1\r\nHost: x\r\n\r\n"]
    statuses = raw_exchanges(port, lines)
    ok = all(not isinstance(status, int) or status < 500 for status in statuses)
    return ok, len(lines), summary(statuses) + "; no 5xx" if ok else summary(statuses)


def bad_headers(context):
    port, body = context["port"], b'{"clientId":"h","text":"x"}'
    path = f"/api/rooms/{context['room']}/messages".encode()
    auth = f"Authorization: Bearer {context['alice'].token}\r\n".encode()
    heads = [b"Host x\r\n", b"Bad Name: 1\r\n", b"X: a\r\n b\r\n", b"Content-Length: -1\r\n",
             b"Content-Length: abc\r\n", b"Content-Length: 5\r\nContent-Length: 6\r\n",
             b"Content-Length: 27\r\nTransfer-Encoding: chunked\r\n", b"X-Nul: a\x00b\r\n",
             b"X-Utf: \xff\xfe\r\n", b": empty\r\n", b"Content-Type: application/json; charset=\xff\r\n",
             b"Transfer-Encoding: gzip\r\n", b"Content-Length: 99999999999999999999999\r\n",
             b"Authorization: Bearer \xff\r\n", b"X-Request-Id: " + b"x" * 4000 + b"\r\n",
             b"Expect: 100-continue\r\nContent-Length: 27\r\n"]
    requests = [b"POST " + path + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n" + auth + head + b"\r\n" + body for head in heads]
    statuses = raw_exchanges(port, requests)
    ok = all(not isinstance(status, int) or status < 500 for status in statuses)
    return ok, len(heads), summary(statuses) + ("; no 5xx" if ok else "")


def huge_headers(context):
    port = context["port"]
    requests = [
        b"GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * (1 << 20) + b"\r\n\r\n",
        b"GET /api/health HTTP/1.1\r\nHost: x\r\n" + b"".join(b"X-%d: %s\r\n" % (n, b"v" * 90) for n in range(10_000))
        + b"\r\n",
        b"GET /api/health HTTP/1.1\r\nHost: x\r\nCookie: " + b"c=1; " * 200_000 + b"\r\n\r\n",
        b"GET /api/health HTTP/1.1\r\nHost: x\r\nX-Endless: " + b"b" * (8 << 20),  # never ends
    ]
    statuses = raw_exchanges(port, requests)
    ok = all(not isinstance(status, int) or 400 <= status < 500 for status in statuses)
    return ok, len(requests), summary(statuses) + " (1 MB value, 10k headers, 1 MB cookie, 8 MB unterminated)"


def invalid_chunked(context):
    port = context["port"]
    head = (f"POST /api/rooms/{context['room']}/messages HTTP/1.1\r\nHost: x\r\n"
            f"Authorization: Bearer {context['alice'].token}\r\nContent-Type: application/json\r\n"
            "Transfer-Encoding: chunked\r\n\r\n").encode()
    bodies = [b"zz\r\nabc\r\n0\r\n\r\n", b"-5\r\nabc\r\n0\r\n\r\n", b"3\r\nabcdef0\r\n\r\n",
              b"ffffffffffffffffff\r\nab\r\n", b"5\r\nab", b"3;ext=\xff\r\nabc\r\n0\r\n\r\n",
              b"3\r\nabc\r\n0\r\nTrailer: \x00\r\n\r\n", b"\r\n\r\n", b"1\nx\n0\n\n",
              b"8000000000000000\r\n" + b"x" * 1000]
    statuses = raw_exchanges(port, [head + body for body in bodies])
    ok = all(not isinstance(status, int) or 400 <= status < 500 for status in statuses)
    return ok, len(bodies), summary(statuses)


def bodies_over_limit(context):
    port, alice, room = context["port"], context["alice"], context["room"]
    path = f"/api/rooms/{room}/messages"
    head = (f"POST {path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {alice.token}\r\n"
            "Content-Type: application/json\r\n").encode()
    big = b'{"clientId":"big","text":"' + b"x" * (2 << 20) + b'"}'
    statuses = raw_exchanges(port, [
        head + b"Content-Length: %d\r\n\r\n" % len(big) + big,
        head + b"Transfer-Encoding: chunked\r\n\r\n"
        + b"".join(b"10000\r\n" + b"x" * 0x10000 + b"\r\n" for _ in range(80)) + b"0\r\n\r\n",
        # Claims 10 GB and sends 2 MB: the server must answer without waiting for the rest.
        head + b"Content-Length: 10000000000\r\n\r\n" + b"x" * (2 << 20),
        f"POST /oauth2/token HTTP/1.1\r\nHost: x\r\nContent-Length: {2 << 20}\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n\r\n".encode() + b"a" * (2 << 20),
    ], timeout=10)
    status, _ = alice.call("GET", f"/rooms/{room}/messages?limit=1")
    ok = all(status == 413 for status in statuses) and status == 200
    return ok, len(statuses), summary(statuses) + f"; then a normal request: {status}"


def websocket_frames(context):
    """Oversized and invalid frames each get their close code; a bystander keeps receiving."""
    port, alice, room = context["port"], context["alice"], context["room"]
    bystander = WebSocket(port, context["bob"].token)
    cases = [
        ("64 KB text", 1009, dict(opcode=0x1, payload=b'{"action":"ping","x":"' + b"x" * 65_536 + b'"}')),
        ("1 MB binary", 1009, dict(opcode=0x2, payload=b"x" * (1 << 20))),
        # Known gap: swift-websocket accepts unmasked client frames (RFC 6455 says close); it is read as usual.
        ("unmasked", None, dict(opcode=0x1, payload=b'{"action":"ping"}', mask=False)),
        ("reserved opcode 3", 1002, dict(opcode=0x3, payload=b"x")),
        ("RSV1 set", 1002, dict(opcode=0x1, payload=b"{}", rsv=4)),
        ("fragmented ping", 1002, dict(opcode=0x9, payload=b"x", fin=False)),
        ("200-byte ping", 1002, dict(opcode=0x9, payload=b"x" * 200)),
        ("lone continuation", 1002, dict(opcode=0x0, payload=b"x")),
        ("invalid UTF-8 text", 1007, dict(opcode=0x1, payload=b'{"action":"\xff\xfe"}')),
        ("bad close code 999", 1002, dict(opcode=0x8, payload=struct.pack("!H", 999))),
    ]
    results, ok = [], True
    for name, expected, frame in cases:
        socket_ = WebSocket(port, alice.token)
        try:
            socket_.send(**frame)
        except OSError:
            pass
        code = socket_.close_code(timeout=5 if expected else 1)
        socket_.sock.close()
        results.append(f"{name}→{code}")
        ok &= code == expected
    # Not valid JSON or not a known action: an error event, and the connection stays open.
    chatty = WebSocket(port, alice.token)
    chatty.send(0x1, b"not json")
    chatty.send_json({"action": "nope", "data": {}})
    errors = []
    for event in chatty.events(3):
        errors += [event] if event.get("type") == "error" else []
        if len(errors) == 2:
            break
    ok &= len(errors) == 2
    results.append(f"bad JSON and unknown action→{len(errors)} error events")
    status, sent = alice.call("POST", f"/rooms/{room}/messages", {"clientId": "after-frames", "text": "still here"})
    seen = any(event.get("type") == "messageCreated" and event["data"].get("clientId") == "after-frames"
               for event in bystander.events(3))
    chatty.close()
    bystander.close()
    ok &= status == 201 and seen
    return ok, len(cases) + 2, ", ".join(results) + f"; bystander got the next message: {seen}"


def slowloris(context):
    """Hundreds of sockets each send a request one byte at a time; normal requests must still be fast."""
    port, count = context["port"], 100 if context["quick"] else 300
    request = b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"s" * 40 + b"\r\n\r\n"
    sockets = []
    for _ in range(count):
        sock = socket.create_connection(("127.0.0.1", port), timeout=5)
        sock.setblocking(False)
        sockets.append(sock)
    alive, sent = list(sockets), 0
    deadline = time.monotonic() + (5 if context["quick"] else 10)
    latencies = []
    while time.monotonic() < deadline and alive:
        for sock in list(alive):
            try:
                sock.send(request[sent:sent + 1] if sent < len(request) - 4 else b"x")
            except (BlockingIOError, OSError):
                alive.remove(sock)
        sent += 1
        started = time.monotonic()
        status, _ = context["alice"].call("GET", "/me")
        latencies.append(time.monotonic() - started if status == 200 else 99)
        time.sleep(0.1)
    for sock in sockets:
        sock.close()
    latencies.sort()
    ok = latencies and latencies[-1] < 1.0
    return ok, count, (f"{count} slow sockets, {len(alive)} still open after {sent} bytes each; "
                       f"/me during it: p50 {latencies[len(latencies) // 2] * 1000:.0f} ms, "
                       f"max {latencies[-1] * 1000:.0f} ms over {len(latencies)} requests")


def slow_websocket_reader(context):
    """A member whose socket is never read while messages fan out: the others get theirs quickly;
    the slow one is closed (1008) once its queue is full, so what the server buffers for it is bounded."""
    port, alice, bob, room = context["port"], context["alice"], context["bob"], context["room"]
    slow = WebSocket(port, bob.token, receive_buffer=4096)
    fast, sender = WebSocket(port, bob.token), WebSocket(port, alice.token)
    # Even with --quick: the socket's kernel buffers take some 700 of these before the server's
    # 512-frame limit starts counting, so fewer would never overflow it.
    echoed, received, count = {}, {}, 2000

    def read(socket_, seen):
        for event in socket_.events(3):
            if event.get("type") == "messageCreated" and event["data"]["clientId"].startswith("flood-"):
                seen[event["data"]["clientId"]] = time.monotonic()
                if len(seen) == count:
                    return

    readers = [threading.Thread(target=read, args=pair, daemon=True) for pair in ((fast, received), (sender, echoed))]
    for reader in readers:
        reader.start()
    started, text = time.monotonic(), "f" * 3900
    for number in range(count):
        while number - len(echoed) >= 50 and readers[1].is_alive():  # at most 50 sends in flight
            time.sleep(0.001)
        sender.send_json({"action": "sendMessage",
                          "data": {"roomId": room, "clientId": f"flood-{number}", "text": text}})
    for reader in readers:
        reader.join(timeout=20)
    elapsed = time.monotonic() - started
    skews = sorted(received[key] - echoed[key] for key in received if key in echoed)
    code = slow.close_code(timeout=15)
    for socket_ in (fast, sender):
        socket_.close()
    slow.sock.close()
    if not skews:
        return False, count, "the fast reader got nothing"
    ok = len(received) == count and skews[-1] < 1.0 and code == 1008
    return ok, count, (f"{count} × 4 KB messages in {elapsed:.1f} s: fast reader got {len(received)}, "
                       f"{skews[len(skews) // 2] * 1000:.0f} ms p50 / {skews[-1] * 1000:.0f} ms max after the sender; "
                       f"never-reading socket closed with {code}")


def abrupt_disconnects(context):
    port, alice, room = context["port"], context["alice"], context["room"]
    count = 50 if context["quick"] else 150
    head = (f"POST /api/rooms/{room}/messages HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {alice.token}\r\n"
            "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n").encode()
    for number in range(count):
        kind = number % 3
        if kind == 0:  # mid-request body
            sock = socket.create_connection(("127.0.0.1", port))
            sock.sendall(head + b'{"clientId":"cut","text":"' + b"x" * 300)
            abort(sock)
        elif kind == 1:  # mid-frame
            ws = WebSocket(port, alice.token)
            ws.sock.sendall(WebSocket.frame(0x1, b'{"action":"ping"}' + b" " * 900)[:200])
            abort(ws.sock)
        else:  # mid-response, a large file
            sock = socket.create_connection(("127.0.0.1", port))
            sock.sendall(b"GET /sdk/index.js HTTP/1.1\r\nHost: x\r\n\r\n")
            sock.recv(10)
            abort(sock)
    status, page = alice.call("GET", f"/rooms/{room}/messages?limit=100")
    partial = [item for item in page["items"] if item["clientId"] == "cut"] if status == 200 else []
    ok = status == 200 and not partial
    return ok, count, f"{count} resets mid-body, mid-frame and mid-response; no half-sent message stored: {not partial}"


def connect_churn(context):
    port, alice = context["port"], context["alice"]
    count = 100 if context["quick"] else 300
    started, slowest = time.monotonic(), 0.0
    for number in range(count):
        connecting = time.monotonic()
        sock = socket.create_connection(("127.0.0.1", port))
        slowest = max(slowest, time.monotonic() - connecting)
        if number % 2:
            sock.sendall(b"GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n")
        sock.close()
    for _ in range(count // 3):
        ws = WebSocket(port, alice.token)
        ws.sock.close()  # no close frame
    elapsed = time.monotonic() - started
    time.sleep(0.5)
    status, _ = alice.call("GET", "/me")
    return status == 200, count + count // 3, (f"{count} TCP connect/close (half with a request) and "
                                              f"{count // 3} WebSockets dropped in {elapsed:.1f} s "
                                              f"(slowest connect {slowest * 1000:.0f} ms); then /me: {status}")


ATTACKS = [
    ("malformed request lines", malformed_request_lines),
    ("bad headers", bad_headers),
    ("huge headers", huge_headers),
    ("invalid chunked encoding", invalid_chunked),
    ("bodies over the 1 MiB limit", bodies_over_limit),
    ("oversized and invalid WebSocket frames", websocket_frames),
    ("slowloris", slowloris),
    ("slow WebSocket reader", slow_websocket_reader),
    ("abrupt disconnects", abrupt_disconnects),
    ("connect/close churn", connect_churn),
]
