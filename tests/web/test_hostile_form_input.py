"""Every form of the wiki fed hostile input, one field at a time: control characters, huge and
malformed numbers, the field left out. The answer is never a server error, and a refused form
stores nothing.

The forms are read from the pages that show them, as a browser would send them; each case adds
only what a person would type (a password, a new title) so that the untouched form is accepted.
Every variant runs in a savepoint that is rolled back, so each starts from the same state.
"""

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pyotp
import pytest
from flask import current_app
from sqlalchemy import select

from tests.ballot_factories import approved, new_revision, open_on, published, requested
from tests.client import CsrfClient
from tests.comment_factories import comment
from tests.factories import PASSWORD, UserFactory, seats
from tests.standard_factories import create_standard
from wiki.accounts import reset_views, two_factor
from wiki.accounts.tokens import (
    CONFIRMATION,
    INVITE,
    PASSWORD_RESET,
    account_fingerprint,
    make_token,
)
from wiki.committees.actors import actor_for_user
from wiki.extensions import db
from wiki.http.limits import reset_all as reset_all_limits
from wiki.notifications import operations as notifications
from wiki.notifications import views as notification_pages

NEW_PASSWORD = "una clave nueva y larga"

#: values put into one field at a time, by what they try
CONTROL_VARIANTS = {
    "NUL appended": lambda value: value + "\x00",
    "only invisible controls": lambda value: "\x0b\x1f",
}
NUMBER_VARIANTS = {
    "huge number": lambda value: "99999999999999999999",
    "one past the integer range": lambda value: "2147483648",
    "negative": lambda value: "-1",
    "non-ASCII digits": lambda value: "١٢",  # int() takes them
}
#: fields a view reads itself rather than through a form: a redirect target and the editor's
#: button; a hostile value there is ignored (the default target, a save), so it may succeed
VIEW_READ_FIELDS = {"next", "action"}


#: the controls a person types into; a refusal there has to say what is wrong
TYPED = frozenset({"text", "email", "password", "search", "url", "date", "number", "textarea"})


@dataclass
class PostForm:
    """A form as a browser would submit it untouched, and which of its fields are typed in."""

    action: str | None = None
    fields: dict[str, str] = field(default_factory=dict)
    typed: set[str] = field(default_factory=set)
    #: free text (a number there is only text, and is saved as such: not worth the time)
    textareas: set[str] = field(default_factory=set)


class PostForms(HTMLParser):
    """The POST forms of a page. A control outside its form (``form="id"``, as in the members
    table) joins the form it names."""

    def __init__(self, page_url: str):
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.forms: list[PostForm] = []
        self.named: dict[str, PostForm] = {}
        self.current: PostForm | None = None
        self.textarea: tuple[PostForm, str] | None = None
        self.select: tuple[PostForm, str] | None = None

    def _named(self, form_id: str) -> PostForm:
        if form_id not in self.named:
            self.named[form_id] = PostForm()
            self.forms.append(self.named[form_id])
        return self.named[form_id]

    def handle_starttag(self, tag, attrs):
        a = {name: value or "" for name, value in attrs}
        if tag == "form":
            self.current = None
            if a.get("method", "get").lower() == "post":
                if a.get("id"):
                    self.current = self._named(a["id"])
                else:
                    self.current = PostForm()
                    self.forms.append(self.current)
                self.current.action = a.get("action") or self.page_url
        elif tag == "option" and self.select is not None:
            form, name = self.select
            if "selected" in a:
                form.fields[name] = a.get("value", "")
            else:
                form.fields.setdefault(name, a.get("value", ""))
        elif "name" in a:
            form = self._named(a["form"]) if a.get("form") else self.current
            if form is not None:
                self._control(form, tag, a)

    def _control(self, form: PostForm, tag: str, a: dict) -> None:
        name, kind = a["name"], a.get("type", "text" if tag == "input" else tag).lower()
        if kind in TYPED:
            form.typed.add(name)
        if tag == "input" and kind in ("radio", "checkbox"):
            if "checked" in a:
                form.fields[name] = a.get("value", "on")
            elif kind == "radio":  # none chosen yet: the untouched form chooses the first
                form.fields.setdefault(name, a.get("value", "on"))
        elif tag == "input" or (tag == "button" and kind == "submit"):
            form.fields.setdefault(name, a.get("value", ""))
        elif tag == "textarea":
            form.fields.setdefault(name, "")
            form.textareas.add(name)
            self.textarea = (form, name)
        elif tag == "select":
            self.select = (form, name)

    def handle_endtag(self, tag):
        if tag == "textarea" and self.textarea is not None:
            form, name = self.textarea
            text = form.fields[name]
            # as in a browser, a line break right after <textarea> is not part of the text
            form.fields[name] = text[2:] if text[:2] == "\r\n" else text.removeprefix("\n")
            self.textarea = None
        elif tag == "select":
            self.select = None
        elif tag == "form":
            self.current = None

    def handle_data(self, data):
        if self.textarea is not None:
            form, name = self.textarea
            form.fields[name] += data


def post_forms(html: str, page_url: str) -> dict[str, PostForm]:
    """The page's POST forms by the path they post to."""
    parser = PostForms(page_url)
    parser.feed(html)
    return {urlsplit(form.action).path: form for form in parser.forms if form.action}


@dataclass
class Case:
    """A form: who sends it, the page that shows it, where it goes, what a person types."""

    who: object
    page: str
    action: str = ""
    typed: dict = field(default_factory=dict)
    #: the form logs someone in or ends sessions: start each variant from a new browser
    new_browser: bool = False
    #: log in with the password alone, stopping at the second step of an enrolled person
    password_only: bool = False

    def __post_init__(self):
        self.action = self.action or urlsplit(self.page).path


#: POST routes whose forms carry only the CSRF token (their ids are test_huge_numbers')
BUTTONS = {
    "accounts.logout",
    "two_factor.start",
    "admin.deactivate",
    "admin.reactivate",
    "admin.reset",
    "ballots.close",
    "comments.delete",
    "comments.reopen",
    "comments.resolve",
    "committees.archive",
    "committees.remove_member",
    "committees.restore",
    "consultations.close",
    "notifications.mark_all_read",
}


@pytest.fixture
def cases(app, monkeypatch) -> list[Case]:
    monkeypatch.setitem(app.config, "PUBLIC_REGISTRATION", True)
    # the email preference is offered only with a mail server; no mail is sent here
    monkeypatch.setattr(notification_pages, "mail_enabled", lambda: True)
    monkeypatch.setattr(reset_views, "mail_enabled", lambda: True)
    # hundreds of posts from one address: rate limits are tested in test_login_limits
    monkeypatch.setitem(
        app.config, "RATE_LIMITS", dict.fromkeys(app.config["RATE_LIMITS"], "10000 per hour")
    )
    reset_all_limits(app)
    p = seats(public=True)
    draft = create_standard(p.union, p.committee, title="Atención a comensales")
    new_revision(p, draft)
    balloted = create_standard(p.union, p.committee, title="Servicio de bebidas")
    ballot = open_on(p, balloted)
    standard, _ = requested(p, title="Limpieza de habitaciones")
    awaiting_request, _ = approved(p, title="Servicio de desayunos")
    _, to_send_back = requested(p, title="Servicio a cuartos")
    _, edition = published(p, title="Recepción de huéspedes")
    thread = comment(p.union, draft, "Propongo aclarar la recepción del comensal.")
    notifications.watch(actor_for_user(p.union), draft.id)
    comment(p.education, draft, "Otra observación sobre el mismo criterio.")
    invited = UserFactory(display_name="Rosa Ibarra", password_hash=None)
    registrant = UserFactory(display_name="Marta Sol", password_hash=None, is_public=True)
    enrolled, signing_in, enrolling = UserFactory(), UserFactory(), UserFactory()
    for user in (enrolled, signing_in, enrolling):
        two_factor.start_enrolment(user)
    for user in (enrolled, signing_in):
        two_factor.confirm_enrolment(user, _app_code(user, -1))
    db.session.commit()
    secret = current_app.config["SECRET_KEY"]

    def link(kind, user):
        fingerprint = account_fingerprint(user.password_hash, user.session_token)
        return make_token(kind, secret, user.id, fingerprint)

    observer_seat = next(m for m in p.committee.memberships if m.user_id == p.observer.id)
    future = (dt.date.today() + dt.timedelta(days=20)).isoformat()
    slug = p.committee.slug
    return [
        Case(
            None, "/login", typed={"email": p.union.email, "password": PASSWORD}, new_browser=True
        ),
        Case(
            signing_in,
            "/login/code",
            typed={"code": _app_code(signing_in)},
            new_browser=True,
            password_only=True,
        ),
        Case(enrolling, "/account/two-step/set-up", typed={"code": _app_code(enrolling)}),
        Case(
            enrolled,
            "/account/two-step",
            "/account/two-step/recovery-codes",
            typed={"proof_for_codes": PASSWORD},
        ),
        Case(
            enrolled, "/account/two-step", "/account/two-step/disable",
            typed={"proof_to_turn_off": PASSWORD},
        ),
        Case(
            p.union,
            "/account/password",
            new_browser=True,
            typed={"current_password": PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
        ),
        Case(
            None,
            f"/invite/{link(INVITE, invited)}",
            new_browser=True,
            typed={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
        ),
        Case(
            None,
            f"/register/confirm/{link(CONFIRMATION, registrant)}",
            new_browser=True,
            typed={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
        ),
        Case(None, "/register", typed={"email": "lucia.mar@ejemplo.mx", "display_name": "Lucía"}),
        Case(None, "/password/forgot", typed={"email": p.union.email}),
        Case(
            None,
            f"/password/reset/{link(PASSWORD_RESET, p.government)}",
            new_browser=True,
            typed={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
        ),
        Case(
            p.admin,
            "/admin/users/invite",
            typed={"email": "ines.rey@ejemplo.mx", "display_name": "Inés Rey"},
        ),
        Case(p.union, "/account", typed={"display_name": "Persona Nueva"}),
        Case(p.union, "/standards/new", typed={"title": "Elaboración de pan artesanal"}),
        Case(
            p.union,
            f"/standards/{draft.id}/edit",
            typed={"summary": "Aclara la bienvenida", "title": "Atención al comensal"},
        ),
        Case(p.union, f"/standards/{draft.id}/metadata", typed={"occupations": "Mesero"}),
        Case(
            p.union,
            f"/standards/{draft.id}/revisions/1",
            f"/standards/{draft.id}/revisions/1/restore",
        ),
        Case(
            p.union,
            f"/standards/{draft.id}/threads/new",
            f"/standards/{draft.id}/threads",
            typed={"body": "¿Incluye las reservaciones?"},
        ),
        Case(
            p.education,
            f"/threads/{thread.id}",
            f"/threads/{thread.id}/replies",
            typed={"body": "De acuerdo con la propuesta."},
        ),
        Case(p.union, f"/comments/{thread.root.id}/edit", typed={"body": "Texto corregido."}),
        Case(p.chair, f"/threads/{thread.id}/disposition", typed={"body": "Se aceptó."}),
        Case(
            p.admin,
            f"/threads/{thread.id}",
            f"/comments/{thread.root.id}/hide",
            typed={"reason": "Datos personales"},
        ),
        Case(p.chair, f"/standards/{draft.id}/ballots/new", typed={"closes_on": future}),
        Case(p.union, f"/ballots/{ballot.id}", f"/ballots/{ballot.id}/position"),
        Case(
            p.chair,
            f"/ballots/{ballot.id}",
            f"/ballots/{ballot.id}/cancel",
            typed={"reason": "Se reabre la redacción."},
        ),
        Case(p.chair, f"/committees/{slug}/consensus-rule"),
        Case(
            p.admin,
            "/admin/committees/new",
            typed={"name": "Comité de Energía Solar", "slug": "energia-solar"},
        ),
        Case(p.admin, f"/admin/committees/{slug}/edit"),
        Case(p.chair, f"/committees/{slug}/members", typed={"email": p.outsider.email}),
        Case(
            p.chair,
            f"/committees/{slug}/members",
            f"/committees/{slug}/members/{observer_seat.id}",
            typed={"role": "member"},
        ),
        Case(p.chair, f"/standards/{draft.id}/consultations/new", typed={"closes_on": future}),
        Case(p.union, "/notifications", "/notifications/email"),
        Case(p.union, "/notifications", f"/notifications/{_first_notification(p.union)}/read"),
        Case(p.union, f"/standards/{draft.id}", f"/standards/{draft.id}/unwatch"),
        Case(p.government, f"/standards/{draft.id}", f"/standards/{draft.id}/watch"),
        Case(p.admin, f"/standards/{standard.id}/publish", typed={"resolution_number": "CT-7"}),
        Case(
            p.chair,
            f"/standards/{awaiting_request.id}/publication-request",
            typed={"note": "Listo para publicar."},
        ),
        Case(
            p.admin,
            f"/publication/requests/{to_send_back.id}/send-back",
            typed={"reason": "Falta el acta del comité."},
        ),
        Case(p.admin, f"/ec/{edition.code}/withdraw", typed={"reason": "Sustituida."}),
        Case(p.admin, f"/ec/{edition.code}/official-act", typed={"approving_body": "Comité"}),
    ]


def _app_code(user, offset: int = 0) -> str:
    return pyotp.TOTP(user.totp_secret).at(dt.datetime.now(dt.UTC), counter_offset=offset)


def _first_notification(user) -> int:
    from wiki.notifications.models import Notification

    return db.session.scalar(
        select(Notification.id).where(Notification.user_id == user.id).limit(1)
    )


#: tables that count refused attempts by design: each wrong sign-in code is one
COUNTING_REFUSALS = {"sign_in_challenges"}


def _snapshot() -> dict:
    connection = db.session.get_bind()
    return {
        table.name: sorted(map(repr, connection.execute(select(table)).all()))
        for table in db.metadata.sorted_tables
        if table.name not in COUNTING_REFUSALS
    }


class Browser:
    """A test client logged in as the case's person, with the case's form read from its page,
    and the database as it stands before the form is sent."""

    def __init__(self, app, case: Case):
        self.case = case
        self.client = CsrfClient(app, app.response_class, use_cookies=True)
        if case.who is not None:
            response = self.client.post(
                "/login", data={"email": case.who.email, "password": PASSWORD}
            )
            assert response.status_code == 302, response.text
            if case.who.has_two_factor and not case.password_only:
                # every browser signs in anew, often within one 30-second step of the last
                db.session.refresh(case.who)
                case.who.totp_last_step = None
                db.session.flush()
                response = self.client.post("/login/code", data={"code": _app_code(case.who)})
                assert response.status_code == 302, response.text
        page = self.client.get(case.page)
        assert page.status_code == 200, case.page
        forms = post_forms(page.text, case.page)
        assert case.action in forms, f"no form posting to {case.action} on {case.page}"
        self.form = {**forms[case.action].fields, **case.typed}
        self.typed_in = forms[case.action].typed
        self.textareas = forms[case.action].textareas
        self.state = _snapshot()

    def send(self, data: dict) -> tuple[int, str, bool]:
        """Post ``data`` in a savepoint rolled back afterwards: (status, page, whether a refused
        form changed the database)."""
        savepoint = db.session.get_bind().begin_nested()
        try:
            response = self.client.post(self.case.action, data=data)
            refused = response.status_code >= 400
            return response.status_code, response.text, refused and _snapshot() != self.state
        finally:
            savepoint.rollback()


def test_every_post_route_has_a_case_or_is_a_button(app, cases):
    adapter = app.url_map.bind("localhost")
    covered = {adapter.match(case.action, method="POST")[0] for case in cases}
    posts = {rule.endpoint for rule in app.url_map.iter_rules() if "POST" in rule.methods}
    assert posts - covered - BUTTONS == set()
    assert covered & BUTTONS == set()


def _variants(form: dict, name: str, *, numbers: bool):
    """(what it tries, the data to send, whether it must be refused) for one field."""
    value = form[name]
    for label, change in CONTROL_VARIANTS.items():
        yield label, {**form, name: change(value)}, name not in VIEW_READ_FIELDS
    for label, change in NUMBER_VARIANTS.items() if numbers else ():
        yield label, {**form, name: change(value)}, False
    yield "left out", {key: v for key, v in form.items() if key != name}, False


def _problem(status: int, page: str, stored: bool, *, must_refuse: bool, says_why: bool):
    if status >= 500:
        return f"answered {status}"
    if must_refuse and not 400 <= status < 500:
        return f"accepted ({status})"
    if stored:
        return f"refused ({status}) but stored something"
    if says_why and "control characters" not in page:
        return "refused without saying why"
    return None


def test_hostile_input_in_any_form_field_is_refused_without_a_server_error(
    app, cases, monkeypatch, record_property
):
    monkeypatch.setitem(app.config, "PROPAGATE_EXCEPTIONS", False)  # count a 500, go on
    problems, answers = [], Counter()
    for case in cases:
        browser = Browser(app, case)
        status, _, _ = browser.send(browser.form)
        assert status < 400, f"{case.action}: the untouched form was refused ({status})"
        for name in [name for name in browser.form if name != "csrf_token"]:
            if case.new_browser:
                browser = Browser(app, case)
            numbers = name not in browser.textareas
            for label, data, must_refuse in _variants(browser.form, name, numbers=numbers):
                status, page, stored = browser.send(data)
                answers[status] += 1
                problem = _problem(
                    status,
                    page,
                    stored,
                    must_refuse=must_refuse,
                    says_why=must_refuse and name in browser.typed_in,
                )
                if problem:
                    problems.append(f"{case.action} [{name}] {label}: {problem}")
                if status < 400 and case.new_browser:
                    browser = Browser(app, case)
    tried = sum(answers.values())
    answered = dict(sorted(answers.items()))
    record_property("figure", f"{tried} hostile submissions of {len(cases)} forms: {answered}")
    assert not problems, f"{len(problems)} of {tried} attempts:\n" + "\n".join(problems)
