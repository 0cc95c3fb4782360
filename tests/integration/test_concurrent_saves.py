"""Several processes saving one standard at once: every save is stored or reported, none lost."""

import multiprocessing
import random
import time

import pytest
from sqlalchemy import select

from tests.conftest import dispose_app, make_app
from wiki.extensions import db

WORKERS = 4
SAVES_PER_WORKER = 8


def _paragraphs(tokens_by_worker: dict[int, list[str]], shared: str) -> str:
    parts = [
        f"Párrafo del taller {w}: {' '.join(tokens_by_worker.get(w, []))}".rstrip()
        for w in range(WORKERS)
    ]
    return "\n\n".join([*parts, f"Párrafo compartido: {shared}"]) + "\n"


def _rewrites_shared(worker: int, save: int) -> bool:
    return worker in (0, 1) and save % 2 == 1


def _worker(url, instance, standard_id, user_id, worker, queue, barrier):
    """Save SAVES_PER_WORKER times from a base read a moment earlier, as a browser would."""
    from wiki import create_app
    from wiki.accounts.models import User
    from wiki.committees.actors import actor_for_user
    from wiki.standards import operations
    from wiki.standards.models import Standard
    from wiki.standards.operations import MergeConflict

    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "INSTANCE_PATH": instance,
            "SECRET_KEY": "k",
            "PASSWORD_HASH_PROFILE": "CHEAPEST",
        }
    )
    rng = random.Random(worker)
    outcomes = []
    with app.app_context():
        barrier.wait(60)
        for i in range(SAVES_PER_WORKER):
            standard = db.session.get(Standard, standard_id)
            head = standard.head_revision
            base_number, text = head.number, head.body_markdown
            db.session.rollback()
            token = f"w{worker}-{i}"
            if _rewrites_shared(worker, i):
                # Workers 0 and 1 also rewrite the shared paragraph: their edits overlap.
                lines = text.splitlines()
                lines[-1] = f"Párrafo compartido: versión {token}"
                new_text = "\n".join(lines) + "\n"
            else:
                lines = text.split("\n\n")
                lines[worker] = lines[worker] + f" {token}"
                new_text = "\n\n".join(lines)
            # Think time between loading the editor and saving: others save meanwhile.
            time.sleep(rng.random() / 50)
            try:
                actor = actor_for_user(db.session.get(User, user_id))
                result = operations.save_revision(
                    actor,
                    standard_id,
                    base_number=base_number,
                    title=head.title,
                    body=new_text,
                    summary=token,
                )
                number = result.revision.number if result.revision else None
                db.session.commit()
                outcomes.append(("merged" if result.merged_with else "stored", token, number))
            except MergeConflict:
                db.session.rollback()
                outcomes.append(("conflict", token, None))
            except Exception as error:  # reported to the test, which fails on it
                db.session.rollback()
                outcomes.append(("error", token, repr(error)))
    queue.put(outcomes)


@pytest.fixture(autouse=True)
def _transaction_per_test():
    """Real commits from several processes: a database of its own."""


@pytest.fixture(scope="module")
def shared_database(db_kind, tmp_path_factory):
    directory = tmp_path_factory.mktemp("concurrent")
    app, database = make_app(db_kind, directory)
    yield app, database, str(directory / "instance")
    dispose_app(app, database)


@pytest.mark.slow
def test_concurrent_saves_are_stored_or_reported_and_numbers_stay_contiguous(shared_database):
    from tests.factories import full_committee
    from tests.standard_factories import create_standard
    from wiki.standards.models import Revision

    app, database, instance = shared_database
    with app.app_context():
        committee, people = full_committee()
        standard = create_standard(people["chair"], committee, body=_paragraphs({}, "inicial"))
        db.session.commit()
        standard_id, user_id = standard.id, people["chair"].id

    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    barrier = context.Barrier(WORKERS)
    processes = [
        context.Process(
            target=_worker, args=(database.url, instance, standard_id, user_id, w, queue, barrier)
        )
        for w in range(WORKERS)
    ]
    for process in processes:
        process.start()
    outcomes = [item for _ in processes for item in queue.get(timeout=120)]
    for process in processes:
        process.join(30)

    errors = [o for o in outcomes if o[0] == "error"]
    assert errors == []
    assert len(outcomes) == WORKERS * SAVES_PER_WORKER
    stored = [o for o in outcomes if o[0] in ("stored", "merged") and o[2] is not None]
    merged = [o for o in outcomes if o[0] == "merged"]
    conflicts = [o for o in outcomes if o[0] == "conflict"]
    print(f"{len(stored)} stored ({len(merged)} merged), {len(conflicts)} conflicts")
    # The saves really overlapped in time: some had to merge.
    assert merged
    with app.app_context():
        numbers = db.session.scalars(
            select(Revision.number)
            .where(Revision.standard_id == standard_id)
            .order_by(Revision.number)
        ).all()
        summaries = set(
            db.session.scalars(select(Revision.summary).where(Revision.standard_id == standard_id))
        )
        head_text = db.session.scalars(
            select(Revision.body_markdown)
            .where(Revision.standard_id == standard_id)
            .order_by(Revision.number.desc())
            .limit(1)
        ).one()
    assert numbers == list(range(1, len(numbers) + 1))
    assert len(numbers) == 1 + len(stored)
    assert {token for _, token, _ in stored} <= summaries
    # Every paragraph edit that was stored survives in the final text: merges lost nothing.
    for _, token, _ in stored:
        worker = int(token[1:].split("-")[0])
        if not _rewrites_shared(worker, int(token.split("-")[1])):
            assert token in head_text, token
