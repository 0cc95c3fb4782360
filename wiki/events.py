"""Domain events: one mechanism through which domains react to each other.

Operations send these inside the transaction that made the change; listeners
(ballots going stale, search indexing, notifications) add their own rows to the
same transaction, so everything commits or rolls back together.
"""

from blinker import Namespace

_events = Namespace()

#: sender: the Standard; kwargs: revision
revision_saved = _events.signal("revision-saved")
#: sender: the Standard; kwargs: edition
edition_published = _events.signal("edition-published")
#: sender: the Standard; kwargs: edition
edition_withdrawn = _events.signal("edition-withdrawn")
#: sender: the Standard; kwargs: fields
standard_changed = _events.signal("standard-changed")
#: sender: the Standard; kwargs: ballot
ballot_opened = _events.signal("ballot-opened")
#: sender: the Standard; kwargs: ballot (its status says how it closed)
ballot_closed = _events.signal("ballot-closed")
