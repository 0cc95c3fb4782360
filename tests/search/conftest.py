"""Search fixtures: a registry committed once in a database of its own, indexed by each backend.

``indexed`` is parametrized over both backends; the PostgreSQL one needs ``--db=postgresql``
(its documents live in the database). Tests using it only read, so one world serves all.
"""

import contextlib
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import Flask

from tests.conftest import dispose_app, make_app
from tests.search.corpus import Corpus, build_corpus
from wiki.extensions import db
from wiki.search.documents import document_batches
from wiki.search.postgres_backend import PostgresBackend
from wiki.search.results import SearchPage, find
from wiki.search.visibility import PUBLIC_ONLY, Visibility
from wiki.search.whoosh_backend import WhooshBackend

BACKENDS = ("whoosh", "postgresql")


@dataclass
class World:
    app: Flask
    corpus: Corpus
    kind: str
    directory: Path


@dataclass
class Indexed:
    """The world indexed by one backend, with a helper to search it."""

    world: World
    backend: object
    name: str

    @property
    def corpus(self) -> Corpus:
        return self.world.corpus

    def find(self, text: str, visibility: Visibility = PUBLIC_ONLY, **options) -> SearchPage:
        with real_session(self.world.app) as session:
            return find(text, visibility, backend=self.backend, session=session, **options)

    def standard_ids(self, text: str, visibility: Visibility = PUBLIC_ONLY, **options) -> set:
        page = self.find(text, visibility, per_page=50, **options)
        return {hit.standard_id for hit in page.results.hits} if page.results else set()

    def doc_codes(self, text: str, visibility: Visibility = PUBLIC_ONLY, **options) -> list:
        page = self.find(text, visibility, per_page=50, **options)
        return [hit.code for hit in page.results.hits]

    def visibility(self, *committees: str) -> Visibility:
        return Visibility(frozenset(self.corpus.committees[name] for name in committees))


@contextlib.contextmanager
def real_session(app: Flask):
    """In ``app``'s context, ``db.session`` as in production: its own transactions, real commits.

    Every test runs in the main app's rolled-back transaction (``db_session``, autouse); that
    session is set aside meanwhile and put back afterwards.
    """
    with app.app_context():
        replaced = db.session
        db.session = db._make_scoped_session({})
        try:
            yield db.session
        finally:
            db.session.remove()
            db.session = replaced


def make_backend(name: str, directory: Path):
    return WhooshBackend(directory / "whoosh-index") if name == "whoosh" else PostgresBackend()


def skip_unless_available(name: str, db_kind: str) -> None:
    if name == "postgresql" and db_kind != "postgresql":
        pytest.skip("the PostgreSQL backend runs with --db=postgresql")


@pytest.fixture(scope="session")
def world(db_kind, tmp_path_factory):
    directory = tmp_path_factory.mktemp("search-world")
    app, database = make_app(db_kind, directory, SEARCH_DRAIN_AFTER_COMMIT=False)
    with real_session(app) as session:
        corpus = build_corpus()
        session.commit()
    yield World(app, corpus, db_kind, directory)
    dispose_app(app, database)


@pytest.fixture(scope="session", params=BACKENDS)
def indexed(request, world) -> Indexed:
    skip_unless_available(request.param, world.kind)
    backend = make_backend(request.param, world.directory)
    with real_session(world.app) as session:
        backend.rebuild(document_batches(session), session=session)
        session.commit()
    yield Indexed(world, backend, request.param)
    backend.close()


@pytest.fixture(params=BACKENDS)
def backend(request, db_kind, tmp_path):
    """A fresh, empty backend for a test that writes (inside the test's transaction)."""
    skip_unless_available(request.param, db_kind)
    backend = make_backend(request.param, tmp_path)
    yield backend
    backend.close()
