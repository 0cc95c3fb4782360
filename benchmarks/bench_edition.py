"""An anonymous reader's edition page against a ceiling: the least any page of the app can do.

The ceiling route, registered here only while benchmarking, reads one revision row and puts
its stored HTML in a minimal template. Both are timed through the full Flask stack (test
client, real database) in interleaved rounds, so a busy machine slows both alike; the ratio
is ceiling time / edition time (1.0: the edition page costs no more than the ceiling).

    python benchmarks/bench_edition.py                 # SQLite in a temporary folder
    python benchmarks/bench_edition.py --db postgresql # throwaway PostgreSQL database
    python benchmarks/bench_edition.py --http 5108     # also over HTTP, one gunicorn worker
"""

import argparse
import http.client
import os
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flask import render_template_string

from tests.conftest import make_app
from wiki.extensions import db

CEILING_TEMPLATE = """<!doctype html><html lang="es"><head><meta charset="utf-8">
<title>{{ revision.title }}</title></head><body><main>
<h1>{{ revision.title }}</h1><article>{{ revision.body_html|safe }}</article>
</main></body></html>"""


def add_ceiling_route(app) -> None:
    from wiki.standards.models import Revision

    def ceiling(revision_id: int):
        revision = db.session.get(Revision, revision_id)
        return render_template_string(CEILING_TEMPLATE, revision=revision)

    app.add_url_rule("/bench/ceiling/<int:revision_id>", "bench_ceiling", ceiling)


def build():
    from tests.factories import full_committee
    from tests.standard_factories import create_standard, publish

    committee, people = full_committee()
    standard = create_standard(people["chair"], committee)
    edition = publish(standard, people)
    db.session.commit()
    return edition.code, edition.revision_id


def median_ms(client, url: str, runs: int, headers=None) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url, headers=headers)
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code in (200, 304), (url, response.status_code)
    return statistics.median(samples)


def serve(app, port: int) -> int:
    """Serve ``app`` with one gunicorn sync worker in a child process; returns its pid."""
    from gunicorn.app.base import BaseApplication

    class Server(BaseApplication):
        def load_config(self):
            self.cfg.set("bind", f"127.0.0.1:{port}")
            self.cfg.set("workers", 1)
            self.cfg.set("loglevel", "warning")

        def load(self):
            return app

    pid = os.fork()
    if pid == 0:
        Server().run()
        os._exit(0)
    for _ in range(100):
        try:
            http_get(port, "/static/css/site.css")
            return pid
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("gunicorn did not start")


def http_get(port: int, url: str, headers=None) -> http.client.HTTPResponse:
    """A new connection per request, as gunicorn's sync worker closes each; in Spanish."""
    connection = http.client.HTTPConnection("127.0.0.1", port)
    connection.request("GET", url, headers={"Accept-Language": "es", **(headers or {})})
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


def median_http_ms(port: int, url: str, runs: int, headers=None) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        status = http_get(port, url, headers).status
        samples.append((time.perf_counter() - start) * 1000)
        assert status in (200, 304), (url, status)
    return statistics.median(samples)


def report(title: str, ceiling: list, edition: list, revalidated: list) -> None:
    """Medians over the rounds; each ratio is the median of the rounds' own ratios, as a
    round times both pages within moments of each other."""
    print(title)
    print(f"ceiling       {statistics.median(ceiling):6.2f} ms")
    for name, times in (("edition page", edition), ("edition 304", revalidated)):
        if times:
            ratio = statistics.median(c / t for c, t in zip(ceiling, times, strict=True))
            print(f"{name:13} {statistics.median(times):6.2f} ms   ratio {ratio:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--runs", type=int, default=20, help="requests per round and page")
    parser.add_argument("--http", type=int, metavar="PORT", help="also time over HTTP")
    args = parser.parse_args()
    served = None
    with tempfile.TemporaryDirectory() as folder:
        app, database = make_app(args.db, Path(folder))
        add_ceiling_route(app)
        try:
            with app.app_context():
                code, revision_id = build()
            client = app.test_client()
            edition_url, ceiling_url = f"/ec/{code}", f"/bench/ceiling/{revision_id}"
            etag = client.get(edition_url).headers.get("ETag")
            edition, ceiling, revalidated = [], [], []
            for _ in range(args.rounds):
                ceiling.append(median_ms(client, ceiling_url, args.runs))
                edition.append(median_ms(client, edition_url, args.runs))
                if etag:
                    revalidated.append(
                        median_ms(client, edition_url, args.runs, headers={"If-None-Match": etag})
                    )
            if args.http:
                with app.app_context():
                    db.engine.dispose()  # the worker opens its own connections
                pid = serve(app, args.http)
                try:
                    served = [], [], []
                    # the first view keeps the body in Spanish
                    spanish = {"If-None-Match": http_get(args.http, edition_url).getheader("ETag")}
                    for _ in range(args.rounds):
                        served[0].append(median_http_ms(args.http, ceiling_url, args.runs))
                        served[1].append(median_http_ms(args.http, edition_url, args.runs))
                        if etag:
                            served[2].append(
                                median_http_ms(args.http, edition_url, args.runs, spanish)
                            )
                finally:
                    os.kill(pid, signal.SIGTERM)
                    os.waitpid(pid, 0)
        finally:
            with app.app_context():
                db.engine.dispose()
            database.drop()
    rounds = f"{args.rounds} rounds of {args.runs} requests per page"
    report(f"in process, database: {args.db}; {rounds}", ceiling, edition, revalidated)
    if served:
        report(f"over HTTP, one gunicorn worker; {rounds}", *served)


if __name__ == "__main__":
    main()
