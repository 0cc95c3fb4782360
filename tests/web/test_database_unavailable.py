"""Pages while the database is away: a styled 503 made without the database, and a refused
save that shows what was sent. (tests/integration/test_database_outage.py stops a real one.)"""

import re

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.exc import OperationalError

from tests.client import logged_in_as
from tests.comment_factories import BODY, comment, publish
from tests.conftest import ConnectionBoundSession
from wiki.extensions import db
from wiki.standards.models import Revision

#: statements that manage the test's own transaction still run, so it can be rolled back
_BOOKKEEPING = re.compile(r"\s*(SAVEPOINT|RELEASE|ROLLBACK)", re.IGNORECASE)


class Outage:
    """Every query fails as it would with the server gone, from ``begin()`` to ``end()``."""

    def __init__(self, engine):
        self.engine = engine
        self.error = engine.dialect.loaded_dbapi.OperationalError

    def _refuse(self, conn, cursor, statement, parameters, context, executemany):
        if not _BOOKKEEPING.match(statement):
            raise self.error("the database server is not answering (test)")

    def begin(self) -> None:
        event.listen(self.engine, "before_cursor_execute", self._refuse)

    def end(self) -> None:
        if event.contains(self.engine, "before_cursor_execute", self._refuse):
            event.remove(self.engine, "before_cursor_execute", self._refuse)


@pytest.fixture
def outage(app):
    outage = Outage(db.engine)
    yield outage
    outage.end()


def _assert_styled_503(response):
    assert response.status_code == 503
    assert response.headers["Retry-After"].isdigit()
    assert "The service is unavailable" in response.text
    assert 'rel="stylesheet"' in response.text
    assert "Internal Server Error" not in response.text


@pytest.mark.parametrize("signed_in", [False, True])
def test_every_page_answers_a_styled_503_while_the_database_is_away(
    client, login, p, standard, outage, signed_in
):
    code = publish(p, standard).code
    db.session.commit()
    standard_id = standard.id
    if signed_in:
        login(p.union)
    outage.begin()
    pages = ["/", "/registry", "/committees", f"/ec/{code}", f"/standards/{standard_id}"]
    if signed_in:
        pages += [f"/standards/{standard_id}/edit", "/notifications", "/no/such/page"]
    for page in pages:
        response = client.get(page)
        _assert_styled_503(response)
        assert logged_in_as(response) is None, page  # the header reads no one from the database


def test_a_refused_save_shows_the_text_that_was_sent(client, login, p, standard, outage):
    login(p.union)
    body = BODY + '\nUn párrafo nuevo con <script>alert("x")</script> y "comillas".\n'
    url = f"/standards/{standard.id}/edit"
    outage.begin()
    response = client.post(
        url,
        data={
            "base_number": "1",
            "title": "Atención al comensal",
            "body": body,
            "summary": "Añade la despedida",
            "action": "save",
        },
    )
    _assert_styled_503(response)
    assert "Your change was not saved" in response.text
    texts = dict(
        re.findall(r'<label class="label" for="(sent-\d+)">([^<]+)</label>', response.text)
    )
    assert list(texts.values()) == ["Title", "Text (Markdown)", "Summary of your change"]
    boxes = re.findall(r"<textarea [^>]*readonly[^>]*>(.*?)</textarea>", response.text, re.S)
    assert boxes[0] == "Atención al comensal"
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; y &#34;comillas&#34;." in boxes[1]
    assert "<script>alert" not in response.text
    assert boxes[2] == "Añade la despedida"
    outage.end()
    assert _revisions(standard) == 1


def test_a_refused_reply_keeps_its_text(client, login, p, standard, outage):
    thread = comment(p.union, standard)
    db.session.commit()
    login(p.education)
    url = f"/threads/{thread.id}/replies"
    outage.begin()
    response = client.post(url, data={"body": "Estoy de acuerdo."})
    _assert_styled_503(response)
    assert re.search(r"<textarea [^>]*readonly[^>]*>Estoy de acuerdo\.</textarea>", response.text)


def test_a_refused_log_in_never_shows_the_password(client, p, outage):
    email = p.union.email
    outage.begin()
    response = client.post("/login", data={"email": email, "password": "clave secreta"})
    _assert_styled_503(response)
    assert "clave secreta" not in response.text


def test_pages_work_again_once_the_database_answers(client, login, p, standard, outage):
    login(p.union)
    url = f"/standards/{standard.id}"
    outage.begin()
    _assert_styled_503(client.get(url))
    outage.end()
    assert client.get(url).status_code == 200
    saved = client.post(
        f"/standards/{standard.id}/edit",
        data={"base_number": "1", "title": standard.title, "body": BODY + "\nCierre.\n"},
    )
    assert saved.status_code == 302
    assert _revisions(standard) == 2


def _revisions(standard) -> int:
    return db.session.scalar(
        select(func.count()).select_from(Revision).where(Revision.standard_id == standard.id)
    )


def test_a_connection_lost_after_the_page_was_made_does_not_turn_it_into_a_500(client, monkeypatch):
    """Closing the request's session rolls back; on a dead connection that raises."""
    close = ConnectionBoundSession.close
    error = db.engine.dialect.loaded_dbapi.OperationalError("server closed the connection")
    lost = []

    def close_on_a_dead_connection(session):
        if not lost:
            lost.append(session)
            raise OperationalError("ROLLBACK", {}, error)
        close(session)

    monkeypatch.setattr(ConnectionBoundSession, "close", close_on_a_dead_connection)
    assert client.get("/registry").status_code == 200
    assert lost
    assert client.get("/registry").status_code == 200  # a new session, not the lost one
