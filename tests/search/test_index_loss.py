"""The Whoosh index folder removed under a running server (gunicorn, two workers, as in
production) while people search and save.

Searches answer 200 or the 503 "the search index is being rebuilt", never another 5xx nor a
short list of results; saves all go through; one worker rebuilds the index, once, without a
restart; afterwards every standard and every save is found again, the outbox is empty and
the index matches the database. The figures go to the end of the test report.
"""

import re
import shutil
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from tests.integration import test_worker_kills as worker_kills
from tests.integration.test_worker_kills import Client
from tests.saves import assert_revisions_whole
from tests.standard_factories import create_standard
from wiki.accounts.models import User
from wiki.committees.models import Committee
from wiki.extensions import db
from wiki.search.maintenance import check_index
from wiki.search.models import SearchOutbox

#: fixtures of the worker-kill proof: two standards ("Atención a comensales 1" and "2"),
#: and gunicorn with two workers on them
wiki = worker_kills.wiki
server = worker_kills.server

#: standards in the registry: enough for the rebuild to take a moment under load
STANDARDS = 60
#: the word every standard's title holds, searched for again and again
WORD = "comensales"
#: seconds of steady traffic before the index is removed, and after it is whole again
STEADY_SECONDS = 2.0
#: seconds search has to be whole again; the bound only stops a hang
RECOVERY_SECONDS = 40
REBUILT = ("The search index is being rebuilt", "El índice de búsqueda se está reconstruyendo")


@pytest.fixture(autouse=True)
def _transaction_per_test():
    """Real commits from a real server: a database of its own."""


@pytest.fixture
def registry(wiki):
    """``wiki`` with more standards, committed and indexed before ``server`` starts."""
    app, _, ids = wiki
    with app.app_context():
        chair = db.session.scalar(select(User).where(User.email == ids["emails"][0]))
        committee = db.session.scalar(select(Committee))
        for n in range(3, STANDARDS + 1):
            create_standard(chair, committee, title=f"Atención a {WORD} {n}")
        db.session.commit()
        db.session.remove()
    return wiki


class Searches:
    """What a person searching again and again was answered, with when."""

    def __init__(self, client: Client):
        self.client = client
        #: (seconds, status, total found or None)
        self.answers: list[tuple[float, int, int | None]] = []
        self.unexpected: list[str] = []

    def keep_searching(self, stop: threading.Event) -> None:
        while not stop.is_set():
            status, page, _ = self.client.request("GET", f"/search?q={WORD}")
            total = re.search(r'data-total="(\d+)"', page)
            self.answers.append((time.monotonic(), status, int(total.group(1)) if total else None))
            if status == 503 and not any(words in page for words in REBUILT):
                self.unexpected.append(page[:300])
            elif status not in (200, 503):
                self.unexpected.append(f"{status}: {page[:300]}")

    def whole_since(self, moment: float) -> float | None:
        """When, after ``moment``, a search first listed every standard again."""
        for at, status, total in self.answers:
            if at > moment and status == 200 and total == STANDARDS:
                return at
        return None


@pytest.mark.slow
def test_an_index_removed_under_load_is_rebuilt_once_and_search_is_whole_again(
    registry, server, db_kind, record_property
):
    started = time.monotonic()
    app, _, ids = registry
    savers = [Client(server.port, email) for email in ids["emails"]]
    searchers = [Searches(Client(server.port, email)) for email in ids["emails"]]
    for client in [*savers, *(s.client for s in searchers)]:
        client.log_in()
    stop = threading.Event()
    threads = [
        threading.Thread(target=c.keep_saving, args=(*standard, f"perdido{i}", stop))
        for i, (c, standard) in enumerate(zip(savers, ids["standards"], strict=True))
    ] + [threading.Thread(target=s.keep_searching, args=(stop,)) for s in searchers]
    for thread in threads:
        thread.start()
    try:
        time.sleep(STEADY_SECONDS)
        removed = time.monotonic()
        remove_folder(Path(app.instance_path) / "search-index")
        # A worker's open searcher may still read the removed files for a moment; whole again
        # counts from the first answer that found the index gone.
        while (noticed := first_unavailable(searchers, removed)) is None or (
            whole := min_whole(searchers, noticed)
        ) is None:
            assert time.monotonic() - removed < RECOVERY_SECONDS, "search never whole again"
            time.sleep(0.1)
        time.sleep(STEADY_SECONDS)
    finally:
        stop.set()
        for thread in threads:
            thread.join(30)

    answers = [answer for s in searchers for answer in s.answers]
    statuses = [status for c in [*savers, *(s.client for s in searchers)] for status in c.statuses]
    assert [u for s in searchers for u in s.unexpected] == []
    assert [u for c in savers for u in c.unexpected] == []
    assert not [s for s in statuses if s >= 500 and s != 503], statuses
    # Never a short list: a search answered either every standard or "being rebuilt".
    assert {total for _, status, total in answers if status == 200} == {STANDARDS}
    unavailable = [at for at, status, _ in answers if status == 503]
    assert unavailable and min(unavailable) >= removed

    with app.app_context():
        if db_kind == "sqlite":
            assert db.session.execute(text("PRAGMA integrity_check")).scalars().all() == ["ok"]
        heads = {sid: rows[-1].summary for sid, rows in assert_revisions_whole(db.session).items()}
        db.session.remove()
    # The last saves' drains may have met a merge: their retries, in the workers, finish.
    stopped = time.monotonic()
    while not settled(app):
        assert time.monotonic() - stopped < RECOVERY_SECONDS, "the outbox was never drained"
        time.sleep(0.2)
    for standard_id, word in heads.items():
        if word.startswith("perdido"):  # the last save of each standard someone edited
            status, page, _ = savers[0].request("GET", f"/search?q={word}")
            assert status == 200 and f'href="/standards/{standard_id}"' in page, word
    rebuilds = server.log.read_text().count("index rebuilt with")
    assert rebuilds == 1, server.log.read_text()[-3000:]

    saves = sum(len(c.confirmed) for c in savers)
    figure = (
        f"{db_kind}: {len(statuses)} requests ({len(answers)} searches, {saves} saves), "
        f"{len(unavailable)} answered 503 'being rebuilt', none another 5xx; the first 503 "
        f"{noticed - removed:.1f} s after the index was removed, search whole again "
        f"{whole - removed:.1f} s after it; {rebuilds} rebuild of "
        f"{STANDARDS} standards; {time.monotonic() - started:.1f} s in all"
    )
    record_property("figure", figure)
    print(figure)


def settled(app) -> bool:
    """The outbox empty and the index holding exactly what the database gives."""
    with app.app_context():
        outbox = db.session.scalar(select(func.count()).select_from(SearchOutbox))
        db.session.remove()  # before check_index's own session
        return outbox == 0 and check_index(app.extensions["search"]).clean


def remove_folder(folder: Path) -> None:
    """Remove ``folder`` while workers may still be writing into it: a file they add or take
    away during the removal makes ``rmtree`` fail, so it tries again until the folder is gone."""
    for _ in range(100):
        if not folder.exists():
            return
        try:
            shutil.rmtree(folder)
        except OSError:
            time.sleep(0.05)
    assert not folder.exists(), f"could not remove {folder}"


def first_unavailable(searchers: list[Searches], moment: float) -> float | None:
    """When, after ``moment``, a searcher was first told the index is being rebuilt."""
    told = [
        at for s in searchers for at, status, _ in list(s.answers) if at > moment and status == 503
    ]
    return min(told) if told else None


def min_whole(searchers: list[Searches], moment: float) -> float | None:
    """When the first searcher saw every standard again after ``moment``."""
    seen = [at for s in searchers if (at := s.whole_since(moment)) is not None]
    return min(seen) if seen else None
