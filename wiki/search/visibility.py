"""Who may find what: the viewer's rights as a filter every backend applies inside its query.

Published editions are public. A standard's draft is visible to those who may read the
committee's drafts (``permissions.can_read_drafts``: its members and administrators).
"""

from collections.abc import Iterable
from dataclasses import dataclass

from wiki.permissions import Actor, can_read_drafts

#: the visibility of every published edition, whatever its status
PUBLIC = "public"


def committee_scope(committee_id: int) -> str:
    """The visibility of a draft of this committee's standards."""
    return f"committee-{committee_id}"


@dataclass(frozen=True)
class Visibility:
    """The committees whose drafts the viewer may find; published editions are always in."""

    committee_ids: frozenset[int] = frozenset()

    @property
    def scopes(self) -> tuple[str, ...]:
        """Every scope the viewer may see, public first, committees in order."""
        return (PUBLIC, *(committee_scope(c) for c in sorted(self.committee_ids)))


#: what anonymous users and people outside every committee see
PUBLIC_ONLY = Visibility()


def visibility_for(actor: Actor, committee_ids: Iterable[int]) -> Visibility:
    """The actor's visibility over the given committees (all of them, for an administrator)."""
    return Visibility(frozenset(c for c in committee_ids if can_read_drafts(actor, c)))
