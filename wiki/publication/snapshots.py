"""What an edition copies at publication: the title and the standard's metadata, frozen.

A standard's title and metadata change with its next draft; an edition must go on saying what
was published, and public pages read only editions. ``edition_snapshot`` is the one place that
decides what is copied, so a field added to ``Standard`` is added here (a test compares the
two tables).
"""

from wiki.standards.models import Revision, Standard
from wiki.standards.operations import METADATA_RANGES, METADATA_TEXT

#: the standard's columns an edition copies under the same name: its committee, its language
#: (fixed at creation) and every field ``update_metadata`` may change
COPIED_FIELDS = ("committee_id", "language", *METADATA_RANGES, *METADATA_TEXT)


def edition_snapshot(standard: Standard, revision: Revision) -> dict:
    """The edition's frozen record of ``revision`` of ``standard``: title, metadata, committee."""
    return {
        "title": revision.title,
        "committee_name": standard.committee.name,
        **{name: getattr(standard, name) for name in COPIED_FIELDS},
    }
