"""Helpers of the browser tests: the problem watcher, contexts, signing in.

Playwright is imported lazily: conftest.py imports this module even when `make test` runs
without the e2e extra.
"""

from __future__ import annotations

import re

DEMO_PASSWORD = "demo-password-2026"
HOME_URL = re.compile(r"^http://127\.0\.0\.1:\d+/$")

# Records CSP violations on the page (window.__cspViolations) and reports them to the test,
# which keeps them across navigations.
CSP_RECORDER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  var violation = {
    directive: event.violatedDirective, blocked: event.blockedURI,
    source: event.sourceFile, line: event.lineNumber, sample: event.sample
  };
  window.__cspViolations.push(violation);
  if (window.__e2eReportCsp) { window.__e2eReportCsp(violation); }
});
"""


class Problems:
    """What went wrong in the browser during one test."""

    def __init__(self) -> None:
        self.items: list[str] = []

    def watch(self, page) -> None:
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.items.append(f"uncaught: {error}"))
        page.on("response", self._on_response)

    def _on_console(self, message) -> None:
        # Failed loads are judged by _on_response: a 422 form answer is expected.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.items.append(f"console: {message.text}")

    def _on_response(self, response) -> None:
        broken_asset = response.request.resource_type in {"script", "stylesheet", "image", "font"}
        if response.status >= 500 or (broken_asset and response.status >= 400):
            self.items.append(f"HTTP {response.status}: {response.request.method} {response.url}")

    def csp(self, violation: dict) -> None:
        self.items.append(f"CSP violation: {violation}")

    def assert_clean(self, page=None) -> None:
        """No problem so far, including the CSP violations recorded on the current page."""
        found = list(self.items)
        if page is not None:
            recorded = page.evaluate("window.__cspViolations || []")
            found += [f"CSP violation (page): {v}" for v in recorded if f"{v}" not in str(found)]
        assert not found, "\n".join(found)


def new_context(browser, live_server: str, problems: Problems, **options):
    """A fresh browser context (no cookies) whose pages are all watched."""
    options.setdefault("locale", "en-GB")
    context = browser.new_context(base_url=live_server, **options)
    context.set_default_timeout(10_000)
    context.expose_function("__e2eReportCsp", problems.csp)
    context.add_init_script(CSP_RECORDER)
    context.on("page", problems.watch)
    return context


def sign_in(page, user: str) -> None:
    """Sign in through the form as the demo user `user` (e.g. "bd.de")."""
    from playwright.sync_api import expect

    page.goto("/login")
    page.get_by_label("Email").fill(f"{user}@demo.creativelab.example")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(HOME_URL)
