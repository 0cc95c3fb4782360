"""The search page at /search: results, facets, pages, suggestions, and who sees drafts."""

import re

import pytest

from tests.search.corpus import SECRET_WORD, build_corpus
from wiki.accounts.models import User
from wiki.extensions import db
from wiki.search.base import SearchUnavailable
from wiki.search.outbox import drain_outbox


@pytest.fixture
def site(app, db_session, backend, monkeypatch):
    """The corpus, in the test's transaction, indexed by ``backend``, which the app uses."""
    monkeypatch.setitem(app.extensions, "search", backend)
    corpus = build_corpus()
    drain_outbox(db_session, backend)
    return corpus


def person(corpus, committee, role="union"):
    return db.session.get(User, corpus.people[committee][role])


def test_every_page_has_the_search_form_in_its_header(client):
    page = client.get("/").text
    assert 'action="/search"' in page
    assert 'name="q"' in page


def test_results_show_code_title_status_and_marked_snippet(client, site):
    response = client.get("/search?q=evaluacion")
    assert response.status_code == 200
    page = response.text
    assert "<mark>evaluaciones</mark>" in page
    assert f'href="/ec/{site.codes["dining.02"]}"' in page
    assert "badge-current" in page and "badge-superseded" in page
    assert 'data-total="3"' in page
    assert page.count('class="search-result"') == 3


def test_facets_are_filter_links_with_counts(client, site):
    page = client.get("/search?q=restaurante").text
    link = re.search(r'<a href="([^"]*status=superseded[^"]*)">[^<]*</a> \((\d+)\)', page)
    assert link is not None
    assert link.group(2) == "1"
    narrowed = client.get(link.group(1).replace("&amp;", "&")).text
    assert site.codes["dining.01"] in narrowed
    assert site.codes["dining.02"] not in narrowed


def test_pages_link_to_each_other(client, site, monkeypatch):
    monkeypatch.setattr("wiki.search.views.PER_PAGE", 1)
    first = client.get("/search?q=certificacion").text
    assert first.count('class="search-result"') == 1
    assert re.search(r'rel="next" href="[^"]*page=2', first)
    assert 'rel="prev"' not in first
    last = client.get("/search?q=certificacion&page=3").text
    assert re.search(r'rel="prev" href="[^"]*page=2', last)
    assert 'rel="next"' not in last


def test_date_sort_is_offered_and_applied(client, site):
    page = client.get("/search?q=certificacion&sort=date").text
    assert '<option value="date" selected>' in page
    codes = re.findall(r'href="/ec/(EC[0-9.]+)"', page)
    # Of the three editions that mention it, the assessment standard's was published last.
    assert codes == [site.codes["assessment.01"], site.codes["dining.02"], site.codes["dining.01"]]


def test_misspelling_offers_did_you_mean_link(client, site):
    page = client.get("/search?q=evaluasiones").text
    suggestion = re.search(r'<p class="lead suggestion">.*?<a href="([^"]+)">', page, re.S)
    assert suggestion is not None
    assert "q=evaluaciones" in suggestion.group(1)


def test_page_has_no_inline_script_or_event_attribute(client, site):
    response = client.get("/search?q=etiqueta")
    assert "<script" not in response.text
    assert not re.search(r"<[^>]+\son\w+=", response.text)
    assert "&lt;img src=x onerror=alert(1)&gt;" in response.text
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]


def test_anonymous_page_never_shows_the_draft(client, site):
    for url in ("/search?q=cortesia", "/search?q=zarzamorazil", "/search?q=&status=draft"):
        page = client.get(url).text
        assert SECRET_WORD not in page
        assert "badge-draft" not in page


def test_member_finds_the_draft_and_an_outsider_does_not(client, site, login):
    login(person(site, "education"))
    assert SECRET_WORD not in client.get("/search?q=cortesia").text
    client.post("/logout")
    login(person(site, "tourism"))
    page = client.get("/search?q=cortesia").text
    assert SECRET_WORD in page
    assert f'href="/standards/{site.standards["secret"]}"' in page


ODD_ARGUMENTS = (
    "page=abc",
    "page=-1",
    "page=99999999999",
    "level=9",
    "level=%D9%A3",
    "status=bogus",
    "committee=x",
    "committee=99999999999999999999",
    "sort=weird",
    "language=fr",
    "sector=" + "x" * 5000,
    "q=%00%01",
    "q=a&q=b&page=1&page=2",
)


def test_odd_arguments_are_ignored_not_errors(client, site):
    statuses = {query: client.get(f"/search?{query}").status_code for query in ODD_ARGUMENTS}
    assert statuses == dict.fromkeys(ODD_ARGUMENTS, 200)


def test_refused_queries_never_reach_the_index(client, site, app, monkeypatch):
    def must_not_search(*args, **kwargs):
        raise AssertionError("a refused query reached the index")

    monkeypatch.setattr(app.extensions["search"], "search", must_not_search)
    for text in (f"NOT {SECRET_WORD}", "NOT palabra", "AND OR", "x" * 600):
        response = client.get("/search", query_string={"q": text})
        assert response.status_code == 200
        assert "error-summary" in response.text


def test_unavailable_index_gets_a_friendly_503(client, site, app, monkeypatch):
    def broken(*args, **kwargs):
        raise SearchUnavailable("index is being rebuilt")

    monkeypatch.setattr(app.extensions["search"], "search", broken)
    response = client.get("/search?q=restaurante")
    assert response.status_code == 503
    assert response.headers["Retry-After"].isdigit()
    assert "search-unavailable" in response.text
    assert "being rebuilt" not in response.text  # only when it is
