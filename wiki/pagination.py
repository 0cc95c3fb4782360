"""Numbered pages of a listing: which page to show and its neighbours, for the ``pagination``
macro of ``templates/_macros.html``."""


def page_numbers(requested: int, total: int, per_page: int) -> tuple[int, int]:
    """The page to show (``requested`` moved into range) and how many pages ``total`` items fill.

    An empty listing has one, empty, page.
    """
    pages = max(1, -(-total // per_page))
    return min(max(requested, 1), pages), pages


class PageLinks:
    """The neighbours of a page; mixed into a listing's dataclass, which declares ``page``
    (numbered from 1) and ``pages`` (at least one) among its fields."""

    page: int
    pages: int

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
