"""Checks the HTML error index as a person would see it, in headless Chromium.

    python3 check.py SITE_DIR SHOTS_DIR CODE

1. Every link of every page of SITE_DIR resolves to a file of the site, and no
   page loads anything (no src, no <link>): read with html.parser.
2. Chromium opens SITE_DIR/index.html: the console shows no error (console
   calls, uncaught exceptions, and the browser's own log, where a blocked or
   failed load would show); typing CODE into the search box (real key input,
   Input.insertText) leaves exactly CODE's row; a click on its link opens its
   page, whose title is CODE and whose links resolve too.
3. Screenshots of the index and of CODE's page go to SHOTS_DIR
   (error-index.png, error-page.png).

Chromium is driven through the DevTools protocol over a pipe
(--remote-debugging-pipe): no port, no websocket library, only the standard
library. Every wait is bounded; the script exits non-zero on any failure.
"""

import base64
import html.parser
import json
import os
import pathlib
import select
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse

TIMEOUT = 30.0


class Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []
        self.loads = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "href" in attrs and tag == "a":
            self.hrefs.append(attrs["href"])
        if "src" in attrs or tag == "link":
            self.loads.append(f"<{tag}> {attrs}")


def check_links(site):
    problems = []
    pages = sorted(site.rglob("*.html"))
    for page in pages:
        parser = Links()
        parser.feed(page.read_text(encoding="utf-8"))
        problems += [f"{page.relative_to(site)} loads {load}" for load in parser.loads]
        for href in parser.hrefs:
            url = urllib.parse.urlsplit(href)
            if url.scheme or url.netloc:
                continue  # a link out of the site (a catalog's documentation)
            if not url.path:
                problems.append(f"{page.relative_to(site)}: an empty link")
                continue
            target = (page.parent / urllib.parse.unquote(url.path)).resolve()
            if site.resolve() not in target.parents or not target.is_file():
                problems.append(f"{page.relative_to(site)}: {href} does not resolve")
    return len(pages), problems


class Browser:
    """Chromium with the DevTools protocol on file descriptors 3 and 4."""

    def __init__(self, binary, profile, log):
        to_browser_read, self.to_browser = os.pipe()
        self.from_browser, from_browser_write = os.pipe()

        def descriptors():
            # Copies first: a pipe's own number may be 3 or 4.
            reading, writing = os.dup(to_browser_read), os.dup(from_browser_write)
            os.dup2(reading, 3)
            os.dup2(writing, 4)

        self.process = subprocess.Popen(
            [
                binary,
                "--headless",
                "--remote-debugging-pipe",
                "--no-sandbox",  # CI runs as root
                "--disable-gpu",
                "--no-first-run",
                "--no-default-browser-check",
                "--hide-scrollbars",
                f"--user-data-dir={profile}",
                "about:blank",
            ],
            preexec_fn=descriptors,
            pass_fds=(3, 4),
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
        os.close(to_browser_read)
        os.close(from_browser_write)
        self.buffer = b""
        self.next_id = 0
        self.events = []
        self.session = None
        self.console_errors = []

    def send(self, method, params=None, session=True):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        answer = self.wait(lambda m: m.get("id") == self.next_id, f"the answer to {method}")
        if "error" in answer:
            raise RuntimeError(f"{method}: {answer['error']}")
        return answer.get("result", {})

    def wait(self, wanted, what):
        deadline = time.monotonic() + TIMEOUT
        while True:
            for index, message in enumerate(self.events):
                if wanted(message):
                    return self.events.pop(index)
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"no {what} in {TIMEOUT} s")
            ready, _, _ = select.select([self.from_browser], [], [], left)
            if not ready:
                continue
            chunk = os.read(self.from_browser, 1 << 16)
            if not chunk:
                raise RuntimeError("chromium closed the pipe")
            self.buffer += chunk
            *messages, self.buffer = self.buffer.split(b"\0")
            self.events += [json.loads(message) for message in messages]
            self.record_problems()

    def record_problems(self):
        kept = []
        for message in self.events:
            method = message.get("method")
            params = message.get("params", {})
            if method == "Runtime.consoleAPICalled":
                if params.get("type") in ("error", "assert"):
                    text = " ".join(str(arg.get("value", arg.get("description"))) for arg in params.get("args", []))
                    self.console_errors.append(f"console.{params['type']}: {text}")
                continue
            if method == "Runtime.exceptionThrown":
                details = params.get("exceptionDetails", {})
                self.console_errors.append(f"uncaught: {details.get('exception', {}).get('description', details)}")
                continue
            if method == "Log.entryAdded":
                entry = params.get("entry", {})
                if entry.get("level") == "error":
                    self.console_errors.append(f"log: {entry.get('text')} {entry.get('url', '')}")
                continue
            kept.append(message)
        self.events = kept

    def evaluate(self, expression):
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def load(self, navigate):
        navigate()
        self.wait(lambda m: m.get("method") == "Page.loadEventFired", "load event")

    def screenshot(self, path):
        data = self.send("Page.captureScreenshot", {"format": "png"})["data"]
        path.write_bytes(base64.b64decode(data))

    def close(self):
        try:
            self.send("Browser.close", session=False)
        except (RuntimeError, TimeoutError, OSError):
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def main():
    site, shots, code = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), sys.argv[3]
    failures = []

    count, problems = check_links(site)
    print(f"links: {count} pages read, {len(problems)} problems")
    failures += problems

    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if binary is None:
        print("site: chromium is not installed", file=sys.stderr)
        return 1
    profile = tempfile.mkdtemp(prefix="site-check-")
    log = open(os.path.join(profile, "chromium.log"), "wb")
    browser = Browser(binary, profile, log)
    try:
        target = browser.send("Target.createTarget", {"url": "about:blank"}, session=False)["targetId"]
        browser.session = browser.send(
            "Target.attachToTarget", {"targetId": target, "flatten": True}, session=False
        )["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            browser.send(f"{domain}.enable")
        browser.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": 1100, "height": 900, "deviceScaleFactor": 1, "mobile": False},
        )

        index = (site / "index.html").resolve().as_uri()
        browser.load(lambda: browser.send("Page.navigate", {"url": index}))
        rows = browser.evaluate("document.querySelectorAll('tr[data-search]').length")
        print(f"index: {rows} rows, title {browser.evaluate('document.title')!r}")
        shots.mkdir(parents=True, exist_ok=True)
        browser.screenshot(shots / "error-index.png")

        # Type the code into the search box, key input as a person's.
        browser.evaluate("document.getElementById('search').focus()")
        browser.send("Input.insertText", {"text": code})
        visible = browser.evaluate(
            "Array.from(document.querySelectorAll('tr[data-search]')).filter(r => !r.hidden)"
            ".map(r => r.querySelector('code').textContent)"
        )
        counted = browser.evaluate("document.getElementById('count').textContent")
        print(f"search {code!r}: {visible} ({counted})")
        if visible != [code]:
            failures.append(f"searching {code} shows {visible}, not [{code!r}]")
        if counted != "1 code":
            failures.append(f"the count says {counted!r} after searching {code}")

        # Follow the code's link, as a click.
        browser.load(lambda: browser.evaluate(
            "document.querySelector('tr[data-search]:not([hidden]) a').click()"
        ))
        title = browser.evaluate("document.querySelector('h1').textContent")
        location = browser.evaluate("window.location.href")
        print(f"page: {location} says {title!r}")
        if not title.startswith(code):
            failures.append(f"the link of {code} opened a page titled {title!r}")
        hrefs = browser.evaluate("Array.from(document.querySelectorAll('a')).map(a => a.href)")
        for href in hrefs:
            url = urllib.parse.urlsplit(href)
            if url.scheme == "file" and not pathlib.Path(urllib.parse.unquote(url.path)).is_file():
                failures.append(f"{location} links {href}, which is not a file")
        browser.screenshot(shots / "error-page.png")
        time.sleep(0.2)  # let late console events arrive
        browser.evaluate("0")
    except (RuntimeError, TimeoutError):
        log.flush()
        sys.stderr.write(pathlib.Path(log.name).read_text(errors="replace")[-4000:])
        raise
    finally:
        browser.close()
        log.close()
        shutil.rmtree(profile, ignore_errors=True)

    print(f"console: {len(browser.console_errors)} errors")
    failures += browser.console_errors
    for failure in failures:
        print(f"  FAILED: {failure}")
    print(f"site: {0 if failures else 1} passed, {1 if failures else 0} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
