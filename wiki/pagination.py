"""Numbered pages of a listing (``?page=``): the one paging scheme, for the ``pagination`` macro
of ``templates/_macros.html``.

``paginate`` pages a query by LIMIT and OFFSET. A listing that can find a page more cheaply
(a standard's history, by revision number) works out its page with ``page_numbers`` and builds
the same ``Page``.
"""

from dataclasses import dataclass

from sqlalchemy import Select, func, select
from sqlalchemy.orm import lazyload

from wiki.extensions import db


def page_numbers(requested: int, total: int, per_page: int) -> tuple[int, int]:
    """The page to show (``requested`` moved into range) and how many pages ``total`` items fill.

    An empty listing has one, empty, page.
    """
    pages = max(1, -(-total // per_page))
    return min(max(requested, 1), pages), pages


@dataclass(frozen=True)
class Page:
    """One page of a listing: its items, its number (from 1) and how many pages there are."""

    items: list
    page: int
    pages: int
    per_page: int
    #: how many items the listing holds; None when they were not counted
    total: int | None = None

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def prev_num(self) -> int:
        return self.page - 1

    @property
    def next_num(self) -> int:
        return self.page + 1


def paginate(query: Select, *, page: int, per_page: int, count: bool = True) -> Page:
    """One page of the rows ``query`` selects, in its order; a page past the last shows the last.

    ``count=False`` skips counting, for lists that show their first page and no page links;
    the page is then taken as the last.
    """
    if count:
        counted = query.options(lazyload("*")).order_by(None).subquery()
        total = db.session.scalar(select(func.count()).select_from(counted))
        page, pages = page_numbers(page, total, per_page)
    else:
        total = None
        page = pages = max(page, 1)
    rows = db.session.execute(query.limit(per_page).offset((page - 1) * per_page))
    return Page(
        items=list(rows.unique().scalars()), page=page, pages=pages, per_page=per_page, total=total
    )
