"""The registry by status: filters with counts, pages, and who superseded whom, both ways."""

import re

import pytest

from tests.ballot_factories import actor, new_revision, published
from wiki.publication.operations import withdraw_edition


@pytest.fixture
def registry(s):
    """Dining: .01 superseded by .02; welding: .01 withdrawn; training: .01 in force."""
    dining, dining_01 = published(s, title="Atención a comensales")
    new_revision(s, dining)
    _, dining_02 = published(s, dining)
    _, welding_01 = published(s, title="Soldadura de componentes automotrices")
    withdraw_edition(actor(s.admin), welding_01.id, "Sustituido por la NOM-027 vigente.")
    _, training_01 = published(s, title="Facilitación de cursos de capacitación presencial")
    return {
        "dining.01": dining_01.code,
        "dining.02": dining_02.code,
        "welding.01": welding_01.code,
        "training.01": training_01.code,
    }


def _listed(page: str) -> list[str]:
    """The codes in the table's first column (not the supersedes/superseded-by links)."""
    return re.findall(r'<td data-label="Code"><a class="code" href="[^"]+">([^<]+)</a>', page)


def test_the_registry_lists_editions_in_force_by_default_with_counts_per_status(
    client, registry
):
    page = client.get("/registry").text
    assert sorted(_listed(page)) == sorted([registry["dining.02"], registry["training.01"]])
    assert '<strong aria-current="page">Current (2)</strong>' in page
    assert ">Superseded (1)</a>" in page
    assert ">Withdrawn (1)</a>" in page
    assert ">All (4)</a>" in page


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("superseded", ["dining.01"]),
        ("withdrawn", ["welding.01"]),
        ("all", ["dining.01", "dining.02", "welding.01", "training.01"]),
    ],
)
def test_each_status_filter_lists_its_editions(client, registry, status, expected):
    page = client.get(f"/registry?status={status}").text
    assert sorted(_listed(page)) == sorted(registry[name] for name in expected)
    assert 'aria-current="page"' in page


def test_an_unknown_status_shows_the_editions_in_force(client, registry):
    page = client.get("/registry?status=borrador").text
    assert sorted(_listed(page)) == sorted([registry["dining.02"], registry["training.01"]])


def test_the_registry_is_paged_and_pages_keep_the_filter(client, registry, monkeypatch):
    monkeypatch.setattr("wiki.publication.registry_views.EDITIONS_PER_PAGE", 3)
    first = client.get("/registry?status=all").text
    assert len(_listed(first)) == 3
    assert "Page 1 of 2" in first
    link = re.search(r'rel="next" href="([^"]+)"', first).group(1).replace("&amp;", "&")
    assert "status=all" in link
    second = client.get(link).text
    assert len(_listed(second)) == 1
    assert set(_listed(first)).isdisjoint(_listed(second))


def test_superseded_and_superseding_editions_link_to_each_other_in_the_registry(
    client, registry
):
    page = client.get("/registry?status=all").text
    old, new = registry["dining.01"], registry["dining.02"]
    old_row = page[page.index(f">{old}</a></td>") :].split("</tr>")[0]
    new_row = page[page.index(f">{new}</a></td>") :].split("</tr>")[0]
    assert f'Superseded by <a class="code" href="/ec/{new}">{new}</a>' in old_row
    assert f'Supersedes <a class="code" href="/ec/{old}">{old}</a>' in new_row
    withdrawn_row = page[page.index(f">{registry['welding.01']}</a></td>") :].split("</tr>")[0]
    assert "Supersede" not in withdrawn_row


def test_the_edition_pages_link_both_ways(client, registry):
    old, new = registry["dining.01"], registry["dining.02"]
    old_page = client.get(f"/ec/{old}").text
    new_page = client.get(f"/ec/{new}").text
    assert f'<dt>Superseded by</dt><dd><a class="code" href="/ec/{new}">' in old_page
    assert f'<dt>Supersedes</dt><dd><a class="code" href="/ec/{old}">' in new_page
    assert "<dt>Superseded by</dt>" not in new_page
    assert client.get(f"/ec/{new}.json").get_json()["edition"]["supersedes"] == old
    assert client.get(f"/ec/{old}.json").get_json()["edition"]["superseded_by"] == new


def test_home_lists_editions_in_force_and_withdrawn_ones_apart(client, registry):
    page = client.get("/").text
    in_force, _, withdrawn = page.partition('<h2 id="withdrawn">')
    assert sorted(_listed(in_force)) == sorted([registry["dining.02"], registry["training.01"]])
    assert _listed(withdrawn) == [registry["welding.01"]]
    assert "badge-withdrawn" in withdrawn and "badge-withdrawn" not in in_force
    assert registry["dining.01"] not in page
