"""Demo content for the standards wiki: committees, people and standards, as pure data.

Committees and people are Python (``people.py``); each standard is a Markdown file beside this
module, ``<key>.md``, with its later revisions in ``<key>.edits.md`` (the format is described in
``standards.py``). Nothing here touches Flask or the database; a seeder turns it into rows.

Outcomes of a :class:`DemoStandard`:

- ``"draft"``: the first revision and every edit stay as draft revisions;
- ``"ballot"``: after the last edit, a ballot is opened on the head revision;
- ``"published"``: after the last edit, the head revision is approved and published;
- ``"published_then_redraft"``: the revision before the last edit is published, and the last
  edit is a redraft made after publication (the start of the next edition).
"""

from wiki.demo.content.people import (
    AUTOMOTRIZ,
    CAPACITACION,
    COMMITTEES,
    PEOPLE,
    TURISMO,
    DemoCommittee,
    DemoPerson,
    DemoSeat,
)
from wiki.demo.content.standards import (
    STANDARDS,
    DemoEdit,
    DemoStandard,
    apply_edit,
    revision_texts,
)

__all__ = [
    "AUTOMOTRIZ",
    "CAPACITACION",
    "COMMITTEES",
    "PEOPLE",
    "STANDARDS",
    "TURISMO",
    "DemoCommittee",
    "DemoEdit",
    "DemoPerson",
    "DemoSeat",
    "DemoStandard",
    "apply_edit",
    "revision_texts",
]
