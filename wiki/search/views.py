"""The search page: ``/search?q=…`` with filters, sorting and pages."""

from collections.abc import Mapping

from flask import Blueprint, current_app, render_template, request, url_for
from flask_babel import gettext
from sqlalchemy import select

from wiki.committees.actors import current_actor
from wiki.committees.models import Committee
from wiki.extensions import db
from wiki.search.backends import current_backend
from wiki.search.base import SORTS, STATUSES, Filters, IndexIncomplete, SearchUnavailable
from wiki.search.facets import Links, facet_panel, language_names, level_names
from wiki.search.maintenance import maintain_in_background
from wiki.search.query import PROBLEM_DETAILS, clean
from wiki.search.results import find
from wiki.search.visibility import PUBLIC_ONLY, visibility_for

bp = Blueprint("search", __name__)

#: results per page, and the last page anyone may ask for
PER_PAGE = 10
MAX_PAGE = 100
#: values shown per facet, most frequent first
FACET_VALUES = 10
#: seconds a 503 asks the browser (or crawler) to wait before searching again
RETRY_AFTER_SECONDS = 30


def _number(value: str | None, low: int, high: int) -> int | None:
    if value is None or not value.isascii() or not value.isdigit() or len(value) > 6:
        return None
    number = int(value)
    return number if low <= number <= high else None


def read_filters(args: Mapping[str, str]) -> Filters:
    """Filters from the query string; values that cannot be right are ignored."""
    sector = clean(args.get("sector", ""))[:200] or None
    status = args.get("status")
    language = args.get("language")
    return Filters(
        committee=_number(args.get("committee"), 1, 10**6),
        sector=sector,
        level=_number(args.get("level"), 1, 5),
        status=status if status in STATUSES else None,
        language=language if language in ("es", "en") else None,
    )


def _visibility(actor):
    if not actor.is_authenticated:
        return PUBLIC_ONLY
    return visibility_for(actor, db.session.execute(select(Committee.id)).scalars())


@bp.route("/search")
def results():
    args = request.args
    filters = read_filters(args)
    sort = args.get("sort") if args.get("sort") in SORTS else "relevance"
    page = _number(args.get("page"), 1, MAX_PAGE) or 1
    status, rebuilding = 200, False
    try:
        found = find(
            args.get("q", ""),
            _visibility(current_actor()),
            backend=current_backend(),
            session=db.session,
            filters=filters,
            sort=sort,
            page=page,
            per_page=PER_PAGE,
        )
    except IndexIncomplete:
        # Rebuilt from the database in a thread of this process (or by another process that
        # found it first); saves meanwhile wait in the outbox.
        maintain_in_background(current_app._get_current_object())
        found, status, rebuilding = None, 503, True
    except SearchUnavailable:
        found, status = None, 503
    problem = None
    if found is not None and found.parsed.problem:
        problem = gettext(found.parsed.problem, **PROBLEM_DETAILS.get(found.parsed.problem, {}))
    links = Links(url_for("search.results"), args.to_dict())
    groups, active = [], []
    if found is not None and found.results is not None:
        groups, active = facet_panel(found.results, filters, links, FACET_VALUES)
    return (
        render_template(
            "search/results.html",
            found=found,
            query=clean(args.get("q", ""))[:1000],
            filters=filters,
            sort=sort,
            problem=problem,
            facet_groups=groups,
            active_filters=active,
            links=links,
            level_names=level_names(),
            max_page=MAX_PAGE,
            language_names=language_names(),
            rebuilding=rebuilding,
        ),
        status,
        {"Retry-After": str(RETRY_AFTER_SECONDS)} if status == 503 else {},
    )
