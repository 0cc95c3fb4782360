"""Who superseded whom: the links follow publication and withdrawal, and always go both ways."""

from hypothesis import given
from hypothesis import strategies as st

from wiki.publication.lifecycle import EditionStatus
from wiki.publication.succession import EditionRecord, Succession, successions

CURRENT, SUPERSEDED, WITHDRAWN = (
    EditionStatus.CURRENT,
    EditionStatus.SUPERSEDED,
    EditionStatus.WITHDRAWN,
)


def record(number: int, status: EditionStatus, standard_id: int = 1) -> EditionRecord:
    return EditionRecord(standard_id, number, status, f"EC{standard_id:04d}.{number:02d}")


def test_a_new_edition_supersedes_the_one_in_force():
    links = successions([record(2, CURRENT), record(1, SUPERSEDED)])
    assert links == {
        "EC0001.01": Succession(superseded_by="EC0001.02"),
        "EC0001.02": Succession(supersedes="EC0001.01"),
    }


def test_an_edition_after_a_withdrawal_supersedes_nothing():
    links = successions([record(1, WITHDRAWN), record(2, CURRENT)])
    assert links == {"EC0001.01": Succession(), "EC0001.02": Succession()}


def test_standards_do_not_mix():
    links = successions([record(1, SUPERSEDED, 1), record(1, CURRENT, 2)])
    assert links["EC0001.01"] == Succession()
    assert links["EC0002.01"] == Succession()


def _history(moves: list[str]) -> list[EditionRecord]:
    """The editions of one standard after ``moves`` ("publish" or "withdraw"), as
    ``publish_edition`` and ``withdraw_edition`` leave them."""
    statuses: list[EditionStatus] = []
    for move in moves:
        if move == "publish":
            if statuses and statuses[-1] == CURRENT:
                statuses[-1] = SUPERSEDED
            statuses.append(CURRENT)
        elif statuses and statuses[-1] == CURRENT:
            statuses[-1] = WITHDRAWN
    return [record(number, status) for number, status in enumerate(statuses, start=1)]


@given(st.lists(st.sampled_from(["publish", "withdraw"]), max_size=12))
def test_links_go_both_ways_and_only_from_superseded_editions(moves):
    editions = _history(moves)
    links = successions(reversed(editions))
    assert set(links) == {e.code for e in editions}
    status = {e.code: e.status for e in editions}
    for code, link in links.items():
        assert (link.superseded_by is not None) == (status[code] == SUPERSEDED)
        if link.superseded_by:
            assert links[link.superseded_by].supersedes == code
        if link.supersedes:
            assert links[link.supersedes].superseded_by == code
