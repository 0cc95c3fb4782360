"""The home page: published standards for everyone, committee drafts for members."""

from tests.factories import full_committee
from tests.standard_factories import create_standard, publish


def test_home_lists_published_standards_for_everyone_and_drafts_for_members(client, login):
    committee, people = full_committee()
    published = create_standard(people["chair"], committee, title="Servicio publicado")
    edition = publish(published, people)
    create_standard(people["chair"], committee, title="Borrador reservado")
    anonymous = client.get("/").text
    assert edition.code in anonymous
    assert "Borrador reservado" not in anonymous
    login(people["observer"])
    member = client.get("/").text
    assert "Borrador reservado" in member
    assert "New standard" not in member


def test_outsiders_see_no_drafts_on_the_home_page(client, login):
    committee, people = full_committee()
    create_standard(people["chair"], committee, title="Borrador reservado")
    login(full_committee()[1]["chair"])
    page = client.get("/").text
    assert "Borrador reservado" not in page
    assert "New standard" in page
