"""What a person does in the chat app, as WebDriver steps, and what they see, read from the DOM
through its ids, roles and labels (see Site/index.html and Site/chat/*.js)."""
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException, TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

WAIT = 10  # seconds for anything that should happen at once (bounded: no wait is open-ended)

# The open room's messages as the person sees them, in DOM order.
MESSAGES_JS = """
return [...document.querySelectorAll('#message-scroller .msg-list > li.msg')].map((li) => ({
  id: li.dataset.id || null, clientId: li.dataset.clientId, text: li.querySelector('.msg-text').textContent,
  sending: li.classList.contains('msg-sending'), failed: li.classList.contains('msg-failed'),
  edited: !li.querySelector('.msg-edited').hidden, thread: li.querySelector('.msg-thread').textContent,
}));
"""


def wait_until(browser, condition, message, timeout=WAIT):
    """Waits for `condition(driver)` (or a JS expression, returned) to be truthy; returns its value."""
    check = condition if callable(condition) else (lambda driver: driver.execute_script("return " + condition))
    try:
        # An element replaced or removed between two polls is not a failure: poll again.
        return WebDriverWait(browser.driver, timeout, poll_frequency=0.1,
                             ignored_exceptions=(NoSuchElementException, StaleElementReferenceException)).until(check)
    except TimeoutException:
        raise AssertionError(f"{browser.name}: {message} (waited {timeout} s)") from None


def shown(browser, element_id):
    return browser.driver.execute_script(
        "const el = document.getElementById(arguments[0]); return !!el && !el.hidden && el.offsetParent !== null;",
        element_id)


def sign_in(browser, site_origin, username, screenshot=None):
    """Signs in through the hosted sign-in: the app's Sign in button, the login page, a typed name."""
    driver = browser.driver
    driver.get(site_origin + "/")
    wait_until(browser, lambda d: shown(browser, "sign-in"), "the signed-out screen with a Sign in button")
    driver.find_element(By.ID, "sign-in").click()
    wait_until(browser, lambda d: "/login" in d.current_url and d.find_elements(By.ID, "username"),
               "the hosted sign-in page (/login)")
    if screenshot is not None:
        screenshot.append(browser.screenshot("01-sign-in-page"))
    field = driver.find_element(By.ID, "username")  # "Or a user name"
    field.send_keys(username + Keys.ENTER)
    wait_until(browser, lambda d: d.current_url.startswith(site_origin) and shown(browser, "chat"),
               "the chat screen after the sign-in redirect", timeout=15)
    name = driver.find_element(By.ID, "me-name").text
    return name


def id_token(browser):
    return browser.driver.execute_script("return JSON.parse(sessionStorage.getItem('chatsite.session')).idToken")


def room_link(browser, name):
    links = browser.driver.find_elements(By.CSS_SELECTOR, "#room-list a.room-link")
    for link in links:
        if link.find_element(By.CSS_SELECTOR, ".room-name").text == "#" + name:
            return link
    return None


def open_room(browser, name):
    link = wait_until(browser, lambda d: room_link(browser, name), f"room #{name} in the room list")
    link.click()
    wait_until(browser, lambda d: d.find_element(By.ID, "room-title").text == "#" + name and
               "Loading" not in d.find_element(By.ID, "history-status").text, f"room #{name} open and loaded")


def messages(browser):
    return browser.driver.execute_script(MESSAGES_JS)


def texts(browser):
    return [m["text"] for m in messages(browser)]


def composer(browser):
    return browser.driver.find_element(By.ID, "composer-input")


def send(browser, text):
    composer(browser).send_keys(text + Keys.ENTER)


def message_element(browser, text):
    for li in browser.driver.find_elements(By.CSS_SELECTOR, "#message-scroller .msg-list > li.msg"):
        if li.find_element(By.CSS_SELECTOR, ".msg-text").text == text:
            return li
    raise AssertionError(f"{browser.name}: no message {text!r} in the open room")


def wait_confirmed(browser, wanted, message, timeout=WAIT):
    """Waits until the open room shows exactly `wanted` (texts, in order), all confirmed by the server."""
    def done(_):
        current = messages(browser)
        return [m["text"] for m in current] == wanted and all(m["id"] for m in current)
    try:
        wait_until(browser, done, message, timeout)
    except AssertionError as error:
        raise AssertionError(f"{error}; it shows {texts(browser)}") from None
