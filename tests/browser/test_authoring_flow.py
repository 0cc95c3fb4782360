"""A committee member logs in, edits a standard, previews it and saves it, in a real browser."""

import pytest

from tests.factories import PASSWORD
from wiki.extensions import db


@pytest.fixture(scope="module")
def drafting(live_app):
    from tests.factories import full_committee
    from tests.standard_factories import create_standard

    with live_app.app_context():
        committee, people = full_committee()
        standard = create_standard(people["union"], committee, title="Atención a comensales")
        db.session.commit()
        return {
            "email": people["union"].email,
            "standard_id": standard.id,
            "observer": people["observer"].email,
        }


def _log_in(page, live_server, email):
    page.goto(f"{live_server}/login")
    page.get_by_label("Correo electrónico").or_(page.get_by_label("Email")).fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(f"{live_server}/")


def test_member_edits_previews_and_saves_a_standard(page, live_server, drafting):
    _log_in(page, live_server, drafting["email"])
    page.goto(f"{live_server}/standards/{drafting['standard_id']}/edit")
    body = page.locator("textarea[name=body]")
    body.fill(body.input_value() + "\n\nNota de la revisión en el navegador: **año 2026**.\n")
    page.locator("input[name=summary]").fill("Nota desde el navegador")
    page.locator("button[value=preview]").click()
    assert page.locator(".preview strong", has_text="año 2026").is_visible()
    page.locator("button[value=save]").click()
    page.wait_for_url(f"{live_server}/standards/{drafting['standard_id']}")
    assert page.locator(".flash").first.inner_text().strip() != ""
    assert page.locator("article.standard-body", has_text="año 2026").is_visible()
    page.goto(f"{live_server}/standards/{drafting['standard_id']}/history")
    assert page.locator("td", has_text="Nota desde el navegador").is_visible()
    assert page.csp_errors == []


def test_observer_sees_no_edit_button(page, live_server, drafting):
    _log_in(page, live_server, drafting["observer"])
    page.goto(f"{live_server}/standards/{drafting['standard_id']}")
    assert page.locator("article.standard-body").is_visible()
    assert page.locator(f"a[href='/standards/{drafting['standard_id']}/edit']").count() == 0
