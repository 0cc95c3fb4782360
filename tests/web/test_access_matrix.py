"""The access matrix: every route and method of the app, requested by every kind of visitor.

The routes come from ``app.url_map``, so a route added without a line in ``EXPECTED`` fails
``test_every_route_has_an_expectation`` with its name. Each expectation names who may use the
route (a rule below); everyone else must be turned away with 403, 404 or a redirect to the log-in
page, and nobody may get a server error. The URL arguments name things of the canary's world
(tests/web/test_canary.py) that only its committee may see or change: a never-published draft,
the open ballot and a thread on the next edition's draft, a voting member's comment.

Forms are posted with a valid CSRF token and no other field: for those allowed any answer but
a denial or a 5xx will do (a refused form is a 400); every request runs in a savepoint rolled
back after it, and each visitor's session cookie is put back, so requests do not depend on
each other.
"""

import re
from collections import Counter
from urllib.parse import urlsplit

import pytest
from flask import url_for

from tests.client import CsrfClient
from tests.factories import PASSWORD
from tests.web.test_canary import canary_world
from wiki.extensions import db

#: the kinds of visitor, by who they are in the canary's committee
KINDS = (
    "anonymous", "public", "observer", "other committee", "member", "voting member", "chair",
    "admin", "deactivated",
)
#: the world's person for each kind (None: nobody logged in)
PERSON = {
    "anonymous": None, "public": "public", "observer": "observer",
    "other committee": "other committee", "member": "member", "voting member": "union",
    "chair": "chair", "admin": "admin", "deactivated": "deactivated",
}

EVERYONE = frozenset(KINDS)
SIGNED_IN = EVERYONE - {"anonymous", "deactivated"}
#: a seat on some committee, or an administrator
SEATED = frozenset({"observer", "other committee", "member", "voting member", "chair", "admin"})
#: may write drafts in some committee (the other committee's member in theirs)
DRAFTS_SOMEWHERE = frozenset({"other committee", "member", "voting member", "chair"})
#: reads the committee's drafts
READER = frozenset({"observer", "member", "voting member", "chair", "admin"})
#: comments on the committee's drafts: its members, observers included
COMMENTER = frozenset({"observer", "member", "voting member", "chair"})
EDITOR = frozenset({"member", "voting member", "chair"})
VOTER = frozenset({"voting member", "chair"})
CHAIR = frozenset({"chair"})
CHAIR_OR_ADMIN = frozenset({"chair", "admin"})
ADMIN = frozenset({"admin"})
#: the voting member wrote the target thread's first comment and owns the target notification
AUTHOR = frozenset({"voting member"})
AUTHOR_OR_CHAIR = frozenset({"voting member", "chair"})

#: who may use each route (every method of it), by endpoint
EXPECTED = {
    "web.home": EVERYONE,
    "web.healthz": EVERYONE,
    "static": EVERYONE,
    "search.results": EVERYONE,
    "registry.index": EVERYONE,
    "registry.edition": EVERYONE,
    "registry.edition_json": EVERYONE,
    "registry.edition_diff": EVERYONE,
    "committees.index": EVERYONE,
    "committees.show": EVERYONE,
    "consultations.index": EVERYONE,
    "consultations.report": EVERYONE,  # a consultation's dispositions are public
    "accounts.login": EVERYONE,
    "accounts.accept_invite": EVERYONE,  # the link is the right
    "registration.register": EVERYONE,
    "registration.confirm": EVERYONE,
    "password_reset.forgot": EVERYONE,  # the same answer whether or not the account exists
    "password_reset.choose": EVERYONE,  # the signed link is the right
    # the second sign-in step: without a right password first it sends to log in; a signed-in
    # person is sent home
    "two_factor.sign_in_code": SIGNED_IN,
    "two_factor.overview": SIGNED_IN,
    "two_factor.start": SIGNED_IN,
    "two_factor.enrol": SIGNED_IN,
    "two_factor.regenerate_codes": SIGNED_IN,
    "two_factor.disable": SIGNED_IN,
    "accounts.logout": SIGNED_IN,
    "accounts.change_password": SIGNED_IN,
    "profiles.account": SIGNED_IN,
    "profiles.show": SIGNED_IN,  # the target person has no public account
    "notifications.index": SIGNED_IN,
    "notifications.my_work": SIGNED_IN,
    "notifications.email_preference": SIGNED_IN,
    "notifications.mark_all_read": SIGNED_IN,
    "notifications.unwatch": SIGNED_IN,  # one's own watchlist: nothing happens if not on it
    "notifications.mark_read": AUTHOR,
    "notifications.watch": READER,
    "reviews.due": SEATED,
    "standards.create": DRAFTS_SOMEWHERE,
    "standards.show": READER,
    "standards.revision": READER,
    "standards.revision_json": READER,
    "standards.history": READER,
    "standards.diff": READER,
    "activity.index": READER,  # never published: no public activity
    "dispositions.standard_report": READER,
    "ballots.index": READER,
    "ballots.show": READER,
    "comments.thread": READER,
    # closed: its committee reads the text; everyone else a page saying it has closed
    "consultations.show": EVERYONE,
    "standards.edit": EDITOR,
    "standards.metadata": EDITOR,
    "standards.restore": EDITOR,
    "comments.new_thread": COMMENTER,
    "comments.create_thread": COMMENTER,
    "comments.reply": COMMENTER,
    "comments.edit": AUTHOR,
    "comments.delete": AUTHOR,
    "comments.resolve": AUTHOR_OR_CHAIR,
    "comments.reopen": AUTHOR_OR_CHAIR,
    "comments.disposition": CHAIR,
    "comments.hide": ADMIN,
    "ballots.cast": VOTER,
    "ballots.open_ballot": CHAIR,
    "ballots.close": CHAIR,
    "ballots.cancel": CHAIR,
    "consultations.new": CHAIR,
    "consultations.close": CHAIR,
    "publication.request_publication": CHAIR,
    "ballots.consensus_rule": CHAIR_OR_ADMIN,
    "committees.members": CHAIR_OR_ADMIN,
    "committees.add_member": CHAIR_OR_ADMIN,
    "committees.change_member": CHAIR_OR_ADMIN,
    "committees.remove_member": CHAIR_OR_ADMIN,
    "audit.committee": CHAIR_OR_ADMIN,
    "audit.index": ADMIN,
    "admin.dashboard": ADMIN,
    "admin.users": ADMIN,
    "admin.user": ADMIN,
    "admin.invite": ADMIN,
    "admin.deactivate": ADMIN,
    "admin.reactivate": ADMIN,
    "admin.reset": ADMIN,
    "committees.create": ADMIN,
    "committees.edit": ADMIN,
    "committees.archive": ADMIN,
    "committees.restore": ADMIN,
    "publication.queue": ADMIN,
    "publication.publish": ADMIN,
    "publication.send_back": ADMIN,
    "publication.withdraw": ADMIN,
    "publication.official_act": ADMIN,
}

#: fields posted besides the CSRF token where a view checks the form before the right, so
#: that the right is what decides (a form refused for an empty field would prove nothing)
FORMS = {
    "comments.create_thread": {"revision": "1", "part": "", "body": "¿Incluye las reservas?"},
    "comments.reply": {"body": "De acuerdo con la propuesta."},
    "standards.restore": {"base_number": "1"},
}

METHODS = ("GET", "POST")
#: the first message of a refused form or an error page, to say why a request was refused
ERROR_MESSAGE = re.compile(r'class="error-message"[^>]*>(?:\s*<[^>]+>)*([^<]+)')


def routes(app) -> list[tuple[str, str, object]]:
    """(endpoint, method, rule) for every route and method but HEAD and OPTIONS."""
    return [
        (rule.endpoint, method, rule)
        for rule in sorted(app.url_map.iter_rules(), key=lambda r: (r.endpoint, r.rule))
        for method in METHODS
        if method in rule.methods
    ]


def test_every_route_has_an_expectation(app):
    endpoints = {endpoint for endpoint, _, _ in routes(app)}
    assert sorted(endpoints - EXPECTED.keys()) == [], "routes with no line in EXPECTED"
    assert sorted(EXPECTED.keys() - endpoints) == [], "lines in EXPECTED for no route"


def outcome(response) -> str:
    """``denied``, ``error`` (5xx) or ``allowed`` (anything else, a refused form included)."""
    if response.status_code >= 500:
        return "error"
    if response.status_code in (401, 403, 404):
        return "denied"
    to_login = urlsplit(response.headers.get("Location", "")).path == "/login"
    return "denied" if response.status_code in (301, 302, 303, 307, 308) and to_login else "allowed"


class Visitor:
    """A browser of one kind of visitor: logged in once, its session cookie put back after
    every request (a request may log it out, or add a message to show on the next page)."""

    def __init__(self, app, person):
        self.client = CsrfClient(app, app.response_class, use_cookies=True)
        if person is not None:
            data = {"email": person.email, "password": PASSWORD}
            response = self.client.post("/login", data=data)
            assert response.status_code == 302, response.text
        self.token = self.client.csrf_token()
        self.cookie = self.client.get_cookie("session").value

    def request(self, method: str, url: str, form: dict):
        self.client.set_cookie("session", self.cookie)
        if method == "POST":
            return self.client.post(url, data={**form, "csrf_token": self.token})
        return self.client.get(url)


@pytest.fixture
def matrix_world(app, monkeypatch):
    monkeypatch.setitem(app.config, "PROPAGATE_EXCEPTIONS", False)  # count a 500, go on
    monkeypatch.setitem(app.config, "PUBLIC_REGISTRATION", True)  # off: its routes answer 404
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")  # off: no password reset pages
    world = canary_world()
    db.session.commit()
    visitors = {kind: Visitor(app, world.people.get(PERSON[kind])) for kind in KINDS}
    # An account deactivated while its session was open: its cookie must carry no right.
    world.people["deactivated"].active = False
    db.session.commit()
    return world, visitors


def test_each_kind_of_visitor_gets_exactly_what_its_role_allows(app, matrix_world, record_property):
    world, visitors = matrix_world
    unfilled = {r.rule for _, _, r in routes(app) if set(r.arguments) - world.targets.keys()}
    assert not unfilled, f"give these routes' arguments a target in canary_world: {unfilled}"
    with app.test_request_context():
        urls = [
            (endpoint, method, url_for(endpoint, **{a: world.targets[a] for a in rule.arguments}))
            for endpoint, method, rule in routes(app)
        ]
    connection = db.session.get_bind()
    answers, problems = Counter(), []
    for endpoint, method, url in urls:
        for kind, visitor in visitors.items():
            savepoint = connection.begin_nested()
            try:
                response = visitor.request(method, url, FORMS.get(endpoint, {}))
                got = outcome(response)
                said = ERROR_MESSAGE.search(response.get_data(as_text=True))
                response.close()
            finally:
                savepoint.rollback()
            expected = "allowed" if kind in EXPECTED[endpoint] else "denied"
            answers[got, expected] += 1
            if got != expected:
                problems.append(
                    f"{method} {url} as {kind}: {got} ({response.status_code})"
                    + (f" saying {said.group(1).strip()!r}" if said else "")
                )
    unexpected_allows = answers["allowed", "denied"]
    record_property(
        "figure",
        f"{len({e for e, _, _ in urls})} routes, {len(urls)} route-methods x {len(KINDS)} kinds "
        f"of visitor = {sum(answers.values())} requests; "
        f"{answers['error', 'allowed'] + answers['error', 'denied']} server errors, "
        f"{unexpected_allows} unexpected allows, {answers['denied', 'allowed']} unexpected denials",
    )
    assert not problems, f"{len(problems)} answers not as expected:\n" + "\n".join(problems)
