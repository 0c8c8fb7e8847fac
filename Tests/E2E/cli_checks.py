"""The `chat` CLI joins the browsers' room: `chat tail` prints what a browser sends, once, and a
message sent with `chat send` shows in the browser."""
import json
import os
import signal
import subprocess
import tempfile
import threading
import time

import app_page as app
from harness import ROOT, SkipCheck

CHAT = os.path.join(ROOT, ".build/debug/chat")


def chat_tail_sees_browser(serve, chat_checks):
    if not os.path.exists(CHAT):
        raise SkipCheck(".build/debug/chat is missing; build it with `swift build --product chat`")
    if chat_checks.room_id is None:
        raise AssertionError("no room: the room checks before this one failed")
    home = tempfile.mkdtemp(prefix="e2e-chat-cli-")
    env = dict(os.environ, CHAT_HOME=home)
    env.pop("CHAT_SERVER", None)
    api = serve.origin + "/api"

    def chat(*args):
        result = subprocess.run([CHAT, *args, "--server", api], env=env, capture_output=True, text=True, timeout=60)
        if result.returncode != 0:
            raise AssertionError(f"chat {' '.join(args)} exited {result.returncode}: {result.stderr.strip()}")
        return result.stdout

    # A third user signs in with the CLI; Alice adds them to the room.
    carol = json.loads(chat("login", "--user", "carol", "--json"))
    chat_checks.alice_api.call("PATCH", f"/rooms/{chat_checks.room_id}", {"addMembers": [carol["userId"]]})
    tail = subprocess.Popen([CHAT, "tail", chat_checks.room_id, "--server", api], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines = []
    threading.Thread(target=lambda: [lines.append(line) for line in tail.stdout], daemon=True).start()
    try:
        time.sleep(1.5)  # the WebSocket opens
        text = f"from the browser to the CLI {time.time():.0f}"
        app.send(chat_checks.alice, text)
        deadline = time.time() + 15
        while not any(text in line for line in lines):
            if tail.poll() is not None:
                raise AssertionError(f"chat tail exited {tail.returncode}: {tail.stderr.read().strip()}")
            if time.time() > deadline:
                raise AssertionError(f"chat tail did not print {text!r} within 15 s; it printed {lines!r}")
            time.sleep(0.1)
        time.sleep(0.5)
        if sum(text in line for line in lines) != 1:
            raise AssertionError(f"chat tail printed {text!r} more than once: {lines!r}")
        if "alice:" not in next(line for line in lines if text in line):
            raise AssertionError(f"chat tail did not name the author: {lines!r}")
        reply = f"from the CLI to the browser {time.time():.0f}"
        chat("send", chat_checks.room_id, reply)
        app.wait_until(chat_checks.alice, lambda _: reply in app.texts(chat_checks.alice),
                       "the CLI's message in Alice's browser")
        tail.send_signal(signal.SIGINT)
        if tail.wait(timeout=10) != 0:
            raise AssertionError(f"chat tail exited {tail.returncode} on Ctrl-C")
    finally:
        if tail.poll() is None:
            tail.kill()
