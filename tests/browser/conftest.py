"""Browser tests: the app served in a thread on the test database, Debian's Chromium driven
by Playwright (Playwright's own browser download does not work on these machines)."""

from __future__ import annotations

import os
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from playwright.sync_api import Browser, Page, sync_playwright
from werkzeug.serving import make_server

from tests.browser.a11y import AXE

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not shutil.which(CHROMIUM):
        pytest.skip("Chromium is not installed (make test installs Debian's chromium as root)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="fr-FR")
    context.set_default_timeout(10_000)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def live_server(app: Flask) -> Iterator[str]:
    """The app on a free local port; yields its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)


@pytest.fixture
def artefacts(tmp_path, request: pytest.FixtureRequest):
    """Where screenshots go: $PROCURE_BROWSER_ARTEFACTS/<test>, else the test's tmp_path."""
    root = os.environ.get("PROCURE_BROWSER_ARTEFACTS")
    if not root:
        return tmp_path
    folder = Path(root) / re.sub(r"[^A-Za-z0-9_.-]+", "-", request.node.name)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def open_tab(browser: Browser) -> Iterator:
    """open_tab(lang, width): a fresh browser context (its own cookies) and its page, with
    axe-core loaded in every page (tests/browser/a11y.py)."""
    contexts = []

    def opener(lang: str, width: int) -> Page:
        context = browser.new_context(
            locale={"fr": "fr-FR", "en": "en-GB"}[lang],
            viewport={"width": width, "height": 800 if width > 600 else 740},
            accept_downloads=True,
        )
        context.set_default_timeout(10_000)
        # axe-core in every document, before the page's scripts: cheaper than sending it
        # over the DevTools protocol at each check, and outside the site's CSP.
        context.add_init_script(path=str(AXE))
        contexts.append(context)
        return context.new_page()

    yield opener
    for context in contexts:
        context.close()
