"""``paginate``: the one paging scheme of the listings (``?page=``)."""

import pytest
from sqlalchemy import select

from tests.factories import UserFactory
from wiki.accounts.models import User
from wiki.extensions import db
from wiki.pagination import paginate


@pytest.fixture
def ids():
    people = UserFactory.create_batch(5)
    db.session.flush()
    return sorted(person.id for person in people)


def _query(ids):
    return select(User).where(User.id.in_(ids)).order_by(User.id)


@pytest.mark.parametrize(
    "asked, shown, items",
    [(1, 1, slice(0, 2)), (2, 2, slice(2, 4)), (3, 3, slice(4, 5)), (9, 3, slice(4, 5)),
     (0, 1, slice(0, 2)), (-4, 1, slice(0, 2))],
)
def test_a_page_out_of_range_shows_the_nearest_one(ids, asked, shown, items):
    page = paginate(_query(ids), page=asked, per_page=2)
    assert (page.page, page.pages, page.total) == (shown, 3, 5)
    assert [person.id for person in page.items] == ids[items]
    assert (page.has_prev, page.has_next) == (shown > 1, shown < 3)


def test_an_empty_listing_has_one_empty_page():
    page = paginate(_query([]), page=1, per_page=2)
    assert (page.items, page.page, page.pages, page.total) == ([], 1, 1, 0)


def test_without_counting_the_first_page_is_the_only_one(ids):
    page = paginate(_query(ids), page=1, per_page=2, count=False)
    assert [person.id for person in page.items] == ids[:2]
    assert (page.page, page.pages, page.total, page.has_next) == (1, 1, None, False)
