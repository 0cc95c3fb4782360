"""The migration that turns the English summaries the wiki wrote into data: it recognises exactly
the texts the code wrote ("Created" on revision 1, "Restored revision N" on a restore of N) and
leaves every summary someone typed alone; its downgrade writes them back."""

import importlib.util
from pathlib import Path

import pytest
from alembic.migration import MigrationContext
from alembic.operations import Operations
from sqlalchemy import select, update

from tests.factories import full_committee
from tests.standard_factories import create_standard, save
from wiki.committees.actors import actor_for_user
from wiki.extensions import db
from wiki.standards import operations
from wiki.standards.models import Revision

MIGRATION = (
    Path(__file__).resolve().parents[2]
    / "migrations"
    / "versions"
    / "c5d1e7a3b9f2_system_summaries_as_data.py"
)


def _run(step: str) -> None:
    spec = importlib.util.spec_from_file_location("system_summaries_migration", MIGRATION)
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    with Operations.context(MigrationContext.configure(db.session.connection())):
        getattr(migration, step)()
    db.session.expire_all()


def _summaries(standard_id: int) -> list[str]:
    return list(
        db.session.scalars(
            select(Revision.summary)
            .where(Revision.standard_id == standard_id)
            .order_by(Revision.number)
        )
    )


@pytest.fixture
def as_stored_before():
    """Two standards as the old code stored them: revision 1 "Created", a restore "Restored
    revision 1", and summaries people typed, one of which happens to read "Created"."""
    committee, people = full_committee()
    chair = people["chair"]
    first = create_standard(chair, committee)
    body = first.head_revision.body_markdown
    save(chair, first, body + "\nNota.\n", summary="Created")  # typed, on revision 2
    operations.restore_revision(actor_for_user(chair), first.id, 1, base_number=2)
    save(chair, first, body + "\nOtra nota.\n", summary="Restored revision 1")  # typed too
    second = operations.create_standard(
        actor_for_user(chair), committee=committee, title="Limpieza de habitaciones",
        language="es", level=2, summary="Primer borrador",
    )
    for number, text in ((1, "Created"), (3, "Restored revision 1")):
        db.session.execute(
            update(Revision)
            .where(Revision.standard_id == first.id, Revision.number == number)
            .values(summary=text)
        )
    return first.id, second.id


def test_upgrade_empties_exactly_the_texts_the_wiki_wrote(as_stored_before):
    first, second = as_stored_before
    assert _summaries(first) == ["Created", "Created", "Restored revision 1", "Restored revision 1"]
    _run("upgrade")
    assert _summaries(first) == ["", "Created", "", "Restored revision 1"]
    assert _summaries(second) == ["Primer borrador"]


def test_downgrade_writes_the_texts_back(as_stored_before):
    first, second = as_stored_before
    _run("upgrade")
    _run("downgrade")
    assert _summaries(first) == ["Created", "Created", "Restored revision 1", "Restored revision 1"]
    assert _summaries(second) == ["Primer borrador"]
