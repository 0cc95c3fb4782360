"""The search backends by name, and the one the current app uses.

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
        return WhooshBackend(
            directory, lock_timeout=2.0, merge_in_background=True, logger=app.logger
        )
    return WhooshBackend(directory, logger=app.logger)


def _postgresql(app: Flask) -> PostgresBackend:
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        raise RuntimeError("SEARCH_BACKEND=postgresql needs DATABASE_URL to name PostgreSQL.")
    return PostgresBackend()


#: every backend, by the value of ``SEARCH_BACKEND``
BACKENDS = {"whoosh": _whoosh, "postgresql": _postgresql}


def create_backend(app: Flask):
    """The backend ``SEARCH_BACKEND`` names, built for ``app``."""
    name = app.config["SEARCH_BACKEND"]
    if name not in BACKENDS:
        raise RuntimeError(f"SEARCH_BACKEND must be one of {', '.join(BACKENDS)}, not {name!r}.")
    return BACKENDS[name](app)


def current_backend():
    """The backend of the current app."""
    return current_app.extensions["search"]
