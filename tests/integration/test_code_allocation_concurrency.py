"""Several processes publishing at the same moment never get the same EC code.

Runs on the database chosen with ``--db``: SQLite serialises writers with BEGIN IMMEDIATE,
PostgreSQL with the counter's row lock (and, while the counter row is missing, with its primary
key: one creator wins, the others retry). The processes race twice: first with the counter row
missing, then with it in place; starting processes is the slow part, so they do both rounds.
"""

import multiprocessing

import pytest
from sqlalchemy import delete, func, select

from tests.conftest import make_app
from wiki.extensions import db

WORKERS = 3
ROUNDS = ("missing_counter", "counter_in_place")


def _publish(url, instance, standard_ids, user_id, queue, barrier):
    """Publish one standard per round as soon as every worker is ready; report codes or errors."""
    from wiki import create_app
    from wiki.accounts.models import User
    from wiki.committees.actors import actor_for_user
    from wiki.publication.operations import publish_edition

    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": url,
            "INSTANCE_PATH": instance,
            "SECRET_KEY": "k",
            "PASSWORD_HASH_PROFILE": "CHEAPEST",
        }
    )
    with app.app_context():
        actor = actor_for_user(db.session.get(User, user_id))
        db.session.rollback()
        for round_name, standard_id in zip(ROUNDS, standard_ids, strict=True):
            barrier.wait(60)
            try:
                code = publish_edition(actor, standard_id).code
                db.session.commit()
                queue.put((round_name, standard_id, code, None))
            except Exception as error:  # reported to the test, which fails on it
                db.session.rollback()
                queue.put((round_name, standard_id, None, repr(error)))


@pytest.fixture(autouse=True)
def _transaction_per_test():
    """Real commits from several processes: a database of its own."""


@pytest.fixture(scope="module")
def race(db_kind, tmp_path_factory):
    """Approve 2 × WORKERS standards and ask for their publication, drop the counter row, then
    let the workers (as an agency administrator) publish."""
    from tests.ballot_factories import requested
    from tests.factories import seats
    from wiki.publication.models import CodeCounter
    from wiki.standards.models import Standard

    directory = tmp_path_factory.mktemp("codes")
    app, database = make_app(db_kind, directory)
    with app.app_context():
        committee = seats()
        ids = [
            requested(committee, title=f"Estándar concurrente {n}")[0].id
            for n in range(2 * WORKERS)
        ]
        admin_id = committee.admin.id
        highest = db.session.scalar(select(func.max(Standard.code_number))) or 0
        db.session.execute(delete(CodeCounter))
        db.session.commit()

    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    barrier = context.Barrier(WORKERS)
    processes = [
        context.Process(
            target=_publish,
            args=(
                database.url,
                str(directory / "instance"),
                ids[w::WORKERS],
                admin_id,
                queue,
                barrier,
            ),
        )
        for w in range(WORKERS)
    ]
    for process in processes:
        process.start()
    results = [queue.get(timeout=120) for _ in range(2 * WORKERS)]
    for process in processes:
        process.join(30)

    with app.app_context():
        rows = db.session.execute(
            select(Standard.id, Standard.code_number).where(Standard.id.in_(ids))
        )
        numbers = {standard_id: number for standard_id, number in rows}
        counters = db.session.execute(select(CodeCounter.name, CodeCounter.last_number)).all()
        db.session.rollback()
        db.engine.dispose()
    database.drop()
    return {"results": results, "numbers": numbers, "counters": counters, "highest": highest}


def _codes(race, round_name):
    return sorted(code for name, _, code, _ in race["results"] if name == round_name)


@pytest.mark.slow
def test_simultaneous_publications_report_no_error(race):
    assert [error for *_, error in race["results"] if error] == []
    assert len(race["results"]) == 2 * WORKERS


@pytest.mark.slow
def test_a_missing_counter_is_recreated_once_and_codes_follow_the_highest(race):
    first = race["highest"] + 1
    assert _codes(race, "missing_counter") == [
        f"EC{n:04d}.01" for n in range(first, first + WORKERS)
    ]
    assert [name for name, _ in race["counters"]] == ["standard_codes"]


@pytest.mark.slow
def test_simultaneous_publications_never_share_a_code(race):
    first = race["highest"] + WORKERS + 1
    assert _codes(race, "counter_in_place") == [
        f"EC{n:04d}.01" for n in range(first, first + WORKERS)
    ]
    numbers = sorted(race["numbers"].values())
    assert numbers == list(range(race["highest"] + 1, race["highest"] + 2 * WORKERS + 1))
    assert race["counters"][0][1] == numbers[-1]
