"""A live server on its own database, and Debian's Chromium driven by Playwright."""

import threading

import pytest
from werkzeug.serving import make_server

from tests.conftest import dispose_app, make_app

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "browser" in item.path.parts:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(autouse=True)
def _transaction_per_test():
    """The live server commits for real, on a database of its own."""


@pytest.fixture(scope="session")
def live_app(db_kind, tmp_path_factory):
    app, database = make_app(db_kind, tmp_path_factory.mktemp("live"))
    yield app
    dispose_app(app, database)


@pytest.fixture(scope="session")
def live_server(live_app):
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(5)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    # ignore_https_errors: test servers on loopback use certificates of a CA of their own
    context = browser.new_context(locale="es-MX", ignore_https_errors=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.csp_errors = []
    page.on(
        "console",
        lambda message: (
            page.csp_errors.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    yield page
    context.close()
