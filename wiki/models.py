"""Every table, imported in one place so Alembic and the app see the whole schema."""

from wiki.accounts.models import User
from wiki.audit.models import AuditEntry
from wiki.ballots.models import Ballot, CodeCounter, Vote, VoteChange
from wiki.committees.models import Committee, Membership
from wiki.standards.models import Edition, Revision, Standard

__all__ = [
    "AuditEntry",
    "Ballot",
    "CodeCounter",
    "Committee",
    "Edition",
    "Membership",
    "Revision",
    "Standard",
    "User",
    "Vote",
    "VoteChange",
]
