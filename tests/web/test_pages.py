"""Health check, error pages and security headers."""

from sqlalchemy.exc import OperationalError

from wiki.extensions import db


def test_healthz_reports_ok_after_database_round_trip(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok"}


def test_healthz_reports_503_with_reason_when_database_is_down(client, monkeypatch):
    def broken(*args, **kwargs):
        raise OperationalError("SELECT 1", {}, Exception("connection refused"))

    monkeypatch.setattr(db.session, "execute", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json["status"] == "unavailable"
    assert response.json["reason"].startswith("database")


def test_unknown_page_gets_helpful_404(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert "Page not found" in response.text
    assert 'href="/"' in response.text or "home page" in response.text


def test_too_large_body_gets_413_page(app, client):
    limit = app.config["MAX_CONTENT_LENGTH"]
    app.config["MAX_CONTENT_LENGTH"] = 1000
    try:
        response = client.post("/login", data={"email": "x" * 5000, "password": "y"})
    finally:
        app.config["MAX_CONTENT_LENGTH"] = limit
    assert response.status_code == 413
    assert "too large" in response.text


def test_pages_forbid_inline_scripts_through_csp(client):
    response = client.get("/login")
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_spanish_is_the_default_language_and_english_can_be_chosen(client):
    no_preference = {"Accept-Language": ""}
    assert '<html lang="es">' in client.get("/", headers=no_preference).text
    assert '<html lang="en">' in client.get("/?lang=en", headers=no_preference).text
    assert '<html lang="en">' in client.get("/", headers=no_preference).text


def test_browser_language_picks_spanish_or_english(client):
    assert '<html lang="es">' in client.get("/", headers={"Accept-Language": "es-MX,es"}).text
    assert '<html lang="en">' in client.get("/", headers={"Accept-Language": "en-GB"}).text
