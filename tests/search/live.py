"""An app on a database of its own, where commits are real and drain into its index.

``live_app`` builds one with the Comité de Turismo and its people committed; tests of the
commit hooks, of index faults and of repairs share it.
"""

import contextlib
from dataclasses import dataclass
from pathlib import Path

from flask import Flask

from tests.conftest import dispose_app, make_app
from tests.factories import full_committee
from tests.search.conftest import real_session
from tests.search.corpus import DINING, create
from wiki.accounts.models import User
from wiki.committees.models import Committee
from wiki.extensions import db
from wiki.search import maintenance
from wiki.search.outbox import pending_count
from wiki.search.results import find
from wiki.search.visibility import Visibility


@dataclass
class Live:
    app: Flask
    url: str
    instance: Path
    committee_id: int
    people: dict
    #: the database: sqlite or postgresql
    kind: str

    @property
    def backend(self):
        return self.app.extensions["search"]

    @property
    def members(self) -> Visibility:
        return Visibility(frozenset({self.committee_id}))

    def standard_ids(self, text: str, visibility: Visibility | None = None) -> list[int]:
        with real_session(self.app) as session:
            page = find(text, visibility or self.members, backend=self.backend, session=session)
            return [hit.standard_id for hit in page.results.hits]

    def check(self):
        with self.app.app_context():
            return maintenance.check_index(self.backend)

    def pending(self) -> int:
        with real_session(self.app) as session:
            return pending_count(session)


@contextlib.contextmanager
def live_app(db_kind: str, directory: Path, **settings):
    """A ``Live`` app on a new database in ``directory``; ``settings`` override the test ones."""
    app, database = make_app(db_kind, directory, **settings)
    try:
        with real_session(app) as session:
            committee, people = full_committee(name="Comité de Turismo", sector="Turismo")
            session.commit()
            ids = {role: person.id for role, person in people.items()}
            committee_id = committee.id
        yield Live(app, database.url, directory / "instance", committee_id, ids, db_kind)
    finally:
        dispose_app(app, database)


def people_of(live: Live) -> dict:
    return {role: db.session.get(User, user_id) for role, user_id in live.people.items()}


def new_standard(live: Live, body: str = DINING, title: str = "Atención a comensales") -> int:
    """A committed draft standard (indexed by the commit hook)."""
    with real_session(live.app) as session:
        committee = session.get(Committee, live.committee_id)
        standard_id = create(people_of(live), committee, title, "es", 2, body)
        session.commit()
    return standard_id
