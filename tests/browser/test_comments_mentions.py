"""Mention completion in a real browser: type @ and part of a name, pick it, post the comment."""

import pytest

from tests.factories import PASSWORD
from wiki.extensions import db


@pytest.fixture(scope="module")
def discussion(live_app):
    from tests.comment_factories import new_standard
    from tests.factories import full_committee

    with live_app.app_context():
        committee, people = full_committee()
        people["chair"].display_name = "Lucía Hernández"
        standard = new_standard(people["union"], committee)
        db.session.commit()
        return {"email": people["education"].email, "standard_id": standard.id}


def test_member_completes_a_mention_and_posts_it(page, live_server, discussion):
    page.goto(f"{live_server}/login")
    page.get_by_label("Correo electrónico").or_(page.get_by_label("Email")).fill(
        discussion["email"]
    )
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(f"{live_server}/")
    page.goto(f"{live_server}/standards/{discussion['standard_id']}")
    box = page.locator("textarea[name=body]")
    box.click()
    box.press_sequentially("Pregunta para @luc")
    option = page.locator("[role=option]", has_text="Lucía Hernández")
    assert option.is_visible()
    box.press("Enter")
    assert box.input_value() == "Pregunta para @[Lucía Hernández] "
    box.press_sequentially("sobre la mesa.")
    page.locator("#new-comment button[type=submit]").click()
    page.wait_for_url(f"{live_server}/threads/*")
    assert page.locator(".comment-body strong", has_text="@Lucía Hernández").is_visible()
    assert page.csp_errors == []
