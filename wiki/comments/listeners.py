"""The comments domain's answer to other domains' events.

Ballots sit below comments and consultations, so ``open_ballot`` cannot ask them whether
consultation comments still wait for a disposition; it sends ``events.ballot_opening`` and the
receiver here refuses. ``create_app`` calls ``register_listeners``.
"""

from wiki import events
from wiki.comments.queries import ballot_block_of
from wiki.errors import Conflict
from wiki.i18n import N_


def register_listeners() -> None:
    """Connect the ballot-opening check (connecting again changes nothing)."""
    events.ballot_opening.connect(check_ballot_allowed)


def check_ballot_allowed(standard, **_) -> None:
    """Raise ``Conflict`` with a clear message when consultations stop a ballot from opening."""
    block = ballot_block_of(standard.id)
    if block is None:
        return
    if block.code == "consultation_not_closed":
        raise Conflict(
            N_("A public consultation on this standard has not been closed. Close it first.")
        )
    raise Conflict(
        N_(
            "Comments from the public consultation still waiting for a disposition: "
            "%(count)d. Record how each was handled before opening a ballot."
        ),
        count=block.count,
    )
