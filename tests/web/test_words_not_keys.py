"""What the wiki records shows in the reader's words: revision summaries it wrote, audit actions,
the fields audit entries name and what they are about, on the change log and the activity page."""

import datetime as dt

import pytest
from sqlalchemy import select

from tests.ballot_factories import actor, everyone_approves, open_on
from tests.standard_factories import create_standard, save
from wiki.ballots import operations as ballots
from wiki.consultations import operations as consultations
from wiki.db import utcnow
from wiki.extensions import db
from wiki.standards import operations as standards
from wiki.standards.models import Revision

RAW_KEYS = (
    "ballot.position_cast",
    "ballot.opened",
    "ballot.passed",
    "committee.consensus_rule_changed",
    "consultation.opened",
    "min_approvals",
    "group_min_approvals",
    "opens_at",
    "closes_at",
)


@pytest.fixture
def recorded(s):
    """A standard whose committee changed its rule, balloted it, then opened a consultation."""
    ballots.set_consensus_rule(actor(s.chair), s.committee.id, {"min_approvals": 3})
    standard = create_standard(s.union, s.committee)
    ballot = open_on(s, standard)
    everyone_approves(s, ballot)
    ballots.close_ballot(actor(s.chair), ballot.id)
    save(s.education, standard, standard.head_revision.body_markdown + "\nNueva nota.\n")
    consultations.open_consultation(
        actor(s.chair), standard.id, closes_at=utcnow() + dt.timedelta(days=20)
    )
    s.chair.locale = "es"
    db.session.commit()
    return standard


def test_the_change_log_shows_words_not_keys_in_spanish(client, as_user, s, recorded):
    as_user(s.chair)
    log = client.get(f"/committees/{s.committee.slug}/audit").text
    for key in RAW_KEYS:
        assert key not in log, key
    assert "Voto emitido" in log and "Regla de consenso cambiada" in log
    assert "Votos a favor necesarios en total" in log
    assert "Votación" in log and "Aprobada" in log  # the subject and a status in words
    assert "+00:00" not in log  # the consultation's dates read as dates, in Mexico City time


def test_the_activity_page_shows_words_not_keys_in_spanish(client, as_user, s, recorded):
    as_user(s.chair)
    page = client.get(f"/standards/{recorded.id}/activity").text
    for key in RAW_KEYS:
        assert key not in page, key
    assert "Consulta pública abierta" in page


def test_history_puts_the_summaries_the_wiki_wrote_in_the_readers_words(client, as_user, s):
    standard = create_standard(s.union, s.committee)
    save(s.union, standard, standard.head_revision.body_markdown + "\nNota.\n", summary="")
    standards.restore_revision(actor(s.union), standard.id, 1, base_number=2)
    db.session.commit()
    first, _, restore = db.session.scalars(
        select(Revision).where(Revision.standard_id == standard.id).order_by(Revision.number)
    )
    assert (first.summary, restore.summary, restore.restored_from_number) == ("", "", 1)

    s.chair.locale = "es"
    db.session.commit()
    as_user(s.chair)
    spanish = client.get(f"/standards/{standard.id}/history").text
    assert "Estándar creado" in spanish and "Restaurada desde la versión 1" in spanish
    assert "Created" not in spanish and "Restored revision" not in spanish
    profile = client.get(f"/users/{s.union.id}").text
    assert "Estándar creado" in profile and "Restaurada desde la versión 1" in profile

    s.chair.locale = "en"
    db.session.commit()
    english = client.get(f"/standards/{standard.id}/history").text
    assert "Standard created" in english and "Restored from revision 1" in english

