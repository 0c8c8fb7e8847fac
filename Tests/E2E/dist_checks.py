"""The built site: `chatsite build` into a temporary dist/, served like S3 + CloudFront by
static_site.StaticSite on its own port, talking to the live `chatsite serve` API across origins."""
import gzip
import json
import os
import re
import shutil
import subprocess

from selenium.webdriver.common.by import By

import app_page as app
from harness import ROOT, Browser, expect, free_port, http_get
from static_site import StaticSite

# Chromium's words for a subresource whose bytes do not match its integrity attribute.
SRI_ERROR = re.compile(r"integrity|digest", re.IGNORECASE)


def severe(entries):
    return [entry["message"] for entry in entries if entry["level"] == "SEVERE"]


class DistChecks:
    def __init__(self, serve, workdir, artifacts, screenshots):
        self.serve = serve
        self.workdir = workdir
        self.artifacts = artifacts
        self.screenshots = screenshots
        self.dist = os.path.join(workdir, "dist")
        self.site = self.tampered_site = self.browser = None

    def close(self):
        for site in (self.site, self.tampered_site):
            if site:
                site.stop()
        if self.browser:
            self.browser.quit()

    def build(self):
        # The static server's port must be known before the build: it is the sign-in's redirect URI.
        self.site_port = free_port()
        api = self.serve.origin
        command = [self.serve.binary, "build", "--project", os.path.join(ROOT, "chatsite.yaml"), "--stage", "local",
                   "--config-mode", "runtime", "--out", self.dist,
                   "--set", f"cognitoDomain={api}", "--set", f"apiUrl={api}/api",
                   "--set", f"websocketUrl=ws://127.0.0.1:{self.serve.port}/ws",
                   "--set", f"redirectUri=http://127.0.0.1:{self.site_port}/"]
        result = subprocess.run(command, cwd=self.workdir, capture_output=True, text=True, timeout=60)
        expect(result.returncode == 0, f"chatsite build failed: {result.stderr.strip()[-500:]}")
        with open(os.path.join(self.dist, ".chatsite/manifest.json")) as file:
            manifest = json.load(file)
        phases = [phase["name"] for phase in manifest["uploadPhases"]]
        expect(phases == ["assets", "config", "html"], f"upload phases {phases}")
        self.site = StaticSite(self.dist, port=self.site_port)
        return result.stdout.strip().splitlines()[0]

    def headers(self):
        status, headers, body = http_get(self.site.origin + "/", {"Accept-Encoding": "gzip"})
        expect(status == 200, f"GET / answered {status}")
        csp = headers.get("Content-Security-Policy", "")
        expect("script-src 'self'" in csp and "connect-src 'self'" in csp and self.serve.origin in csp,
               f"the CSP header {csp!r} lacks script-src 'self' or the API's origin in connect-src")
        expect(headers.get("X-Content-Type-Options") == "nosniff" and headers.get("X-Frame-Options") == "DENY",
               "nosniff or frame options missing")
        expect(headers.get("Cache-Control") == "no-cache" and headers.get("Content-Type", "").startswith("text/html"),
               f"index.html served as {headers.get('Content-Type')} with {headers.get('Cache-Control')}")
        html = body.decode("utf-8", "replace") if headers.get("Content-Encoding") != "gzip" else _gunzip(body)
        expect('http-equiv="Content-Security-Policy"' in html, "no CSP <meta> in the page")
        return f"CSP, nosniff, DENY, no-cache; gzip variant served: {headers.get('Content-Encoding') == 'gzip'}"

    def loads_clean(self):
        self.browser = Browser("dist", self.artifacts)
        driver = self.browser.driver
        driver.get(self.site.origin + "/")
        app.wait_until(self.browser, lambda d: app.shown(self.browser, "sign-in"), "the built app's sign-in screen")
        state = driver.execute_script("""
          const tags = [...document.querySelectorAll('script[src], link[rel=stylesheet], link[rel=modulepreload]')];
          return { total: tags.length, withIntegrity: tags.filter((el) => el.integrity.startsWith('sha384-')).length,
                   meta: !!document.querySelector('meta[http-equiv=Content-Security-Policy]'),
                   live: !!document.querySelector('script[src*="_chatsite"]') };
        """)
        expect(state["total"] > 2 and state["withIntegrity"] == state["total"],
               f"{state['withIntegrity']} of {state['total']} scripts and stylesheets have sha384 integrity")
        expect(state["meta"] and not state["live"], f"meta CSP present / no live-reload script: {state}")
        errors = severe(self.browser.read_console())
        expect(not errors, f"console errors: {errors}")
        return f"{state['total']} scripts/stylesheets/preloads, all with integrity; no console errors"

    def csp_in_force(self):
        blocked = self.browser.driver.execute_async_script("""
          const done = arguments[arguments.length - 1];
          const seen = [];
          document.addEventListener('securitypolicyviolation', (e) => seen.push(e.violatedDirective));
          const s = document.createElement('script');
          s.textContent = 'window.__inlineRan = true';
          document.head.append(s);
          setTimeout(() => done({ ran: window.__inlineRan === true, seen }), 300);
        """)
        expect(not blocked["ran"], "an inline script ran: the CSP is not in force")
        expect(any(d.startswith("script-src") for d in blocked["seen"]), f"no script-src violation: {blocked}")
        self.browser.read_console()  # the probe's own violation report is expected; drop it
        return "an injected inline script was blocked (script-src violation)"

    def sign_in_and_send(self):
        browser = self.browser
        app.sign_in(browser, self.site.origin, "alice")
        app.open_room(browser, "e2e-lounge")
        app.send(browser, "hello from the built dist/")
        app.wait_until(browser, lambda d: any(m["text"] == "hello from the built dist/" and m["id"]
                                              for m in app.messages(browser)), "the message confirmed")
        self.screenshots.append(browser.screenshot("06-dist-conversation"))
        errors = severe(browser.read_console())
        expect(not errors, f"console errors: {errors}")
        encoded = sum(1 for _, _, encoding in self.site.requests if encoding)
        return (f"signed in across origins (site {self.site.origin}, API {self.serve.origin}), sent; "
                f"no console errors; {encoded} responses from precompressed variants")

    def tampered(self):
        copy = os.path.join(self.workdir, "dist-tampered")
        shutil.copytree(self.dist, copy)
        with open(os.path.join(copy, ".chatsite/manifest.json")) as file:
            manifest = json.load(file)
        with open(os.path.join(copy, "index.html"), encoding="utf-8") as file:
            page = file.read()
        entry = re.search(r'<script[^>]*src="/?(app\.[0-9a-f]+\.js)"', page)
        expect(entry, "no hashed app.*.js script in index.html")
        key = entry.group(1)
        path = os.path.join(copy, key)
        with open(path, "rb") as file:
            data = bytearray(file.read())
        data[-2] ^= 0x20  # one byte, in place: same name, same size, different digest
        with open(path, "wb") as file:
            file.write(data)
        for item in manifest["objects"]:
            if item["key"] == key:
                for variant in item["encodings"]:  # the variants hold the untampered bytes
                    os.remove(os.path.join(copy, variant["path"]))
        self.tampered_site = StaticSite(copy)
        browser = self.browser
        browser.read_console()
        browser.driver.get(self.tampered_site.origin + "/")
        errors = app.wait_until(browser, lambda d: [m for m in severe(browser.read_console()) if SRI_ERROR.search(m)],
                                "an integrity error in the console")
        still_loading = browser.driver.execute_script("return !document.getElementById('loading').hidden")
        expect(still_loading, "the app started although its entry script failed its integrity check")
        self.screenshots.append(browser.screenshot("07-dist-tampered"))
        return f"{key} with one byte changed was refused: {errors[0][:140]}"


def _gunzip(body):
    return gzip.decompress(body).decode("utf-8", "replace")
