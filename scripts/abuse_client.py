"""Low-level clients for scripts/abuse-test: raw HTTP over sockets (so requests can be malformed on
purpose), a WebSocket client that frames by hand (so frames can be oversized or invalid), the local
sign-in, and the server's resident memory."""
import base64
import http.client
import json
import os
import re
import socket
import struct
import threading
import time
import urllib.error
import urllib.parse
import urllib.request


def rss_kb(pid):
    """The process's resident set size in kB, from /proc."""
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def raw_exchange(port, data, timeout=2.0, chunks=None, pause=0.0):
    """Sends `data` (or each of `chunks`, `pause` seconds apart) on a new connection, then reads
    until the server closes or goes quiet. Returns (status or None, bytes read)."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    received, quiet = b"", False
    try:
        for chunk in chunks or [data]:
            sock.sendall(chunk)
            if pause:
                time.sleep(pause)
        while not complete(received):
            block = sock.recv(65536)
            if not block:
                break
            received += block
    except socket.timeout:
        quiet = True
    except (ConnectionResetError, BrokenPipeError):
        pass
    finally:
        sock.close()
    status = status_of(received)
    return ("open" if quiet else None) if status is None else status, received


def raw_exchanges(port, requests, timeout=2.0):
    """`raw_exchange` for each request, all at once; the statuses in order."""
    statuses = [None] * len(requests)

    def run(index):
        statuses[index] = raw_exchange(port, requests[index], timeout=timeout)[0]

    threads = [threading.Thread(target=run, args=(index,)) for index in range(len(requests))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def complete(response):
    """Whether `response` holds one whole HTTP response (or more than 1 MB of anything)."""
    if len(response) > 1 << 20:
        return True
    head, separator, body = response.partition(b"\r\n\r\n")
    if not separator:
        return False
    length = re.search(rb"(?im)^content-length:\s*(\d+)", head)
    if length:
        return len(body) >= int(length.group(1))
    if re.search(rb"(?im)^transfer-encoding:\s*chunked", head):
        return body.endswith(b"0\r\n\r\n")
    return status_of(response) in (101, 204, 304)


def status_of(response):
    if response.startswith(b"HTTP/1."):
        try:
            return int(response.split(b" ", 2)[1])
        except (IndexError, ValueError):
            return None
    return None


def abort(sock):
    """Closes with a TCP reset (SO_LINGER 0): the peer sees the connection vanish mid-stream."""
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


class API:
    """The REST API as one signed-in user, over a kept-alive connection."""

    def __init__(self, port, token):
        self.port = port
        self.token = token
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)

    def call(self, method, path, body=None):
        headers = {"Authorization": f"Bearer {self.token}"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        for attempt in range(2):
            try:
                self.connection.request(method, "/api" + path, body=data, headers=headers)
                response = self.connection.getresponse()
                payload = response.read()
                return response.status, json.loads(payload) if payload else None
            except (http.client.HTTPException, OSError):
                self.connection.close()
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
                if attempt == 1:
                    raise
        return None, None


def sign_in(origin, username):
    """An ID token through the local sign-in: /login gives a code, /oauth2/token the tokens."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    form = urllib.parse.urlencode({"client_id": "chatsitelocal", "redirect_uri": "http://localhost/cb",
                                   "response_type": "code", "new_username": username}).encode()
    try:
        opener.open(origin + "/login", data=form)
        raise SystemExit("sign-in did not redirect")
    except urllib.error.HTTPError as redirect:
        location = redirect.headers["Location"]
    code = urllib.parse.parse_qs(urllib.parse.urlparse(location).query)["code"][0]
    form = urllib.parse.urlencode({"grant_type": "authorization_code", "code": code,
                                   "redirect_uri": "http://localhost/cb"}).encode()
    with urllib.request.urlopen(origin + "/oauth2/token", data=form) as response:
        return json.load(response)["id_token"]


class WebSocket:
    """A WebSocket client that writes its own frames, valid or not."""

    def __init__(self, port, token, receive_buffer=None, timeout=10.0):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        if receive_buffer:
            self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, receive_buffer)
        self.sock.settimeout(timeout)
        self.sock.connect(("127.0.0.1", port))
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET /ws?token={token} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
                           f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"
                           ).encode())
        self.buffer = b""
        while b"\r\n\r\n" not in self.buffer:
            block = self.sock.recv(4096)
            if not block:
                raise ConnectionError("closed during the upgrade")
            self.buffer += block
        head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
        if not head.startswith(b"HTTP/1.1 101"):
            raise ConnectionError("upgrade refused: " + head.split(b"\r\n")[0].decode(errors="replace"))

    @staticmethod
    def frame(opcode, payload, fin=True, mask=True, rsv=0, length=None):
        length = len(payload) if length is None else length
        first = (0x80 if fin else 0) | (rsv << 4) | opcode
        if length < 126:
            header = struct.pack("!BB", first, (0x80 if mask else 0) | length)
        elif length < 1 << 16:
            header = struct.pack("!BBH", first, (0x80 if mask else 0) | 126, length)
        else:
            header = struct.pack("!BBQ", first, (0x80 if mask else 0) | 127, length)
        if not mask:
            return header + payload
        key = os.urandom(4)
        return header + key + bytes(byte ^ key[index % 4] for index, byte in enumerate(payload))

    def send(self, opcode, payload, **options):
        self.sock.sendall(self.frame(opcode, payload, **options))

    def send_json(self, value):
        self.send(0x1, json.dumps(value).encode())

    def receive(self, timeout=None):
        """The next frame as (opcode, payload); (None, None) when the connection ends."""
        if timeout is not None:
            self.sock.settimeout(timeout)
        while True:
            frame = self._parse()
            if frame:
                return frame
            try:
                block = self.sock.recv(65536)
            except (ConnectionResetError, BrokenPipeError):
                return None, None
            if not block:
                return None, None
            self.buffer += block

    def _parse(self):
        if len(self.buffer) < 2:
            return None
        first, second = self.buffer[0], self.buffer[1]
        length, offset = second & 0x7F, 2
        if length == 126:
            if len(self.buffer) < 4:
                return None
            length, offset = struct.unpack("!H", self.buffer[2:4])[0], 4
        elif length == 127:
            if len(self.buffer) < 10:
                return None
            length, offset = struct.unpack("!Q", self.buffer[2:10])[0], 10
        if len(self.buffer) < offset + length:
            return None
        payload = self.buffer[offset:offset + length]
        self.buffer = self.buffer[offset + length:]
        return first & 0x0F, payload

    def events(self, timeout):
        """Text frames as JSON until `timeout` seconds pass without one, or the connection ends."""
        while True:
            try:
                opcode, payload = self.receive(timeout)
            except socket.timeout:
                return
            if opcode is None or opcode == 0x8:
                return
            if opcode == 0x1:
                yield json.loads(payload)

    def close_code(self, timeout=5.0):
        """Reads until the server's close frame; its code, or None if the connection just ended."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                opcode, payload = self.receive(max(0.05, deadline - time.monotonic()))
            except socket.timeout:
                return None
            except OSError:
                return None
            if opcode is None:
                return None
            if opcode == 0x8:
                return struct.unpack("!H", payload[:2])[0] if len(payload) >= 2 else 1005
        return None

    def close(self):
        try:
            self.send(0x8, struct.pack("!H", 1000))
        except OSError:
            pass
        self.sock.close()
