"""Cost of reading a standard must not grow with its history.

Builds two standards, one with 10 revisions and one with 10,000, then times through
the full Flask stack (test client, real database): viewing a revision, the first and a
middle history page, and a diff of two revisions. Prints medians in milliseconds.

    python benchmarks/bench_history.py                 # SQLite in a temporary folder
    python benchmarks/bench_history.py --db postgresql # throwaway PostgreSQL database
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import event, insert

from tests.conftest import make_app
from wiki.extensions import db

SIZES = (10, 10_000)
RUNS = 30


def build(app, revisions: int):
    """A standard with ``revisions`` revisions, inserted in bulk (not rendered one by one)."""
    from tests.factories import full_committee
    from tests.standard_factories import SPANISH_BODY, create_standard
    from wiki.standards.models import Revision, Standard

    committee, people = full_committee()
    standard = create_standard(people["chair"], committee, title=f"Historia {revisions}")
    head = standard.head_revision
    rows = []
    for number in range(2, revisions + 1):
        body = SPANISH_BODY.replace("año 2025", f"año 2025, revisión {number}")
        rows.append(
            dict(
                standard_id=standard.id,
                number=number,
                parent_number=number - 1,
                author_id=head.author_id,
                created_at=head.created_at,
                summary=f"cambio {number}",
                title=head.title,
                body_markdown=body,
                content_hash=f"{number:064d}",
                body_html=head.body_html,
                toc=head.toc,
                structure=head.structure,
                size_chars=len(body),
                size_delta=1,
            )
        )
    for start in range(0, len(rows), 1000):
        db.session.execute(insert(Revision), rows[start : start + 1000])
    last = db.session.query(Revision).filter_by(standard_id=standard.id, number=revisions).one()
    db.session.get(Standard, standard.id).head_revision_id = last.id
    db.session.commit()
    return standard.id, people["chair"].email


def timed(client, url: str) -> str:
    """Median milliseconds, and the SQL statements one request runs (load-independent)."""
    samples = []
    for _ in range(RUNS):
        STATEMENTS.clear()
        start = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return f"{statistics.median(samples):6.1f} ms {len(STATEMENTS):3d} q"


STATEMENTS: list[str] = []


def _count_statements(conn, cursor, statement, parameters, context, executemany):
    STATEMENTS.append(statement)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        # Ten rows per history page, so both sizes render pages of the same length and
        # only the size of the history differs.
        app, database = make_app(
            args.db, Path(folder), WTF_CSRF_ENABLED=False, HISTORY_PAGE_SIZE=10
        )
        try:
            results = {}
            with app.app_context():
                built = {size: build(app, size) for size in SIZES}
                event.listen(db.engine, "before_cursor_execute", _count_statements)
            for size, (standard_id, email) in built.items():
                client = app.test_client()
                client.post("/login", data={"email": email, "password": "correct horse battery"})
                middle = max(1, size // 2)
                page = max(1, size // 2 // app.config["HISTORY_PAGE_SIZE"])
                results[size] = {
                    "view revision": timed(client, f"/standards/{standard_id}/revisions/{middle}"),
                    "history page 1": timed(client, f"/standards/{standard_id}/history"),
                    "history middle page": timed(
                        client, f"/standards/{standard_id}/history?page={page}"
                    ),
                    "diff of two revisions": timed(
                        client, f"/standards/{standard_id}/diff?from=1&to={size}"
                    ),
                }
        finally:
            with app.app_context():
                db.engine.dispose()
            database.drop()
    print(f"database: {args.db}; median of {RUNS} requests, and SQL statements per request")
    print(f"{'operation':<24}" + "".join(f"{size:>16,} revisions" for size in SIZES))
    for operation in results[SIZES[0]]:
        print(f"{operation:<24}" + "".join(f"{results[s][operation]:>26}" for s in SIZES))


if __name__ == "__main__":
    main()
