"""What a notification is about: one kind per domain event that reaches people."""

import enum


class NotificationKind(enum.StrEnum):
    """The event behind a notification."""

    #: someone saved a new revision of a watched standard
    REVISION_SAVED = "revision_saved"
    #: someone started a discussion thread on a watched standard
    THREAD_STARTED = "thread_started"
    #: someone replied in a thread the person takes part in or watches
    REPLY = "reply"
    #: someone mentioned the person in a comment
    MENTION = "mention"
    #: the chair recorded how the person's thread was handled
    DISPOSITION = "disposition"
    #: a public consultation opened on a watched standard or one of the person's committee
    CONSULTATION_OPENED = "consultation_opened"
    #: a public consultation closed; its comments need dispositions
    CONSULTATION_CLOSED = "consultation_closed"
    #: a ballot opened
    BALLOT_OPENED = "ballot_opened"
    #: a ballot the person has not voted in closes soon
    BALLOT_CLOSING_SOON = "ballot_closing_soon"
    #: a ballot closed as passed, failed or cancelled
    BALLOT_CLOSED = "ballot_closed"
    #: a ballot went stale because the text changed after it opened
    BALLOT_STALE = "ballot_stale"
    #: an edition was published
    EDITION_PUBLISHED = "edition_published"
    #: an edition was withdrawn
    EDITION_WITHDRAWN = "edition_withdrawn"
    #: an edition reached the end of its review period
    REVIEW_DUE = "review_due"
    #: a chair asked the agency to publish an approved revision (told to the agency's admins)
    PUBLICATION_REQUESTED = "publish_requested"
    #: the agency sent a publication request back to the committee, with its reason
    PUBLICATION_SENT_BACK = "publish_sent_back"


#: kinds sent at most once per person and subject, however often their event fires
ONCE_PER_SUBJECT = frozenset({NotificationKind.BALLOT_CLOSING_SOON, NotificationKind.REVIEW_DUE})
