"""Full-text search over published editions and, for committee members, drafts.

``SEARCH_BACKEND`` picks one entry of ``BACKENDS``: ``whoosh`` (an index in the instance
folder, the default) or ``postgresql`` (full-text search in the application's database).
"""

from pathlib import Path

from flask import Flask, current_app

from wiki.search.postgres_backend import PostgresBackend
from wiki.search.whoosh_backend import WhooshBackend


def _whoosh(app: Flask) -> WhooshBackend:
    directory = app.config.get("SEARCH_INDEX_DIR") or Path(app.instance_path) / "search-index"
    if app.config["SEARCH_BACKGROUND_WORK"]:
        # A save's drain waits little for the lock; a busy index is retried in the background.
        return WhooshBackend(directory, lock_timeout=2.0, merge_in_background=True)
    return WhooshBackend(directory)


def _postgresql(app: Flask) -> PostgresBackend:
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        raise RuntimeError("SEARCH_BACKEND=postgresql needs DATABASE_URL to name PostgreSQL.")
    return PostgresBackend()


#: every backend, by the value of ``SEARCH_BACKEND``
BACKENDS = {"whoosh": _whoosh, "postgresql": _postgresql}


def init_app(app: Flask) -> None:
    """Create the configured backend; outside tests, maintain the index at first request."""
    from wiki.search import outbox  # noqa: F401  (connects the listeners that fill the outbox)
    from wiki.search.maintenance import start_once_per_process

    app.config.setdefault("SEARCH_BACKGROUND_WORK", not app.testing)
    name = app.config["SEARCH_BACKEND"]
    if name not in BACKENDS:
        raise RuntimeError(f"SEARCH_BACKEND must be one of {', '.join(BACKENDS)}, not {name!r}.")
    app.extensions["search"] = BACKENDS[name](app)
    if app.config.get("SEARCH_MAINTAIN_ON_START", not app.testing):
        start_once_per_process(app)


def current_backend():
    """The backend of the current app."""
    return current_app.extensions["search"]
