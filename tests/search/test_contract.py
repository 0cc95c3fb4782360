"""The contract every backend keeps: the same cases pass on Whoosh and on PostgreSQL.

The registry searched is ``tests.search.corpus``; each test names the documents it expects.
"""

import pytest

from wiki.search.base import Filters


def codes(indexed, text, **options):
    return sorted(indexed.doc_codes(text, **options))


def test_unaccented_word_finds_accented_text(indexed):
    assessment = indexed.corpus.standards["assessment"]
    assert assessment in indexed.standard_ids("educacion")
    assert assessment in indexed.standard_ids("EDUCACIÓN")


def test_unaccented_singular_finds_a_standard_with_only_the_plural(indexed):
    # "dining" only says "evaluaciones"; the usual unaccent-then-stem chain misses it.
    found = indexed.standard_ids("evaluacion")
    assert indexed.corpus.standards["dining"] in found
    assert indexed.corpus.standards["assessment"] in found


def test_accented_query_finds_the_same_standards_as_unaccented(indexed):
    assert indexed.standard_ids("evaluación") == indexed.standard_ids("evaluacion")


def test_enye_is_a_letter_of_its_own(indexed):
    assert indexed.corpus.standards["dining"] in indexed.standard_ids("año")
    assert indexed.corpus.standards["dining"] in indexed.standard_ids("AÑO")
    assert indexed.standard_ids("ano") == set()


def test_english_standards_are_stemmed_in_english(indexed):
    assert indexed.standard_ids("evaluation") == {indexed.corpus.standards["refrigeration"]}
    assert indexed.standard_ids("compressor") == {indexed.corpus.standards["refrigeration"]}


def test_phrase_needs_the_words_in_order(indexed):
    dining, assessment = indexed.corpus.standards["dining"], indexed.corpus.standards["assessment"]
    assert indexed.standard_ids('"gestion de la calidad"') == {dining}
    assert indexed.standard_ids("gestion calidad") == {dining, assessment}


def test_or_widens_and_not_narrows(indexed):
    dining, assessment = indexed.corpus.standards["dining"], indexed.corpus.standards["assessment"]
    assert indexed.standard_ids("comensales OR candidatos") == {dining, assessment}
    assert indexed.standard_ids("comensales candidatos") == set()
    assert indexed.standard_ids("certificacion NOT comensales") == {assessment}
    assert indexed.standard_ids("certificacion -comensales") == {assessment}


def test_prefix_finds_words_that_start_with_it(indexed):
    dining = indexed.corpus.standards["dining"]
    assert indexed.standard_ids("capacit*") == {dining}
    assert indexed.standard_ids("capacitac*") == {dining}
    assert indexed.standard_ids("refrigera*") == {indexed.corpus.standards["refrigeration"]}


def test_search_reaches_elements_and_criteria_not_only_titles(indexed):
    dining = indexed.corpus.standards["dining"]
    assert indexed.standard_ids("alergenos") == {dining}  # a product's quality criterion
    assert indexed.standard_ids("higiene") == {dining}  # a knowledge item
    assert indexed.standard_ids("E0411") == {dining}  # an element's code


def test_committee_sector_and_occupation_are_searchable(indexed):
    assert indexed.corpus.standards["refrigeration"] in indexed.standard_ids("manufacturing")


def test_standard_code_finds_every_edition_and_edition_code_finds_one(indexed):
    corpus = indexed.corpus
    assert codes(indexed, corpus.codes["dining"]) == [
        corpus.codes["dining.01"],
        corpus.codes["dining.02"],
    ]
    assert codes(indexed, corpus.codes["dining.01"]) == [corpus.codes["dining.01"]]
    assert codes(indexed, corpus.codes["dining.02"].lower()) == [corpus.codes["dining.02"]]


def test_a_title_match_ranks_above_a_body_match(indexed):
    hits = indexed.find("certificacion").results.hits
    assert hits[0].standard_id == indexed.corpus.standards["assessment"]
    assert len(hits) == 3


def test_facets_count_every_match_by_status_committee_and_language(indexed):
    tourism = str(indexed.corpus.committees["tourism"])
    results = indexed.find("", filters=Filters(committee=int(tourism))).results
    assert dict(results.facets["status"]) == {"current": 1, "superseded": 1, "withdrawn": 1}
    assert dict(results.facets["committee"]) == {tourism: 3}
    assert dict(results.facets["language"]) == {"es": 3}
    assert dict(results.facets["level"]) == {"2": 2, "1": 1}
    assert results.total == 3


def test_filters_narrow_by_facet_value(indexed):
    corpus = indexed.corpus
    assert codes(indexed, "restaurante", filters=Filters(status="superseded")) == [
        corpus.codes["dining.01"]
    ]
    assert indexed.standard_ids("certificacion", filters=Filters(language="en")) == set()
    assert indexed.standard_ids("", filters=Filters(level=3)) == {
        corpus.standards["assessment"],
        corpus.standards["refrigeration"],
    }
    assert indexed.standard_ids("", filters=Filters(sector="Educación")) == {
        corpus.standards["assessment"]
    }


def test_withdrawn_editions_stay_findable_with_their_status(indexed):
    hits = indexed.find("huespedes").results.hits
    assert [(hit.standard_id, hit.status) for hit in hits] == [
        (indexed.corpus.standards["hotel"], "withdrawn")
    ]


def test_sort_by_date_puts_the_newest_first(indexed):
    hits = indexed.find("certificacion", sort="date").results.hits
    dates = [hit.date for hit in hits]
    assert dates == sorted(dates, reverse=True)
    # The assessment standard was published last.
    assert hits[0].standard_id == indexed.corpus.standards["assessment"]


def test_pages_split_the_results_without_changing_the_total(indexed):
    first = indexed.find("certificacion", per_page=2, page=1).results
    second = indexed.find("certificacion", per_page=2, page=2).results
    assert first.total == second.total == 3
    assert (len(first.hits), len(second.hits), first.pages) == (2, 1, 2)
    assert not {h.doc_id for h in first.hits} & {h.doc_id for h in second.hits}


def test_snippet_marks_the_stemmed_match_in_the_text(indexed):
    page = indexed.find("evaluacion", filters=Filters(status="current"))
    by_standard = {hit.standard_id: page.snippets[hit.doc_id] for hit in page.results.hits}
    assert "<mark>evaluaciones</mark>" in by_standard[indexed.corpus.standards["dining"]]
    assert "<mark>evaluación</mark>" in by_standard[indexed.corpus.standards["assessment"]]


def test_snippet_escapes_what_authors_wrote(indexed):
    page = indexed.find("etiqueta")
    (snippet,) = page.snippets.values()
    assert "&lt;img src=x onerror=alert(1)&gt;" in snippet
    assert "<img" not in snippet


def test_title_is_marked_too(indexed):
    page = indexed.find("comensales", filters=Filters(status="current"))
    (title,) = page.titles.values()
    assert str(title) == "Atención a <mark>comensales</mark> en restaurantes"


def test_misspelling_gets_a_suggestion_that_finds_something(indexed):
    page = indexed.find("evaluasiones")
    assert page.results.total == 0
    assert page.suggestion == "evaluaciones"
    assert indexed.find(page.suggestion).results.total > 0


def test_known_words_get_no_suggestion(indexed):
    assert indexed.find("comensales candidatos").suggestion is None


@pytest.mark.parametrize("text", ["de la", "the of", "de -la"])
def test_stop_words_alone_find_nothing_without_failing(indexed, text):
    page = indexed.find(text)
    assert page.results is None or page.results.total == 0
