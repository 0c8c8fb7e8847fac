"""The end-to-end harness: a restartable `chatsite serve`, a static server for a built `dist/`,
headless Chromium sessions, a small REST client and the check list. Used by scripts/e2e-test."""
import json
import os
import queue
import re
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import traceback
import urllib.error
import urllib.parse
import urllib.request
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CHATSITE = os.path.join(ROOT, ".build/debug/chatsite")
CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("E2E_CHROMEDRIVER", "/usr/bin/chromedriver")
# The site `chatsite serve` serves (another folder: to check that the checks catch a broken app).
SITE = os.path.abspath(os.environ.get("E2E_SITE", os.path.join(ROOT, "Site")))


def private_binary(workdir, attempts=5):
    """A copy of the debug `chatsite` in `workdir`, used for every start and build of the run: others
    may relink .build/debug/chatsite meanwhile (a shared checkout), and a restart must run the same
    binary. A copy taken while the linker writes fails to run; it is taken again."""
    copy = os.path.join(workdir, "chatsite")
    for attempt in range(attempts):
        try:
            shutil.copy2(CHATSITE, copy)
            if subprocess.run([copy, "--help"], capture_output=True, timeout=30).returncode == 0:
                return copy
        except OSError:
            pass
        time.sleep(2)
    raise RuntimeError(f"{CHATSITE} could not be copied and run (is it being rebuilt?)")


def free_port():
    """A port nothing listens on now (the server binds it moments later)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Serve:
    """`chatsite serve` on a fixed port of 127.0.0.1 with an SQLite store in `workdir`, so it can be
    stopped and started again with the same data, signing key and token issuer (the issuer holds the
    configured port, so the port is chosen here rather than with --port 0)."""

    def __init__(self, workdir, port, binary=CHATSITE):
        self.binary = binary
        self.workdir = workdir
        self.port = port
        self.origin = f"http://127.0.0.1:{port}"
        self.process = None
        self.output = []  # every line it printed, for failure reports

    def start(self, timeout=30):
        command = [self.binary, "serve", "--host", "127.0.0.1", "--port", str(self.port),
                   "--store", "sqlite:" + os.path.join(self.workdir, "e2e.sqlite"),
                   "--spec", os.path.join(ROOT, "OpenAPI/chat-api.yaml"), "--site", SITE,
                   "--log-level", "error"]
        # The working folder holds .chatsite/signing-key.pem, kept across restarts like the database.
        self.process = subprocess.Popen(command, cwd=self.workdir, stdout=subprocess.PIPE,
                                        stderr=subprocess.STDOUT, text=True)
        lines = queue.Queue()

        def pump(stream):
            for line in stream:
                self.output.append(line.rstrip("\n"))
                lines.put(line)
            lines.put(None)

        threading.Thread(target=pump, args=(self.process.stdout,), daemon=True).start()
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = lines.get(timeout=max(0.05, deadline - time.monotonic()))
            except queue.Empty:
                line = None
            if line is None:
                self.stop()
                tail = "\n".join(self.output[-20:])
                raise RuntimeError(f"chatsite serve did not print its ready banner within {timeout} s:\n{tail}")
            if re.search(r"site\s+http://\S+/$", line.strip()):
                return self

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        self.process = None


class Api:
    """The chat REST API with one user's ID token."""

    def __init__(self, origin, token):
        self.base = origin + "/api"
        self.token = token

    def call(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base + path, data=data, method=method, headers={
            "Authorization": "Bearer " + self.token, "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=10) as response:
            text = response.read()
            return json.loads(text) if text else None

    def create_room(self, name, members):
        return self.call("POST", "/rooms", {"name": name, "members": members})

    def send(self, room_id, text, thread_id=None):
        body = {"clientId": str(uuid.uuid4()), "text": text}
        if thread_id:
            body["threadId"] = thread_id
        return self.call("POST", f"/rooms/{room_id}/messages", body)

    def messages(self, room_id):
        """Every top-level message of a room, oldest first."""
        items, before = [], None
        while True:
            query = {"limit": 100} | ({"before": before} if before else {})
            page = self.call("GET", f"/rooms/{room_id}/messages?" + urllib.parse.urlencode(query))
            items += page["items"]
            before = page.get("nextCursor")
            if not before:
                return list(reversed(items))

    def me(self):
        return self.call("GET", "/me")


class Browser:
    """One headless Chromium with its own profile, reading the browser console."""

    def __init__(self, name, artifacts):
        from selenium import webdriver
        from selenium.webdriver.chrome.options import Options
        from selenium.webdriver.chrome.service import Service

        self.name = name
        self.artifacts = artifacts
        self.profile = tempfile.mkdtemp(prefix=f"e2e-chromium-{name}-")
        options = Options()
        options.binary_location = CHROMIUM
        for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                         "--window-size=1280,860", f"--user-data-dir={self.profile}", "--no-first-run",
                         "--disable-extensions", "--disable-background-networking", "--disable-sync",
                         "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
                         "--disable-backgrounding-occluded-windows", "--lang=en-US"]:
            options.add_argument(argument)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        self.driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
        self.driver.set_page_load_timeout(20)
        self.driver.set_script_timeout(20)
        self.console = []  # every console entry read so far

    def read_console(self):
        """The console entries since the last read (they are also kept in `console`)."""
        entries = self.driver.get_log("browser")
        self.console += entries
        return entries

    def screenshot(self, name):
        path = os.path.join(self.artifacts, name + ".png")
        self.driver.save_screenshot(path)
        return path

    def quit(self):
        try:
            self.driver.quit()
        finally:
            shutil.rmtree(self.profile, ignore_errors=True)


class Checks:
    """The check list: each check passes, fails (with its reason) or is skipped."""

    def __init__(self):
        self.results = []  # (status, name, detail, seconds)
        self.failed_names = set()

    def run(self, name, function, requires=()):
        missing = [r for r in requires if r in self.failed_names]
        if missing:
            self._record("FAIL", name, "not run: it needs " + ", ".join(repr(m) for m in missing), 0)
            self.failed_names.add(name)
            return None
        started = time.monotonic()
        try:
            detail = function()
        except SkipCheck as skip:
            self._record("SKIP", name, str(skip), time.monotonic() - started)
            return None
        except Exception as error:  # noqa: BLE001 - every failure is reported, then the run goes on
            reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            self._record("FAIL", name, f"{type(error).__name__}: {reason}", time.monotonic() - started)
            if os.environ.get("E2E_VERBOSE"):
                traceback.print_exc()
            self.failed_names.add(name)
            return None
        self._record("PASS", name, detail or "", time.monotonic() - started)
        return True

    def _record(self, status, name, detail, seconds):
        self.results.append((status, name, detail, seconds))
        line = f"  [{status}] {name} ({seconds:.1f} s)"
        print(line + (f": {detail}" if detail else ""), flush=True)

    @property
    def failures(self):
        return [r for r in self.results if r[0] == "FAIL"]

    def summary(self):
        lines = ["", "== e2e check list"]
        for status, name, detail, _ in self.results:
            lines.append(f"  {'ok  ' if status == 'PASS' else status.lower():4}  {name}" +
                         (f"  ({detail})" if status != "PASS" and detail else ""))
        counts = {s: sum(1 for r in self.results if r[0] == s) for s in ("PASS", "FAIL", "SKIP")}
        lines.append(f"  {counts['PASS']} passed, {counts['FAIL']} failed, {counts['SKIP']} skipped")
        return "\n".join(lines)


class SkipCheck(Exception):
    """Raised by a check that cannot run here (its reason is printed)."""


def expect(condition, message):
    if not condition:
        raise AssertionError(message)


def http_get(url, headers=None):
    """(status, headers, body) without following redirects' errors into exceptions."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()
