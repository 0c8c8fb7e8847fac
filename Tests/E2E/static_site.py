"""A static server for a built `dist/` that answers the way S3 behind CloudFront does with the
build's deploy artefacts: each object with the content type and cache-control from
`.chatsite/manifest.json`, a precompressed variant from `.chatsite/encoded/` when the browser
accepts its encoding, the security headers of `.chatsite/cloudfront-headers-policy.json` on every
response (CSP as a header too, not only the pages' <meta>), `/` as `/index.html`, and nothing
under `.chatsite/` (it is never uploaded)."""
import http.server
import json
import os
import threading


def policy_headers(policy):
    """The response headers a CloudFront response headers policy adds, over plain HTTP (HSTS is
    left out there, as `chatsite serve` does: browsers ignore it without TLS)."""
    config = policy["SecurityHeadersConfig"]
    headers = [("Content-Security-Policy", config["ContentSecurityPolicy"]["ContentSecurityPolicy"])]
    if config.get("ContentTypeOptions"):
        headers.append(("X-Content-Type-Options", "nosniff"))
    headers.append(("X-Frame-Options", config["FrameOptions"]["FrameOption"]))
    headers.append(("Referrer-Policy", config["ReferrerPolicy"]["ReferrerPolicy"]))
    return headers


class StaticSite:
    """Serves `directory` on 127.0.0.1 and `port` (0: an ephemeral one), in a thread."""

    def __init__(self, directory, port=0):
        self.directory = directory
        with open(os.path.join(directory, ".chatsite/manifest.json")) as file:
            self.manifest = json.load(file)
        with open(os.path.join(directory, ".chatsite/cloudfront-headers-policy.json")) as file:
            self.headers = policy_headers(json.load(file))
        self.objects = {item["key"]: item for item in self.manifest["objects"]}
        self.requests = []  # (path, status, content-encoding)
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - the http.server hook's name
                site.answer(self, body=True)

            def do_HEAD(self):  # noqa: N802
                site.answer(self, body=False)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.server.daemon_threads = True
        self.origin = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def answer(self, handler, body):
        path = handler.path.split("?", 1)[0].split("#", 1)[0]
        key = path.lstrip("/") or "index.html"
        if key.endswith("/"):
            key += "index.html"
        item = self.objects.get(key)
        if item is None:
            # S3 answers 403 for a missing key when the bucket cannot be listed.
            self.send(handler, 403, [("Content-Type", "text/plain; charset=utf-8")], b"Forbidden\n", body, path)
            return
        accepted = {part.split(";")[0].strip() for part in handler.headers.get("Accept-Encoding", "").split(",")}
        file_path, encoding = os.path.join(self.directory, key), None
        for variant in item["encodings"]:
            variant_path = os.path.join(self.directory, variant["path"])
            if variant["contentEncoding"] in accepted and os.path.exists(variant_path):
                file_path, encoding = variant_path, variant["contentEncoding"]
                break
        with open(file_path, "rb") as file:
            data = file.read()
        headers = [("Content-Type", item["contentType"]), ("Cache-Control", item["cacheControl"])]
        if item["encodings"]:
            headers.append(("Vary", "Accept-Encoding"))
        if encoding:
            headers.append(("Content-Encoding", encoding))
        self.send(handler, 200, headers, data, body, path, encoding)

    def send(self, handler, status, headers, data, body, path, encoding=None):
        handler.send_response(status)
        for name, value in headers + self.headers:
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        if body:
            handler.wfile.write(data)
        self.requests.append((path, status, encoding))

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
