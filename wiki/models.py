"""Every table, imported in one place so Alembic and the app see the whole schema."""

from wiki.accounts.models import RecoveryCode, SignInChallenge, User
from wiki.audit.models import AuditEntry
from wiki.ballots.models import Ballot, Vote, VoteChange
from wiki.comments.models import Comment, CommentEdit, Mention, Thread
from wiki.committees.models import Committee, Membership
from wiki.consultations.models import Consultation
from wiki.notifications.models import Notification, NotificationPreference, Watch
from wiki.publication.models import CodeCounter, Edition, EditionRendering, PublicationRequest
from wiki.reviews.models import ReviewNotice
from wiki.search.models import SearchOutbox
from wiki.standards.models import Revision, Standard

__all__ = [
    "AuditEntry",
    "Ballot",
    "CodeCounter",
    "Comment",
    "CommentEdit",
    "Committee",
    "Consultation",
    "Edition",
    "EditionRendering",
    "Membership",
    "Mention",
    "Notification",
    "NotificationPreference",
    "PublicationRequest",
    "RecoveryCode",
    "ReviewNotice",
    "Revision",
    "SearchOutbox",
    "SignInChallenge",
    "Standard",
    "Thread",
    "User",
    "Vote",
    "VoteChange",
    "Watch",
]
