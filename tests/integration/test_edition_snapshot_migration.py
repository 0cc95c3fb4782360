"""The edition-snapshot migration, on data written by the schema before it.

Two editions of one standard, the metadata changed between them and again after (the next
draft), and the committee renamed after both: each edition must get the title of its revision
and the metadata and committee name in force when it was published.
"""

import datetime as dt
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from flask_migrate import downgrade, upgrade
from sqlalchemy import MetaData, Table, insert, select

from tests.conftest import dispose_app, make_app
from wiki.extensions import db

SNAPSHOT_REVISION = "a7d3c9e15f42"
T0 = dt.datetime(2025, 3, 1, 9, 0, tzinfo=dt.UTC)


def _previous(revision: str) -> str:
    scripts = ScriptDirectory(str(Path(__file__).resolve().parents[2] / "migrations"))
    return scripts.get_revision(revision).down_revision


def at(days: int) -> dt.datetime:
    return T0 + dt.timedelta(days=days)


@pytest.fixture(autouse=True)
def _transaction_per_test():
    """This test builds a database of its own, at an older revision."""


@pytest.fixture
def old_app(db_kind, tmp_path):
    """An app whose database stops just before the snapshot migration."""
    app, database = make_app(db_kind, tmp_path, revision=_previous(SNAPSHOT_REVISION))
    yield app
    dispose_app(app, database)


class Rows:
    """Inserts into the tables as the older schema has them (reflected, not the models)."""

    def __init__(self, connection):
        self.connection = connection
        self.metadata = MetaData()

    def add(self, table: str, **values) -> int:
        reflected = Table(table, self.metadata, autoload_with=self.connection)
        return self.connection.execute(
            insert(reflected).values(**values).returning(reflected.c.id)
        ).scalar_one()

    def audit(self, action, when, *, standard_id=None, subject, subject_id, before, after):
        self.add(
            "audit_entries", created_at=when, action=action, standard_id=standard_id,
            subject_type=subject, subject_id=subject_id, before=before, after=after, reason="",
        )


def _revision(rows, standard_id, author, number, title, when):
    return rows.add(
        "revisions", standard_id=standard_id, number=number,
        parent_number=number - 1 if number > 1 else None, author_id=author, created_at=when,
        summary="", title=title, body_markdown="## Propósito\n", content_hash=f"{number:064d}",
        body_html="<h2>Propósito</h2>", toc=[], structure={}, size_chars=12, size_delta=0,
    )


def _old_world(connection) -> dict:
    rows = Rows(connection)
    chair = rows.add(
        "users", email="presidencia@ejemplo.mx", display_name="Rosa Núñez", password_hash="x",
        stakeholder_group="industry", is_admin=False, active=True, is_public=False, locale="es",
        session_token="t" * 32, created_at=T0,
    )
    committee = rows.add(
        "committees", slug="turismo", name="Comité de Turismo", sector="Turismo",
        description="", consensus_rule={}, comments_public=False, created_at=T0,
    )
    standard = rows.add(
        "standards", committee_id=committee, title="Servicio a comensales (borrador 3)",
        language="es", level=4, status="draft", code_number=1, review_period_years=3,
        certificate_validity_years=2, occupations="Mesero\nSommelier", industry_code="722511",
        organisations="CANIRAC", created_by_id=chair, created_at=T0, updated_at=at(40),
    )
    first_revision = _revision(rows, standard, chair, 1, "Atención a comensales", at(1))
    second_revision = _revision(rows, standard, chair, 2, "Servicio a comensales", at(15))
    _revision(rows, standard, chair, 3, "Servicio a comensales (borrador 3)", at(35))
    first = rows.add(
        "editions", standard_id=standard, revision_id=first_revision, edition_number=1,
        code="EC0001.01", status="superseded", published_at=at(10), published_by_id=chair,
        superseded_at=at(20), review_period_years=3, approving_body="", resolution_number="",
        gazette_url="",
    )
    second = rows.add(
        "editions", standard_id=standard, revision_id=second_revision, edition_number=2,
        code="EC0001.02", status="current", published_at=at(20), published_by_id=chair,
        review_period_years=3, approving_body="", resolution_number="", gazette_url="",
    )
    connection.execute(
        Table("standards", rows.metadata, autoload_with=connection)
        .update()
        .values(current_edition_id=second)
    )
    rows.add("review_notices", edition_id=first, due_on=at(400).date(), notified_at=at(400))
    change = {"subject": "standard", "subject_id": standard, "standard_id": standard}
    rows.audit(
        "standard.metadata_changed", at(5), before={"level": 1}, after={"level": 2}, **change
    )
    rows.audit(
        "standard.metadata_changed", at(12),
        before={"level": 2, "occupations": "Mesero", "review_period_years": 2},
        after={"level": 3, "occupations": "Mesero\nSommelier", "review_period_years": 3},
        **change,
    )
    rows.audit(
        "standard.metadata_changed", at(30),
        before={"level": 3, "certificate_validity_years": 3, "organisations": ""},
        after={"level": 4, "certificate_validity_years": 2, "organisations": "CANIRAC"},
        **change,
    )
    rows.audit(
        "committee.renamed", at(25), subject="committee", subject_id=committee,
        before={"name": "Comité de Servicios Turísticos"}, after={"name": "Comité de Turismo"},
    )
    return {"first": first, "second": second, "standard": standard}


def test_editions_get_the_title_and_metadata_they_were_published_with(old_app):
    with old_app.app_context():
        with db.engine.begin() as connection:
            ids = _old_world(connection)
        upgrade(revision=SNAPSHOT_REVISION)
        with db.engine.connect() as connection:
            editions = Table("editions", MetaData(), autoload_with=connection)
            got = {row.id: row for row in connection.execute(select(editions))}
            outbox = Table("search_outbox", MetaData(), autoload_with=connection)
            queued = set(connection.execute(select(outbox.c.standard_id)).scalars())
    first, second = got[ids["first"]], got[ids["second"]]
    assert (first.title, second.title) == ("Atención a comensales", "Servicio a comensales")
    assert (first.level, second.level) == (2, 3)
    assert (first.occupations, second.occupations) == ("Mesero", "Mesero\nSommelier")
    assert first.certificate_validity_years == second.certificate_validity_years == 3
    assert first.organisations == second.organisations == ""
    assert first.industry_code == second.industry_code == "722511"
    assert first.language == second.language == "es"
    assert first.committee_name == second.committee_name == "Comité de Servicios Turísticos"
    # The review period was copied at publication already; the migration leaves it.
    assert first.review_period_years == second.review_period_years == 3
    assert queued == {ids["standard"]}


def test_downgrade_removes_the_snapshot_and_upgrade_fills_it_again(old_app):
    with old_app.app_context():
        with db.engine.begin() as connection:
            ids = _old_world(connection)
        upgrade(revision=SNAPSHOT_REVISION)
        downgrade(revision=_previous(SNAPSHOT_REVISION))
        with db.engine.connect() as connection:
            columns = {c["name"] for c in db.inspect(connection).get_columns("editions")}
        assert "title" not in columns and "level" not in columns
        upgrade(revision=SNAPSHOT_REVISION)
        with db.engine.connect() as connection:
            editions = Table("editions", MetaData(), autoload_with=connection)
            level = connection.execute(
                select(editions.c.level).where(editions.c.id == ids["first"])
            ).scalar_one()
    assert level == 2
