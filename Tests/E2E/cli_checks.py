"""HOOK, not wired yet: the `chat` CLI joins the browsers' room and `chat tail` sees their messages.

The `chat` executable (issue 7's Swift SDK and CLI work) does not exist yet, so this check skips with
a message while `.build/debug/chat` is missing. Once it exists, fill in `chat_tail_sees_browser`:
sign the CLI in as a third user (or as bob) against `serve.origin`, start `chat tail <room>` as a
subprocess, send from a browser with `app_page.send`, and read the tail's output (bounded wait)
until the browser's text appears, once. Nothing here pretends to pass before that is written.
"""
import os

from harness import ROOT, SkipCheck

CHAT = os.path.join(ROOT, ".build/debug/chat")


def chat_tail_sees_browser(serve, chat_checks):
    if not os.path.exists(CHAT):
        raise SkipCheck(".build/debug/chat is missing (the chat CLI is not built yet); "
                        "wire this check up in Tests/E2E/cli_checks.py once it exists")
    raise SkipCheck(f"{CHAT} exists, but this check is not written yet: see Tests/E2E/cli_checks.py")
