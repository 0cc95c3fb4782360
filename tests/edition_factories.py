"""Editions whose standard moved on: published with some metadata, then drafted anew."""

from tests.ballot_factories import actor, published
from tests.factories import Seats
from tests.standard_factories import create_standard, save
from wiki.standards import operations as standards


def published_with(s: Seats, *, title: str = "Atención a comensales", **metadata):
    """A standard drafted with ``metadata`` (level 2 unless told) and published by the chair;
    returns (standard, edition)."""
    standard = create_standard(s.union, s.committee, title=title)
    if metadata:
        standards.update_metadata(actor(s.union), standard.id, **metadata)
    return published(s, standard)


def redraft(s: Seats, standard, *, title: str, **metadata) -> None:
    """Start the next edition's draft: a revision retitled ``title``, and ``metadata`` changed."""
    save(s.union, standard, standard.head_revision.body_markdown, title=title)
    standards.update_metadata(actor(s.union), standard.id, **metadata)
