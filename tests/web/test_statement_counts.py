"""SQL statements per main page: flat as the wiki grows, and under a ceiling.

One world is built on a database of its own, measured, grown tenfold and measured again:
members of the committee, threads (each with a reply), revisions, votes on the open ballot,
consultations and their comments, editions of one standard and published standards. A page
whose statement count grows with the world runs a query per row (an N+1) and fails, whatever
the absolute numbers are; ``CEILINGS`` catches a page that got much costlier without growing.

The figures (statements with the small world, then the large one) go to the end of the test
report (``record_property("figure", …)``).
"""

import datetime as dt
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import cycle

import pytest
from sqlalchemy import event, update

from tests.ballot_factories import actor, new_revision, open_on, published, vote
from tests.client import CsrfClient
from tests.comment_factories import days
from tests.conftest import dispose_app, make_app
from tests.factories import PASSWORD, CommitteeFactory, UserFactory, seat, seats
from tests.standard_factories import create_standard
from wiki.comments import operations as comments
from wiki.consultations import operations as consultations
from wiki.extensions import db
from wiki.publication.models import Edition
from wiki.roles import VOTING_GROUPS, Role
from wiki.search.outbox import drain_outbox
from wiki.standards.models import Standard

#: how many of each thing the small and the large world hold
SMALL, LARGE = 3, 30

#: pages allowed to send a few more statements in the large world, and why (none needs to yet)
ALLOWED_GROWTH: dict[str, int] = {}

#: Statements a page may send with the large world, on SQLite and on PostgreSQL (SQLite sends
#: one more per request: its BEGIN). Each is the figure measured when it was set plus half (at
#: least 3 more). When a change makes a page legitimately costlier, run this module with
#: --db=sqlite and --db=postgresql and set the page's ceilings to the new figures plus half.
CEILINGS = {
    # page: (SQLite, PostgreSQL)
    "home": (6, 5),
    "registry index": (8, 7),
    "edition": (14, 12),
    "edition JSON": (8, 7),
    "edition diff": (11, 9),
    "search with facets": (9, 8),
    "committees index": (6, 5),
    "committee": (11, 9),
    "consultations index": (5, 4),
    "consultation": (12, 11),
    "standard": (33, 32),
    "history": (12, 11),
    "diff": (14, 12),
    "revision with threads": (33, 32),
    "ballot": (20, 18),
    "my work": (15, 14),
    "notifications": (12, 11),
    "audit log": (11, 9),
    "admin dashboard": (12, 11),
    "admin users": (9, 8),
    "reviews due": (8, 7),
}


@dataclass
class World:
    """What the pages show, topped up by ``grow_to(n)`` so that each kind holds ``n``."""

    s: object = None
    discussed: object = None  # draft with threads and an open ballot
    revised: object = None  # draft with revisions
    ballot: object = None
    republished: object = None  # one standard published again and again
    published_count: int = 0
    editions: int = 0
    committees: list = field(default_factory=list)
    members: list = field(default_factory=list)
    threads: list = field(default_factory=list)
    consultations: list = field(default_factory=list)
    public_threads: int = 0

    def build(self) -> None:
        self.s = seats(public=True, name="Comité de Servicios de Alimentos", slug="alimentos")
        self.s.committee.comments_public = True
        self.discussed = create_standard(self.s.union, self.s.committee, title="Servicio a mesa")
        self.ballot = open_on(self.s, self.discussed)
        self.revised = create_standard(self.s.union, self.s.committee, title="Montaje de mesas")
        self.republished = create_standard(
            self.s.union, self.s.committee, title="Preparación de alimentos"
        )

    def grow_to(self, n: int) -> None:
        s = self.s
        groups = cycle(VOTING_GROUPS)
        while len(self.committees) < n:
            self.committees.append(CommitteeFactory(sector="Alimentos y bebidas"))
        while len(self.members) < n:
            member = seat(s.committee, Role.MEMBER, next(groups))
            vote(member, self.ballot)
            self.members.append(member)
        while self.revised.head_revision.number < n:
            new_revision(s, self.revised, marker="Ajuste del criterio")
        while len(self.threads) < n:
            # each by someone else: a page loading authors one by one must not hide behind
            # the session's identity map
            author, replier = self.members[len(self.threads)], self.members[-len(self.threads) - 1]
            thread = comments.start_thread(
                actor(author), self.discussed.id, revision_number=1, part_id=None,
                body=f"Propongo precisar el desempeño {len(self.threads) + 1} de la recepción.",
            )
            comments.reply(actor(replier), thread.id, "De acuerdo, con un ejemplo.")
            self.threads.append(thread)
        while self.editions < n:
            if self.editions:
                new_revision(s, self.republished, marker="Nueva edición")
            published(s, self.republished)
            self.editions += 1
        while self.published_count < n:
            standard, _ = published(s, title=f"Atención a huéspedes {self.published_count + 1}")
            self.hand_over(standard, self.committees[self.published_count])
            self.published_count += 1
        while len(self.consultations) < n:
            number = len(self.consultations) + 1
            standard = create_standard(
                s.union, s.committee, title=f"Limpieza de habitaciones {number}"
            )
            self.consultations.append(
                consultations.open_consultation(actor(s.chair), standard.id, closes_at=days(14))
            )
            if number > 1:  # the first one's comments come from the committee's public readers
                self.hand_over(standard, self.committees[number - 1])
        while self.public_threads < n:
            comments.start_thread(
                actor(UserFactory(is_public=True)),
                self.consultations[0].standard_id,
                revision_number=1,
                part_id=None,
                body="Sugiero indicar el tiempo de limpieza por habitación.",
            )
            self.public_threads += 1
        # every edition in force is due for review
        db.session.execute(
            update(Edition).values(published_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=3650))
        )


    @staticmethod
    def hand_over(standard, committee) -> None:
        """Move the standard to another committee, so that lists show committees of their own
        (one committee for every row would be loaded once, hiding a load per row)."""
        db.session.execute(
            update(Standard).where(Standard.id == standard.id).values(committee_id=committee.id)
        )


@dataclass(frozen=True)
class Page:
    name: str
    #: who is signed in (a ``Seats`` field), or None
    viewer: str | None
    url: Callable[[World], str]


PAGES = [
    Page("home", None, lambda w: "/"),
    Page("registry index", None, lambda w: "/registry"),
    Page("edition", None, lambda w: f"/ec/{w.republished.current_edition.code}"),
    Page("edition JSON", None, lambda w: f"/ec/{w.republished.current_edition.code}.json"),
    Page("edition diff", None, lambda w: f"/ec/{w.republished.current_edition.code}/diff"),
    Page("search with facets", "chair", lambda w: "/search?q=comensales"),
    Page("committees index", None, lambda w: "/committees"),
    Page("committee", "chair", lambda w: f"/committees/{w.s.committee.slug}"),
    Page("consultations index", None, lambda w: "/consultations"),
    Page("consultation", None, lambda w: f"/consultations/{w.consultations[0].id}"),
    Page("standard", "chair", lambda w: f"/standards/{w.discussed.id}"),
    Page("history", "chair", lambda w: f"/standards/{w.revised.id}/history"),
    Page("diff", "chair", lambda w: f"/standards/{w.revised.id}/diff?from=1"),
    Page("revision with threads", "chair", lambda w: f"/standards/{w.discussed.id}/revisions/1"),
    Page("ballot", "chair", lambda w: f"/ballots/{w.ballot.id}"),
    Page("my work", "chair", lambda w: "/my-work"),
    Page("notifications", "chair", lambda w: "/notifications"),
    Page("audit log", "admin", lambda w: "/admin/audit"),
    Page("admin dashboard", "admin", lambda w: "/admin"),
    Page("admin users", "admin", lambda w: "/admin/users"),
    Page("reviews due", "admin", lambda w: "/reviews"),
]


@contextmanager
def statements_sent(engine):
    """A one-item list holding how many statements the engine sent inside the block."""
    sent = [0]

    def count(*_):
        sent[0] += 1

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", count)


def measure(clients: dict, urls: dict[str, str]) -> dict[str, int]:
    """Statements each page (at ``urls[page.name]``) sends; every page must answer 200."""
    found = {}
    for page in PAGES:
        client = clients[page.viewer]
        client.get(urls[page.name])  # caches warmed (translations, templates, the search index)
        with statements_sent(db.engine) as sent:
            response = client.get(urls[page.name])
        assert response.status_code == 200, f"{page.name}: {response.status_code}"
        found[page.name] = sent[0]
    return found


def signed_in(app, email: str | None) -> CsrfClient:
    client = app.test_client()
    if email is not None:
        response = client.post("/login", data={"email": email, "password": PASSWORD})
        assert response.status_code == 302, response.text
    return client


@pytest.fixture(autouse=True)
def _transaction_per_test():
    """The world is committed to a database of its own, built once for the module."""


@pytest.fixture(scope="module")
def counts(db_kind, tmp_path_factory) -> dict[str, tuple[int, int]]:
    """(small, large) statement count of each page, by page name."""
    app, database = make_app(db_kind, tmp_path_factory.mktemp("statements"))
    app.test_client_class = CsrfClient
    world = World()
    # One app context (and session) builds the world; each request runs in one of its own.
    with app.app_context():
        world.build()
        clients = {None: app.test_client()}
        measured = []
        for size in (SMALL, LARGE):
            world.grow_to(size)
            emails = {name: world.s[name].email for name in ("chair", "admin")}
            urls = {page.name: page.url(world) for page in PAGES}
            # the builder's session holds no transaction while the pages are read
            db.session.commit()
            drain_outbox()
            for name, email in emails.items():
                clients.setdefault(name, signed_in(app, email))
            measured.append(measure(clients, urls))
    small, large = measured
    yield {name: (small[name], large[name]) for name in small}
    dispose_app(app, database)


@pytest.mark.parametrize("page", [page.name for page in PAGES])
def test_statements_stay_flat_as_the_wiki_grows(page, counts, db_kind, record_property):
    small, large = counts[page]
    record_property(
        "figure", f"{page}: {small} statements with {SMALL} of each, {large} with {LARGE}"
    )
    assert large - small <= ALLOWED_GROWTH.get(page, 0), (
        f"{page} sent {small} statements with {SMALL} of each thing and {large} with {LARGE}: "
        "a query per row (load the rows with the page's query: selectinload, joinedload)"
    )
    ceiling = CEILINGS[page][("sqlite", "postgresql").index(db_kind)]
    assert large <= ceiling, f"{page} sent {large} statements; its ceiling is {ceiling}"
