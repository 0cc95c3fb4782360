"""The public registry: editions by code, public diffs between editions, JSON exports."""

import pytest

from tests.factories import full_committee
from tests.standard_factories import SPANISH_BODY, create_standard, publish, save


@pytest.fixture
def published():
    committee, people = full_committee()
    standard = create_standard(people["chair"], committee)
    first = publish(standard, people)
    save(people["union"], standard, SPANISH_BODY.replace("con amabilidad", "con cortesía"))
    second = publish(standard, people)
    save(people["union"], standard, SPANISH_BODY + "\nBorrador secreto posterior.\n")
    return standard, first, second


def test_anyone_reads_a_published_edition_by_code(client, published):
    _standard, _first, second = published
    page = client.get(f"/ec/{second.code}")
    assert page.status_code == 200
    assert "cortesía" in page.text
    assert "Borrador secreto posterior" not in page.text


def test_bare_code_redirects_to_the_current_edition(client, published):
    standard, _first, second = published
    response = client.get(f"/ec/{standard.code}")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/ec/{second.code}")


def test_superseded_edition_stays_readable_and_says_so(client, published):
    _, first, second = published
    page = client.get(f"/ec/{first.code}")
    assert page.status_code == 200
    assert "superseded" in page.text.lower() or "sustituida" in page.text.lower()
    assert second.code in page.text


def test_diff_between_editions_is_public(client, published):
    _, first, second = published
    page = client.get(f"/ec/{second.code}/diff?from={first.code}")
    assert page.status_code == 200
    assert "<ins>cortesía" in page.text
    assert "Borrador secreto" not in page.text


def test_public_cannot_reach_the_draft_behind_an_edition(client, published):
    standard, _, second = published
    response = client.get(f"/standards/{standard.id}")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/ec/{second.code}")
    assert client.get(f"/standards/{standard.id}/history").status_code == 404
    assert client.get(f"/standards/{standard.id}/revisions/3.json").status_code == 404


def test_edition_json_export_carries_the_structure(client, published):
    _, _, second = published
    data = client.get(f"/ec/{second.code}.json").get_json()
    assert data["code"] == second.code
    assert data["edition"]["status"] == "current"
    element = data["elements"][0]
    assert element["code"] == "E0901"
    criteria = {item["id"]: item for item in element["items"]}
    assert "cortesía" in criteria["E0901-d1"]["sub_items"][0]


def test_unknown_or_malformed_codes_are_404_or_400(client, published):
    assert client.get("/ec/EC9999.01").status_code == 404
    assert client.get("/ec/EC9999").status_code == 404
    assert client.get("/ec/not-a-code").status_code in (400, 404)
