"""Publishing what was approved, through the pages: the approved revision on the standard's page,
the editor's warning, the chair's request, the agency's queue, sending back, and the template
check on the draft page, before a ballot and at publication."""

from sqlalchemy import select

from tests.ballot_factories import (
    actor,
    approved,
    counter_value,
    counts,
    draft,
    everyone_approves,
    new_revision,
    open_on,
    requested,
)
from tests.comment_factories import comment
from tests.standard_factories import SPANISH_BODY, create_standard
from wiki.ballots import operations as ballots
from wiki.ballots.models import Ballot
from wiki.extensions import db
from wiki.publication.lifecycle import RequestStatus
from wiki.publication.models import Edition, PublicationRequest
from wiki.publication.request_operations import request_publication
from wiki.standards.lifecycle import StandardStatus
from wiki.standards.starter import template_for

TEMPLATE_TITLE_LINE = "## Elemento 2 de 2: E0002 Título del segundo elemento"


def _with_template_text(s):
    """A draft whose second element still has the template's title."""
    body = SPANISH_BODY.replace("## Elemento 1 de 1", "## Elemento 1 de 2") + (
        f"\n{TEMPLATE_TITLE_LINE}\n\n### Desempeños\n\n1. Cobra la cuenta al comensal.\n"
    )
    return create_standard(s.union, s.committee, body=body)


def test_the_standard_page_says_which_revision_is_approved_and_waiting(client, as_user, s):
    standard, _ = approved(s)
    new_revision(s, standard, marker="Siguiente edición")
    db.session.commit()
    as_user(s.chair)
    page = client.get(f"/standards/{standard.id}?lang=en").text
    assert "Revision 1 is approved and waits for publication." in page
    assert "Revisions saved after it (up to revision 2) are the next edition's draft" in page
    assert "Ask the agency to publish revision 1" in page
    as_user(s.union)
    page = client.get(f"/standards/{standard.id}?lang=en").text
    assert "Revision 1 is approved and waits for publication." in page
    assert "Ask the agency to publish" not in page
    approved_page = client.get(f"/standards/{standard.id}/revisions/1?lang=en").text
    assert "This is the approved revision" in approved_page


def test_the_editor_warns_that_an_edit_after_approval_starts_the_next_edition(
    client, as_user, s
):
    standard = draft(s)
    db.session.commit()
    as_user(s.education)
    assert "Saving starts the next edition." not in client.get(
        f"/standards/{standard.id}/edit"
    ).text
    approved(s, standard)
    db.session.commit()
    page = client.get(f"/standards/{standard.id}/edit").text
    assert "Saving starts the next edition." in page
    assert "the agency publishes revision 1 as it is" in page
    head = db.session.get(type(standard), standard.id).head_revision
    response = client.post(
        f"/standards/{standard.id}/edit",
        data={
            "base_number": "1",
            "title": head.title,
            "body": head.body_markdown + "\nCriterio nuevo del siguiente borrador.\n",
            "summary": "Siguiente edición",
            "action": "save",
        },
    )
    assert response.status_code == 302
    db.session.expire_all()
    standard = db.session.get(type(standard), standard.id)
    assert (standard.status, standard.approved_revision.number) == (StandardStatus.DRAFT, 1)
    page = client.get(f"/standards/{standard.id}/edit").text
    assert "You are editing the next edition's draft. Revision 1 is approved" in page


def test_the_agency_publishes_the_approved_revision_after_later_edits(client, as_user, s):
    standard, _ = requested(s)
    new_revision(s, standard, marker="Texto del siguiente borrador")
    db.session.commit()
    as_user(s.admin)
    page = client.get(f"/standards/{standard.id}/publish").text
    assert "Publish revision 1 as an edition" in page
    assert "Revision 2 was saved after it; it is the next edition" in page
    response = client.post(f"/standards/{standard.id}/publish", data={})
    assert response.status_code == 302
    edition = db.session.scalar(select(Edition))
    assert edition.revision.number == 1
    assert "Texto del siguiente borrador" not in client.get(f"/ec/{edition.code}").text


def test_the_queue_shows_each_waiting_request_with_its_checks(client, as_user, s):
    clean, _ = requested(s, title="Atención a comensales")
    comment(s.education, clean, "Falta el criterio de higiene.")
    with_template = _with_template_text(s)
    ballot = open_on(s, with_template, template_text_accepted=True)
    everyone_approves(s, ballot)
    ballots.close_ballot(actor(s.chair), ballot.id)
    request_publication(actor(s.chair), with_template.id)
    db.session.commit()
    as_user(s.admin)
    queue = client.get("/publication/requests?lang=en").text
    assert "Waiting for the agency (2)" in queue
    assert "1 discussion waits for a disposition." in queue
    assert "1 problem of template text or missing parts." in queue
    assert "No template text; every required part is there." in queue
    page = client.get(f"/standards/{with_template.id}/publish?lang=en").text
    assert "Título del segundo elemento" in page
    before, last = counts(), counter_value()
    refused = client.post(f"/standards/{with_template.id}/publish", data={})
    assert refused.status_code == 409
    assert "still holds template text" in refused.text
    assert (counts(), counter_value()) == (before, last)
    assert "Falta el criterio de higiene." not in page
    clean_page = client.get(f"/standards/{clean.id}/publish?lang=en").text
    assert "Discussion 1" in clean_page


def test_sending_back_asks_for_a_reason_and_tells_the_chair(client, as_user, s):
    standard, request = requested(s)
    db.session.commit()
    as_user(s.admin)
    page = client.get(f"/publication/requests/{request.id}/send-back?lang=en")
    assert page.status_code == 200
    assert "Why the request is sent back" in page.text
    refused = client.post(f"/publication/requests/{request.id}/send-back", data={"reason": " "})
    assert refused.status_code == 400
    assert "Say why the request is sent back." in refused.text
    db.session.expire_all()
    assert db.session.get(PublicationRequest, request.id).status is RequestStatus.REQUESTED
    response = client.post(
        f"/publication/requests/{request.id}/send-back",
        data={"reason": "Falta el acta de la sesión del comité."},
    )
    assert response.status_code == 302
    sent_back = client.get("/publication/requests?status=sent_back&lang=en").text
    assert "Falta el acta de la sesión del comité." in sent_back
    as_user(s.chair)
    told = client.get("/notifications?lang=en").text
    assert "The agency sent back the request to publish revision 1" in told
    assert "Falta el acta de la sesión del comité." in told
    page = client.get(f"/standards/{standard.id}?lang=en").text
    assert "The agency sent back the request to publish revision 1" in page
    assert "Ask the agency to publish revision 1" in page  # the chair may ask again


def test_administrators_are_told_of_a_request_and_find_the_queue(client, as_user, s):
    standard, _ = approved(s)
    db.session.commit()
    as_user(s.chair)
    assert "Publication requests" not in client.get("/?lang=en").text
    client.post(f"/standards/{standard.id}/publication-request", data={"note": ""})
    as_user(s.admin)
    home = client.get("/?lang=en").text
    assert 'href="/publication/requests"' in home
    told = client.get("/notifications?lang=en").text
    assert (
        f"{s.chair.display_name} asked the agency to publish revision 1 of “{standard.title}”."
        in told
    )
    assert f"/standards/{standard.id}/publish" in told


def test_chairs_publish_their_own_standards_only_where_the_setting_allows(
    client, as_user, s, app, monkeypatch
):
    standard, _ = requested(s)
    db.session.commit()
    as_user(s.chair)
    assert client.get(f"/standards/{standard.id}/publish").status_code == 403
    assert client.get("/publication/requests").status_code == 403
    monkeypatch.setitem(app.config, "CHAIRS_MAY_PUBLISH", True)
    assert standard.title in client.get("/publication/requests").text
    response = client.post(f"/standards/{standard.id}/publish", data={})
    assert response.status_code == 302
    assert db.session.scalar(select(Edition.published_by_id)) == s.chair.id
    as_user(s.chair)
    assert client.get(f"/ec/{db.session.scalar(select(Edition.code))}/withdraw").status_code == 403


def test_the_draft_page_lists_template_text_and_missing_parts(client, as_user, s):
    standard = create_standard(s.union, s.committee, body=template_for("es"))
    db.session.commit()
    as_user(s.union)
    page = client.get(f"/standards/{standard.id}?lang=en").text
    assert "Template text and missing parts" in page
    assert "31 lines still say what the template say" in page
    assert "line 3: “Describa en uno o dos párrafos" in page
    bare = create_standard(
        s.union, s.committee, title="Sin elementos", body=SPANISH_BODY.split("## Elemento")[0]
    )
    db.session.commit()
    page = client.get(f"/standards/{bare.id}?lang=en").text
    assert "At least one element with at least one performance criterion." in page
    clean = draft(s)
    db.session.commit()
    assert "Template text and missing parts" not in client.get(f"/standards/{clean.id}").text


def test_opening_a_ballot_on_template_text_shows_the_list_and_asks_for_confirmation(
    client, as_user, s
):
    standard = _with_template_text(s)
    db.session.commit()
    as_user(s.chair)
    page = client.get(f"/standards/{standard.id}/ballots/new?lang=en").text
    assert "Título del segundo elemento" in page
    assert 'name="template_text_accepted"' in page
    refused = client.post(
        f"/standards/{standard.id}/ballots/new?lang=en", data={"revision_number": "1"}
    )
    assert refused.status_code == 400
    assert "still holds template text or lacks a required part" in refused.text
    assert db.session.scalar(select(Ballot.id)) is None
    response = client.post(
        f"/standards/{standard.id}/ballots/new",
        data={"revision_number": "1", "template_text_accepted": "y"},
    )
    assert response.status_code == 302
    assert db.session.scalar(select(Ballot.revision_id)) == standard.head_revision_id


def test_a_clean_revision_needs_no_confirmation_to_be_balloted(client, as_user, s):
    standard = draft(s)
    db.session.commit()
    as_user(s.chair)
    page = client.get(f"/standards/{standard.id}/ballots/new").text
    assert 'name="template_text_accepted"' not in page
    response = client.post(
        f"/standards/{standard.id}/ballots/new", data={"revision_number": "1"}
    )
    assert response.status_code == 302
