"""Browser tests in real Chromium against a live server filled with `crm demo` (`make e2e`).

They are marked `e2e` and deselected unless `-m` names that marker, so `make test` never runs
them. The live server is a subprocess (tests/e2e/server.py) on a fresh SQLite database.
Every page of every test is watched: console errors, uncaught exceptions, CSP violations and
server errors are collected, and a test fails when any was seen (`problems.assert_clean()`).
Chromium comes from the system (/usr/bin/chromium, or E2E_CHROMIUM): nothing is downloaded.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.support import Problems, new_context

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _e2e_selected(config) -> bool:
    return "e2e" in (config.getoption("markexpr", "") or "")


def pytest_configure(config) -> None:
    config.addinivalue_line("markers", "e2e: browser test in real Chromium; run with -m e2e")


def _playwright_installed() -> bool:
    try:
        import playwright  # noqa: F401
    except ImportError:
        return False
    return True


def pytest_ignore_collect(collection_path, config):
    """Without Playwright (the e2e extra) and without -m e2e, these modules are not imported."""
    if _e2e_selected(config) or _playwright_installed():
        return None
    return collection_path.name.startswith("test_") or None


def pytest_collection_modifyitems(config, items) -> None:
    """Deselect the browser tests unless -m names the e2e marker."""
    if _e2e_selected(config):
        return
    browser_tests = [item for item in items if item.get_closest_marker("e2e")]
    if browser_tests:
        config.hook.pytest_deselected(items=browser_tests)
        items[:] = [item for item in items if not item.get_closest_marker("e2e")]


def _server_env(run_dir: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"TEST_DATABASE_URL", "REDIS_URL", "SMTP_URL", "BASE_URL"}
    }
    env.update(
        CRM_ENV="development",
        SECRET_KEY="e2e-secret-key-not-for-production",
        DATABASE_URL=f"sqlite:///{run_dir / 'e2e.sqlite3'}",
        UPLOAD_DIR=str(run_dir / "uploads"),
        RATE_LIMITS="off",
        START_WORKER_THREAD="on",
    )
    return env


def _flask(env: dict[str, str], *args: str) -> None:
    command = [sys.executable, "-m", "flask", "--app", "wsgi", *args]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")


@pytest.fixture(scope="session")
def live_server(tmp_path_factory) -> Iterator[str]:
    """Base URL of the app served from a migrated database filled with the demo data."""
    run_dir = tmp_path_factory.mktemp("e2e")
    env = _server_env(run_dir)
    _flask(env, "db", "upgrade")
    _flask(env, "crm", "demo")
    log_path = run_dir / "server.log"
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "tests.e2e.server"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=log,
            text=True,
        )
    port = server.stdout.readline().strip()
    if not port.isdigit():
        server.kill()
        raise RuntimeError(f"the server did not start:\n{log_path.read_text()}")
    yield f"http://127.0.0.1:{port}"
    server.terminate()
    server.wait(timeout=10)
    server.stdout.close()


@pytest.fixture(scope="session")
def browser() -> Iterator:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def problems() -> Problems:
    return Problems()


@pytest.fixture
def context(browser, live_server, problems) -> Iterator:
    ctx = new_context(browser, live_server, problems)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context, problems) -> Iterator:
    the_page = context.new_page()
    yield the_page
    problems.assert_clean()
