"""Rebuilding stored renderings: nested sub-criteria and their ids, the Markdown untouched."""

import pytest
from sqlalchemy import update

from tests.factories import full_committee
from tests.standard_factories import create_standard, save
from wiki.extensions import db
from wiki.standards.models import Revision
from wiki.standards.rebuild import rebuild_revisions

BODY = (
    "## Propósito\n\nAtender comensales.\n\n"
    "## Elemento 1 de 1: E0001 Atender\n\n### Desempeños\n\n"
    "1. Saluda al comensal:\n   - lo saluda en un plazo de un minuto;\n   - se presenta.\n"
)


@pytest.fixture
def revisions():
    committee, people = full_committee()
    standard = create_standard(people["chair"], committee)
    save(people["chair"], standard, BODY)
    save(people["chair"], standard, BODY.replace("se presenta.", "se presenta por su nombre."))
    rows = db.session.query(Revision).filter_by(standard_id=standard.id).order_by(Revision.number)
    return rows.all()[1:]  # the first is the template


def _age(revision: Revision) -> None:
    """Store what the old renderer made: one paragraph, no sub-criterion ids."""
    structure = dict(revision.structure)
    for element in structure.get("elements", []):
        for item in element["items"]:
            item.pop("sub_ids", None)
    db.session.execute(
        update(Revision)
        .where(Revision.id == revision.id)
        .values(body_html="<p>Saluda al comensal: - lo saluda</p>", structure=structure)
    )


def test_rebuild_nests_sub_criteria_and_keeps_markdown_and_hash(revisions):
    before = {r.id: (r.body_markdown, r.content_hash) for r in revisions}
    for revision in revisions:
        _age(revision)
    db.session.expire_all()

    read, changed = rebuild_revisions(db.session.connection())
    db.session.expire_all()

    assert read >= len(revisions) and changed >= len(revisions)
    for revision in revisions:
        fresh = db.session.get(Revision, revision.id)
        assert (fresh.body_markdown, fresh.content_hash) == before[revision.id]
        assert '<li id="E0001-d1-c1">lo saluda en un plazo de un minuto;</li>' in fresh.body_html
        item = fresh.structure["elements"][0]["items"][0]
        assert item["sub_ids"] == ["E0001-d1-c1", "E0001-d1-c2"]


def test_a_second_rebuild_changes_nothing(revisions):
    rebuild_revisions(db.session.connection())
    read, changed = rebuild_revisions(db.session.connection())
    assert read >= len(revisions)
    assert changed == 0


def test_the_cli_command_reports_what_it_rebuilt(app, revisions):
    _age(revisions[-1])
    result = app.test_cli_runner().invoke(args=["standards", "rebuild"])
    assert result.exit_code == 0, result.output
    assert "1 changed" in result.output
