"""Each domain names all of its values, and a value two domains share reads the same in both."""

from collections import defaultdict

import pytest

from wiki.accounts.labels import GROUP_LABELS
from wiki.ballots.consensus import Position
from wiki.ballots.labels import BALLOT_LABELS
from wiki.ballots.lifecycle import BallotStatus
from wiki.comments.dispositions import Disposition, ThreadStatus
from wiki.comments.labels import COMMENT_LABELS
from wiki.committees.labels import ROLE_LABELS
from wiki.consultations.labels import CONSULTATION_LABELS
from wiki.consultations.windows import WindowState
from wiki.publication.labels import EDITION_LABELS, REQUEST_LABELS
from wiki.publication.lifecycle import EditionStatus, RequestStatus
from wiki.roles import Role, StakeholderGroup
from wiki.search.base import STATUSES
from wiki.search.facets import STATUS_LABELS, value_label
from wiki.standards.labels import STANDARD_LABELS
from wiki.standards.lifecycle import StandardStatus
from wiki.standards.structure import ItemKind
from wiki.web.labels import DOMAIN_LABELS, label

ENUMS_BY_TABLE = [
    (STANDARD_LABELS, (StandardStatus, ItemKind)),
    (EDITION_LABELS, (EditionStatus,)),
    (REQUEST_LABELS, (RequestStatus,)),
    (BALLOT_LABELS, (BallotStatus, Position)),
    (ROLE_LABELS, (Role,)),
    (GROUP_LABELS, (StakeholderGroup,)),
    (COMMENT_LABELS, (ThreadStatus, Disposition)),
    (CONSULTATION_LABELS, (WindowState,)),
]


def msgid(lazy) -> str:
    """The untranslated text of a ``lazy_gettext`` string."""
    return lazy._args[0]


@pytest.mark.parametrize(
    ("table", "enums"), ENUMS_BY_TABLE, ids=[enums[0].__name__ for _, enums in ENUMS_BY_TABLE]
)
def test_every_value_of_a_domain_has_its_words_in_that_domain(table, enums):
    members = {member for enum in enums for member in enum}
    assert set(table) == members


def test_every_domain_table_is_shown_to_templates():
    assert {id(table) for table in DOMAIN_LABELS} == {id(table) for table, _ in ENUMS_BY_TABLE}


def test_a_value_shared_by_two_domains_has_the_same_words():
    words = defaultdict(set)
    for table in DOMAIN_LABELS:
        for value, text in table.items():
            words[str(value)].add(msgid(text))
    assert {value: texts for value, texts in words.items() if len(texts) > 1} == {}


def test_a_value_without_words_shows_as_itself():
    assert label("no-such-value") == "no-such-value"
    assert label(BallotStatus.STALE) == "Stale"


def test_every_search_status_has_words_in_the_facets():
    assert set(STATUSES) <= set(STATUS_LABELS)
    assert value_label("status", "current", {}) == "Current"
