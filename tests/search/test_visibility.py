"""Drafts stay with their committee: no hit, count, facet, snippet or suggestion leaks them.

The draft ``secret`` of the tourism committee holds ``SECRET_WORD`` and the word "cortesía",
which published editions use too.
"""

import pytest

from tests.search.conftest import real_session
from tests.search.corpus import SECRET_WORD
from wiki.search.base import Filters
from wiki.search.visibility import PUBLIC_ONLY

OUTSIDERS = ("anonymous", "other committee")


def outsider(indexed, who):
    return PUBLIC_ONLY if who == "anonymous" else indexed.visibility("education")


@pytest.mark.parametrize("who", OUTSIDERS)
def test_draft_secret_word_is_never_found_by_outsiders(indexed, who):
    assert indexed.find(SECRET_WORD, outsider(indexed, who)).results.total == 0


def test_draft_secret_word_is_found_by_its_committee_and_by_admins(indexed):
    secret = indexed.corpus.standards["secret"]
    assert indexed.standard_ids(SECRET_WORD, indexed.visibility("tourism")) == {secret}
    everyone = indexed.visibility("tourism", "education", "industry")
    assert indexed.standard_ids(SECRET_WORD, everyone) == {secret}


@pytest.mark.parametrize(
    "text",
    [
        "nothing OR status:draft",
        "status:draft",
        "visibility:committee-1 OR restaurante",
        f"{SECRET_WORD} OR restaurante",
        "restaurante OR NOT restaurante",
        "(cortesia) OR (status:draft visibility:committee)",
        "zarzamor*",
    ],
)
def test_query_syntax_cannot_widen_what_outsiders_see(indexed, text):
    page = indexed.find(text)
    hits = page.results.hits if page.results else []
    assert all(hit.status != "draft" for hit in hits)
    assert all(SECRET_WORD not in str(page.snippets[hit.doc_id]) for hit in hits)


@pytest.mark.parametrize("who", OUTSIDERS)
def test_draft_filter_shows_outsiders_nothing_at_all(indexed, who):
    results = indexed.find("", outsider(indexed, who), filters=Filters(status="draft")).results
    assert results.total == 0
    assert all(not values for values in results.facets.values())


def test_counts_and_facets_leave_drafts_out_for_outsiders(indexed):
    tourism = str(indexed.corpus.committees["tourism"])
    public = indexed.find("cortesia").results
    member = indexed.find("cortesia", indexed.visibility("tourism")).results
    assert member.total == public.total + 1
    assert "draft" not in dict(public.facets["status"])
    assert dict(member.facets["status"])["draft"] == 1
    assert (
        dict(member.facets["committee"])[tourism] == dict(public.facets["committee"])[tourism] + 1
    )
    assert dict(member.facets["level"]) != dict(public.facets["level"])


def test_snippets_and_titles_for_outsiders_never_show_the_draft(indexed):
    page = indexed.find("cortesia preparar OR cortesia")
    shown = " ".join(map(str, [*page.titles.values(), *page.snippets.values()]))
    assert page.results.total > 0
    assert SECRET_WORD not in shown
    assert "Borrador" not in shown


def test_suggestions_never_offer_an_outsider_a_draft_word(indexed):
    near_miss = SECRET_WORD[:-2] + "il"
    assert indexed.find(near_miss).suggestion is None
    assert indexed.find(near_miss, indexed.visibility("education")).suggestion is None
    assert indexed.find(near_miss, indexed.visibility("tourism")).suggestion == SECRET_WORD


def test_public_vocabulary_lacks_draft_words(indexed):
    length = len(SECRET_WORD)
    with real_session(indexed.world.app) as session:
        public = indexed.backend.vocabulary(
            "z", range(length - 2, length + 3), PUBLIC_ONLY, session=session
        )
        member = indexed.backend.vocabulary(
            "z", range(length - 2, length + 3), indexed.visibility("tourism"), session=session
        )
    assert SECRET_WORD not in public
    assert SECRET_WORD in member
