"""Saving revisions: immutability, unchanged saves, merges, conflicts and bad bases."""

import pytest

from tests.factories import full_committee
from tests.standard_factories import SPANISH_BODY, create_standard, save
from wiki.committees.actors import actor_for_user
from wiki.errors import InvalidInput, InvalidTransition, NotAllowed, TooLarge
from wiki.extensions import db
from wiki.standards import operations
from wiki.standards.models import Revision
from wiki.standards.operations import MergeConflict
from wiki.standards.structure import Structure


@pytest.fixture
def committee_and_people():
    return full_committee()


@pytest.fixture
def chair(committee_and_people):
    return committee_and_people[1]["chair"]


@pytest.fixture
def member(committee_and_people):
    return committee_and_people[1]["union"]


@pytest.fixture
def standard(committee_and_people, chair):
    return create_standard(chair, committee_and_people[0])


def _numbers(standard):
    return [
        r.number
        for r in db.session.query(Revision)
        .filter_by(standard_id=standard.id)
        .order_by(Revision.number)
    ]


def test_new_standard_starts_from_the_template_in_its_language(committee_and_people, chair):
    committee = committee_and_people[0]
    spanish = operations.create_standard(
        actor_for_user(chair), committee=committee, title="Plantilla", language="es", level=3
    )
    english = operations.create_standard(
        actor_for_user(chair), committee=committee, title="Template", language="en", level=3
    )
    assert "## Propósito" in spanish.head_revision.body_markdown
    assert "## Purpose" in english.head_revision.body_markdown
    structure = Structure.from_dict(english.head_revision.structure)
    assert structure.warnings == ()
    assert len(structure.elements) >= 1


def test_save_creates_the_next_revision_with_author_summary_and_size_change(standard, member):
    result = save(member, standard, SPANISH_BODY + "\nTexto añadido.\n", summary="Añade nota")
    revision = result.revision
    assert revision.number == 2 and revision.parent_number == 1
    assert revision.author_id == member.id
    assert revision.summary == "Añade nota"
    assert revision.size_delta == len("\nTexto añadido.\n")
    assert standard.head_revision_id == revision.id
    assert "Texto añadido." in revision.body_html


def test_saving_unchanged_text_creates_nothing(standard, member):
    result = save(member, standard, SPANISH_BODY)
    assert result.unchanged
    assert _numbers(standard) == [1]


def test_line_endings_alone_are_not_a_change(standard, member):
    assert save(member, standard, SPANISH_BODY.replace("\n", "\r\n")).unchanged


def test_rendered_html_and_structure_are_stored_at_save_time(standard, member):
    body = SPANISH_BODY.replace("Recibe al comensal", "Recibe a la persona comensal")
    revision = save(member, standard, body).revision
    assert "Recibe a la persona comensal" in revision.body_html
    structure = Structure.from_dict(revision.structure)
    criterion = structure.find("E0901-d1")
    assert criterion is not None and "persona comensal" in criterion.text
    assert [entry[1] for entry in revision.toc][:5] == [
        "s-purpose", "s-description", "s-level", "E0901", "E0901-performance"]
    assert '<li id="E0901-d1">' in revision.body_html


def test_non_overlapping_concurrent_edits_are_merged(standard, chair, member):
    first = SPANISH_BODY.replace("Saluda con amabilidad", "Saluda con amabilidad y sonríe")
    second = SPANISH_BODY.replace("Manual de servicio", "Manual interno de servicio")
    save(chair, standard, first, base=1)
    result = save(member, standard, second, base=1)
    assert result.merged_with == 2
    body = result.revision.body_markdown
    assert "y sonríe" in body and "Manual interno de servicio" in body
    assert _numbers(standard) == [1, 2, 3]


def test_overlapping_concurrent_edits_conflict_and_save_nothing(standard, chair, member):
    save(chair, standard, SPANISH_BODY.replace("con amabilidad", "con cortesía"), base=1)
    with pytest.raises(MergeConflict) as caught:
        save(member, standard, SPANISH_BODY.replace("con amabilidad", "con calidez"), base=1)
    assert caught.value.head.number == 2
    assert any("calidez" in c.mine and "cortesía" in c.theirs for c in caught.value.conflicts)
    assert _numbers(standard) == [1, 2]


def test_a_base_revision_that_does_not_exist_is_refused(standard, member):
    for forged in (0, 7, -1):
        with pytest.raises(InvalidInput):
            save(member, standard, SPANISH_BODY + "x", base=forged)
    assert _numbers(standard) == [1]


def test_body_over_the_limit_is_refused(app, standard, member):
    limit = app.config["MAX_BODY_BYTES"]
    with pytest.raises(TooLarge):
        save(member, standard, "a" * (limit + 1))


def test_empty_title_is_refused(standard, member):
    with pytest.raises(InvalidInput):
        save(member, standard, SPANISH_BODY + "x", title="   ")


def test_observers_and_outsiders_cannot_save(committee_and_people, standard):
    _, people = committee_and_people
    _outsider_committee, outsiders = full_committee()
    for person in (people["observer"], outsiders["chair"]):
        with pytest.raises(NotAllowed):
            save(person, standard, SPANISH_BODY + "x")
    assert _numbers(standard) == [1]


def test_restore_saves_an_old_text_as_a_new_revision(standard, member):
    save(member, standard, SPANISH_BODY + "\nSegunda.\n")
    result = operations.restore_revision(actor_for_user(member), standard.id, 1, base_number=2)
    revision = result.revision
    assert revision.number == 3 and revision.restored_from_number == 1
    assert revision.body_markdown == SPANISH_BODY
    assert _numbers(standard) == [1, 2, 3]


def test_withdrawn_standard_cannot_change(standard, member):
    from wiki.standards.lifecycle import StandardStatus

    standard.status = StandardStatus.WITHDRAWN
    db.session.flush()
    with pytest.raises(InvalidTransition):
        save(member, standard, SPANISH_BODY + "x")


def test_metadata_is_validated_and_audited(standard, member):
    from wiki.audit.models import AuditEntry

    operations.update_metadata(
        actor_for_user(member), standard.id, review_period_years=2, industry_code="722511"
    )
    assert standard.review_period_years == 2
    entry = db.session.query(AuditEntry).filter_by(action="standard.metadata_changed").one()
    assert entry.before == {"review_period_years": 3, "industry_code": ""}
    with pytest.raises(InvalidInput):
        operations.update_metadata(actor_for_user(member), standard.id, level=9)
