"""Editions a cache may keep: no cookie for anonymous readers, an ETag covering what can still
change (status, official act, succession), 304 on a current copy, and the body kept per
language instead of rendered again."""

import datetime as dt

import pytest

from tests.factories import full_committee
from tests.standard_factories import create_standard, publish
from wiki.extensions import db
from wiki.publication.lifecycle import EditionStatus
from wiki.publication.models import Edition, EditionRendering


@pytest.fixture
def edition():
    committee, people = full_committee()
    found = publish(create_standard(people["chair"], committee), people)
    db.session.commit()
    return found


def _change(edition_id: int, **fields) -> None:
    db.session.execute(db.update(Edition).where(Edition.id == edition_id).values(**fields))
    db.session.commit()


def test_anonymous_readers_get_no_session_cookie(client, edition):
    for path in ("/", "/registry", f"/ec/{edition.code}", f"/ec/{edition.code}.json"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "Set-Cookie" not in response.headers, path
        assert client.get_cookie("session") is None, path


def test_the_log_in_form_still_works_after_reading_anonymously(client, login, edition):
    client.get(f"/ec/{edition.code}")
    assert client.get_cookie("session") is None
    page = client.get("/login")
    assert client.get_cookie("session") is not None  # a form page makes its token
    assert 'name="csrf_token"' in page.text
    login(edition.published_by)  # posts the form with that token: a 302, or it fails
    assert (
        client.post("/login", data={"email": "x@y.mx", "password": "p"}, csrf=False).status_code
        == 400
    )


@pytest.mark.parametrize("export", ["", ".json"])
def test_an_edition_and_its_export_answer_a_current_copy_with_304(client, edition, export):
    path = f"/ec/{edition.code}{export}"
    first = client.get(path)
    assert first.headers["Cache-Control"] == "public, max-age=300"
    tag = first.headers["ETag"]
    again = client.get(path, headers={"If-None-Match": tag})
    assert again.status_code == 304
    assert again.data == b""
    assert again.headers["ETag"] == tag
    assert client.get(path, headers={"If-None-Match": '"another"'}).status_code == 200


@pytest.mark.parametrize("export", ["", ".json"])
@pytest.mark.parametrize(
    "change",
    [
        {
            "status": EditionStatus.WITHDRAWN,
            "withdrawn_reason": "Norma sin uso en el sector.",
            "withdrawn_at": dt.datetime(2026, 3, 1, tzinfo=dt.UTC),
        },
        {"resolution_number": "CT-2026-044"},
        {"gazette_published_on": dt.date(2026, 2, 14)},
    ],
    ids=["withdrawn", "resolution", "gazette"],
)
def test_a_changed_status_or_official_act_changes_the_tag(client, edition, export, change):
    path = f"/ec/{edition.code}{export}"
    tag = client.get(path).headers["ETag"]
    _change(edition.id, **change)
    response = client.get(path, headers={"If-None-Match": tag})
    assert response.status_code == 200
    assert response.headers["ETag"] != tag


def test_the_language_is_part_of_the_tag(client, edition):
    path = f"/ec/{edition.code}"
    english = client.get(path)
    spanish = client.get(path, headers={"Accept-Language": "es"})
    assert english.headers["ETag"] != spanish.headers["ETag"]
    assert "Accept-Language" in spanish.headers["Vary"]
    assert "Contenido" in spanish.text and "Contents" in english.text


def test_a_signed_in_reader_gets_no_store_and_the_whole_page(client, login, edition):
    anonymous_tag = client.get(f"/ec/{edition.code}").headers["ETag"]
    login(edition.published_by)
    response = client.get(f"/ec/{edition.code}", headers={"If-None-Match": anonymous_tag})
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    assert "ETag" not in response.headers
    assert "Log in" not in response.text


def test_the_body_is_kept_per_language_and_shown_from_there(client, edition):
    client.get(f"/ec/{edition.code}")
    client.get(f"/ec/{edition.code}", headers={"Accept-Language": "es"})
    kept = {
        row.locale: row
        for row in db.session.scalars(
            db.select(EditionRendering).where(EditionRendering.edition_id == edition.id)
        )
    }
    assert set(kept) == {"en", "es"}
    assert "Comanda" in kept["es"].body_html and "Contenido" in kept["es"].body_html
    # the page shows what was kept: it does not render the text again
    kept["en"].body_html = "<p>Texto conservado</p>"
    db.session.commit()
    assert "Texto conservado" in client.get(f"/ec/{edition.code}").text


def test_a_new_public_thread_on_the_edition_changes_its_tag(client, p, standard):
    from tests.comment_factories import comment
    from tests.comment_factories import publish as publish_for

    found = publish_for(p, standard)
    p.committee.comments_public = True
    db.session.commit()
    tag = client.get(f"/ec/{found.code}").headers["ETag"]
    comment(p.union, standard, "Comentario sobre la edición publicada.")
    db.session.commit()
    page = client.get(f"/ec/{found.code}", headers={"If-None-Match": tag})
    assert page.status_code == 200
    assert "Comentario sobre la edición publicada." in page.text


def test_an_open_consultation_notice_changes_the_tag(client, p, standard):
    from tests.comment_factories import actor, days, save
    from tests.comment_factories import publish as publish_for
    from wiki.consultations import operations as consultations

    found = publish_for(p, standard)
    db.session.commit()
    tag = client.get(f"/ec/{found.code}").headers["ETag"]
    save(p.union, standard, standard.head_revision.body_markdown + "\nNuevo criterio.\n")
    consultations.open_consultation(actor(p.chair), standard.id, closes_at=days(10))
    db.session.commit()
    page = client.get(f"/ec/{found.code}", headers={"If-None-Match": tag})
    assert page.status_code == 200
    assert "public consultation" in page.text


def test_publishing_keeps_the_body_in_every_language(client, login, s):
    from tests.ballot_factories import requested

    standard, _request = requested(s)
    db.session.commit()
    login(s.admin)
    response = client.post(
        f"/standards/{standard.id}/publish",
        data={"approving_body": "Comité Técnico de la Agencia", "resolution_number": "CT-2026-031"},
    )
    assert response.status_code == 302, response.text
    found = db.session.scalars(db.select(Edition).where(Edition.standard_id == standard.id)).one()
    kept = db.session.scalars(
        db.select(EditionRendering.locale).where(EditionRendering.edition_id == found.id)
    ).all()
    assert sorted(kept) == ["en", "es"]


def test_a_page_with_a_message_for_its_reader_is_not_cached(client, edition):
    with client.session_transaction() as session:
        session["_flashes"] = [("info", "Your session has ended. Please log in again.")]
    response = client.get(f"/ec/{edition.code}")
    assert "Your session has ended" in response.text
    assert response.headers["Cache-Control"] == "no-store"
    assert "ETag" not in response.headers
