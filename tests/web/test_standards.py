"""Standard pages: who sees what, the editor, history, diffs and restore."""

import re
from urllib.parse import quote_from_bytes

import pytest

from tests.factories import full_committee
from tests.standard_factories import SPANISH_BODY, create_standard, save
from wiki.extensions import db
from wiki.standards.lifecycle import StandardStatus
from wiki.standards.models import Revision, Standard


@pytest.fixture
def people():
    committee, people = full_committee()
    people["committee"] = committee
    people["outsider"] = full_committee()[1]["chair"]
    return people


@pytest.fixture
def standard(people):
    return create_standard(people["chair"], people["committee"])


def _revision_count(standard):
    return db.session.query(Revision).filter_by(standard_id=standard.id).count()


def _edit_form(client, standard, **fields):
    page = client.get(f"/standards/{standard.id}/edit").text
    base = re.search(r'name="base_number" type="hidden" value="(\d+)"', page).group(1)
    data = {"base_number": base, "title": standard.title, "body": SPANISH_BODY, "summary": ""}
    data.update(fields)
    return data


@pytest.mark.parametrize("path", ["", "/history", "/diff", "/revisions/1", "/edit", "/metadata"])
def test_drafts_are_not_found_for_anonymous_users_and_outsiders(
    client, login, people, standard, path
):
    assert client.get(f"/standards/{standard.id}{path}").status_code in (302, 404)
    login(people["outsider"])
    assert client.get(f"/standards/{standard.id}{path}").status_code == 404


def test_missing_standard_and_missing_standard_look_the_same(client, login, people, standard):
    login(people["outsider"])
    assert client.get("/standards/999999").status_code == 404
    assert client.get(f"/standards/{standard.id}").status_code == 404


def test_observer_reads_the_draft_but_cannot_edit(client, login, people, standard):
    login(people["observer"])
    page = client.get(f"/standards/{standard.id}")
    assert page.status_code == 200
    assert "Recibe al comensal" in page.text
    assert f"/standards/{standard.id}/edit" not in page.text
    assert client.get(f"/standards/{standard.id}/edit").status_code == 403
    response = client.post(
        f"/standards/{standard.id}/edit", data={"base_number": "1", "title": "x", "body": "y"}
    )
    assert response.status_code == 403
    assert _revision_count(standard) == 1


def test_member_creates_a_standard_from_the_template(client, login, people):
    login(people["union"])
    response = client.post(
        "/standards/new",
        data={
            "committee": people["committee"].slug,
            "title": "Gestión de almacenes",
            "language": "en",
            "level": "2",
        },
    )
    assert response.status_code == 302
    editor = client.get(response.headers["Location"])
    assert "## Purpose" in editor.text


def test_create_with_empty_title_says_so(client, login, people):
    login(people["union"])
    response = client.post(
        "/standards/new",
        data={"committee": people["committee"].slug, "title": "", "language": "es", "level": "2"},
    )
    assert response.status_code == 400
    assert "error-summary" in response.text


def test_create_in_unknown_committee_is_refused(client, login, people):
    login(people["union"])
    response = client.post(
        "/standards/new",
        data={"committee": "no-such-committee", "title": "X", "language": "es", "level": "2"},
    )
    assert response.status_code == 400
    assert 'id="committee-error"' in response.text
    assert db.session.query(Standard).count() == 0


def test_observer_cannot_create_standards(client, login, people):
    login(people["observer"])
    assert client.get("/standards/new").status_code == 403


def test_preview_renders_without_saving(client, login, people, standard):
    login(people["union"])
    data = _edit_form(
        client, standard, body=SPANISH_BODY + "\n**Vista previa** única\n", action="preview"
    )
    response = client.post(f"/standards/{standard.id}/edit", data=data)
    assert response.status_code == 200
    assert "<strong>Vista previa</strong> única" in response.text
    assert _revision_count(standard) == 1


def test_saving_creates_a_revision_and_says_so(client, login, people, standard):
    login(people["union"])
    data = _edit_form(
        client,
        standard,
        body=SPANISH_BODY + "\nNuevo párrafo.\n",
        summary="Añade párrafo",
        action="save",
    )
    response = client.post(f"/standards/{standard.id}/edit", data=data, follow_redirects=True)
    assert "Saved as revision 2" in response.text
    assert _revision_count(standard) == 2


def test_saving_unchanged_text_says_nothing_changed(client, login, people, standard):
    login(people["union"])
    data = _edit_form(client, standard, action="save")
    response = client.post(f"/standards/{standard.id}/edit", data=data, follow_redirects=True)
    assert "Nothing changed" in response.text
    assert _revision_count(standard) == 1


def test_conflicting_save_answers_409_and_keeps_the_users_text(client, login, people, standard):
    login(people["union"])
    data = _edit_form(
        client, standard, body=SPANISH_BODY.replace("con amabilidad", "con calidez humana")
    )
    save(people["chair"], standard, SPANISH_BODY.replace("con amabilidad", "con cortesía"))
    response = client.post(f"/standards/{standard.id}/edit", data=data)
    assert response.status_code == 409
    assert "calidez humana" in response.text
    assert "cortesía" in response.text
    assert 'name="base_number" type="hidden" value="2"' in response.text
    assert _revision_count(standard) == 2


def test_forged_base_revision_is_refused_with_the_text_kept(client, login, people, standard):
    login(people["union"])
    data = _edit_form(client, standard, body=SPANISH_BODY + "\nMi texto valioso.\n")
    for forged in ("99", "abc", "0"):
        data["base_number"] = forged
        response = client.post(f"/standards/{standard.id}/edit", data=data)
        assert response.status_code == 400
        assert "Mi texto valioso." in response.text
    assert _revision_count(standard) == 1


def test_body_over_the_limit_answers_413_and_keeps_the_text(app, client, login, people, standard):
    login(people["union"])
    limit = app.config["MAX_BODY_BYTES"]
    app.config["MAX_BODY_BYTES"] = 2000
    try:
        data = _edit_form(client, standard, body="Texto largo. " * 300)
        response = client.post(f"/standards/{standard.id}/edit", data=data)
    finally:
        app.config["MAX_BODY_BYTES"] = limit
    assert response.status_code == 413
    assert "Texto largo. Texto largo." in response.text
    assert _revision_count(standard) == 1


def test_invalid_utf8_is_refused_with_a_message(client, login, people, standard):
    login(people["union"])
    data = _edit_form(client, standard)
    encoded = "&".join(
        f"{key}={quote_from_bytes(value.encode())}" for key, value in data.items() if key != "body"
    )
    body = quote_from_bytes("Texto válido ".encode() + b"\xff\xfe")
    raw = f"{encoded}&body={body}&action=save&csrf_token={client.csrf_token()}"
    response = client.post(
        f"/standards/{standard.id}/edit",
        data=raw,
        csrf=False,
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400
    assert "not valid UTF-8" in response.text
    assert "Texto válido" in response.text
    assert _revision_count(standard) == 1


def test_script_in_markdown_never_reaches_the_page(client, login, people, standard):
    save(
        people["union"],
        standard,
        SPANISH_BODY + '\n<script>alert("x")</script>\n[clic](javascript:alert(1))\n'
        '<img src="x" onerror="alert(2)">\n',
    )
    login(people["union"])
    page = client.get(f"/standards/{standard.id}").text
    assert "<script>alert" not in page
    assert "javascript:alert" not in page
    assert "onerror" not in page


def test_history_lists_revisions_newest_first_and_paginates(app, client, login, people, standard):
    for n in range(2, 8):
        save(people["union"], standard, SPANISH_BODY + f"\nCambio {n}.\n", summary=f"cambio {n}")
    login(people["union"])
    app.config["HISTORY_PAGE_SIZE"] = 3
    try:
        first = client.get(f"/standards/{standard.id}/history").text
        third = client.get(f"/standards/{standard.id}/history?page=3").text
    finally:
        app.config["HISTORY_PAGE_SIZE"] = 50
    numbers = re.findall(r'/revisions/(\d+)">', first)
    assert numbers == ["7", "6", "5"]
    assert re.findall(r'/revisions/(\d+)">', third) == ["1"]
    assert "Page 1 of 3" in first


def test_diff_highlights_changed_words_inline_and_side_by_side(client, login, people, standard):
    save(people["union"], standard, SPANISH_BODY.replace("con amabilidad", "con cortesía"))
    login(people["union"])
    inline = client.get(f"/standards/{standard.id}/diff?from=1&to=2").text
    assert "<del>amabilidad</del>" in inline or "<del>amabilidad" in inline
    assert "<ins>cortesía</ins>" in inline or "<ins>cortesía" in inline
    side = client.get(f"/standards/{standard.id}/diff?from=1&to=2&view=side").text
    assert "diff-side" in side and "<ins>cortesía" in side


def test_diff_of_unknown_revision_is_404(client, login, people, standard):
    login(people["union"])
    assert client.get(f"/standards/{standard.id}/diff?from=1&to=9").status_code == 404


def test_restore_from_an_old_revision_page(client, login, people, standard):
    save(people["union"], standard, SPANISH_BODY + "\nTexto que se quitará.\n")
    login(people["union"])
    page = client.get(f"/standards/{standard.id}/revisions/1").text
    assert "Restore this revision" in page
    response = client.post(
        f"/standards/{standard.id}/revisions/1/restore",
        data={"base_number": "2"},
        follow_redirects=True,
    )
    assert "Revision 1 restored as revision 3" in response.text
    db.session.expire_all()
    assert standard.head_revision.body_markdown == SPANISH_BODY


def test_observer_cannot_restore(client, login, people, standard):
    save(people["union"], standard, SPANISH_BODY + "\nB\n")
    login(people["observer"])
    response = client.post(
        f"/standards/{standard.id}/revisions/1/restore", data={"base_number": "2"}
    )
    assert response.status_code == 403
    assert _revision_count(standard) == 2


def test_structure_warnings_are_shown_but_the_text_is_saved(client, login, people, standard):
    save(people["union"], standard, "## Elemento 1 de 3: sin código\n\n### Desempeños\n\n1. Algo\n")
    login(people["union"])
    page = client.get(f"/standards/{standard.id}").text
    assert "could not place" in page
    assert "has no code" in page


def test_a_save_refused_by_the_lifecycle_shows_the_editor_again_with_the_text(
    client, login, people, standard
):
    login(people["union"])
    data = _edit_form(client, standard, body=SPANISH_BODY + "\nMi párrafo nuevo.\n", action="save")
    standard.status = StandardStatus.WITHDRAWN  # withdrawn while the member was writing
    db.session.flush()
    response = client.post(f"/standards/{standard.id}/edit", data=data)
    assert response.status_code == 409
    assert "its text can no longer change" in response.text
    assert re.search(r'<textarea[^>]* id="body"[^>]*>[^<]*Mi párrafo nuevo\.', response.text)
    assert _revision_count(standard) == 1


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_text_past_the_render_limits_is_refused_naming_the_line_with_the_text_kept(
    client, login, people, standard, lang
):
    login(people["union"])
    text = SPANISH_BODY.strip()
    body = text + "\n\n" + "".join(f"## Sección añadida {i}\n" for i in range(150))
    data = _edit_form(client, standard, body=body)
    response = client.post(f"/standards/{standard.id}/edit?lang={lang}", data=data)
    assert response.status_code == 400
    start = text.count("\n") + 3
    message = {
        "en": f"Line {start + 100}: the block that starts on line {start} ",
        "es": f"Línea {start + 100}: el bloque que empieza en la línea {start} ",
    }[lang]
    assert message in response.text
    assert "## Sección añadida 149" in response.text
    assert _revision_count(standard) == 1
