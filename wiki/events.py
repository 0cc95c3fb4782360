"""Domain events: one mechanism through which domains react to each other.

Operations send these inside the transaction that made the change; listeners
(ballots going stale, search indexing, notifications) add their own rows to the
same transaction, so everything commits or rolls back together.
They are also how a lower domain hears from a higher one without importing it: before a
ballot opens, ``ballot_opening`` lets the comments domain refuse it.
"""

from blinker import Namespace

_events = Namespace()

#: sender: the Standard; kwargs: revision
revision_saved = _events.signal("revision-saved")
#: sender: the Standard; kwargs: edition
edition_published = _events.signal("edition-published")
#: sender: the Standard; kwargs: edition
edition_withdrawn = _events.signal("edition-withdrawn")
#: sender: the Standard; kwargs: request (a PublicationRequest the chair just made)
publication_requested = _events.signal("publication-requested")
#: sender: the Standard; kwargs: request (sent back by the agency, with its reason)
publication_sent_back = _events.signal("publication-sent-back")
#: sender: the Standard; kwargs: fields
standard_changed = _events.signal("standard-changed")
#: sender: the Standard, locked, before a ballot opens on it; a receiver refuses the ballot by
#: raising a DomainError (``wiki.comments.listeners``: consultation comments need dispositions)
ballot_opening = _events.signal("ballot-opening")
#: sender: the Standard; kwargs: ballot
ballot_opened = _events.signal("ballot-opened")
#: sender: the Standard; kwargs: ballot (its status says how it closed)
ballot_closed = _events.signal("ballot-closed")
#: sender: the Standard; kwargs: ballot (open, closing within 48 hours; sent once per ballot)
ballot_closing_soon = _events.signal("ballot-closing-soon")
#: sender: the Standard; kwargs: edition, due_on (past its review date; sent once per edition)
review_due = _events.signal("review-due")
#: sender: the Standard; kwargs: thread, comment, created (False for an edit), new_mentions
#: (ids of members the comment mentions for the first time)
comment_saved = _events.signal("comment-saved")
#: sender: the Standard; kwargs: consultation
consultation_opened = _events.signal("consultation-opened")
#: sender: the Standard; kwargs: consultation
consultation_closed = _events.signal("consultation-closed")
