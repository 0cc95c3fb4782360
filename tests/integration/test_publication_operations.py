"""Publishing editions, codes, superseding, withdrawing and the official act."""

import datetime as dt
import re

import pytest
from flask import current_app
from sqlalchemy import delete, select

from tests.ballot_factories import (
    actor,
    counter_value,
    counts,
    draft,
    everyone_approves,
    new_revision,
    open_on,
    published,
    requested,
    vote,
)
from wiki import events
from wiki.audit.models import AuditEntry
from wiki.ballots import operations as ballots
from wiki.ballots.consensus import Position
from wiki.errors import Conflict, InvalidInput, InvalidTransition, NotAllowed
from wiki.extensions import db
from wiki.publication.lifecycle import EditionStatus, RequestStatus
from wiki.publication.models import CodeCounter, Edition
from wiki.publication.operations import (
    CODE_COUNTER,
    allocate_code,
    publish_edition,
    update_official_act,
    withdraw_edition,
)
from wiki.publication.queries import next_edition_code
from wiki.standards.lifecycle import StandardStatus


def test_first_publication_gives_the_standard_its_code_and_edition_01(s):
    standard, request = requested(s)
    last = counter_value()
    heard = []
    with events.edition_published.connected_to(lambda sender, edition: heard.append(edition)):
        edition = publish_edition(actor(s.admin), standard.id)
    assert standard.code_number == last + 1 == counter_value()
    assert edition.code == f"EC{last + 1:04d}.01"
    assert re.fullmatch(r"EC[0-9]{4}\.01", edition.code)
    assert edition.status is EditionStatus.CURRENT
    assert edition.revision_id == standard.head_revision_id
    assert edition.published_by_id == s.admin.id
    assert standard.approved_revision_id is None
    assert (request.status, request.edition_id) == (RequestStatus.PUBLISHED, edition.id)
    assert request.decided_by_id == s.admin.id
    assert edition.review_period_years == standard.review_period_years
    assert standard.status is StandardStatus.PUBLISHED
    assert standard.current_edition_id == edition.id
    assert heard == [edition]
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "edition.published"))
    assert entry.before == {"status": "approved", "edition": None}
    assert entry.after["edition"] == edition.code
    assert entry.after["revision"] == 1


def test_the_chair_publishes_where_the_setting_lets_chairs_publish(s, monkeypatch):
    standard, _ = requested(s)
    with pytest.raises(NotAllowed):
        publish_edition(actor(s.chair), standard.id)
    monkeypatch.setitem(current_app.config, "CHAIRS_MAY_PUBLISH", True)
    assert publish_edition(actor(s.chair), standard.id).published_by_id == s.chair.id


@pytest.mark.parametrize("who", ["chair", "union", "observer", "outsider"])
def test_only_agency_administrators_publish(s, who):
    standard, _ = requested(s)
    before, last = counts(), counter_value()
    with pytest.raises(NotAllowed):
        publish_edition(actor(s[who]), standard.id)
    assert counts() == before
    assert counter_value() == last
    assert standard.code_number is None
    assert standard.status is StandardStatus.APPROVED


def test_a_second_edition_increments_the_suffix_and_supersedes_the_first(s):
    standard, first = published(s)
    new_revision(s, standard)
    assert standard.status is StandardStatus.DRAFT
    assert first.status is EditionStatus.CURRENT  # in force while the new draft is written
    assert next_edition_code(standard) == first.code[:-2] + "02"
    _, second = published(s, standard)
    assert second.code == first.code[:-2] + "02"
    assert second.edition_number == 2
    assert first.status is EditionStatus.SUPERSEDED
    assert first.superseded_at == second.published_at
    assert standard.current_edition_id == second.id
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "edition.superseded"))
    assert entry.subject_id == first.id
    assert entry.after == {"status": "superseded", "edition": first.code, "by": second.code}


def test_a_published_edition_is_frozen(s):
    standard, edition = published(s)
    text = edition.revision.body_markdown
    revision_id = edition.revision_id
    new_revision(s, standard, marker="Texto nuevo")
    update_official_act(actor(s.admin), edition.id, resolution_number="CT-2026-07")
    db.session.expire_all()
    edition = db.session.get(Edition, edition.id)
    assert edition.revision_id == revision_id
    assert edition.revision.body_markdown == text
    assert "Texto nuevo" not in edition.revision.body_markdown
    assert "Texto nuevo" in edition.standard.head_revision.body_markdown


@pytest.mark.parametrize("stage", ["draft", "ballot_open", "ballot_failed", "published"])
def test_only_a_revision_whose_ballot_passed_is_published(s, stage):
    standard = draft(s)
    if stage == "ballot_open":
        everyone_approves(s, open_on(s, standard))
    elif stage == "ballot_failed":
        ballot = open_on(s, standard)
        vote(s.union, ballot, Position.OBJECT, "No refleja el trabajo real.")
        ballots.close_ballot(actor(s.chair), ballot.id)
    elif stage == "published":
        standard, _ = published(s, standard)
    status, code = standard.status, standard.code_number
    before, last = counts(), counter_value()
    with pytest.raises(Conflict):
        publish_edition(actor(s.admin), standard.id)
    assert counts() == before
    assert counter_value() == last
    assert (standard.status, standard.code_number) == (status, code)


def test_the_official_act_is_recorded_beside_the_edition(s):
    standard, _ = requested(s)
    edition = publish_edition(
        actor(s.admin),
        standard.id,
        approving_body="  Comité Técnico de la Agencia ",
        resolution_number="CT-2026-014",
        approved_on=dt.date(2026, 3, 2),
        gazette_published_on=dt.date(2026, 3, 20),
        gazette_url="https://www.dof.gob.mx/nota_detalle.php?codigo=5000001",
    )
    assert edition.approving_body == "Comité Técnico de la Agencia"
    assert edition.resolution_number == "CT-2026-014"
    assert edition.approved_on == dt.date(2026, 3, 2)
    assert edition.gazette_published_on == dt.date(2026, 3, 20)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"gazette_url": "javascript:alert(1)"}, "gazette_url"),
        ({"gazette_url": "www.dof.gob.mx"}, "gazette_url"),
        ({"gazette_url": "https://"}, "gazette_url"),
        ({"approving_body": "x" * 201}, "approving_body"),
        ({"resolution_number": "9" * 101}, "resolution_number"),
        ({"approved_on": "2026-03-02"}, "approved_on"),
        (
            {"approved_on": dt.date(2026, 3, 2), "gazette_published_on": dt.date(2026, 3, 1)},
            "gazette_published_on",
        ),
        ({"colour": "blue"}, "colour"),
    ],
)
def test_a_bad_official_act_is_refused_and_nothing_is_published(s, fields, field):
    standard, _ = requested(s)
    before, last = counts(), counter_value()
    with pytest.raises(InvalidInput) as caught:
        publish_edition(actor(s.admin), standard.id, **fields)
    assert caught.value.details["field"] == field
    assert counts() == before
    assert counter_value() == last
    assert standard.status is StandardStatus.APPROVED


def test_admins_correct_the_official_act_after_publication(s):
    _, edition = published(s, approved_on=dt.date(2026, 3, 2))
    update_official_act(
        actor(s.admin),
        edition.id,
        gazette_published_on=dt.date(2026, 4, 1),
        gazette_url="https://www.dof.gob.mx/nota",
    )
    assert edition.gazette_published_on == dt.date(2026, 4, 1)
    entry = db.session.scalar(
        select(AuditEntry).where(AuditEntry.action == "edition.official_act_changed")
    )
    assert entry.before == {
        "edition": edition.code,
        "gazette_published_on": None,
        "gazette_url": "",
    }
    assert entry.after["gazette_published_on"] == "2026-04-01"


def test_a_correction_is_checked_against_the_dates_already_recorded(s):
    _, edition = published(s, approved_on=dt.date(2026, 3, 2))
    with pytest.raises(InvalidInput):
        update_official_act(actor(s.admin), edition.id, gazette_published_on=dt.date(2026, 1, 1))
    assert edition.gazette_published_on is None


def test_an_unchanged_official_act_writes_nothing(s):
    _, edition = published(s, resolution_number="CT-1")
    before = counts()
    update_official_act(actor(s.admin), edition.id, resolution_number=" CT-1 ")
    assert counts() == before


@pytest.mark.parametrize("who", ["chair", "union", "outsider"])
def test_only_admins_correct_the_official_act(s, who):
    _, edition = published(s)
    before = counts()
    with pytest.raises(NotAllowed):
        update_official_act(actor(s[who]), edition.id, resolution_number="CT-9")
    assert counts() == before
    assert edition.resolution_number == ""


def test_withdrawing_the_edition_in_force_retires_a_standard_with_no_draft(s):
    standard, edition = published(s)
    withdraw_edition(actor(s.admin), edition.id, "  Sustituido por la NOM-251 vigente. ")
    assert edition.status is EditionStatus.WITHDRAWN
    assert edition.withdrawn_reason == "Sustituido por la NOM-251 vigente."
    assert edition.withdrawn_at is not None
    assert standard.status is StandardStatus.WITHDRAWN
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "edition.withdrawn"))
    assert entry.reason == "Sustituido por la NOM-251 vigente."
    assert entry.before == {"status": "current", "standard": "published"}
    assert entry.after["status"] == "withdrawn" and entry.after["revision"] == 1
    with pytest.raises(InvalidTransition):
        new_revision(s, standard)


def test_withdrawing_while_a_new_draft_is_in_progress_keeps_the_draft(s):
    standard, first = published(s)
    new_revision(s, standard)
    withdraw_edition(actor(s.admin), first.id, "Error en el elemento 2.")
    assert first.status is EditionStatus.WITHDRAWN
    assert standard.status is StandardStatus.DRAFT
    _, second = published(s, standard)
    assert second.edition_number == 2
    assert first.status is EditionStatus.WITHDRAWN  # not superseded: it was no longer in force


@pytest.mark.parametrize("reason", ["", "   ", "x" * 2001])
def test_withdrawing_needs_a_reason(s, reason):
    standard, edition = published(s)
    before = counts()
    with pytest.raises(InvalidInput) as caught:
        withdraw_edition(actor(s.admin), edition.id, reason)
    assert caught.value.details["field"] == "reason"
    assert counts() == before
    assert edition.status is EditionStatus.CURRENT
    assert standard.status is StandardStatus.PUBLISHED


def test_only_the_edition_in_force_is_withdrawn(s):
    standard, first = published(s)
    new_revision(s, standard)
    published(s, standard)
    before = counts()
    with pytest.raises(Conflict, match="no longer in force"):
        withdraw_edition(actor(s.admin), first.id, "Ya no aplica.")
    assert counts() == before
    assert first.status is EditionStatus.SUPERSEDED


@pytest.mark.parametrize("who", ["chair", "union", "observer", "outsider"])
def test_only_agency_administrators_withdraw(s, who):
    _, edition = published(s)
    before = counts()
    with pytest.raises(NotAllowed):
        withdraw_edition(actor(s[who]), edition.id, "No me gusta.")
    assert counts() == before
    assert edition.status is EditionStatus.CURRENT


def test_codes_are_never_reused(s):
    first, edition = published(s, title="Primero")
    withdraw_edition(actor(s.admin), edition.id, "Retirado.")
    second, _ = published(s, title="Segundo")
    assert second.code_number == first.code_number + 1


def test_a_missing_counter_is_recreated_after_the_highest_code_in_use(s):
    standard = draft(s)
    standard.code_number = 4321
    db.session.execute(delete(CodeCounter).where(CodeCounter.name == CODE_COUNTER))
    assert allocate_code() == 4322
    assert counter_value() == 4322


def test_the_registry_running_out_of_codes_is_reported(s):
    db.session.execute(
        CodeCounter.__table__.update()
        .where(CodeCounter.name == CODE_COUNTER)
        .values(last_number=9999)
    )
    standard, _ = requested(s)
    with pytest.raises(Conflict, match="run out of codes"):
        publish_edition(actor(s.admin), standard.id)
