"""The database goes away while a live server answers requests, and comes back.

On SQLite new connections are refused, as when its file cannot be opened. On PostgreSQL a
private cluster made with ``initdb`` on a port of its own is stopped with ``pg_ctl`` and started
again; the shared server the rest of the suite uses is never touched. While the database is
away every answer is a 503 (never a 500), a refused save shows what was sent, and service
resumes by itself when the database is back.
"""

import glob
import http.cookiejar
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from sqlalchemy import event, select
from werkzeug.serving import make_server

from tests.client import csrf_token_in
from tests.conftest import dispose_app, make_app
from tests.factories import PASSWORD, full_committee
from tests.standard_factories import SPANISH_BODY, create_standard
from wiki.extensions import db
from wiki.standards.models import Revision


@pytest.fixture(autouse=True)
def _transaction_per_test():
    """A live server commits for real, on a database of its own."""


class RefusedConnections:
    """SQLite away: every new connection fails as when the file cannot be opened."""

    def __init__(self, engine):
        self.engine = engine

    @staticmethod
    def _refuse(dialect, connection_record, cargs, cparams):
        raise sqlite3.OperationalError("unable to open database file")

    def stop(self) -> None:
        event.listen(self.engine, "do_connect", self._refuse)
        self.engine.dispose()  # the pooled connections go with the file

    def start(self) -> None:
        event.remove(self.engine, "do_connect", self._refuse)


class PrivateCluster:
    """A PostgreSQL cluster of the test's own, in a temporary folder, on a free port."""

    def __init__(self):
        binaries = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
        if not binaries:
            pytest.skip("the PostgreSQL server programs (initdb, pg_ctl) are not installed")
        self.bin = Path(binaries[-1]).parent
        self.folder = Path(tempfile.mkdtemp(prefix="wiki-outage-"))
        self.data = self.folder / "data"
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"
        # initdb refuses to run as root: then the cluster belongs to the postgres user.
        self.as_owner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_owner:
            shutil.chown(self.folder, "postgres")

    def _run(self, program: str, *args: str) -> None:
        subprocess.run(
            [*self.as_owner, str(self.bin / program), *args],
            check=True,
            capture_output=True,
            timeout=120,
        )

    def create(self) -> None:
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "--no-sync")
        self.start()

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-l",
            str(self.folder / "log"),
            "-w",
            "-o",
            options,
            "start",
        )

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def remove(self) -> None:
        subprocess.run(
            [
                *self.as_owner,
                str(self.bin / "pg_ctl"),
                "-D",
                str(self.data),
                "-m",
                "immediate",
                "stop",
            ],
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(self.folder, ignore_errors=True)


class Visitor:
    """A browser of the live server: keeps its cookies, follows no redirect, reads English."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirect()
        )

    def get(self, path: str):
        return self._open(urllib.request.Request(self.base + path))

    def post(self, path: str, data: dict):
        body = urllib.parse.urlencode(data).encode()
        return self._open(urllib.request.Request(self.base + path, data=body))

    def _open(self, request) -> tuple[int, str, dict]:
        request.add_header("Accept-Language", "en")
        try:
            response = self.opener.open(request, timeout=60)
        except urllib.error.HTTPError as error:
            response = error
        with response:
            return response.status, response.read().decode(), dict(response.headers)

    def log_in(self, email: str) -> None:
        _, page, _ = self.get("/login")
        status, _, _ = self.post(
            "/login", {"email": email, "password": PASSWORD, "csrf_token": csrf_token_in(page)}
        )
        assert status == 302

    def edit_form(self, standard_id: int, body: str) -> dict | None:
        """The editor's form with ``body`` typed in, or None if the page did not load."""
        status, page, _ = self.get(f"/standards/{standard_id}/edit")
        if status != 200:
            return None
        base = re.search(r'name="base_number" type="hidden" value="(\d+)"', page).group(1)
        return {
            "csrf_token": csrf_token_in(page),
            "base_number": base,
            "title": "Atención a comensales",
            "body": body,
            "summary": "",
            "action": "save",
        }


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None




class Served:
    """The live server, its database's outage switch, and what the tests read and write."""

    def __init__(self, app, url, outage, member_email, standard_id):
        self.app, self.url, self.outage = app, url, outage
        self.member_email, self.standard_id = member_email, standard_id

    def revision_numbers(self) -> list[int]:
        with self.app.app_context():
            numbers = db.session.scalars(
                select(Revision.number)
                .where(Revision.standard_id == self.standard_id)
                .order_by(Revision.number)
            ).all()
            db.session.remove()
        return list(numbers)

    def wait_until_serving(self, timeout: float = 60) -> float:
        """Seconds until the home page answers 200 again."""
        started = time.monotonic()
        visitor = Visitor(self.url)
        while visitor.get("/")[0] != 200:
            assert time.monotonic() - started < timeout, "service did not resume"
            time.sleep(0.1)
        return time.monotonic() - started


@pytest.fixture(scope="module")
def served(db_kind, tmp_path_factory):
    directory = tmp_path_factory.mktemp("outage")
    with pytest.MonkeyPatch.context() as patch:
        cluster = PrivateCluster() if db_kind == "postgresql" else None
        try:
            if cluster is not None:
                cluster.create()
                # make_app's throwaway database, on the private cluster, not the shared server
                patch.setattr("tests.conftest.POSTGRES_ADMIN_URL", cluster.url)
            app, database = make_app(db_kind, directory)
            with app.app_context():
                committee, people = full_committee()
                standard = create_standard(people["union"], committee)
                db.session.commit()
                member_email, standard_id = people["union"].email, standard.id
                outage = cluster or RefusedConnections(db.engine)
            server = make_server("127.0.0.1", 0, app, threaded=True)
            thread = threading.Thread(target=server.serve_forever, daemon=True)
            thread.start()
            yield Served(
                app, f"http://127.0.0.1:{server.server_port}", outage, member_email, standard_id
            )
            server.shutdown()
            thread.join(10)
            dispose_app(app, database)
        finally:
            if cluster is not None:
                cluster.remove()


def test_while_the_database_is_away_pages_answer_503_and_service_resumes(served, record_property):
    visitor, member = Visitor(served.url), Visitor(served.url)
    member.log_in(served.member_email)
    form = member.edit_form(served.standard_id, SPANISH_BODY + "\nDespide al comensal <ya>.\n")
    before = served.revision_numbers()

    served.outage.stop()
    try:
        for who, path in [
            (visitor, "/"),
            (visitor, "/registry"),
            (visitor, "/committees"),
            (member, "/"),
            (member, f"/standards/{served.standard_id}"),
            (member, "/no/such/page"),
        ]:
            status, page, headers = who.get(path)
            assert status == 503, path
            assert "The service is unavailable" in page and "Retry-After" in headers
        status, page, _ = member.post(f"/standards/{served.standard_id}/edit", form)
        assert status == 503
        assert "Your change was not saved" in page
        assert "Despide al comensal &lt;ya&gt;." in page
    finally:
        served.outage.start()
    resumed = served.wait_until_serving()
    record_property("figure", f"service resumed {resumed:.2f} s after the database started")

    status, page, _ = member.get("/")
    assert status == 200 and 'class="nav-user"' in page  # still logged in
    assert member.post(f"/standards/{served.standard_id}/edit", form)[0] == 302
    assert served.revision_numbers() == [*before, before[-1] + 1]


def test_requests_while_the_database_stops_and_starts_never_answer_500(served, record_property):
    statuses, stop = [], threading.Event()

    def reader(path, email=None):
        visitor = Visitor(served.url)
        if email:
            visitor.log_in(email)
        while not stop.is_set():
            statuses.append(visitor.get(path)[0])

    def writer():
        member = Visitor(served.url)
        member.log_in(served.member_email)
        saves = 0
        while not stop.is_set():
            saves += 1
            form = member.edit_form(served.standard_id, SPANISH_BODY + f"\nCambio {saves}.\n")
            if form is None:
                statuses.append(503)
                continue
            statuses.append(member.post(f"/standards/{served.standard_id}/edit", form)[0])

    workers = [
        threading.Thread(target=reader, args=("/registry",)),
        threading.Thread(
            target=reader, args=(f"/standards/{served.standard_id}", served.member_email)
        ),
        threading.Thread(target=writer),
    ]
    for worker in workers:
        worker.start()
    try:
        for _ in range(2):
            time.sleep(0.5)
            served.outage.stop()
            time.sleep(1)
            served.outage.start()
        served.wait_until_serving()
        time.sleep(0.5)
    finally:
        stop.set()
        for worker in workers:
            worker.join(60)
    counts = {status: statuses.count(status) for status in sorted(set(statuses))}
    record_property(
        "figure", f"{len(statuses)} requests while the database stopped and started twice: {counts}"
    )
    assert set(counts) <= {200, 302, 409, 503}, counts
    assert counts.get(503) and counts.get(200)
    numbers = served.revision_numbers()
    assert numbers == list(range(1, len(numbers) + 1))
