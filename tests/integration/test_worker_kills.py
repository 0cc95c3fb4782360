"""Workers killed with SIGKILL in the middle of saves, under gunicorn as in production.

Two clients keep saving through the real edit form of a server with two sync workers; the
test kills the worker holding a client's save, again and again, at random points of the
request (before, during or after its commit, while it indexes). Then: no answer was a 5xx,
every save the server confirmed is a revision, the database is intact and its revision chains
whole, and search is complete again without a restart.
"""

import http.client
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from gunicorn.config import KNOWN_SETTINGS
from sqlalchemy import func, select, text

from tests.client import csrf_token_in
from tests.conftest import dispose_app, make_app
from tests.factories import PASSWORD, full_committee
from tests.saves import assert_revisions_whole, body_with, marker
from tests.standard_factories import create_standard
from wiki.extensions import db
from wiki.search.maintenance import check_index
from wiki.search.models import SearchOutbox
from wiki.standards.models import Revision

PROJECT_ROOT = Path(__file__).resolve().parents[2]
#: saves to cut off by killing their worker (a kill can miss: the answer was out already)
INTERRUPTED_SAVES = 10
#: seconds the kills may take (20 to 40 measured on two cores shared with other test runs);
#: the bound only stops a hang
DEADLINE_SECONDS = 90
#: seconds search has, after the last kill, to be complete again
RECOVERY_SECONDS = 20
#: what a client sees when the worker holding its request dies
RESETS = (ConnectionError, http.client.HTTPException, TimeoutError, OSError)


@pytest.fixture(autouse=True)
def _transaction_per_test():
    """Real commits from a real server: a database of its own."""


@dataclass
class Client:
    """A browser: its cookies, and what the server answered it."""

    port: int
    email: str
    cookies: dict = field(default_factory=dict)
    #: the local port of the request in flight, so the test can find the worker serving it
    in_flight: int | None = None
    #: a save is in flight for the first time (not sent again after a reset)
    posting: bool = False
    statuses: list = field(default_factory=list)
    resets: int = 0
    #: saves whose first sending was cut off by a kill
    interrupted: int = 0
    #: seconds each save took that was not cut off
    save_seconds: list = field(default_factory=list)
    confirmed: list = field(default_factory=list)
    unexpected: list = field(default_factory=list)
    #: of the saves interrupted and sent again: how the server had left them
    found_committed: int = 0
    found_rolled_back: int = 0

    def request(self, method: str, path: str, form: dict | None = None):
        """One request on a new connection; returns (status, body, Location)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.connect()
            self.in_flight = connection.sock.getsockname()[1]
            headers = {"Accept-Language": "en"}
            if self.cookies:
                headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
            body = None
            if form is not None:
                body = urllib.parse.urlencode(form)
                headers["Content-Type"] = "application/x-www-form-urlencoded"
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            page = response.read().decode()
        finally:
            self.in_flight = None
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name] = rest.split(";", 1)[0]
        self.statuses.append(response.status)
        return response.status, page, response.headers.get("Location")

    def retried(self, method: str, path: str, form: dict | None = None):
        """``request`` again after each connection reset, as a person would press again.

        Returns (status, body, Location, resets).
        """
        for attempt in range(50):
            self.posting = method == "POST" and attempt == 0
            try:
                began = time.monotonic()
                answer = self.request(method, path, form)
                if self.posting:
                    self.save_seconds.append(time.monotonic() - began)
                return (*answer, attempt)
            except RESETS:
                self.resets += 1
                self.interrupted += method == "POST" and attempt == 0
                time.sleep(0.05)
            finally:
                self.posting = False
        raise AssertionError(f"{method} {path}: no answer after 50 attempts")

    def log_in(self) -> None:
        page = self.retried("GET", "/login")[1]
        form = {"email": self.email, "password": PASSWORD, "csrf_token": csrf_token_in(page)}
        status = self.retried("POST", "/login", form)[0]
        assert status == 302, status

    def keep_saving(self, standard_id: int, title: str, prefix: str, stop: threading.Event):
        """Load the editor and save a new word into the text, until ``stop``."""
        n = 0
        while not stop.is_set():
            status, page, _, _ = self.retried("GET", f"/standards/{standard_id}/edit")
            if status != 200:
                self.unexpected.append(("GET", status))
                continue
            base = re.search(r'name="base_number" type="hidden" value="(\d+)"', page).group(1)
            word = marker(n, prefix)
            form = {
                "csrf_token": csrf_token_in(page),
                "base_number": base,
                "title": title,
                "body": body_with(word),
                "summary": word,
            }
            status, _, location, resets = self.retried(
                "POST", f"/standards/{standard_id}/edit", form
            )
            if status != 302:
                self.unexpected.append(("POST", status))
            else:
                self.confirmed.append(word)
                if resets:
                    self.note_outcome(location)
            n += 1

    def note_outcome(self, location: str) -> None:
        """After an interrupted save went through: had the killed worker committed it?"""
        page = self.retried("GET", urllib.parse.urlsplit(location).path)[1]
        if "flash-info" in page:  # "Nothing changed": the text was saved already
            self.found_committed += 1
        elif "flash-success" in page:  # "Saved as revision N": it had been rolled back
            self.found_rolled_back += 1
        else:
            self.unexpected.append(("outcome", page[:200]))


def children_of(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            # "pid (name) state ppid ...": the name may hold spaces, so split after it
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry))
    return found


def worker_serving(workers: list[int], server_port: int, client_port: int) -> int | None:
    """The worker holding the connection from ``client_port``, once one has accepted it."""
    wanted = f":{server_port:04X} 0100007F:{client_port:04X} 01 "
    inode = None
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        if wanted in line:
            inode = line.split()[9]
    if inode is None:
        return None
    for pid in workers:
        try:
            for fd in os.listdir(f"/proc/{pid}/fd"):
                if os.readlink(f"/proc/{pid}/fd/{fd}") == f"socket:[{inode}]":
                    return pid
        except OSError:
            continue
    return None


@dataclass
class Server:
    process: subprocess.Popen
    port: int
    log: Path

    def workers(self) -> list[int]:
        return children_of(self.process.pid)

    def wait_until_up(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.log.read_text()
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
            try:
                connection.request("GET", "/healthz")
                if connection.getresponse().status == 200:
                    return
            except RESETS:
                pass
            finally:
                connection.close()
            time.sleep(0.1)
        raise AssertionError("the server did not start:\n" + self.log.read_text())


@pytest.fixture
def wiki(db_kind, tmp_path):
    """A wiki with a committee and two draft standards, committed; (app, ids)."""
    app, database = make_app(db_kind, tmp_path)
    with app.app_context():
        committee, people = full_committee(name="Comité de Turismo", sector="Turismo")
        standards = [
            create_standard(people["chair"], committee, title=f"Atención a comensales {n}")
            for n in (1, 2)
        ]
        db.session.commit()
        ids = {
            "emails": [people["chair"].email, people["union"].email],
            "standards": [(s.id, s.title) for s in standards],
        }
        db.session.remove()
    yield app, database, ids
    dispose_app(app, database)


@pytest.fixture
def server(wiki, loopback_socket, tmp_path):
    """gunicorn with two sync workers on the wiki's database and instance folder."""
    app, database, _ = wiki
    log = tmp_path / "gunicorn.log"
    environment = {
        **os.environ,
        "DATABASE_URL": database.url,
        "WIKI_INSTANCE_PATH": app.instance_path,
        "SECRET_KEY": app.config["SECRET_KEY"],
        "WIKI_PASSWORD_HASH_PROFILE": "CHEAPEST",
    }
    fd = loopback_socket.fileno()
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "--workers=2",
        # The app is built once and each worker forked from it: a killed worker is back in
        # milliseconds, not the seconds of an import, so ten kills take seconds. Each worker
        # still opens its own database connections and search index after the fork.
        "--preload",
        f"--bind=fd://{fd}",
        "--timeout=30",
        "--graceful-timeout=1",
        "wiki:create_app()",
    ]
    if any(setting.name == "control_socket_disable" for setting in KNOWN_SETTINGS):
        # Newer gunicorns open a control socket in the home folder, one path for every server.
        command.insert(-1, "--no-control-socket")
    with open(log, "w") as output:
        process = subprocess.Popen(
            command,
            cwd=PROJECT_ROOT,
            env=environment,
            pass_fds=(fd,),
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    running = Server(process, loopback_socket.getsockname()[1], log)
    try:
        running.wait_until_up()
        yield running
    finally:
        process.send_signal(signal.SIGQUIT)  # quick shutdown: the test is over
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def searched_ids(client: Client, word: str) -> set[int]:
    """The standards a search for ``word`` lists; none while the index is being rebuilt."""
    status, page, _, _ = client.retried("GET", f"/search?q={word}")
    assert status in (200, 503), status
    if status == 503:
        return set()
    return {int(i) for i in re.findall(r'href="/standards/(\d+)"', page)}


@pytest.mark.slow
def test_workers_killed_mid_save_lose_nothing_confirmed_and_search_recovers(
    wiki, server, db_kind, record_property
):
    started = time.monotonic()
    app, _, ids = wiki
    clients = [Client(server.port, email) for email in ids["emails"]]
    for client in clients:
        client.log_in()
    stop = threading.Event()
    threads = [
        threading.Thread(
            target=client.keep_saving, args=(*standard, f"proceso{i}", stop), daemon=True
        )
        for i, (client, standard) in enumerate(zip(clients, ids["standards"], strict=True))
    ]
    for thread in threads:
        thread.start()
    rng = random.Random(13)
    kills = []
    confirmed_before_kill = 1  # two saves timed before the first kill
    try:
        while sum(c.interrupted for c in clients) < INTERRUPTED_SAVES:
            # A save confirmed since the last kill: the server is serving again.
            while sum(len(c.confirmed) for c in clients) <= confirmed_before_kill:
                assert time.monotonic() - started < DEADLINE_SECONDS, f"{len(kills)} kills"
                time.sleep(0.01)
            victim = None
            while victim is None:
                assert time.monotonic() - started < DEADLINE_SECONDS, "no save to interrupt"
                for client in rng.sample(clients, len(clients)):
                    port = client.in_flight
                    if client.posting and port:
                        victim = worker_serving(server.workers(), server.port, port)
                        if victim:
                            break
                else:
                    time.sleep(0.002)
            # Somewhere in the save: parsing, the transaction, its commit, the indexing after.
            typical = statistics.median(s for c in clients for s in c.save_seconds)
            time.sleep(rng.uniform(0, typical))
            confirmed_before_kill = sum(len(c.confirmed) for c in clients)
            try:
                os.kill(victim, signal.SIGKILL)
            except ProcessLookupError:
                continue
            kills.append(victim)
    finally:
        stop.set()
        for thread in threads:
            thread.join(30)
    killing_done = time.monotonic()

    statuses = [status for client in clients for status in client.statuses]
    assert not [s for s in statuses if s >= 500], statuses
    assert [u for c in clients for u in c.unexpected] == []
    interrupted = sum(c.interrupted for c in clients)

    with app.app_context():
        if db_kind == "sqlite":
            assert db.session.execute(text("PRAGMA integrity_check")).scalars().all() == ["ok"]
            assert db.session.execute(text("PRAGMA foreign_key_check")).all() == []
        by_standard = assert_revisions_whole(db.session)
        summaries = set(db.session.scalars(select(Revision.summary)))
        db.session.remove()
    confirmed = [word for client in clients for word in client.confirmed]
    assert set(confirmed) <= summaries

    # Search complete again, without a restart: the workers' own maintenance catches up.
    heads = {standard_id: rows[-1].summary for standard_id, rows in by_standard.items()}
    while True:
        found = {sid for sid, word in heads.items() if sid in searched_ids(clients[0], word)}
        with app.app_context():
            outbox = db.session.scalar(select(func.count()).select_from(SearchOutbox))
            db.session.remove()  # before check_index's own session: one writer at a time
            clean = check_index(app.extensions["search"]).clean
        if found == set(heads) and outbox == 0 and clean:
            break
        assert time.monotonic() - killing_done < RECOVERY_SECONDS, (found, outbox, clean)
        time.sleep(0.2)
    recovered = time.monotonic() - killing_done
    committed = sum(c.found_committed for c in clients)
    rolled_back = sum(c.found_rolled_back for c in clients)
    figure = (
        f"{db_kind}: {len(kills)} workers killed, {interrupted} saves interrupted and retried "
        f"({committed} found committed, {rolled_back} rolled back), "
        f"{len(confirmed)} saves confirmed (median {typical * 1000:.0f} ms), "
        f"{len(statuses)} answers, none 5xx; "
        f"search complete {recovered:.1f} s after the last kill; "
        f"{time.monotonic() - started:.1f} s in all"
    )
    record_property("figure", figure)
