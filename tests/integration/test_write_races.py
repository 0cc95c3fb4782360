"""Requests that change one standard at the same moment: none lost, none answered with a 5xx.

Each trial builds a fresh standard (and ballot), then fires two or more requests through the
test client from threads released together by a barrier, as people pressing their buttons at
once would. The app runs on a database of its own, with real commits, and answers errors as it
would in production (500 pages, not exceptions). What each request was told is then checked
against what the database holds: a position reported as recorded is there, a save reported as
saved is a revision, and a refused one left nothing behind.

The figures go to the end of the test report (``record_property("figure", …)``).
"""

import random
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import fields

import pytest
from flask import got_request_exception
from sqlalchemy import select

from tests.ballot_factories import draft, open_on, requested
from tests.client import CsrfClient
from tests.conftest import dispose_app, make_app
from tests.factories import PASSWORD, Seats, seat, seats
from tests.standard_factories import create_standard
from wiki.accounts.models import User
from wiki.ballots.lifecycle import BallotStatus
from wiki.ballots.models import Ballot, Vote
from wiki.committees.models import Committee
from wiki.extensions import db
from wiki.http import unit_of_work
from wiki.locks import lock_row
from wiki.roles import VOTING_GROUPS, Role
from wiki.search.backends import current_backend
from wiki.search.maintenance import check_index
from wiki.search.outbox import drain_outbox
from wiki.standards.models import Revision, Standard

#: trials of each race; a deadlock showed up in 3 of 8 close-vs-vote and 5 of 6 save-vs-vote
TRIALS = 8
#: seconds a thread waits at the barrier, or for its request, before the test gives up
PATIENCE = 60


@pytest.fixture(autouse=True)
def _transaction_per_test():
    """Real commits from several threads: a database of its own."""


class Racers:
    """The race app, its committee, and a logged-in test client for each person."""

    def __init__(self, app, committee: Seats):
        self.app = app
        #: the committee's and its people's ids, by ``Seats`` field
        self.ids = {
            field.name: getattr(committee, field.name).id
            for field in fields(Seats)
            if getattr(committee, field.name) is not None
        }
        self.clients: dict[str, CsrfClient] = {}
        self.crashes: list[str] = []

    def seats(self) -> Seats:
        """The committee and its people, loaded in the current app context."""
        return Seats(
            **{
                name: db.session.get(Committee if name == "committee" else User, row_id)
                for name, row_id in self.ids.items()
            }
        )

    def client(self, name: str, user_id: int) -> CsrfClient:
        """A test client logged in as the user, kept as ``clients[name]``."""
        email = self.read(lambda: db.session.get(User, user_id).email)
        client = self.app.test_client()
        response = client.post("/login", data={"email": email, "password": PASSWORD})
        assert response.status_code == 302, response.text
        client.csrf_token()  # fetched now, so the raced request is the only one after the barrier
        self.clients[name] = client
        return client

    def setup(self, build: Callable[[], object]):
        """Run ``build`` in an app context and commit what it made."""
        with self.app.app_context():
            result = build()
            db.session.commit()
            return result

    def read(self, query: Callable[[], object]):
        with self.app.app_context():
            try:
                return query()
            finally:
                db.session.rollback()


@pytest.fixture(scope="module")
def racers(db_kind, tmp_path_factory):
    app, database = make_app(db_kind, tmp_path_factory.mktemp("races"), PROPAGATE_EXCEPTIONS=False)
    app.test_client_class = CsrfClient
    with app.app_context():
        committee = seats()
        db.session.commit()
        racers = Racers(app, committee)
    for name in ("chair", "union", "education", "government", "admin"):
        racers.client(name, racers.ids[name])

    def crashed(sender, exception, **_):
        racers.crashes.append(f"{type(exception).__name__}: {str(exception).splitlines()[0]}")

    got_request_exception.connect(crashed, app)
    yield racers
    got_request_exception.disconnect(crashed, app)
    dispose_app(app, database)


def fire(*requests: Callable[[], object]) -> list:
    """Call every request at once, each from its own thread; their responses, in order."""
    barrier = threading.Barrier(len(requests))
    responses: list = [None] * len(requests)

    def go(i, request):
        barrier.wait(PATIENCE)
        responses[i] = request()

    threads = [threading.Thread(target=go, args=(i, r)) for i, r in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(PATIENCE)
    assert all(r is not None for r in responses), "a request never answered"
    return responses


def vote(racers, name, ballot_id, position="approve"):
    client = racers.clients[name]
    return lambda: client.post(f"/ballots/{ballot_id}/position", data={"position": position})


def close(racers, ballot_id):
    client = racers.clients["chair"]
    return lambda: client.post(f"/ballots/{ballot_id}/close")


def save(racers, name, standard_id, base_number, title, body, summary=""):
    client = racers.clients[name]
    data = {"base_number": base_number, "title": title, "body": body, "summary": summary}
    return lambda: client.post(f"/standards/{standard_id}/edit", data=data)


def publish(racers, standard_id):
    client = racers.clients["admin"]  # the agency publishes what the chair asked for
    return lambda: client.post(f"/standards/{standard_id}/publish", data={})


def open_ballot(racers, title: str) -> tuple[int, int]:
    """A committed draft with a ballot open on it: (standard id, ballot id)."""

    def build():
        s = racers.seats()
        standard = draft(s, title=title)
        return standard.id, open_on(s, standard).id

    return racers.setup(build)


def voters_of(racers, ballot_id) -> set[int]:
    query = select(Vote.user_id).where(Vote.ballot_id == ballot_id)
    return set(racers.read(lambda: db.session.scalars(query).all()))


def head_of(racers, standard_id) -> tuple[int, str]:
    """The number and text of the standard's head revision, as an editor would load them."""

    def query():
        head = db.session.get(Standard, standard_id).head_revision
        return head.number, head.body_markdown

    return racers.read(query)


class Tally:
    """What the requests of one race were told, and what did not hold, for checks and report."""

    def __init__(self, racers, name):
        self.racers = racers
        self.name = name
        self.statuses: Counter = Counter()
        self.wrong: list[str] = []
        self.started = time.monotonic()
        racers.crashes.clear()

    def add(self, *responses):
        self.statuses.update(r.status_code for r in responses)

    def expect(self, holds: bool, trial: int, what: str) -> None:
        if not holds:
            self.wrong.append(f"trial {trial}: {what}")

    def expect_vote_kept(self, trial: int, voted, name: str, ballot_id: int) -> None:
        """A position reported as recorded (302) is there; a refused one (409) left nothing."""
        recorded = self.racers.ids[name] in voters_of(self.racers, ballot_id)
        self.expect(
            (voted.status_code, recorded) in ((302, True), (409, False)),
            trial,
            f"vote answered {voted.status_code}, recorded: {recorded}",
        )

    @property
    def server_errors(self) -> int:
        return sum(n for status, n in self.statuses.items() if status >= 500)

    def report(self, record_property) -> None:
        """Record the figure, then fail on a 5xx or on anything that did not hold."""
        seconds = time.monotonic() - self.started
        statuses = ", ".join(f"{n}×{status}" for status, n in sorted(self.statuses.items()))
        crashes = Counter(self.racers.crashes)
        record_property(
            "figure",
            f"{self.name}: {TRIALS} trials in {seconds:.1f} s; answers {statuses}; "
            f"{self.server_errors} 5xx; {len(self.wrong)} inconsistent; "
            f"crashes {dict(crashes) or 'none'}",
        )
        assert self.server_errors == 0, crashes
        assert self.wrong == []


def test_closing_while_a_member_votes_loses_no_vote_and_answers_no_5xx(racers, record_property):
    tally = Tally(racers, "close vs vote")
    for trial in range(TRIALS):
        _, ballot_id = open_ballot(racers, f"Cierre y voto {trial}")
        voted, closed = fire(vote(racers, "union", ballot_id), close(racers, ballot_id))
        tally.add(voted, closed)
        tally.expect(closed.status_code == 302, trial, f"close answered {closed.status_code}")
        # A vote after the close finds the ballot closed (409).
        tally.expect_vote_kept(trial, voted, "union", ballot_id)
    tally.report(record_property)


def test_saving_while_a_member_votes_loses_no_vote_and_answers_no_5xx(racers, record_property):
    tally = Tally(racers, "save vs vote")
    for trial in range(TRIALS):
        standard_id, ballot_id = open_ballot(racers, f"Guardado y voto {trial}")
        number, text = head_of(racers, standard_id)
        voted, saved = fire(
            vote(racers, "union", ballot_id),
            save(racers, "education", standard_id, number, "Guardado y voto", text + "\nMás.\n"),
        )
        tally.add(voted, saved)
        tally.expect(saved.status_code == 302, trial, f"save answered {saved.status_code}")
        # A vote after the save finds the ballot stale (409).
        tally.expect_vote_kept(trial, voted, "union", ballot_id)
        status = racers.read(lambda ballot_id=ballot_id: db.session.get(Ballot, ballot_id).status)
        tally.expect(
            status == BallotStatus.STALE or saved.status_code != 302, trial, f"ballot {status}"
        )
    tally.report(record_property)


def test_members_voting_together_are_all_recorded_with_no_5xx(racers, record_property):
    tally = Tally(racers, "vote vs vote")
    names = ("chair", "union", "education", "government")
    for trial in range(TRIALS):
        _, ballot_id = open_ballot(racers, f"Votos simultáneos {trial}")
        responses = fire(*(vote(racers, name, ballot_id) for name in names))
        tally.add(*responses)
        answered = [r.status_code for r in responses]
        tally.expect(answered == [302] * len(names), trial, f"votes answered {answered}")
        recorded = voters_of(racers, ballot_id) == {racers.ids[name] for name in names}
        tally.expect(recorded, trial, "a position reported as recorded is missing")
    tally.report(record_property)


def test_publishing_while_a_member_saves_loses_nothing_and_answers_no_5xx(racers, record_property):
    tally = Tally(racers, "publish vs save")
    for trial in range(TRIALS):
        title = f"Publicar {trial}"
        standard_id = racers.setup(lambda title=title: requested(racers.seats(), title=title)[0].id)
        number, text = head_of(racers, standard_id)
        published, saved = fire(
            publish(racers, standard_id),
            save(racers, "education", standard_id, number, title, text + "\nOtra.\n"),
        )
        tally.add(published, saved)
        tally.expect(saved.status_code == 302, trial, f"save answered {saved.status_code}")
        # The approved revision is published whichever comes first; the save is the next draft.
        code_number = racers.read(
            lambda standard_id=standard_id: db.session.get(Standard, standard_id).code_number
        )
        tally.expect(
            (published.status_code, code_number is not None) == (302, True),
            trial,
            f"publish answered {published.status_code}, code: {code_number}",
        )
        tally.expect(head_of(racers, standard_id)[0] == number + 1, trial, "the save is lost")
    tally.report(record_property)


def test_a_transaction_the_database_aborts_for_a_deadlock_runs_again_and_commits(racers, db_kind):
    if db_kind != "postgresql":
        pytest.skip("SQLite runs one write transaction at a time: it cannot deadlock")
    first, second = (
        racers.setup(lambda n=n: draft(racers.seats(), title=f"Bloqueo {n}").id) for n in (1, 2)
    )
    holding = threading.Barrier(2)
    attempts: Counter = Counter()

    def take(one, other, name):
        """Lock ``one``, wait until the other thread holds ``other``, then lock that too."""

        def operation():
            attempts[name] += 1
            lock_row(Standard, one, "gone", key_share=True)
            if attempts[name] == 1:
                holding.wait(PATIENCE)
            standard = lock_row(Standard, other, "gone", key_share=True)
            standard.occupations = f"{standard.occupations} {name}".strip()
            return name

        def request():
            with racers.app.app_context():
                try:
                    return unit_of_work.run(operation)
                except Exception as error:
                    return repr(error)

        return request

    assert fire(take(first, second, "a"), take(second, first, "b")) == ["a", "b"]
    # The database aborted one of the two; it ran again once the other had committed.
    assert sorted(attempts.values()) == [1, 2]
    occupations = racers.read(
        lambda: [db.session.get(Standard, i).occupations for i in (first, second)]
    )
    assert occupations == ["b", "a"]


#: people saving one standard at once, and saves each
WRITERS = 8
SAVES_EACH = 50


def _paragraphs(shared: str) -> str:
    parts = [f"Párrafo del taller {w}:" for w in range(WRITERS)]
    return "\n\n".join([*parts, f"Párrafo compartido: {shared}"]) + "\n"


def _rewrites_shared(writer: int, save_number: int) -> bool:
    """Writers 0 and 1 sometimes rewrite the shared paragraph too: those edits can overlap."""
    return writer in (0, 1) and save_number % 2 == 1


def _writers(racers) -> list[CsrfClient]:
    """A logged-in client for each of WRITERS new drafting members of the committee."""

    def new_member(w: int) -> int:
        group = VOTING_GROUPS[w % len(VOTING_GROUPS)]
        return seat(racers.seats().committee, Role.MEMBER, group).id

    return [
        racers.client(f"writer{w}", racers.setup(lambda w=w: new_member(w))) for w in range(WRITERS)
    ]


@pytest.mark.slow
def test_eight_people_saving_fifty_times_lose_nothing_and_get_no_5xx(
    racers, record_property, monkeypatch
):
    # Indexing after each commit is the search tests' subject (and doubles the time here): the
    # saves record their index work in the outbox, drained once at the end.
    monkeypatch.setitem(racers.app.config, "SEARCH_DRAIN_AFTER_COMMIT", False)
    writers = _writers(racers)
    standard_id = racers.setup(
        lambda: (
            create_standard(
                racers.seats().chair,
                racers.seats().committee,
                title="Ocho a la vez",
                body=_paragraphs("inicial"),
            ).id
        )
    )
    outcomes: list[tuple[int, int, str, int, object]] = []  # (writer, save, token, base, response)
    barrier = threading.Barrier(WRITERS)

    def write(w: int):
        rng = random.Random(w)
        barrier.wait(PATIENCE)
        for i in range(SAVES_EACH):
            base, text = head_of(racers, standard_id)
            token = f"w{w}-{i}"
            paragraphs = text.rstrip("\n").split("\n\n")
            if _rewrites_shared(w, i):
                paragraphs[-1] = f"Párrafo compartido: versión {token}"
            else:
                paragraphs[w] += f" {token}"
            time.sleep(rng.random() / 50)  # reading the editor, typing
            response = writers[w].post(
                f"/standards/{standard_id}/edit",
                data={
                    "base_number": base,
                    "title": "Ocho a la vez",
                    "body": "\n\n".join(paragraphs) + "\n",
                    "summary": token,
                },
            )
            outcomes.append((w, i, token, base, response))

    racers.crashes.clear()
    started = time.monotonic()
    threads = [threading.Thread(target=write, args=(w,)) for w in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10 * PATIENCE)
    seconds = time.monotonic() - started

    assert len(outcomes) == WRITERS * SAVES_EACH
    statuses = Counter(response.status_code for *_, response in outcomes)
    query = (
        select(Revision.number, Revision.summary)
        .where(Revision.standard_id == standard_id)
        .order_by(Revision.number)
    )
    revisions = racers.read(lambda: db.session.execute(query).all())
    _, head_text = head_of(racers, standard_id)
    saved = {token: base for _, _, token, base, r in outcomes if r.status_code == 302}
    number_of = {summary: number for number, summary in revisions}
    merged = [token for token, base in saved.items() if number_of.get(token) != base + 1]
    conflicts = [(token, r) for _, _, token, _, r in outcomes if r.status_code == 409]
    with racers.app.app_context():
        drain_outbox()
        index_clean = check_index(current_backend()).clean
    record_property(
        "figure",
        f"{WRITERS} x {SAVES_EACH} concurrent saves in {seconds:.1f} s: {len(saved)} saved "
        f"({len(merged)} merged), {len(conflicts)} conflicts, "
        f"{sum(n for st, n in statuses.items() if st >= 500)} 5xx, "
        f"{len(set(saved) - set(number_of))} lost; index complete: {index_clean}; "
        f"crashes {dict(Counter(racers.crashes)) or 'none'}",
    )
    assert set(statuses) <= {302, 409}, (statuses, racers.crashes)
    # Every save reported as saved is one revision; the numbers run on without a gap.
    assert [number for number, _ in revisions] == list(range(1, len(revisions) + 1))
    assert sorted(summary for _, summary in revisions[1:]) == sorted(saved)
    # Merged edits survive in the final text; a conflict gave the writer's text back.
    for w, i, token, _, response in outcomes:
        if response.status_code == 302 and not _rewrites_shared(w, i):
            assert token in head_text, token
    for token, response in conflicts:
        assert token in response.text, token
    assert merged, "the saves never overlapped"
    assert index_clean
