"""Opening kg's pages offline in headless Chromium (Playwright), shared by the browser tests
(tests/test_browser.py: graph.html; tests/test_browser_map.py: map.html) and
bench/html_page.py (so it imports nothing of pytest).

Chromium comes from the system (Debian's ``chromium`` package at /usr/bin/chromium, which
.ci/run installs); Playwright's own browser download is never used. A page may load
``file:`` URLs only: every other request is aborted, and recorded by ``OfflinePage`` so
that a test can fail on any request to the network.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
VIEWPORT = {"width": 1400, "height": 900}


def launch() -> Iterator:
    """The system's Chromium, headless, as a generator (a fixture body): yields the browser,
    then closes it."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


def file_urls_only(page) -> None:
    """Abort every request of ``page`` that is not a ``file:`` URL."""
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())


class OfflinePage:
    """A page opened offline, with the requests it tried, the errors it raised and the
    dialogs it opened (dismissed); opened once ``<body data-ready="1">`` is set."""

    def __init__(self, browser, path: Path):
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page = browser.new_page(viewport=VIEWPORT)
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("dialog", self._dialog)
        file_urls_only(self.page)
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_selector("body[data-ready='1']", timeout=15000)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def close(self) -> None:
        """Close the page; it must have raised no error and asked nothing of the network."""
        assert not self.errors, self.errors
        offline = [u for u in self.requests if not u.startswith(("file:", "data:", "blob:"))]
        assert offline == [], f"requests to the network: {offline}"
        self.page.close()
