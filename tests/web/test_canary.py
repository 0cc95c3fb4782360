"""The canary: a word written only into a draft is found on no public page.

A committee publishes an edition (after a public consultation and a public comment on it),
then drafts the next edition with ``WORD`` in every field a draft has: title, body, revision
summary, metadata, comments, replies, dispositions and ballot reasons. An anonymous visitor then
requests every GET route of the app (taken from ``app.url_map``, so a new route is covered the
day it is added) with the real ids of that world, and the word must be on none of them.

Search is tried with the word, a prefix, a phrase, a misspelling only the draft could correct
("did you mean") and the draft's filters, and a draft must change none of the public's result
counts, facet counts or suggestions; the exports (JSON, CSV) are among the routes swept, and so
will be any feed the day one is added.

To extend it: write the word into the new draft field in ``canary_world``; give a new URL
argument its values in ``ARGUMENTS``; add query strings worth trying to ``QUERIES``.
"""

import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import product

import pytest
from flask import url_for
from sqlalchemy import select

from tests.ballot_factories import actor, published
from tests.client import CsrfClient
from tests.comment_factories import days
from tests.factories import PASSWORD, CommitteeFactory, seat, seats
from tests.standard_factories import SPANISH_BODY, create_standard, save
from wiki.ballots import operations as ballots
from wiki.ballots.models import Ballot
from wiki.comments import operations as comments
from wiki.consultations import operations as consultations
from wiki.extensions import db
from wiki.notifications.models import Notification
from wiki.publication.models import PublicationRequest
from wiki.roles import Role, StakeholderGroup
from wiki.search.outbox import drain_outbox
from wiki.search.postgres_backend import PostgresBackend
from wiki.search.whoosh_backend import WhooshBackend
from wiki.standards import operations as standards

#: a word no text of the wiki contains, in any letter case
WORD = "zorzalcanario"
#: the word as searches type it; no draft field holds it in capitals, so a page that shows it
#: this way only repeats the query (the search box, the page title, filter links)
TYPED = WORD.upper()
#: the word with one letter wrong, as a search that "did you mean" would correct
MISSPELT = TYPED[:-2] + "J" + TYPED[-1]


@dataclass
class World:
    """The ids of everything the canary world holds, by the URL argument that names them."""

    values: dict[str, list] = field(default_factory=dict)
    people: dict = field(default_factory=dict)
    draft_standard_id: int = 0
    #: one value per URL argument, each naming something only the committee may see or change
    #: (a never-published draft, the open ballot and thread on the next edition's draft, a
    #: comment and a notification of the voting member): tests/web/test_access_matrix.py
    targets: dict = field(default_factory=dict)

    def add(self, argument: str, *values) -> None:
        self.values.setdefault(argument, []).extend(values)


def canary_world(on_published=None) -> World:
    """An edition in force, and the next edition's draft with ``WORD`` in every field.

    ``on_published(people)``, if given, is called once the edition is in force, before any
    draft of the next one exists.
    """
    s = seats(public=True, name="Comité de Turismo Canario", slug="turismo-canario")
    s.committee.comments_public = True
    world = World(
        people={
            "public": s.public, "observer": s.observer, "union": s.union, "chair": s.chair,
            "admin": s.admin,
            "member": seat(s.committee, Role.MEMBER, StakeholderGroup.EDUCATION, can_vote=False),
            "other committee": seat(CommitteeFactory(), Role.MEMBER, StakeholderGroup.UNION),
            # deactivated by the test that needs it, once logged in
            "deactivated": seat(s.committee, Role.MEMBER, StakeholderGroup.GOVERNMENT),
        }
    )
    standard = create_standard(s.union, s.committee, title="Atención a comensales", level=2)
    standards.update_metadata(
        actor(s.union),
        standard.id,
        occupations="Mesero\nCapitán de meseros",
        industry_code="722511",
        organisations="Cámara Nacional de la Industria de Restaurantes",
    )
    # A public consultation and a public comment on the text that becomes the edition.
    consultation = consultations.open_consultation(
        actor(s.chair), standard.id, closes_at=days(14)
    )
    public_thread = comments.start_thread(
        actor(s.public), standard.id, revision_number=1, part_id=None,
        body="Sugiero precisar el tiempo de espera en la entrada.",
    )
    consultations.close_consultation(actor(s.chair), consultation.id)
    comments.record_disposition(actor(s.chair), public_thread.id, "noted", "Se toma en cuenta.")
    _, edition = published(s, standard)
    passed = db.session.scalar(select(Ballot).where(Ballot.standard_id == standard.id))
    if on_published is not None:
        on_published(world.people)

    # The next edition's draft: the word in every field.
    save(
        s.union, standard, SPANISH_BODY + f"\nCriterio {WORD} del borrador.\n",
        title=f"Atención {WORD.capitalize()} a comensales", summary=f"Añade el criterio {WORD}",
    )
    standards.update_metadata(
        actor(s.union),
        standard.id,
        level=4,
        review_period_years=5,
        certificate_validity_years=2,
        occupations=f"Mesero {WORD}",
        industry_code=f"{WORD}-72",
        organisations=f"Asociación {WORD.capitalize()}",
    )
    thread = comments.start_thread(
        actor(s.union), standard.id, revision_number=2, part_id=None,
        body=f"Propongo revisar el criterio {WORD}.",
    )
    comments.reply(actor(s.education), thread.id, f"De acuerdo con {WORD}.")
    comments.record_disposition(actor(s.chair), thread.id, "accepted", f"Se acepta {WORD}.")
    draft_ballot = ballots.open_ballot(actor(s.chair), standard.id)
    ballots.cast_position(actor(s.union), draft_ballot.id, "object", f"Objeción {WORD}.")
    ballots.cast_position(actor(s.government), draft_ballot.id, "approve_with_comments", WORD)
    unpublished = create_standard(s.chair, s.committee, title=f"{WORD.capitalize()} inédito")
    db.session.flush()

    world.draft_standard_id = standard.id
    world.add("code", edition.code, standard.code, edition.code.lower())
    world.add("standard_id", standard.id, unpublished.id)
    world.add("number", 1, 2)
    world.add("ballot_id", passed.id, draft_ballot.id)
    world.add("thread_id", public_thread.id, thread.id)
    world.add("comment_id", *[c.id for c in (*public_thread.comments, *thread.comments)])
    world.add("consultation_id", consultation.id)
    world.add(
        "request_id",
        *db.session.scalars(
            select(PublicationRequest.id).where(PublicationRequest.standard_id == standard.id)
        ),
    )
    world.add("slug", s.committee.slug)
    world.add("user_id", s.union.id, s.public.id, s.chair.id)
    world.add("token", "not-a-real-token")
    world.add("filename", "css/site.css")
    observer_seat = next(m for m in s.committee.memberships if m.user_id == s.observer.id)
    world.add("membership_id", observer_seat.id)
    world.add("notification_id", *notification_ids(s.union))
    assert world.values["notification_id"], "the voting member was told of nothing"
    world.targets = {
        name: values[0] for name, values in world.values.items() if len(values) == 1
    } | {
        "code": edition.code,
        "standard_id": unpublished.id,
        "number": 1,
        "ballot_id": draft_ballot.id,
        "thread_id": thread.id,
        "comment_id": thread.root.id,
        "user_id": s.union.id,
        "notification_id": world.values["notification_id"][0],
    }
    return world


def notification_ids(user) -> list[int]:
    return list(
        db.session.scalars(select(Notification.id).where(Notification.user_id == user.id))
    )


#: URL arguments the canary knows how to fill (from ``World.values``); a route with any other
#: argument fails the test until its values are added to ``canary_world``
ARGUMENTS = frozenset(
    {
        "code", "standard_id", "number", "ballot_id", "thread_id", "comment_id",
        "consultation_id", "slug", "user_id", "token", "filename", "request_id",
        "membership_id", "notification_id",
    }
)

#: query strings tried on top of the bare URL, by endpoint; ``{code}`` is the edition's code
QUERIES = {
    "search.results": [
        {"q": TYPED}, {"q": TYPED[:6] + "*"}, {"q": TYPED, "status": "draft"}, {"q": ""},
        {"q": "restaurante"}, {"q": "atención", "sort": "date"},
        # "did you mean": one letter off the word, so only the draft's vocabulary could offer it
        {"q": MISSPELT}, {"q": f'"criterio {TYPED}"'}, {"q": f"{TYPED} OR {MISSPELT}"},
        {"q": "atención", "level": 4}, {"q": "", "status": "draft"}, {"q": "comensales"},
    ],
    "registry.index": [
        {"status": status} for status in ("current", "superseded", "withdrawn", "all")
    ],
    "registry.edition_diff": [{"from": "{code}"}, {"from": "{code}", "view": "side"}],
    "consultations.report": [{"format": "csv"}],
    "dispositions.standard_report": [
        {"format": "csv"}, {"revision": 2, "format": "csv"},
        {"ballot": "{ballot}", "format": "csv"},
    ],
    "activity.index": [{"page": 2}],
}

#: pages an anonymous visitor must actually get (200), so the sweep cannot pass by failing
MUST_ANSWER = {
    "web.home", "registry.index", "registry.edition", "registry.edition_json",
    "registry.edition_diff", "committees.index", "committees.show", "activity.index",
    "search.results", "consultations.show", "consultations.report", "comments.thread",
}


@pytest.fixture(params=["whoosh", "postgresql"])
def search_backend(request, app, db_kind, tmp_path, monkeypatch):
    """A fresh index of the backend the app then searches with."""
    if request.param == "postgresql" and db_kind != "postgresql":
        pytest.skip("the PostgreSQL search backend runs with --db=postgresql")
    backend = WhooshBackend(tmp_path / "index") if request.param == "whoosh" else PostgresBackend()
    monkeypatch.setitem(app.extensions, "search", backend)
    yield backend
    backend.close()


@pytest.fixture
def world(db_session, search_backend):
    built = canary_world()
    drain_outbox(db_session, search_backend)
    return built


def _urls(app, world: World):
    """Every GET URL of the app, each argument filled with each of the world's values."""
    unknown = {}
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if "GET" not in rule.methods:
            continue
        missing = set(rule.arguments) - ARGUMENTS
        if missing:
            unknown[rule.rule] = sorted(missing)
            continue
        names = sorted(rule.arguments)
        for combination in product(*(world.values[name] for name in names)):
            arguments = dict(zip(names, combination, strict=True))
            yield rule.endpoint, arguments, None
            for query in QUERIES.get(rule.endpoint, ()):
                named = {"code": world.values["code"][0], "ballot": world.values["ballot_id"][-1]}
                filled = {k: str(v).format(**named) for k, v in query.items()}
                yield rule.endpoint, arguments, filled
    assert not unknown, f"routes with arguments the canary cannot fill: {unknown}"


def test_a_draft_word_appears_on_no_public_route(app, client, world, record_property):
    answered, leaks, failures, exports = set(), [], [], Counter()
    with app.test_request_context():
        urls = [
            (endpoint, url_for(endpoint, **arguments, **(query or {})))
            for endpoint, arguments, query in _urls(app, world)
        ]
    for endpoint, url in urls:
        response = client.get(url)
        shown = response.get_data(as_text=True) + response.headers.get("Location", "")
        if WORD in shown.replace(TYPED, "").lower():
            leaks.append(f"{url} ({response.status_code})")
        if TYPED[:6] in url and 'data-total="0"' not in shown:
            leaks.append(f"{url} finds something")
        if response.status_code >= 500:
            failures.append(f"{url} ({response.status_code})")
        if response.status_code == 200:
            answered.add(endpoint)
            if response.mimetype != "text/html" and endpoint != "static":
                exports[response.mimetype] += 1
        response.close()
    record_property(
        "figure",
        f"{len(urls)} public URLs ({len({e for e, _ in urls})} routes), of them "
        f"{sum(exports.values())} exports answered ({dict(sorted(exports.items()))}), "
        f"{sum('atom' in kind or 'rss' in kind for kind in exports)} feeds; "
        f"{len(leaks)} leaks, {len(failures)} server errors",
    )
    assert len(urls) > 100
    assert {"application/json", "text/csv"} <= exports.keys()
    assert not leaks, "pages showing the draft word:\n" + "\n".join(leaks)
    assert failures == []
    assert answered >= MUST_ANSWER, f"never answered 200: {sorted(MUST_ANSWER - answered)}"


def test_the_committee_finds_the_draft_word_where_it_was_written(client, login, world):
    """The canary is alive: the word really is in the draft, for those who may read it."""
    login(world.people["chair"])
    standard_id = world.draft_standard_id
    for url in (
        f"/standards/{standard_id}",
        f"/standards/{standard_id}/history",
        f"/standards/{standard_id}/ballots",
        f"/search?q={TYPED}",
        f"/search?q={MISSPELT}",  # "did you mean" offers the word
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert WORD in response.text.replace(TYPED, "").lower(), url


#: searches whose counts and facets the public sees; the draft shares words with the edition
FACET_SEARCHES = ("atención", "comensales", "restaurante", "mesero", "atenci*", "")
_COUNTS_AND_FACETS = re.compile(
    r'data-total="\d+"|<aside class="facets".*?</aside>|<p class="lead suggestion">.*?</p>',
    re.DOTALL,
)


def counts_and_facets(client) -> dict[str, list[str]]:
    """For each of ``FACET_SEARCHES``: the total, the facet panel and any suggestion shown."""
    pages = {}
    for text in FACET_SEARCHES:
        for filters in ({}, {"level": 4}, {"status": "current"}):
            response = client.get("/search", query_string={"q": text, **filters})
            assert response.status_code == 200
            pages[f"{text} {filters}"] = _COUNTS_AND_FACETS.findall(response.text)
    return pages


def test_a_draft_changes_no_public_count_or_facet(app, client, db_session, search_backend):
    """The public's result counts, facet counts and suggestions are the same before the next
    edition's draft exists and after; its committee's change (the canary is alive)."""
    chair = CsrfClient(app, app.response_class, use_cookies=True)
    before = {}

    def take_snapshot(people):
        drain_outbox(db_session, search_backend)
        chair.post("/login", data={"email": people["chair"].email, "password": PASSWORD})
        before["public"], before["chair"] = counts_and_facets(client), counts_and_facets(chair)

    canary_world(on_published=take_snapshot)
    drain_outbox(db_session, search_backend)
    assert counts_and_facets(client) == before["public"]
    assert counts_and_facets(chair) != before["chair"]
