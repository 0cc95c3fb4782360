"""Command-line tools: creating accounts and loading the demo."""

import logging

from sqlalchemy import func, select

from tests.factories import UserFactory
from wiki import create_app
from wiki.accounts.models import User
from wiki.accounts.passwords import verify_password
from wiki.ballots.lifecycle import BallotStatus
from wiki.ballots.models import Ballot
from wiki.committees.models import Committee
from wiki.demo.content import STANDARDS
from wiki.extensions import db
from wiki.publication.lifecycle import EditionStatus
from wiki.publication.models import Edition
from wiki.roles import VOTING_GROUPS, Role, StakeholderGroup
from wiki.standards.models import Revision, Standard


def test_users_create_makes_an_admin_with_a_hashed_password(app):
    result = app.test_cli_runner().invoke(
        args=[
            "users",
            "create",
            "Ana.Garza@Agencia.gob.mx",
            "--name",
            "Ana Garza",
            "--admin",
            "--password",
            "una clave muy larga",
        ]
    )
    assert result.exit_code == 0, result.output
    user = db.session.scalar(select(User).where(User.email == "ana.garza@agencia.gob.mx"))
    assert user.is_admin and user.stakeholder_group is StakeholderGroup.AGENCY
    assert user.password_hash != "una clave muy larga"
    assert verify_password(user.password_hash, "una clave muy larga")


def test_users_create_refuses_an_existing_email_with_a_message(app):
    UserFactory(email="rosa@ejemplo.mx")
    result = app.test_cli_runner().invoke(
        args=["users", "create", "ROSA@ejemplo.mx", "--name", "Rosa", "--password", "x" * 12]
    )
    assert result.exit_code != 0
    assert "already exists" in result.output


def test_users_create_refuses_a_short_password(app):
    result = app.test_cli_runner().invoke(
        args=["users", "create", "corto@ejemplo.mx", "--name", "Corto", "--password", "abc"]
    )
    assert result.exit_code != 0
    assert "at least 10 characters" in result.output
    assert db.session.scalar(select(func.count()).select_from(User)) == 0


def test_seed_demo_loads_committees_people_and_standards(app):
    result = app.test_cli_runner().invoke(args=["seed-demo", "--password", "demo-password-1"])
    assert result.exit_code == 0, result.output
    assert "lucia.hernandez@demo.example.org" in result.output
    assert db.session.scalar(select(func.count()).select_from(Committee)) >= 3
    standards = db.session.scalars(select(Standard)).all()
    assert len(standards) == len(STANDARDS) >= 12
    assert {s.language for s in standards} == {"es", "en"}
    assert all(s.head_revision.number >= 2 for s in standards)
    editions = db.session.scalars(select(Edition)).all()
    assert any(e.status is EditionStatus.CURRENT for e in editions)
    assert (
        db.session.scalar(
            select(func.count()).select_from(Ballot).where(Ballot.status == BallotStatus.OPEN)
        )
        >= 1
    )
    roles = {
        (m.role, m.stakeholder_group)
        for c in db.session.scalars(select(Committee))
        for m in c.memberships
    }
    assert {r for r, _ in roles} == set(Role)
    assert set(VOTING_GROUPS) <= {g for _, g in roles}
    lucia = db.session.scalar(select(User).where(User.email == "lucia.hernandez@demo.example.org"))
    assert verify_password(lucia.password_hash, "demo-password-1")


def test_seed_demo_twice_changes_nothing(app):
    runner = app.test_cli_runner()
    runner.invoke(args=["seed-demo", "--password", "demo-password-1"])
    counts = [db.session.scalar(select(func.count()).select_from(m)) for m in (User, Revision)]
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0
    assert "already loaded" in result.output
    assert [
        db.session.scalar(select(func.count()).select_from(m)) for m in (User, Revision)
    ] == counts


def test_seed_demo_refuses_a_database_with_other_users(app):
    UserFactory(email="real.person@agencia.gob.mx")
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code != 0
    assert "did not create" in result.output
    assert db.session.scalar(select(func.count()).select_from(Committee)) == 0


def test_seed_demo_passwords_are_random_unless_given(app):
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0
    lines = [line.split() for line in result.output.splitlines() if "@demo.example.org" in line]
    passwords = [parts[1] for parts in lines]
    assert len(set(passwords)) == len(passwords) > 10


def test_missing_secret_key_is_generated_once_kept_and_warned_about(tmp_path, caplog):
    settings = {
        "INSTANCE_PATH": str(tmp_path),
        "SECRET_KEY": "",
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.db'}",
    }
    with caplog.at_level(logging.WARNING, logger="wiki.app"):
        first = create_app(settings)
        second = create_app(settings)
    assert len(first.config["SECRET_KEY"]) >= 64
    assert first.config["SECRET_KEY"] == second.config["SECRET_KEY"]
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0
    assert sum("SECRET_KEY is not set" in r.getMessage() for r in caplog.records) == 1


def test_postgres_urls_use_psycopg_3(tmp_path):
    app = create_app(
        {
            "INSTANCE_PATH": str(tmp_path),
            "SECRET_KEY": "k",
            "SQLALCHEMY_DATABASE_URI": "postgres://u@db.internal/wiki",
        }
    )
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u@db.internal/wiki"
