"""A standard's whole life through the web: draft → consultation → dispositions → ballot → four
stakeholder votes → the chair asks for publication → the agency publishes → new draft (a stale
ballot on the way) → second edition.

The consultation and its dispositions go through their operations (``wiki.consultations``,
``wiki.comments``, another domain with pages of its own); everything else goes through the pages
a committee uses.
"""

import datetime as dt
import re

from sqlalchemy import select

from tests.ballot_factories import actor, draft
from tests.factories import UserFactory, seats
from wiki.audit.models import AuditEntry
from wiki.ballots.lifecycle import BallotStatus
from wiki.ballots.models import Ballot
from wiki.comments import operations as comments
from wiki.consultations import operations as consultations
from wiki.db import utcnow
from wiki.extensions import db
from wiki.publication.lifecycle import EditionStatus
from wiki.publication.models import Edition
from wiki.standards.lifecycle import StandardStatus
from wiki.standards.models import Standard


def _latest_ballot(standard_id):
    return db.session.scalar(
        select(Ballot).where(Ballot.standard_id == standard_id).order_by(Ballot.id.desc())
    )


def _open_ballot(client, as_user, s, standard_id, number):
    as_user(s.chair)
    response = client.post(
        f"/standards/{standard_id}/ballots/new", data={"revision_number": str(number)}
    )
    assert response.status_code == 302, response.text
    return int(response.headers["Location"].rsplit("/", 1)[1])


def _vote(client, as_user, user, ballot_id, position, reason=""):
    as_user(user)
    response = client.post(
        f"/ballots/{ballot_id}/position", data={"position": position, "reason": reason}
    )
    assert response.status_code == 302, response.text


def _ask_for_publication(client, standard_id):
    """The chair (logged in) asks the agency to publish the approved revision."""
    response = client.post(f"/standards/{standard_id}/publication-request", data={"note": ""})
    assert response.status_code == 302, response.text


def _edit(client, as_user, user, standard, extra):
    as_user(user)
    db.session.expire_all()
    head = db.session.get(Standard, standard.id).head_revision
    response = client.post(
        f"/standards/{standard.id}/edit",
        data={
            "base_number": str(head.number),
            "title": head.title,
            "body": head.body_markdown + extra,
            "summary": "Ajuste",
            "action": "save",
        },
    )
    assert response.status_code == 302, response.text
    return head.number + 1


def test_a_standard_from_draft_to_its_second_edition(client, as_user):
    s = seats()
    standard = draft(s)
    db.session.commit()

    # Public consultation: a member of the public comments; the chair closes the window.
    public = UserFactory(is_public=True, display_name="Ciudadana Pérez", locale="en")
    consultation = consultations.open_consultation(
        actor(s.chair), standard.id, closes_at=utcnow() + dt.timedelta(days=20)
    )
    thread = comments.start_thread(
        actor(public),
        standard.id,
        revision_number=1,
        part_id=None,
        body="Falta mencionar la atención a personas con discapacidad.",
    )
    consultations.close_consultation(actor(s.chair), consultation.id)
    db.session.commit()

    # No ballot while a comment has no disposition.
    as_user(s.chair)
    refused = client.post(f"/standards/{standard.id}/ballots/new", data={"revision_number": "1"})
    assert refused.status_code == 409
    assert "waiting for a disposition" in refused.text
    comments.record_disposition(
        actor(s.chair), thread.id, "accepted", "Se agrega en el elemento 1."
    )
    db.session.commit()

    # Ballot on revision 1: four stakeholder groups vote; the union objects, then approves.
    ballot_id = _open_ballot(client, as_user, s, standard.id, 1)
    _vote(client, as_user, s.union, ballot_id, "object", "El glosario no define «comanda».")
    as_user(s.chair)
    panel = client.get(f"/standards/{standard.id}").text
    assert f"1 open objection, by {s.union.display_name}." in panel
    assert "Missing: an approval from an education representative." in panel
    _vote(client, as_user, s.chair, ballot_id, "approve")
    _vote(client, as_user, s.education, ballot_id, "approve")
    _vote(client, as_user, s.government, ballot_id, "approve_with_comments", "De acuerdo.")
    _vote(client, as_user, s.union, ballot_id, "approve")
    as_user(s.chair)
    assert "Every condition of the rule holds" in client.get(f"/ballots/{ballot_id}").text
    assert client.post(f"/ballots/{ballot_id}/close").status_code == 302

    # The chair asks the agency to publish; the chair may not publish it.
    assert client.post(f"/standards/{standard.id}/publish", data={}).status_code == 403
    _ask_for_publication(client, standard.id)

    # An agency administrator publishes: the standard gets its code and edition .01.
    as_user(s.admin)
    response = client.post(
        f"/standards/{standard.id}/publish",
        data={"approving_body": "Comité Técnico de la Agencia", "resolution_number": "CT-1"},
    )
    assert response.status_code == 302
    first_code = response.headers["Location"].rsplit("/", 1)[1]
    assert re.fullmatch(r"EC[0-9]{4}\.01", first_code)

    # A new draft: the edition stays in force; a ballot opened on it goes stale when the text
    # changes again, and the chair opens a new one on the newest revision.
    number = _edit(client, as_user, s.education, standard, "\nNota sobre discapacidad.\n")
    as_user(None)
    assert client.get(f"/ec/{first_code}").status_code == 200
    stale_id = _open_ballot(client, as_user, s, standard.id, number)
    as_user(s.government)
    assert (
        "A ballot is open on the current revision"
        in client.get(f"/standards/{standard.id}/edit").text
    )
    number = _edit(client, as_user, s.government, standard, "\nOtra nota.\n")
    db.session.expire_all()
    assert db.session.get(Ballot, stale_id).status is BallotStatus.STALE
    _vote_refused = client.post(f"/ballots/{stale_id}/position", data={"position": "approve"})
    assert _vote_refused.status_code == 409
    ballot_id = _open_ballot(client, as_user, s, standard.id, number)
    for user in s.voters:
        _vote(client, as_user, user, ballot_id, "approve")
    as_user(s.chair)
    assert client.post(f"/ballots/{ballot_id}/close").status_code == 302
    _ask_for_publication(client, standard.id)

    # An administrator publishes edition .02, which supersedes .01.
    as_user(s.admin)
    response = client.post(f"/standards/{standard.id}/publish", data={})
    assert response.status_code == 302
    second_code = response.headers["Location"].rsplit("/", 1)[1]
    assert second_code == first_code[:-2] + "02"
    db.session.expire_all()
    editions = db.session.scalars(select(Edition).order_by(Edition.edition_number)).all()
    assert [(e.code, e.status) for e in editions] == [
        (first_code, EditionStatus.SUPERSEDED),
        (second_code, EditionStatus.CURRENT),
    ]
    assert editions[0].revision.number == 1
    assert editions[1].revision.number == number
    assert db.session.get(Standard, standard.id).status is StandardStatus.PUBLISHED
    as_user(None)
    old = client.get(f"/ec/{first_code}?lang=en").text
    assert "This edition has been superseded by" in old and second_code in old

    # Every transition is in the audit log, in order.
    actions = [
        a
        for a in db.session.scalars(
            select(AuditEntry.action)
            .where(AuditEntry.standard_id == standard.id)
            .order_by(AuditEntry.id)
        )
        if a.startswith(
            ("ballot.opened", "ballot.passed", "ballot.stale", "edition.", "publication.")
        )
    ]
    assert actions == [
        "ballot.opened",
        "ballot.passed",
        "publication.requested",
        "edition.published",
        "ballot.opened",
        "ballot.stale",
        "ballot.opened",
        "ballot.passed",
        "publication.requested",
        "edition.superseded",
        "edition.published",
    ]
    public_activity = client.get(f"/standards/{standard.id}/activity?lang=en").text
    assert f"Published edition {second_code}." in public_activity
    assert "Opened a ballot" not in public_activity
