"""Two people chat through the dev server (`chatsite serve`) in two independent browsers."""
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

import app_page as app
from harness import Api, Browser, expect

ROOM = "e2e-lounge"
HISTORY_ROOM = "e2e-history"
HISTORY_COUNT = 120  # more than two pages of 50: the first screen cannot hold them
XSS = ('<script>window.__pwned = "script"</script> <img src=x onerror="window.__pwned = \'img\'"> '
       '<a href="javascript:window.__pwned=1">click</a> javascript:window.__pwned=2 '
       '[link](javascript:alert(1)) safe: https://example.com/ok')


class ChatChecks:
    """The scenario's state; each method is one check of the list, run in order."""

    def __init__(self, serve, artifacts, screenshots):
        self.serve = serve
        self.artifacts = artifacts
        self.screenshots = screenshots
        self.alice = self.bob = None
        self.room_id = None

    def close(self):
        for browser in (self.alice, self.bob):
            if browser:
                browser.quit()

    # --- Sign-in ---

    def sign_in_both(self):
        """Bob first, so he exists when Alice picks the members of her room."""
        self.bob = Browser("bob", self.artifacts)
        self.alice = Browser("alice", self.artifacts)
        bob_name = app.sign_in(self.bob, self.serve.origin, "bob", screenshot=self.screenshots)
        alice_name = app.sign_in(self.alice, self.serve.origin, "alice")
        expect(bob_name == "Bob" and alice_name == "Alice", f"signed in as {bob_name!r} and {alice_name!r}")
        for browser in (self.alice, self.bob):
            url = browser.driver.current_url
            expect("code=" not in url and "state=" not in url, f"{browser.name}: code left in the URL {url}")
        self.alice_api = Api(self.serve.origin, app.id_token(self.alice))
        self.bob_api = Api(self.serve.origin, app.id_token(self.bob))
        return "through /oauth2/authorize → /login (typed name) → ?code → /oauth2/token, two profiles"

    # --- A room, live messages, presence and typing ---

    def create_room(self):
        driver = self.alice.driver
        driver.find_element(By.ID, "new-room").click()
        app.wait_until(self.alice, lambda d: d.find_element(By.ID, "create-room-dialog").is_displayed(),
                       "the New room dialog")
        driver.find_element(By.ID, "room-name").send_keys(ROOM)
        driver.find_element(By.ID, "room-topic-input").send_keys("end-to-end tests")
        bob = app.wait_until(self.alice, lambda d: [label for label in d.find_elements(
            By.CSS_SELECTOR, "#member-choices label") if "@bob" in label.text], "Bob among the members to pick")
        bob[0].click()
        driver.find_element(By.CSS_SELECTOR, "#create-room-form button[type=submit]").click()
        app.wait_until(self.alice, lambda d: d.find_element(By.ID, "room-title").text == "#" + ROOM,
                       "the new room open")
        self.room_id = driver.execute_script("return decodeURIComponent(location.hash.split('/')[2])")
        app.wait_until(self.bob, lambda d: app.room_link(self.bob, ROOM), "the new room in Bob's list, live")
        app.open_room(self.bob, ROOM)
        return f"room {self.room_id} appeared in Bob's list without a reload"

    def presence(self):
        for me, other in ((self.alice, "Bob"), (self.bob, "Alice")):
            app.wait_until(me, lambda d: any(
                li.find_element(By.CSS_SELECTOR, ".person-name").text == other and "is-online" in li.get_attribute("class")
                for li in d.find_elements(By.CSS_SELECTOR, "#people-list li.person")), f"{other} shown online")
            app.wait_until(me, lambda d: d.find_element(By.ID, "room-summary").text == "2 members · 2 online",
                           "the header's '2 members · 2 online'")
        return "each sees the other online in the room's people list and header"

    def typing(self):
        app.composer(self.alice).send_keys("Hello Bob, this is")
        app.wait_until(self.bob, lambda d: d.find_element(By.ID, "typing-indicator").text == "Alice is typing…",
                       "'Alice is typing…' under Bob's conversation")
        app.composer(self.alice).send_keys(" Alice" + Keys.ENTER)
        app.wait_until(self.bob, lambda d: d.find_element(By.ID, "typing-indicator").text == "",
                       "the typing indicator cleared once the message arrived")
        return "shown while Alice types, cleared when her message arrives"

    def live_messages(self):
        first = "Hello Bob, this is Alice"
        for text in ("one", "two", "three"):
            app.send(self.alice, text)
        app.wait_confirmed(self.bob, [first, "one", "two", "three"], "Alice's four messages, live and in order")
        app.send(self.bob, "four, from Bob")
        wanted = [first, "one", "two", "three", "four, from Bob"]
        for browser in (self.alice, self.bob):
            app.wait_confirmed(browser, wanted, "the five messages in order on both sides")
        ids = [m["id"] for m in app.messages(self.alice)]
        expect(ids == sorted(ids) and ids == [m["id"] for m in app.messages(self.bob)],
               "the two browsers list different ids or not in id order")
        server = [m["id"] for m in self.alice_api.messages(self.room_id)]
        expect(server == ids, f"the server has {server}, the browsers show {ids}")
        self.screenshots.append(self.bob.screenshot("03-conversation"))
        return "4 sent by Alice then 1 by Bob: same ids, same order as the server in both browsers"

    def edit_and_delete(self):
        driver = self.alice.driver
        item = app.message_element(self.alice, "two")
        item.find_element(By.CSS_SELECTOR, "button[data-action=edit]").click()
        box = app.wait_until(self.alice, lambda d: item.find_elements(By.CSS_SELECTOR, "textarea.msg-edit-input"),
                             "the inline edit box")[0]
        box.send_keys(Keys.CONTROL, "a")
        box.send_keys("two (edited)" + Keys.ENTER)
        app.wait_until(self.bob, lambda d: any(m["text"] == "two (edited)" and m["edited"] for m in app.messages(self.bob)),
                       "the edit, marked (edited), in Bob's browser")
        item = app.message_element(self.alice, "three")
        item.find_element(By.CSS_SELECTOR, "button[data-action=delete]").click()
        app.wait_until(self.alice, lambda d: d.find_element(By.ID, "confirm-dialog").is_displayed(),
                       "the delete confirmation")
        driver.find_element(By.ID, "confirm-ok").click()
        wanted = ["Hello Bob, this is Alice", "one", "two (edited)", "four, from Bob"]
        for browser in (self.alice, self.bob):
            app.wait_confirmed(browser, wanted, "the deletion on both sides")
        return "Alice's edit and delete reached Bob live"

    def thread(self):
        item = app.message_element(self.bob, "one")
        item.find_element(By.CSS_SELECTOR, "button[data-action=thread]").click()
        app.wait_until(self.bob, lambda d: app.shown(self.bob, "thread-panel"), "the thread panel")
        self.bob.driver.find_element(By.ID, "thread-input").send_keys("a reply in the thread" + Keys.ENTER)
        app.wait_until(self.alice, lambda d: any(m["text"] == "one" and m["thread"] == "1 reply"
                                                 for m in app.messages(self.alice)), "'1 reply' on Alice's message")
        app.message_element(self.alice, "one").find_element(By.CSS_SELECTOR, "button[data-action=thread]").click()
        thread_texts = "return [...document.querySelectorAll('#thread-scroller li.msg .msg-text')].map(e => e.textContent)"
        app.wait_until(self.alice, lambda d: d.execute_script(thread_texts) == ["one", "a reply in the thread"],
                       "the thread's root and reply in Alice's thread panel")
        self.screenshots.append(self.alice.screenshot("04-thread"))
        self.alice.driver.find_element(By.ID, "thread-close").click()
        self.bob.driver.find_element(By.ID, "thread-close").click()
        return "Bob's reply shows in Alice's thread panel and reply count"

    # --- Text stays text ---

    def hostile_text(self):
        app.send(self.alice, XSS)
        for browser in (self.alice, self.bob):
            try:
                app.wait_until(browser, lambda d: any(m["text"] == XSS and m["id"] for m in app.messages(browser)),
                               "the hostile message shown as its exact text, confirmed")
            except AssertionError as error:
                damage = browser.driver.execute_script(
                    "return { pwned: window.__pwned ?? null, "
                    "images: document.querySelectorAll('#message-scroller img').length }")
                raise AssertionError(f"{error}; window.__pwned = {damage['pwned']!r}, "
                                     f"{damage['images']} <img> in the messages") from None
            result = browser.driver.execute_script("""
              const li = [...document.querySelectorAll('#message-scroller li.msg')].find(
                  (el) => el.querySelector('.msg-text').textContent === arguments[0]);
              const text = li.querySelector('.msg-text');
              return { pwned: window.__pwned, images: text.querySelectorAll('img').length,
                       scripts: document.querySelectorAll('#chat script').length,
                       elements: [...text.children].map((el) => el.tagName + ' ' + (el.getAttribute('href') || '')),
                       handlers: [...text.querySelectorAll('*')].filter((el) => [...el.attributes].some(
                           (a) => a.name.startsWith('on'))).length };
            """, XSS)
            expect(result["pwned"] is None, f"{browser.name}: window.__pwned is {result['pwned']!r}")
            expect(result["images"] == 0 and result["scripts"] == 0 and result["handlers"] == 0,
                   f"{browser.name}: markup made from text: {result}")
            expect(result["elements"] == ["A https://example.com/ok"],
                   f"{browser.name}: the text's only element must be the https link, not {result['elements']}")
        return "<script>, <img onerror>, javascript: links shown as text; only the https URL is a link"

    # --- Reload, history ---

    def reload_keeps_session(self):
        self.bob.driver.refresh()
        app.wait_until(self.bob, lambda d: app.shown(self.bob, "chat"), "the chat screen after a reload")
        app.wait_until(self.bob, lambda d: d.find_element(By.ID, "room-title").text == "#" + ROOM,
                       "the same room open after the reload")
        app.wait_until(self.bob, lambda d: XSS in app.texts(self.bob), "the room's messages after the reload")
        expect("/login" not in self.bob.driver.current_url, "the reload went through the sign-in page")
        return "same user, same room, messages back; no sign-in"

    def history(self):
        bob_id = self.bob_api.me()["id"]
        room = self.alice_api.create_room(HISTORY_ROOM, [bob_id])
        sent = [f"history {n:03d}" for n in range(1, HISTORY_COUNT + 1)]
        for text in sent:
            self.alice_api.send(room["id"], text)
        unread = "#%s, %d unread" % (HISTORY_ROOM, HISTORY_COUNT)
        app.wait_until(self.bob, lambda d: (app.room_link(self.bob, HISTORY_ROOM) or None) and app.room_link(
            self.bob, HISTORY_ROOM).get_attribute("aria-label") == unread, f"Bob's room list: '{unread}'")
        self.screenshots.append(self.bob.screenshot("02-room-list"))
        app.open_room(self.bob, HISTORY_ROOM)
        app.wait_until(self.bob, lambda d: app.texts(self.bob)[-1:] == [sent[-1]], "the newest history message")
        first_screen = len(app.texts(self.bob))
        expect(first_screen < HISTORY_COUNT, f"all {first_screen} messages loaded without scrolling")
        scroll_up = "const s = document.getElementById('message-scroller'); s.scrollTop = 0; return s.scrollTop;"

        def scrolled_back(driver):
            driver.execute_script(scroll_up)
            return app.texts(self.bob)[:1] == [sent[0]]
        app.wait_until(self.bob, scrolled_back, "the oldest message after scrolling up", timeout=20)
        shown_texts = app.texts(self.bob)
        expect(shown_texts == sent, f"history out of order or duplicated: {len(shown_texts)} items, "
               f"first differences {[(a, b) for a, b in zip(shown_texts, sent) if a != b][:3]}")
        app.wait_until(self.bob, lambda d: "beginning of the room" in d.find_element(By.ID, "history-status").text,
                       "'This is the beginning of the room.'")
        return f"{first_screen} on the first screen, all {HISTORY_COUNT} in order after scrolling up"

    def clean_console(self):
        """Nothing so far (sign-in, chat, edits, threads, hostile text, reload, paging) logged an error."""
        errors = [f"{b.name}: {e['message']}" for b in (self.alice, self.bob) for e in b.read_console()
                  if e["level"] == "SEVERE"]
        expect(not errors, f"console errors: {errors[:3]}")
        return f"{len(self.alice.console) + len(self.bob.console)} console entries, none an error"

    # --- A dropped connection ---

    def reconnect(self):
        try:
            return self._reconnect()
        finally:
            if self.serve.process is None:  # a failure while it was down: the checks after need it
                self.serve.start()

    def _reconnect(self):
        for browser in (self.alice, self.bob):
            app.open_room(browser, ROOM)
            browser.driver.execute_script("window.__e2eSamePage = true")
        before = [m["id"] for m in self.alice_api.messages(self.room_id)]
        self.serve.stop()
        for browser in (self.alice, self.bob):
            app.wait_until(browser, lambda d: app.shown(browser, "reconnect-banner"), "the reconnect banner")
        self.screenshots.append(self.bob.screenshot("05-reconnect-banner"))
        app.send(self.alice, "sent during the outage")
        app.wait_until(self.alice, lambda d: any(m["text"] == "sent during the outage" and m["failed"]
                                                 for m in app.messages(self.alice)),
                       "the message sent during the outage marked 'Not sent' once the SDK's retries ran out")
        self.serve.start()
        self.alice_api.send(self.room_id, "sent by REST before the browsers reconnect")
        for browser in (self.alice, self.bob):
            app.wait_until(browser, lambda d: not app.shown(browser, "reconnect-banner"), "the banner gone",
                           timeout=20)
        # Sent while the server was down: the SDK's retries run out, and the app sends it again itself
        # once the socket reopens (same clientId), with no press of Retry.
        app.wait_until(self.alice, lambda d: any(m["text"] == "sent during the outage" and m["id"]
                                                 for m in app.messages(self.alice)),
                       "the message sent during the outage delivered without pressing Retry", timeout=20)
        app.send(self.bob, "sent after the restart")
        deadline = time.monotonic() + 15
        while True:
            server = self.alice_api.messages(self.room_id)
            if len(server) == len(before) + 3 or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        server_ids = [m["id"] for m in server]
        expect(len(set(server_ids)) == len(server_ids) == len(before) + 3,
               f"the server holds {len(server_ids)} messages, expected {len(before) + 3}")
        for browser in (self.alice, self.bob):
            try:
                app.wait_until(browser, lambda d: [m["id"] for m in app.messages(browser)] == server_ids,
                               "exactly the server's messages, once each, in order")
            except AssertionError as error:
                raise AssertionError(f"{error}: shows {app.texts(browser)}") from None
            expect(browser.driver.execute_script("return window.__e2eSamePage === true"),
                   f"{browser.name}: the page reloaded instead of reconnecting")
        return ("banner shown then hidden; the message sent during the outage, one sent by REST before the "
                f"sockets reopened and one after: {len(server_ids)} messages, none lost or doubled, same page")

    def presence_offline(self):
        """Bob closes his browser; Alice sees him go offline."""
        self.bob.quit()
        self.bob = None
        app.wait_until(self.alice, lambda d: any(
            li.find_element(By.CSS_SELECTOR, ".person-name").text == "Bob" and "is-offline" in li.get_attribute("class")
            and "last seen" in li.text for li in d.find_elements(By.CSS_SELECTOR, "#people-list li.person")),
            "Bob shown offline, 'last seen …'")
        return "Bob's browser closed: Alice sees him offline with 'last seen'"
