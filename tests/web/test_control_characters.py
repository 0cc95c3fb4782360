"""One rule for every text input: C0 control characters other than tab, line feed and carriage
return are a form error and nothing is stored; a field the form needs must be sent; multipart
forms get the same UTF-8 check as url-encoded ones."""

import pytest
from sqlalchemy import func, select
from wtforms.form import BaseForm

from tests.comment_factories import BODY, comment
from wiki.accounts.models import User
from wiki.comments.models import Comment
from wiki.extensions import db
from wiki.http.form_input import CheckedForm
from wiki.standards.models import Revision, Standard


def _revisions(standard) -> int:
    return db.session.scalar(
        select(func.count()).select_from(Revision).where(Revision.standard_id == standard.id)
    )


def _edit(standard, **fields) -> dict:
    return {"base_number": "1", "title": standard.title, "body": BODY, "summary": "", **fields}


@pytest.mark.parametrize(
    "field, value",
    [
        ("title", "Atención\x00 a comensales"),
        ("summary", "Aclara\x1b[31m la recepción"),
        ("body", BODY + "\nTexto con un carácter\x07 de campana.\n"),
        ("title", "\x1f"),  # nothing but a control character, which str.strip() takes for space
    ],
)
def test_a_control_character_in_the_editor_is_a_form_error(
    client, login, p, standard, field, value
):
    login(p.union)
    response = client.post(f"/standards/{standard.id}/edit", data=_edit(standard, **{field: value}))
    assert response.status_code == 400
    assert "invisible control characters" in response.text
    assert f'id="{field}-error"' in response.text
    assert _revisions(standard) == 1


def test_the_refused_text_comes_back_with_its_control_characters_made_visible(
    client, login, p, standard
):
    login(p.union)
    body = BODY + "\nUna línea\x00 con NUL y otra\x1b con escape.\n"
    response = client.post(f"/standards/{standard.id}/edit", data=_edit(standard, body=body))
    assert "Una línea\ufffd con NUL y otra\ufffd con escape." in response.text
    assert "shown here as \ufffd" in response.text
    assert "\x00" not in response.text


def test_tab_line_feed_and_carriage_return_are_text(client, login, p, standard):
    login(p.union)
    body = BODY.replace("\n", "\r\n") + "\tSangría con tabulador.\r\n"
    response = client.post(f"/standards/{standard.id}/edit", data=_edit(standard, body=body))
    assert response.status_code == 302
    assert _revisions(standard) == 2


def test_metadata_with_a_control_character_is_refused(client, login, p, standard):
    login(p.union)
    response = client.post(
        f"/standards/{standard.id}/metadata",
        data={
            "level": "2",
            "review_period_years": "3",
            "certificate_validity_years": "3",
            "occupations": "Mesero\x00",
            "industry_code": "722511",
            "organisations": "",
        },
    )
    assert response.status_code == 400
    assert 'id="occupations-error"' in response.text
    db.session.refresh(standard)
    assert standard.occupations in (None, "")


def test_a_display_name_with_a_control_character_is_refused(client, login, p):
    login(p.union)
    before = p.union.display_name
    response = client.post("/account", data={"display_name": "Ana\x00", "locale": "en"})
    assert response.status_code == 400
    assert "invisible control characters" in response.text
    assert db.session.scalar(select(User.display_name).where(User.id == p.union.id)) == before


def test_a_login_email_with_a_control_character_is_a_form_error(client, p):
    response = client.post("/login", data={"email": p.union.email + "\x00", "password": "x"})
    assert response.status_code == 400
    assert "invisible control characters" in response.text


def test_a_comment_with_a_control_character_is_refused(client, login, p, standard):
    login(p.education)
    thread = comment(p.union, standard)
    db.session.commit()
    response = client.post(f"/threads/{thread.id}/replies", data={"body": "De acuerdo\x00."})
    assert response.status_code == 400
    assert "invisible control characters" in response.text
    assert db.session.scalar(select(func.count()).select_from(Comment)) == 1


def test_a_committee_name_with_a_control_character_is_refused(client, login, p):
    login(p.admin)
    response = client.post(
        "/admin/committees/new", data={"name": "Comité de\x0c Turismo", "slug": "turismo-2"}
    )
    assert response.status_code == 400
    assert 'id="name-error"' in response.text


def test_an_edit_without_the_text_is_refused_not_saved_empty(client, login, p, standard):
    login(p.union)
    data = _edit(standard, title="Atención al comensal")
    del data["body"]
    response = client.post(f"/standards/{standard.id}/edit", data=data)
    assert response.status_code == 400
    assert "missing from what was sent" in response.text
    assert _revisions(standard) == 1


def _multipart(fields: dict[str, bytes], boundary: str = "frontera-7d1a") -> tuple[bytes, str]:
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
        + value
        + b"\r\n"
        for name, value in fields.items()
    ]
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), boundary


def _edit_as_multipart(client, standard, body: bytes):
    fields = {k: v.encode() for k, v in _edit(standard, title="Atención al comensal").items()}
    fields.update(body=body, csrf_token=client.csrf_token().encode())
    data, boundary = _multipart(fields)
    return client.post(
        f"/standards/{standard.id}/edit",
        data=data,
        content_type=f"multipart/form-data; boundary={boundary}",
        csrf=False,
    )


def test_a_multipart_form_that_is_not_utf8_is_refused(client, login, p, standard):
    login(p.union)
    response = _edit_as_multipart(client, standard, BODY.encode() + b"\nTexto \xff\xfe roto.\n")
    assert response.status_code == 400
    assert "not valid UTF-8" in response.text
    assert _revisions(standard) == 1


def test_a_multipart_form_in_utf8_is_saved(client, login, p, standard):
    login(p.union)
    response = _edit_as_multipart(client, standard, (BODY + "\nCierre del servicio.\n").encode())
    assert response.status_code == 302
    assert _revisions(standard) == 2


def test_a_line_break_in_a_redirect_target_goes_to_the_default(client, login, p, standard):
    login(p.government)
    response = client.post(
        f"/standards/{standard.id}/watch", data={"next": "/registry\r\nSet-Cookie: a=b"}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == f"/standards/{standard.id}"


def test_every_form_is_a_checked_form():
    """``make lint`` keeps flask_wtf out of the domains; this catches a plain wtforms form."""
    forms = set()
    pending = [BaseForm]
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.__module__.startswith("wiki."):
            forms.add(cls)
    assert len(forms) > 20, "the forms were not imported"
    assert {cls for cls in forms if not issubclass(cls, CheckedForm)} == set()


def test_a_standard_is_created_only_from_a_clean_title(client, login, p):
    login(p.union)
    response = client.post(
        "/standards/new",
        data={"committee": p.committee.slug, "title": "Pan\x00", "language": "es", "level": "2"},
    )
    assert response.status_code == 400
    assert db.session.scalar(select(func.count()).select_from(Standard)) == 0
