"""Full-text search over published editions and, for committee members, drafts.

``init_app`` connects the listeners that keep the index fresh (``outbox``), creates the
backend ``SEARCH_BACKEND`` names (``backends``) and, outside tests, maintains the index at
a worker's first request (``maintenance``).
"""

from flask import Flask

from wiki.search.backends import BACKENDS, create_backend, current_backend
from wiki.search.maintenance import start_once_per_process
from wiki.search.outbox import register_listeners

__all__ = ["BACKENDS", "current_backend", "init_app"]


def init_app(app: Flask) -> None:
    """Create the configured backend; outside tests, maintain the index at first request."""
    register_listeners()
    app.config.setdefault("SEARCH_BACKGROUND_WORK", not app.testing)
    app.extensions["search"] = create_backend(app)
    if app.config.get("SEARCH_MAINTAIN_ON_START", not app.testing):
        start_once_per_process(app)
