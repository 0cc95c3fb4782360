"""Discussion pages through the test client: where threads appear, text kept on bad input, the
permission matrix, CSRF, sanitizing, no inline scripts, and the disposition report export."""

import csv
import io
import re
from urllib.parse import quote_from_bytes

import pytest

from tests.comment_factories import (
    BODY,
    actor,
    comment,
    new_standard,
    open_ballot,
    part_id,
    publish,
    save,
)
from wiki.comments import operations as comments
from wiki.comments.models import Comment, Thread
from wiki.extensions import db


def _post_thread(client, standard, body, part="", revision="1"):
    return client.post(
        f"/standards/{standard.id}/threads",
        data={"revision": revision, "part": part, "body": body},
    )


def _section(page: str, element_id: str) -> str:
    match = re.search(rf'<section[^>]*id="{re.escape(element_id)}".*?</section>', page, re.S)
    assert match, f"no section #{element_id}"
    return match.group(0)


def test_threads_appear_beside_their_part_and_the_rest_in_general_discussion(
    client, login, p, standard
):
    cobrar = part_id(standard, "Presenta la cuenta")
    comment(p.education, standard, "Sobre la carpeta de la cuenta.", cobrar)
    comment(p.government, standard, "Sobre el alcance en general.")
    db.session.commit()
    login(p.observer)
    page = client.get(f"/standards/{standard.id}").text
    part = _section(page, f"part-{cobrar}")
    assert "Sobre la carpeta de la cuenta." in part
    assert "Performance criterion 1 of E0876" in part or "E0876" in part
    general = _section(page, "general-discussion")
    assert "Sobre el alcance en general." in general
    assert "Sobre la carpeta" not in general


def test_member_posts_a_comment_and_lands_on_the_thread(client, login, p, standard):
    login(p.education)
    asigna = part_id(standard, "Asigna la mesa")
    response = _post_thread(client, standard, "¿Incluye las reservaciones?", part=asigna)
    assert response.status_code == 302
    thread = db.session.query(Thread).filter_by(standard_id=standard.id).one()
    assert response.headers["Location"].endswith(f"/threads/{thread.id}")
    page = client.get(response.headers["Location"]).text
    assert "¿Incluye las reservaciones?" in page
    assert "Asigna la mesa al comensal" in page  # the part's text is quoted


def test_empty_comment_gets_a_clear_message(client, login, p, standard):
    login(p.education)
    response = _post_thread(client, standard, "   ")
    assert response.status_code == 400
    assert "Write your comment before sending it." in response.text
    assert db.session.query(Thread).count() == 0


def test_comment_on_a_missing_part_keeps_the_text(client, login, p, standard):
    login(p.education)
    response = _post_thread(client, standard, "Mi texto valioso, ñandú.", part="E0875-d42")
    assert response.status_code == 400
    assert "has no part “E0875-d42”" in response.text
    assert "Mi texto valioso, ñandú." in response.text
    assert db.session.query(Thread).count() == 0


def test_mention_of_a_non_member_keeps_the_text(client, login, p, standard):
    login(p.education)
    body = f"Consulta con @[{p.outsider.display_name}] sobre el año de diseño."
    response = _post_thread(client, standard, body)
    assert response.status_code == 400
    assert "is not a member of this committee" in response.text
    assert "sobre el año de diseño." in response.text
    assert db.session.query(Comment).count() == 0


def test_reply_to_a_deleted_thread_keeps_the_text(client, login, p, standard):
    thread = comment(p.union, standard)
    comments.delete_comment(actor(p.union), thread.root.id)
    db.session.commit()
    login(p.education)
    response = client.post(f"/threads/{thread.id}/replies", data={"body": "Mi respuesta tardía."})
    assert response.status_code == 409
    assert "takes no new replies" in response.text
    assert "Mi respuesta tardía." in response.text


def test_editing_shows_the_earlier_text_and_deleting_leaves_the_thread(client, login, p, standard):
    thread = comment(p.education, standard, "Versión uno.")
    comments.reply(actor(p.union), thread.id, "Respuesta.")
    db.session.commit()
    login(p.education)
    root = thread.root.id
    assert client.get(f"/comments/{root}/edit").status_code == 200
    response = client.post(f"/comments/{root}/edit", data={"body": "Versión dos."})
    assert response.status_code == 302
    page = client.get(f"/threads/{thread.id}").text
    assert "Versión dos." in page and "edited" in page and "Versión uno." in page
    assert client.post(f"/comments/{root}/delete").status_code == 302
    page = client.get(f"/threads/{thread.id}").text
    assert "deleted by its author" in page and "Versión" not in page and "Respuesta." in page


def test_an_outdated_thread_links_to_the_text_it_was_written_against(client, login, p, standard):
    asigna = part_id(standard, "Asigna la mesa")
    thread = comment(p.education, standard, "Sobre la disponibilidad.", asigna)
    save(p.union, standard, BODY.replace("de acuerdo con la disponibilidad", "según haya lugar"))
    db.session.commit()
    login(p.observer)
    for url in (f"/standards/{standard.id}", f"/threads/{thread.id}"):
        page = client.get(url).text
        assert "Outdated: the part this discussion is about has changed since revision 1." in page
        assert f'href="/standards/{standard.id}/revisions/1' in page


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/threads/{thread}"),
        ("post", "/threads/{thread}/replies"),
        ("post", "/threads/{thread}/resolve"),
        ("get", "/threads/{thread}/disposition"),
        ("get", "/comments/{comment}/edit"),
        ("post", "/comments/{comment}/delete"),
        ("get", "/standards/{standard}/threads/new"),
        ("post", "/standards/{standard}/threads"),
        ("get", "/standards/{standard}/dispositions"),
    ],
)
def test_outsiders_get_404_for_draft_discussions(client, login, p, standard, method, path):
    thread = comment(p.union, standard)
    db.session.commit()
    login(p.outsider)
    url = path.format(thread=thread.id, comment=thread.root.id, standard=standard.id)
    data = {"body": "Hola", "revision": "1", "part": ""} if method == "post" else None
    response = getattr(client, method)(url, **({"data": data} if data else {}))
    assert response.status_code == 404
    assert "Propongo aclarar" not in response.text


@pytest.mark.parametrize(
    ("who", "method", "path", "data"),
    [
        ("education", "get", "/comments/{comment}/edit", None),
        ("chair", "post", "/comments/{comment}/edit", {"body": "Cambiado"}),
        ("chair", "post", "/comments/{comment}/delete", {}),
        ("chair", "post", "/comments/{comment}/hide", {"reason": "No"}),
        ("education", "get", "/threads/{thread}/disposition", None),
        ("education", "post", "/threads/{thread}/resolve", {}),
        (
            "admin",
            "post",
            "/standards/{standard}/threads",
            {"body": "x", "revision": "1", "part": ""},
        ),
    ],
)
def test_forbidden_actions_get_403_and_change_nothing(
    client, login, p, standard, who, method, path, data
):
    thread = comment(p.union, standard, "Texto original.")
    db.session.commit()
    login(getattr(p, who))
    url = path.format(thread=thread.id, comment=thread.root.id, standard=standard.id)
    response = getattr(client, method)(url, **({"data": data} if data is not None else {}))
    assert response.status_code == 403
    db.session.expire_all()
    root = db.session.get(Comment, thread.root.id)
    assert root.body_markdown == "Texto original." and root.hidden_at is None
    assert db.session.get(Thread, thread.id).status == "open"
    assert db.session.query(Thread).count() == 1


def test_anonymous_visitors_are_sent_to_log_in(client, p, standard):
    thread = comment(p.union, standard)
    db.session.commit()
    response = client.post(f"/threads/{thread.id}/replies", data={"body": "Hola"})
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_comment_forms_need_the_csrf_token(client, login, p, standard):
    login(p.education)
    response = client.post(
        f"/standards/{standard.id}/threads",
        data={"revision": "1", "part": "", "body": "Sin token."},
        csrf=False,
    )
    assert response.status_code == 400
    assert db.session.query(Thread).count() == 0


def test_admin_hides_a_comment_through_the_page(client, login, p, standard):
    thread = comment(p.union, standard, "Publicidad no deseada.")
    db.session.commit()
    login(p.admin)
    response = client.post(f"/comments/{thread.root.id}/hide", data={"reason": "  "})
    assert response.status_code == 400 and "Give the reason" in response.text
    response = client.post(f"/comments/{thread.root.id}/hide", data={"reason": "Spam"})
    assert response.status_code == 302
    login_page = client.get(f"/threads/{thread.id}").text
    assert "hidden by an administrator" in login_page
    client.post("/logout")
    login(p.education)
    page = client.get(f"/threads/{thread.id}").text
    assert "hidden by an administrator" in page and "Publicidad no deseada." not in page


def test_chair_records_a_disposition_and_a_rejection_without_reason_keeps_the_choice(
    client, login, p, standard
):
    thread = comment(p.union, standard)
    db.session.commit()
    login(p.chair)
    response = client.post(
        f"/threads/{thread.id}/disposition", data={"disposition": "rejected", "body": ""}
    )
    assert response.status_code == 400
    assert "Give the reason for rejecting this comment." in response.text
    assert re.search(r'<input checked[^>]*value="rejected"', response.text)
    response = client.post(
        f"/threads/{thread.id}/disposition",
        data={"disposition": "rejected", "body": "Fuera del alcance del estándar."},
    )
    assert response.status_code == 302
    page = client.get(f"/threads/{thread.id}").text
    assert "Rejected" in page and "Fuera del alcance del estándar." in page


def test_comment_markdown_is_sanitized_on_the_page(client, login, p, standard):
    comment(
        p.union, standard, '<script>alert("x")</script><a href="javascript:alert(1)">a</a>**ok**'
    )
    db.session.commit()
    login(p.education)
    page = client.get(f"/standards/{standard.id}").text
    assert 'alert("x")' not in page and "javascript:" not in page
    assert "<strong>ok</strong>" in page


def test_discussion_pages_have_no_inline_scripts_or_handlers(client, login, p, standard):
    thread = comment(p.union, standard, f"@[{p.chair.display_name}] revisa.")
    db.session.commit()
    login(p.chair)
    for url in (
        f"/standards/{standard.id}",
        f"/threads/{thread.id}",
        f"/threads/{thread.id}/disposition",
        f"/standards/{standard.id}/threads/new",
    ):
        page = client.get(url).text
        for tag in re.findall(r"<script\b[^>]*>", page):
            assert "src=" in tag, f"inline script on {url}"
        assert not re.search(r"<[^>]+\son[a-z]+\s*=", page), f"on* handler on {url}"
    assert "js/mentions.js" in client.get(f"/threads/{thread.id}").text
    assert p.government.display_name in client.get(f"/threads/{thread.id}").text


def test_disposition_report_lists_every_thread_and_exports_csv(client, login, p, standard):
    first = comment(p.union, standard, '=HYPERLINK("http://x")', part="s-purpose")
    comment(p.education, standard, "Sin decidir todavía.")
    comments.record_disposition(
        actor(p.chair), first.id, "accepted_in_part", "Se acepta una parte."
    )
    db.session.commit()
    login(p.observer)
    page = client.get(f"/standards/{standard.id}/dispositions?revision=1")
    assert page.status_code == 200
    assert "Accepted in part" in page.text and "Waiting for a disposition" in page.text
    export = client.get(f"/standards/{standard.id}/dispositions?revision=1&format=csv")
    assert export.status_code == 200
    assert export.mimetype == "text/csv"
    assert "attachment" in export.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(export.data.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Discussion", "Part", "Part id"]
    assert [r[0] for r in rows[1:]] == ["1", "2"]
    assert rows[1][2] == "s-purpose"
    assert rows[1][6].startswith("'=HYPERLINK")  # never a live formula
    assert rows[1][10] == "Accepted in part" and rows[2][10] == "awaiting disposition"


def test_edition_threads_are_public_only_when_the_committee_enables_it(client, p, standard):
    edition = publish(p, standard)
    thread = comment(p.union, standard, "Comentario sobre la edición publicada.")
    db.session.commit()
    page = client.get(f"/ec/{edition.code}").text
    assert "Comentario sobre la edición publicada." not in page
    assert client.get(f"/threads/{thread.id}").status_code == 404
    p.committee.comments_public = True
    db.session.commit()
    page = client.get(f"/ec/{edition.code}").text
    assert "Comentario sobre la edición publicada." in page
    assert client.get(f"/threads/{thread.id}").status_code == 200
    assert 'action="/standards/' not in page  # the public reads but cannot post


def test_disposition_report_of_a_ballot_lists_the_threads_on_its_revision(
    client, login, p, standard
):
    comment(p.union, standard, "Antes de la votación.")
    ballot = open_ballot(p, standard)
    other = new_standard(p.union, p.committee, title="Otra norma")
    foreign = open_ballot(p, other)
    db.session.commit()
    login(p.observer)
    page = client.get(f"/standards/{standard.id}/dispositions?ballot={ballot.id}")
    assert page.status_code == 200
    assert "the text of the ballot" in page.text and "Antes de la votación." in page.text
    assert client.get(f"/standards/{standard.id}/dispositions?ballot={foreign.id}").status_code == (
        404
    )
    export = client.get(f"/standards/{standard.id}/dispositions?ballot={ballot.id}&format=csv")
    assert f"ballot-{ballot.id}.csv" in export.headers["Content-Disposition"]


@pytest.mark.parametrize("locale", ["es", "en"])
def test_discussion_pages_render_in_both_languages(client, login, p, standard, locale):
    cobrar = part_id(standard, "Presenta la cuenta")
    thread = comment(p.union, standard, f"@[{p.chair.display_name}] ¿y la propina?", cobrar)
    comments.record_disposition(actor(p.chair), thread.id, "accepted_in_part", "En parte.")
    save(p.union, standard, BODY.replace("en la carpeta del restaurante", "en charola"))
    p.chair.locale = locale
    db.session.commit()
    login(p.chair)
    for url in (
        f"/standards/{standard.id}",
        f"/threads/{thread.id}",
        f"/threads/{thread.id}/disposition",
        f"/comments/{thread.replies[0].id}/edit",
        f"/standards/{standard.id}/threads/new?part={cobrar}",
        f"/standards/{standard.id}/dispositions?revision=1",
        f"/standards/{standard.id}/dispositions?revision=1&format=csv",
        "/notifications",
        "/my-work",
        f"/standards/{standard.id}/consultations/new",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "%(" not in response.get_data(as_text=True), url
        assert f'lang="{locale}"' in response.text or url.endswith("csv")


def test_a_reply_that_is_not_utf8_is_refused_with_a_message(client, login, p, standard):
    thread = comment(p.union, standard)
    db.session.commit()
    login(p.education)
    body = quote_from_bytes(b"Respuesta \xff\xfe")
    response = client.post(
        f"/threads/{thread.id}/replies",
        data=f"body={body}&csrf_token={client.csrf_token()}",
        csrf=False,
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400
    assert "not valid UTF-8" in response.text
    assert db.session.query(Comment).filter_by(thread_id=thread.id).count() == 1
