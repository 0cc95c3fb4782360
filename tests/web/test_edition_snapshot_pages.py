"""Public pages read editions: a new draft's title and metadata stay with the committee."""

import re

import pytest

from tests.edition_factories import published_with, redraft

DRAFT_TITLE = "Servicio de restaurante (borrador de la segunda edición)"


@pytest.fixture
def draft_after(s):
    """Published with its metadata, then the next draft: new title, level and occupations."""
    standard, edition = published_with(
        s, occupations="Mesero", industry_code="722511",
        organisations="Cámara Nacional de la Industria de Restaurantes",
    )
    redraft(
        s, standard, title=DRAFT_TITLE, level=4, occupations="Sommelier", industry_code="722512",
        organisations="Asociación de Sommeliers", certificate_validity_years=5,
    )
    return standard, edition


def _meta(page: str, term: str) -> str:
    """The value beside ``term`` in the page's metadata list."""
    match = re.search(rf"<dt>{term}</dt><dd>(.*?)</dd>", page, re.S)
    assert match, f"no {term} on the page"
    return re.sub(r"<[^>]+>", "", match.group(1)).strip()


@pytest.mark.parametrize(
    "url",
    ["/", "/registry", "/registry?status=all", "/committees/{slug}", "/ec/{code}",
     "/ec/{code}/diff", "/standards/{id}/activity"],
)
def test_anonymous_visitors_see_the_published_title_never_the_drafts(client, s, draft_after, url):
    standard, edition = draft_after
    page = client.get(url.format(slug=s.committee.slug, code=edition.code, id=standard.id))
    assert page.status_code == 200
    assert DRAFT_TITLE not in page.text
    assert "Atención a comensales" in page.text


def test_the_edition_page_shows_the_metadata_it_was_published_with(client, draft_after):
    _, edition = draft_after
    page = client.get(f"/ec/{edition.code}").text
    assert _meta(page, "Competency level") == "2"
    assert _meta(page, "Related occupations") == "Mesero"
    assert _meta(page, "Industry classification \\(SCIAN\\)") == "722511"
    assert _meta(page, "Certificate validity") == "3 years"
    assert "Sommelier" not in page


def test_the_json_export_is_frozen_at_publication(client, s, draft_after):
    _, edition = draft_after
    data = client.get(f"/ec/{edition.code}.json").get_json()
    assert data["title"] == "Atención a comensales"
    assert data["level"] == 2
    assert data["occupations"] == ["Mesero"]
    assert data["industry_code"] == "722511"
    assert data["organisations"] == ["Cámara Nacional de la Industria de Restaurantes"]
    assert data["certificate_validity_years"] == 3
    assert data["committee"] == {"slug": s.committee.slug, "name": s.committee.name}


def test_members_still_see_the_draft_title_and_metadata_on_the_draft_pages(
    client, login, s, draft_after
):
    standard, edition = draft_after
    login(s.observer)
    draft = client.get(f"/standards/{standard.id}").text
    assert DRAFT_TITLE in draft
    assert _meta(draft, "Competency level") == "4"
    committee = client.get(f"/committees/{s.committee.slug}").text
    assert DRAFT_TITLE in committee
    assert _meta(client.get(f"/ec/{edition.code}").text, "Competency level") == "2"
