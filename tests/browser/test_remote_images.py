"""Images in user content: a Markdown image pointing at another site is not fetched by the
reader's browser, unless that site is in IMAGE_SOURCES. Counted on a loopback HTTPS server
(HTTPS, because a policy of ``img-src https:`` let exactly such images through)."""

import ssl
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import trustme

from tests.factories import PASSWORD
from wiki.extensions import db
from wiki.http.security_headers import content_security_policy

#: a 1x1 transparent GIF
PIXEL = bytes.fromhex(
    "47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b"
)


class PixelServer(ThreadingHTTPServer):
    """Another site, over HTTPS: answers every GET with a pixel and counts requests by path."""

    def __init__(self):
        self.hits = Counter()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                server.hits[self.path] += 1
                self.send_response(200)
                self.send_header("Content-Type", "image/gif")
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                self.wfile.write(PIXEL)

            def log_message(self, *args):
                pass

        super().__init__(("127.0.0.1", 0), Handler)
        tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        trustme.CA().issue_cert("127.0.0.1").configure_cert(tls)
        self.socket = tls.wrap_socket(self.socket, server_side=True)

    @property
    def origin(self) -> str:
        return f"https://127.0.0.1:{self.server_port}"


@pytest.fixture
def tracker():
    server = PixelServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(5)


@pytest.fixture
def tracked_texts(live_app, tracker):
    """A draft and a discussion, each with an image on the tracker's site."""
    from tests.comment_factories import BODY, comment, new_standard
    from tests.factories import full_committee

    with live_app.app_context():
        committee, people = full_committee()
        standard = new_standard(
            people["union"], committee, body=BODY + f"\n![logo]({tracker.origin}/standard.gif)\n"
        )
        text = f"Miren este gráfico: ![gráfico]({tracker.origin}/comment.gif)"
        thread = comment(people["chair"], standard, text)
        db.session.commit()
        return {
            "email": people["education"].email,
            "pages": [f"/standards/{standard.id}", f"/threads/{thread.id}"],
        }


def _read(page, live_server, texts) -> int:
    """Log in, open each page; the number of <img> elements pointing elsewhere."""
    page.goto(f"{live_server}/login")
    page.locator("input[name=email]").fill(texts["email"])
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(f"{live_server}/")
    shown = 0
    for path in texts["pages"]:
        page.goto(f"{live_server}{path}", wait_until="networkidle")
        shown += page.locator("img[src^='https://127.0.0.1']").count()
    return shown


def test_images_from_another_site_are_not_fetched_by_default(
    page, live_server, tracked_texts, tracker
):
    assert _read(page, live_server, tracked_texts) >= 2  # the <img> are in the pages
    assert sum(tracker.hits.values()) == 0
    assert any("img-src" in error for error in page.csp_errors)


def test_images_from_an_allowed_site_are_fetched(
    page, live_server, live_app, tracked_texts, tracker, monkeypatch, record_property
):
    monkeypatch.setitem(
        live_app.config, "WIKI_CONTENT_SECURITY_POLICY", content_security_policy((tracker.origin,))
    )
    _read(page, live_server, tracked_texts)
    assert tracker.hits["/standard.gif"] >= 1
    assert tracker.hits["/comment.gif"] >= 1
    record_property("figure", f"allowed: {sorted(tracker.hits.items())}")
    assert page.csp_errors == []
