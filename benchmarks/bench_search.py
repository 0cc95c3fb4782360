"""Search benchmark: reindex time, one-document update latency, and query latency of the app
against the raw engine on the same queries, for the Whoosh and PostgreSQL backends.

Run from the project root, with PostgreSQL on 127.0.0.1:5432 (user postgres, trust)::

    PYTHONPATH=. .venv/bin/python benchmarks/bench_search.py --standards 1500
    PYTHONPATH=. .venv/bin/python benchmarks/bench_search.py --standards 10000 --repeat 5

A throwaway database is created and dropped (``--keep`` keeps it). What is timed:

- reindex: ``rebuild_index`` from the database, documents built and indexed;
- update: after a real save and commit, the drain that indexes that one standard again
  (documents rebuilt from the database, index written, outbox row deleted, committed);
- raw engine ("raw"): the compiled query run directly for the top 10 by relevance and the
  exact number of matches, nothing else: no visibility, facets, stored text or snippets
  (Whoosh: a ``TopCollector`` scoring every match, pruning off; PostgreSQL: ``vector @@
  tsquery ORDER BY ts_rank_cd LIMIT 10`` with ``count(*) OVER ()``). A results page needs
  at least this: its count, and facets, cover every match;
- "top10": the engine at its fastest, top 10 without a count (Whoosh prunes matches and
  skips blocks that cannot reach the top; PostgreSQL still ranks every match);
- app: ``wiki.search.results.find`` for an anonymous reader: parsing, visibility, facets over
  every match, stored text, highlighted snippets (and "did you mean" when nothing matches);
- page: ``GET /search?q=…`` through the Flask test client: the above plus the page.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

from flask_migrate import upgrade
from sqlalchemy import Text, case, cast, create_engine, func, select
from sqlalchemy import text as sql
from sqlalchemy.dialects.postgresql import TSQUERY
from whoosh import collectors
from whoosh import index as whoosh_index

from benchmarks.search_corpus import load
from wiki import create_app
from wiki.accounts.models import User
from wiki.committees.actors import actor_for_user
from wiki.extensions import db
from wiki.search.analysis import LANGUAGES
from wiki.search.base import SearchRequest
from wiki.search.maintenance import rebuild_index
from wiki.search.outbox import drain_outbox
from wiki.search.postgres_backend import (
    RANK_NORMALISATION,
    PostgresBackend,
    compile_query,
    documents,
)
from wiki.search.query import parse
from wiki.search.results import find
from wiki.search.visibility import PUBLIC_ONLY
from wiki.search.whoosh_backend import WhooshBackend
from wiki.search.whoosh_internals import list_segments
from wiki.standards.models import Revision, Standard
from wiki.standards.operations import save_revision

ADMIN_URL = os.environ.get(
    "WIKI_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)

#: the fixed mix: single terms, AND, phrases and words typed without their accents
QUERY_MIX = {
    "terms": ["evaluación", "seguridad", "soldadura", "participantes", "procedimiento", "training"],
    "and": ["evaluación candidata", "seguridad equipo", "curso participantes"],
    "phrases": ['"plan de control"', '"persona candidata"', '"carro de servicio"'],
    "unaccented": ["evaluacion", "capacitacion", "certificacion", "tecnicas"],
}


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def milliseconds(seconds: float) -> float:
    return round(seconds * 1000, 1)


class Throwaway:
    def __init__(self):
        self.name = f"wiki_bench_{uuid.uuid4().hex[:10]}"
        self.url = ADMIN_URL.rsplit("/", 1)[0] + f"/{self.name}"

    def _admin(self, statement: str) -> None:
        engine = create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            connection.execute(sql(statement))
        engine.dispose()

    def create(self) -> None:
        self._admin(f'CREATE DATABASE "{self.name}"')

    def drop(self) -> None:
        self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def raw_whoosh(backend: WhooshBackend):
    searcher = backend._held().searcher

    def prepare(text):
        return backend.compile(SearchRequest(parse(text).node))

    def complete(compiled):
        # Every match scored and counted, the top 10 kept: no pruning, so the count is exact.
        collector = collectors.TopCollector(limit=10, usequality=False, replace=0)
        searcher.search_with_collector(compiled, collector)
        results = collector.results()
        return [(hit.docnum, hit.score) for hit in results], len(results)

    def top10(compiled):
        # Whoosh at its fastest: block-quality skipping and matcher pruning, no count.
        return [(hit.docnum, hit.score) for hit in searcher.search(compiled, limit=10)]

    return prepare, complete, top10


def tsqueries(text: str) -> dict[str, str]:
    """The tsquery text of each language that can match something (stop words dropped)."""
    node = parse(text).node
    columns = []
    for language in LANGUAGES:
        expression = compile_query(node, language)
        columns += [cast(expression, Text), func.querytree(expression)]
    row = db.session.execute(select(*columns)).one()
    found = {}
    for i, language in enumerate(LANGUAGES):
        query, tree = row[2 * i], row[2 * i + 1]
        if query and tree not in ("", "T"):
            found[language] = query
    return found


def raw_postgresql(backend: PostgresBackend):
    prepare = tsqueries

    def statement(queries, *, count: bool):
        tsq = {language: cast(value, TSQUERY) for language, value in queries.items()}
        matches = [
            (documents.c.language == language) & documents.c.vector.op("@@")(q)
            for language, q in tsq.items()
        ]
        whens = [(documents.c.language == language, q) for language, q in tsq.items()]
        chosen = case(*whens[:-1], else_=whens[-1][1]) if len(whens) > 1 else whens[0][1]
        rank = func.ts_rank_cd(documents.c.vector, chosen, RANK_NORMALISATION).label("rank")
        columns = [documents.c.doc_id, rank] + ([func.count().over()] if count else [])
        return (
            select(*columns)
            .where(matches[0] if len(matches) == 1 else matches[0] | matches[1])
            .order_by(rank.desc())
            .limit(10)
        )

    def complete(queries):
        return db.session.execute(statement(queries, count=True)).all()

    def top10(queries):
        return db.session.execute(statement(queries, count=False)).all()

    return prepare, complete, top10


def time_queries(app, backend, name: str, repeat: int) -> dict:
    """p50/p95 per path over the whole mix and per kind of query."""
    samples: dict[str, dict[str, list[float]]] = {}
    client = app.test_client()
    with app.app_context():
        prepare, complete, top10 = (raw_whoosh if name == "whoosh" else raw_postgresql)(backend)
        prepared = {text: prepare(text) for kind in QUERY_MIX.values() for text in kind}
        totals = {}
        for texts in QUERY_MIX.values():
            for text in texts:
                complete(prepared[text])
                top10(prepared[text])
                page = find(text, PUBLIC_ONLY, backend=backend, session=db.session)
                totals[text] = page.results.total if page.results else 0
                assert client.get("/search", query_string={"q": text}).status_code == 200
        paths = {
            "top10": lambda text: top10(prepared[text]),
            "raw": lambda text: complete(prepared[text]),
            "app": lambda text: find(text, PUBLIC_ONLY, backend=backend, session=db.session),
            "page": lambda text: client.get("/search", query_string={"q": text}),
        }
        for _ in range(repeat):
            for kind, texts in QUERY_MIX.items():
                for text in texts:
                    kind_samples = samples.setdefault(kind, {path: [] for path in paths})
                    for path, run in paths.items():
                        start = time.perf_counter()
                        run(text)
                        kind_samples[path].append(time.perf_counter() - start)
                    db.session.rollback()
    report = {"matches": totals}
    for kind in [*QUERY_MIX, "all"]:
        chosen = samples.values() if kind == "all" else [samples[kind]]
        report[kind] = {
            path: {
                "p50": milliseconds(percentile([s for c in chosen for s in c[path]], 50)),
                "p95": milliseconds(percentile([s for c in chosen for s in c[path]], 95)),
            }
            for path in paths
        }
    return report


def time_updates(app, backend, updates: int) -> dict:
    """Save and commit real revisions, then time the drain that indexes each one.

    The saves follow each other at once, so a drain may wait for the lock while the
    background thread merges segments; that wait is in the figures. The merges themselves
    (off the request path) are timed apart.
    """
    drains, saves, merges = [], [], []
    if isinstance(backend, WhooshBackend):
        merge = backend._run_merge_process

        def timed_merge():
            start = time.perf_counter()
            merge()
            merges.append(time.perf_counter() - start)

        backend._run_merge_process = timed_merge
    with app.app_context():
        user = db.session.execute(select(User)).scalars().first()
        actor = actor_for_user(user)
        ids = (
            db.session.execute(
                select(Standard.id)
                .where(
                    Standard.committee_id.in_([seat.committee_id for seat in actor.seats]),
                    Standard.status != "withdrawn",
                )
                .order_by(Standard.id)
                .limit(updates)
            )
            .scalars()
            .all()
        )
        if not ids:
            raise SystemExit(f"{user.email} has no standard to save: generate more standards")
        for n in range(updates):
            standard_id = ids[n % len(ids)]  # a committee may have fewer standards
            standard = db.session.get(Standard, standard_id)
            head = db.session.get(Revision, standard.head_revision_id)
            first_heading = head.body_markdown.index("\n## ", 1)
            body = (
                head.body_markdown[:first_heading]
                + f" Actualización número {n} del benchmark."
                + head.body_markdown[first_heading:]
            )
            start = time.perf_counter()
            save_revision(actor, standard_id, base_number=head.number, title=head.title, body=body)
            db.session.commit()
            saves.append(time.perf_counter() - start)
            start = time.perf_counter()
            drained = drain_outbox(backend=backend)
            drains.append(time.perf_counter() - start)
            assert drained == 1
    if isinstance(backend, WhooshBackend):
        backend.wait_for_merges()
        del backend._run_merge_process
    merged = list(merges)
    return {
        "count": len(drains),
        "index_p50": milliseconds(statistics.median(drains)),
        "index_p95": milliseconds(percentile(drains, 95)),
        "index_max": milliseconds(max(drains)),
        "save_p50": milliseconds(statistics.median(saves)),
        "background_merges": len(merged),
        "merge_max": milliseconds(max(merged, default=0.0)),
        "segments_after": segment_count(backend),
    }


def segment_count(backend) -> int | None:
    if not isinstance(backend, WhooshBackend):
        return None
    return len(list_segments(whoosh_index.open_dir(str(backend.directory))))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--standards", type=int, default=1500)
    parser.add_argument("--words", type=int, default=1500)
    parser.add_argument("--repeat", type=int, default=10, help="runs of the query mix")
    parser.add_argument("--updates", type=int, default=50)
    parser.add_argument("--backends", default="whoosh,postgresql")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--keep", action="store_true", help="keep the database")
    args = parser.parse_args(argv)

    database = Throwaway()
    database.create()
    directory = Path(tempfile.mkdtemp(prefix="bench-search-"))
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": database.url,
            "SECRET_KEY": "benchmark",
            "INSTANCE_PATH": str(directory / "instance"),
            "SEARCH_DRAIN_AFTER_COMMIT": False,
        }
    )
    figures = {"standards": args.standards, "backends": {}}
    try:
        with app.app_context():
            upgrade(revision="heads")
            start = time.perf_counter()
            generated = load(args.standards, args.words, args.seed)
            figures.update(documents=generated.documents, words=generated.words_per_revision)
            print(
                f"corpus: {generated.standards} standards, {generated.documents} documents, "
                f"{generated.words_per_revision} words per revision "
                f"(generated in {time.perf_counter() - start:.0f} s)",
                flush=True,
            )
        for name in args.backends.split(","):
            backend = (
                # as in a server: updates leave merging to a background thread
                WhooshBackend(directory / "whoosh", merge_in_background=True)
                if name == "whoosh"
                else PostgresBackend()
            )
            app.extensions["search"] = backend
            with app.app_context():
                start = time.perf_counter()
                count = rebuild_index(backend)
                reindex = time.perf_counter() - start
            print(f"{name}: reindexed {count} documents in {reindex:.1f} s", flush=True)
            queries = time_queries(app, backend, name, args.repeat)
            print(json.dumps(queries["all"]), flush=True)
            updates = time_updates(app, backend, args.updates)
            # The same mix once the updates left new segments and deleted documents.
            after = time_queries(app, backend, name, max(1, args.repeat // 2))
            figures["backends"][name] = {
                "reindex_s": round(reindex, 1),
                "updates": updates,
                "queries": queries,
                "queries_after_updates": after,
            }
            print_backend(name, figures["backends"][name])
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
        if not args.keep:
            database.drop()
            shutil.rmtree(directory, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False))
    return 0


def print_backend(name: str, figures: dict) -> None:
    updates = figures["updates"]
    print(
        f"\n{name}: reindex {figures['reindex_s']} s; one-document update "
        f"{updates['index_p50']} ms p50, {updates['index_p95']} ms p95, "
        f"{updates['index_max']} ms max over {updates['count']} "
        f"saves (the save itself {updates['save_p50']} ms p50)"
    )
    if updates["segments_after"] is not None:
        print(
            f"{name}: {updates['background_merges']} background merge processes, the longest "
            f"{updates['merge_max']} ms; {updates['segments_after']} segments after the updates"
        )
    print(
        f"{'queries':<12}{'top10 p95':>10}{'raw p50':>9}{'raw p95':>9}{'app p50':>9}"
        f"{'app p95':>9}{'page p50':>10}{'page p95':>10}{'app/raw':>9}{'page/raw':>10}"
    )
    for kind in [*QUERY_MIX, "all"]:
        row = figures["queries"][kind]
        top10, raw, app, page = row["top10"], row["raw"], row["app"], row["page"]
        print(
            f"{kind:<12}{top10['p95']:>10}{raw['p50']:>9}{raw['p95']:>9}{app['p50']:>9}"
            f"{app['p95']:>9}{page['p50']:>10}{page['p95']:>10}"
            f"{app['p95'] / raw['p95']:>9.2f}{page['p95'] / raw['p95']:>10.2f}"
        )
    after = figures["queries_after_updates"]["all"]
    print(
        f"{'after updates':<12}{after['top10']['p95']:>10}{after['raw']['p50']:>9}"
        f"{after['raw']['p95']:>9}{after['app']['p50']:>9}{after['app']['p95']:>9}"
        f"{after['page']['p50']:>10}{after['page']['p95']:>10}"
        f"{after['app']['p95'] / after['raw']['p95']:>9.2f}"
        f"{after['page']['p95'] / after['raw']['p95']:>10.2f}"
    )
    print("matches per query:", figures["queries"]["matches"], flush=True)


if __name__ == "__main__":
    sys.exit(main())
