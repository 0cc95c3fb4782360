from hypothesis import given
from hypothesis import strategies as st

from wiki.standards.diffing import normalize_newlines
from wiki.standards.merging import ConflictRegion, merge_texts

BASE = (
    "# Estándar de competencia\n"
    "\n"
    "Propósito: evaluar la impartición de cursos de capacitación.\n"
    "\n"
    "## Elemento 1\n"
    "El candidato diseña la evaluación diagnóstica.\n"
    "\n"
    "## Elemento 2\n"
    "El candidato conduce la sesión del año en curso.\n"
)


def test_edits_in_different_paragraphs_merge():
    mine = BASE.replace("diagnóstica", "diagnóstica y final")
    theirs = BASE.replace("Propósito:", "Propósito del estándar:")

    result = merge_texts(BASE, mine, theirs)

    assert result.clean
    assert result.conflicts == ()
    assert result.text == BASE.replace("diagnóstica", "diagnóstica y final").replace(
        "Propósito:", "Propósito del estándar:"
    )


def test_insertions_at_different_places_merge():
    mine = BASE + "\n## Elemento 3\nNuevo elemento.\n"
    theirs = "Resumen al inicio.\n\n" + BASE

    result = merge_texts(BASE, mine, theirs)

    assert result.text == "Resumen al inicio.\n\n" + BASE + "\n## Elemento 3\nNuevo elemento.\n"


def test_same_line_edited_differently_conflicts():
    mine = BASE.replace("diagnóstica", "formativa")
    theirs = BASE.replace("diagnóstica", "sumativa")

    result = merge_texts(BASE, mine, theirs)

    assert not result.clean
    assert result.text is None
    assert result.conflicts == (
        ConflictRegion(
            base="El candidato diseña la evaluación diagnóstica.\n",
            mine="El candidato diseña la evaluación formativa.\n",
            theirs="El candidato diseña la evaluación sumativa.\n",
            start_line=6,
        ),
    )


def test_both_sides_making_the_same_change_merges():
    changed = BASE.replace("conduce", "dirige")

    result = merge_texts(BASE, changed, changed)

    assert result.clean
    assert result.text == changed


def test_same_change_plus_a_separate_change_merges():
    mine = BASE.replace("conduce", "dirige").replace("Propósito:", "Objetivo:")
    theirs = BASE.replace("conduce", "dirige")

    assert merge_texts(BASE, mine, theirs).text == mine


def test_deleting_a_paragraph_the_other_side_edits_conflicts():
    mine = BASE.replace("## Elemento 2\nEl candidato conduce la sesión del año en curso.\n", "")
    theirs = BASE.replace("conduce", "dirige")

    result = merge_texts(BASE, mine, theirs)

    assert result.text is None
    (conflict,) = result.conflicts
    assert conflict.mine == ""
    assert "dirige" in conflict.theirs
    assert "conduce" in conflict.base
    assert conflict.start_line == 8


def test_different_insertions_at_the_same_place_conflict():
    mine = BASE.replace("## Elemento 2\n", "## Elemento 2\nNota de Ana.\n")
    theirs = BASE.replace("## Elemento 2\n", "## Elemento 2\nNota de Luis.\n")

    result = merge_texts(BASE, mine, theirs)

    assert result.text is None
    (conflict,) = result.conflicts
    assert (conflict.base, conflict.mine, conflict.theirs) == (
        "",
        "Nota de Ana.\n",
        "Nota de Luis.\n",
    )
    assert conflict.start_line == 9


def test_each_conflicting_region_is_listed():
    mine = BASE.replace("diagnóstica", "formativa").replace("conduce", "dirige")
    theirs = BASE.replace("diagnóstica", "sumativa").replace("conduce", "modera")

    result = merge_texts(BASE, mine, theirs)

    assert [conflict.start_line for conflict in result.conflicts] == [6, 9]


def test_line_endings_are_normalised():
    mine = BASE.replace("\n", "\r\n").replace("conduce", "dirige")
    theirs = BASE.replace("Propósito:", "Objetivo:").rstrip("\n")

    result = merge_texts(BASE, mine, theirs)

    assert result.text == BASE.replace("conduce", "dirige").replace("Propósito:", "Objetivo:")


def test_empty_texts_merge_to_empty():
    assert merge_texts("", "", "") == merge_texts("", "", "")
    assert merge_texts("", "", "").text == ""


lines = st.lists(st.sampled_from(["", "a", "b", "c", "d", "ñ", "año 👍"]), max_size=10)
texts = st.builds(
    lambda parts, end: "\n".join(parts) + end, lines, st.sampled_from(["", "\n", "\r\n"])
)


@given(texts, texts)
def test_only_my_side_changed_gives_my_text(base, mine):
    assert merge_texts(base, mine, base).text == normalize_newlines(mine)


@given(texts, texts)
def test_only_their_side_changed_gives_their_text(base, theirs):
    assert merge_texts(base, base, theirs).text == normalize_newlines(theirs)


@given(texts, texts)
def test_both_sides_identical_gives_that_text(base, both):
    assert merge_texts(base, both, both).text == normalize_newlines(both)


@given(texts, texts, texts)
def test_merge_is_symmetric_in_whether_it_conflicts(base, mine, theirs):
    forward = merge_texts(base, mine, theirs)
    backward = merge_texts(base, theirs, mine)

    assert forward.clean == backward.clean
    if forward.clean:
        assert forward.text == backward.text
