"""A throwaway `chatsite serve` (memory store, ephemeral port) for the scripts that test against
a live server (contract-test, sdk-test)."""
import contextlib
import os
import re
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@contextlib.contextmanager
def live_server():
    """Starts the debug build's `chatsite serve`; yields its origin (`http://127.0.0.1:PORT`)."""
    server = subprocess.Popen(
        [os.path.join(ROOT, ".build/debug/chatsite"), "serve", "--store", "memory", "--port", "0",
         "--log-level", "error"],
        cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        origin = None
        for line in server.stdout:
            match = re.search(r"site\s+(http://\S+)/$", line)
            if match:
                origin = match.group(1)
                break
        if origin is None:
            raise SystemExit("chatsite serve did not start (no site URL in its banner)")
        yield origin
    finally:
        server.terminate()
        server.wait(timeout=10)
