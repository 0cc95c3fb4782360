"""The search page's facets: every value a link that filters by it, with its count.

Links are built from the page's own arguments with one ``url_for`` per page, not one per
link: a page can show fifty of them.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlencode

from flask_babel import gettext
from sqlalchemy import select

from wiki.committees.models import Committee
from wiki.extensions import db
from wiki.i18n import label_in
from wiki.publication.labels import EDITION_LABELS
from wiki.search.base import FACETS, Filters, SearchResults
from wiki.standards.labels import STANDARD_LABELS

#: a document's status is its edition's, or a draft's
STATUS_LABELS = {**STANDARD_LABELS, **EDITION_LABELS}


@dataclass(frozen=True)
class FacetValue:
    label: str
    count: int
    url: str
    selected: bool


@dataclass(frozen=True)
class FacetGroup:
    name: str
    heading: str
    values: list[FacetValue]


@dataclass(frozen=True)
class ActiveFilter:
    label: str
    remove_url: str


class Links:
    """URLs of this page with some arguments changed (None removes one)."""

    def __init__(self, base: str, arguments: Mapping[str, str]):
        self.base = base
        self.arguments = dict(arguments)

    def to(self, **changes) -> str:
        merged = {**self.arguments, **changes}
        query = urlencode([(k, v) for k, v in merged.items() if v not in (None, "")])
        return f"{self.base}?{query}" if query else self.base


def headings() -> dict[str, str]:
    return {
        "committee": gettext("Committee"),
        "sector": gettext("Sector"),
        "level": gettext("Competency level"),
        "status": gettext("Status"),
        "language": gettext("Language"),
    }


def language_names() -> dict[str, str]:
    return {"es": gettext("Spanish"), "en": gettext("English")}


def level_names() -> dict[int, str]:
    return {level: gettext("Level %(level)s", level=level) for level in range(1, 6)}


def value_label(name: str, value: str, committee_names: Mapping[str, str]) -> str:
    if name == "committee":
        return committee_names.get(value) or gettext("Committee")
    if name == "level":
        return gettext("Level %(level)s", level=value)
    if name == "status":
        return label_in(STATUS_LABELS, value)
    if name == "language":
        return gettext("Spanish") if value == "es" else gettext("English")
    return value


def facet_groups(
    results: SearchResults,
    filters: Filters,
    committee_names: Mapping[str, str],
    links: Links,
    limit: int,
) -> list[FacetGroup]:
    """The facets with values, each value's count and filter link, the top ``limit`` per facet."""
    active = {name: str(value) for name, value in filters.active().items()}
    titles = headings()
    groups = []
    for name in FACETS:
        values = [
            FacetValue(
                label=value_label(name, value, committee_names),
                count=count,
                url=links.to(**{name: value, "page": None}),
                selected=active.get(name) == value,
            )
            for value, count in results.facets.get(name, ())[:limit]
        ]
        if values:
            groups.append(FacetGroup(name, titles[name], values))
    return groups


def active_filters(
    filters: Filters, committee_names: Mapping[str, str], links: Links
) -> list[ActiveFilter]:
    """The filters in force, each with the link that removes it."""
    return [
        ActiveFilter(
            value_label(name, str(value), committee_names),
            links.to(**{name: None, "page": None}),
        )
        for name, value in filters.active().items()
    ]


def committee_names(ids: list[str]) -> dict[str, str]:
    rows = db.session.execute(
        select(Committee.id, Committee.name).where(Committee.id.in_([int(i) for i in ids]))
    ).all()
    return {str(committee_id): name for committee_id, name in rows}


def facet_panel(
    results: SearchResults, filters: Filters, links: Links, limit: int
) -> tuple[list[FacetGroup], list[ActiveFilter]]:
    """The facet groups and the filters in force, with committees named."""
    names = committee_names([value for value, _ in results.facets.get("committee", ())[:limit]])
    return facet_groups(results, filters, names, links, limit), active_filters(
        filters, names, links
    )
