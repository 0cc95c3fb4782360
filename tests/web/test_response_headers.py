"""Response headers: nothing a signed-in person sees is stored by a cache, HSTS over HTTPS
only, and user content shows images from the wiki and the allowed origins only."""

import pytest

from tests.comment_factories import new_standard
from wiki import create_app
from wiki.http.security_headers import HSTS, content_security_policy, image_sources


@pytest.fixture
def draft(p):
    return new_standard(p.union, p.committee)


def test_every_response_to_a_signed_in_person_says_no_store(client, login, p, draft):
    login(p.union)
    for path in ("/", f"/standards/{draft.id}", f"/standards/{draft.id}/revisions/1.json",
                 "/notifications", "/no-such-page"):
        response = client.get(path)
        assert response.headers["Cache-Control"] == "no-store", path
    # the draft's JSON is private: it depends on who asks
    assert client.get(f"/standards/{draft.id}/revisions/1.json").is_json


def test_anonymous_public_pages_and_static_files_keep_their_caching(client, login, p):
    assert "no-store" not in client.get("/registry").headers.get("Cache-Control", "")
    login(p.union)
    static = client.get("/static/css/site.css")
    static.close()
    assert static.status_code == 200
    assert "no-store" not in static.headers.get("Cache-Control", "")


def test_hsts_only_over_https(client, db_session):
    assert client.get("/login", base_url="https://localhost").headers[
        "Strict-Transport-Security"
    ] == HSTS
    assert "Strict-Transport-Security" not in client.get("/login").headers


def test_hsts_behind_a_trusted_proxy_that_terminates_tls(tmp_path):
    settings = {"INSTANCE_PATH": str(tmp_path), "PUBLIC_BASE_URL": "http://localhost"}
    https = {"X-Forwarded-Proto": "https"}
    direct = create_app(settings)
    proxied = create_app({**settings, "TRUSTED_PROXIES": 1})
    try:
        # without TRUSTED_PROXIES the header is anyone's to send, so it is ignored
        assert "Strict-Transport-Security" not in direct.test_client().get(
            "/login", headers=https).headers
        assert proxied.test_client().get("/login", headers=https).headers[
            "Strict-Transport-Security"
        ] == HSTS
    finally:
        for app in (direct, proxied):
            app.extensions["search"].close()


def test_user_content_shows_images_from_the_wiki_only_by_default(client, db_session):
    policy = client.get("/login").headers["Content-Security-Policy"]
    assert "img-src 'self';" in policy
    assert "https:" not in policy


def test_image_sources_are_added_to_the_policy():
    policy = content_security_policy(
        image_sources("https://img.agencia.example, http://*.conocer.example:8080")
    )
    assert "img-src 'self' https://img.agencia.example http://*.conocer.example:8080;" in policy


@pytest.mark.parametrize(
    "setting", ["https:", "*", "https://a.example; script-src *", "'unsafe-inline'", "data:"]
)
def test_an_image_source_that_is_not_an_origin_stops_the_start(setting, tmp_path):
    with pytest.raises(RuntimeError, match="WIKI_IMAGE_SOURCES"):
        create_app({"INSTANCE_PATH": str(tmp_path), "IMAGE_SOURCES": setting})


def test_a_public_base_url_that_is_not_an_address_stops_the_start(tmp_path):
    with pytest.raises(RuntimeError, match="WIKI_PUBLIC_BASE_URL"):
        create_app({"INSTANCE_PATH": str(tmp_path), "PUBLIC_BASE_URL": "wiki.agencia.example"})
