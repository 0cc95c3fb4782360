"""Public consultation pages: the public reads and comments while the window is open, the chair
opens and closes it, and the disposition report is public."""

import pytest

from tests.comment_factories import actor, comment, days, in_english
from wiki.comments import operations as comments
from wiki.comments.models import Thread
from wiki.consultations import operations as consultations
from wiki.consultations.models import Consultation
from wiki.extensions import db
from wiki.standards.lifecycle import StandardStatus


@pytest.fixture
def consultation(p, standard):
    consultation = consultations.open_consultation(actor(p.chair), standard.id, closes_at=days(10))
    db.session.commit()
    return consultation


def test_the_public_reads_the_revision_while_the_window_is_open(client, standard, consultation):
    in_english(client)
    assert client.get(f"/standards/{standard.id}").status_code == 404  # drafts stay private
    page = client.get(f"/consultations/{consultation.id}")
    assert page.status_code == 200
    assert "Recibe al comensal en la entrada del restaurante" in page.text
    assert "Log in to comment" in page.text and 'name="body"' not in page.text
    assert standard.title in client.get("/consultations").text


def test_the_text_is_no_longer_public_after_the_window(client, standard, consultation):
    in_english(client)
    consultation.closes_at = days(-1)
    consultation.opens_at = days(-5)
    db.session.commit()
    page = client.get(f"/consultations/{consultation.id}")
    assert page.status_code == 200
    assert "Recibe al comensal" not in page.text
    assert "disposition report" in page.text
    assert standard.title not in client.get("/consultations").text


def test_a_public_account_comments_through_the_page(client, login, p, standard, consultation):
    login(p.public)
    page = client.get(f"/consultations/{consultation.id}").text
    assert "Your comment and your name will be public" in page
    assert "data-mention-members" not in page  # member names are not offered to the public
    response = client.post(
        f"/standards/{standard.id}/threads",
        data={"revision": "1", "part": "s-purpose", "body": "Falta mencionar la accesibilidad."},
    )
    assert response.status_code == 302
    thread = db.session.query(Thread).one()
    assert thread.consultation_id == consultation.id and thread.author_id == p.public.id
    assert "Falta mencionar la accesibilidad." in client.get(f"/threads/{thread.id}").text
    assert "Falta mencionar" in client.get(f"/consultations/{consultation.id}").text


def test_chair_opens_and_closes_through_the_pages(client, login, p, standard):
    login(p.chair)
    assert "Open a public consultation" in client.get(f"/standards/{standard.id}").text
    response = client.post(
        f"/standards/{standard.id}/consultations/new", data={"closes_on": "2001-01-01"}
    )
    assert response.status_code == 400 and "must be in the future" in response.text
    closes_on = days(20).date().isoformat()
    response = client.post(
        f"/standards/{standard.id}/consultations/new", data={"closes_on": closes_on}
    )
    assert response.status_code == 302
    found = db.session.query(Consultation).one()
    assert found.closes_at.date().isoformat() > closes_on  # midnight after the last day
    assert "Public consultation open until" in client.get(f"/standards/{standard.id}").text
    assert client.post(f"/consultations/{found.id}/close").status_code == 302
    db.session.expire_all()
    assert found.closed_at is not None and standard.status is StandardStatus.DRAFT


@pytest.mark.parametrize("who", ["union", "observer"])
def test_members_who_are_not_chair_cannot_open_or_close(client, login, p, standard, who):
    login(getattr(p, who))
    assert client.get(f"/standards/{standard.id}/consultations/new").status_code == 403
    consultation = consultations.open_consultation(actor(p.chair), standard.id, closes_at=days(3))
    db.session.commit()
    assert client.post(f"/consultations/{consultation.id}/close").status_code == 403
    db.session.refresh(consultation)
    assert consultation.closed_at is None


def test_the_disposition_report_is_public(client, p, standard, consultation):
    in_english(client)
    thread = comment(p.public, standard, "Sugiero agregar un glosario.")
    db.session.commit()
    consultations.close_consultation(actor(p.chair), consultation.id)
    comments.record_disposition(actor(p.chair), thread.id, "accepted", "Se agrega el glosario.")
    db.session.commit()
    page = client.get(f"/consultations/{consultation.id}/dispositions")
    assert page.status_code == 200
    assert "Sugiero agregar un glosario." in page.text and "Se agrega el glosario." in page.text
    export = client.get(f"/consultations/{consultation.id}/dispositions?format=csv")
    assert export.mimetype == "text/csv" and "Accepted" in export.data.decode("utf-8-sig")


def test_after_the_window_a_thread_keeps_its_comment_but_not_the_draft_text(
    client, p, standard, consultation
):
    thread = comment(p.public, standard, "Mi observación pública.", part="s-purpose")
    db.session.commit()
    assert "Servir como referente" in client.get(f"/threads/{thread.id}").text
    consultation.opens_at, consultation.closes_at = days(-5), days(-1)
    db.session.commit()
    page = client.get(f"/threads/{thread.id}").text
    assert "Mi observación pública." in page
    assert "Servir como referente" not in page


@pytest.mark.parametrize("lang", ["es", "en"])
def test_consultation_pages_render_in_both_languages(client, p, standard, consultation, lang):
    comment(p.public, standard, "Comentario público.")
    db.session.commit()
    client.get(f"/?lang={lang}")
    for url in (
        "/consultations",
        f"/consultations/{consultation.id}",
        f"/consultations/{consultation.id}/dispositions",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert f'lang="{lang}"' in response.text and "%(" not in response.text, url
