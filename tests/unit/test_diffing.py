from hypothesis import given
from hypothesis import strategies as st

from wiki.standards.diffing import (
    Cell,
    Op,
    Segment,
    diff_texts,
    normalize_newlines,
    split_lines,
)

UNLIMITED = 10**9


def numbered(count: int, prefix: str = "línea") -> str:
    return "".join(f"{prefix} {number}\n" for number in range(1, count + 1))


def test_identical_texts_give_an_empty_diff():
    diff = diff_texts("Evaluación\n\nDiseño del año\n", "Evaluación\n\nDiseño del año\n")

    assert diff.is_empty
    assert diff.hunks == ()
    assert (diff.added, diff.removed) == (0, 0)
    assert diff.inline_rows() == []
    assert diff.side_by_side_rows() == []


def test_empty_texts_give_an_empty_diff():
    assert diff_texts("", "").is_empty


def test_pure_insertion_is_numbered_on_the_new_side_only():
    diff = diff_texts("uno\ndos\n", "uno\nnueva\ndos\n")

    assert (diff.added, diff.removed) == (1, 0)
    rows = diff.inline_rows()
    assert [(row.op, row.old_number, row.new_number, row.text) for row in rows] == [
        (Op.EQUAL, 1, 1, "uno"),
        (Op.INSERT, None, 2, "nueva"),
        (Op.EQUAL, 2, 3, "dos"),
    ]
    assert rows[1].segments == (Segment("nueva", changed=True),)


def test_pure_deletion_is_numbered_on_the_old_side_only():
    diff = diff_texts("uno\nvieja\ndos\n", "uno\ndos\n")

    assert (diff.added, diff.removed) == (0, 1)
    row = diff.inline_rows()[1]
    assert (row.op, row.old_number, row.new_number, row.text) == (Op.DELETE, 2, None, "vieja")


def test_insertion_into_empty_text():
    diff = diff_texts("", "primera\nsegunda\n")

    assert [(row.op, row.new_number) for row in diff.inline_rows()] == [
        (Op.INSERT, 1),
        (Op.INSERT, 2),
    ]


def test_one_changed_word_is_the_only_highlighted_segment():
    old = "El candidato presenta la evaluación diagnóstica al inicio del curso."
    new = "El candidato presenta la evaluación formativa al inicio del curso."

    (line,) = diff_texts(old, new).hunks[0].lines

    assert line.op is Op.REPLACE
    assert (line.old_number, line.new_number) == (1, 1)
    assert line.old_segments == (
        Segment("El candidato presenta la evaluación ", False),
        Segment("diagnóstica", True),
        Segment(" al inicio del curso.", False),
    )
    assert line.new_segments == (
        Segment("El candidato presenta la evaluación ", False),
        Segment("formativa", True),
        Segment(" al inicio del curso.", False),
    )


def test_replaced_line_counts_once_as_added_and_once_as_removed():
    diff = diff_texts("a\nb c d\ne\n", "a\nb X d\ne\n")

    assert (diff.added, diff.removed) == (1, 1)
    assert [row.op for row in diff.inline_rows()] == [Op.EQUAL, Op.DELETE, Op.INSERT, Op.EQUAL]


def test_adjacent_changed_words_are_highlighted_as_one_run():
    old = "instructor de capacitación presencial en la empresa"
    new = "instructor de formación virtual en la empresa"

    (line,) = diff_texts(old, new).hunks[0].lines

    assert [segment for segment in line.new_segments if segment.changed] == [
        Segment("formación virtual", True)
    ]


def test_punctuation_change_highlights_only_the_mark():
    (line,) = diff_texts("Elemento 1 de 3.", "Elemento 1 de 3;").hunks[0].lines

    assert line.new_segments == (Segment("Elemento 1 de 3", False), Segment(";", True))


def test_dissimilar_lines_become_delete_and_insert():
    diff = diff_texts("a\nPropósito del estándar\nz\n", "a\nNivel de competencia cinco\nz\n")

    ops = [line.op for line in diff.hunks[0].lines]
    assert ops == [Op.EQUAL, Op.DELETE, Op.INSERT, Op.EQUAL]


def test_edited_line_pairs_with_its_new_version_past_an_inserted_line():
    old = "# Título\nEl evaluador revisa el portafolio de evidencias.\nFin\n"
    new = (
        "# Título\nLínea completamente nueva sobre otra cosa.\n"
        "El evaluador revisa el portafolio de evidencias completo.\nFin\n"
    )

    lines = diff_texts(old, new).hunks[0].lines

    assert [(line.op, line.old_number, line.new_number) for line in lines] == [
        (Op.EQUAL, 1, 1),
        (Op.INSERT, None, 2),
        (Op.REPLACE, 2, 3),
        (Op.EQUAL, 3, 4),
    ]


def test_line_numbers_follow_both_sides_after_changes():
    old = numbered(10)
    new = old.replace("línea 2\n", "").replace("línea 7\n", "línea 7\nextra\n")

    rows = diff_texts(old, new, context=UNLIMITED).inline_rows()

    equal = [(row.old_number, row.new_number) for row in rows if row.op is Op.EQUAL]
    assert equal == [(1, 1), (3, 2), (4, 3), (5, 4), (6, 5), (7, 6), (8, 8), (9, 9), (10, 10)]
    assert [(row.old_number, row.new_number) for row in rows if row.op is not Op.EQUAL] == [
        (2, None),
        (None, 7),
    ]


def test_context_limits_lines_around_a_change():
    old = numbered(20)
    new = old.replace("línea 10\n", "línea diez\n")

    (hunk,) = diff_texts(old, new, context=2).hunks

    assert [line.old_number for line in hunk.lines] == [8, 9, 10, 11, 12]


def test_distant_changes_make_separate_hunks():
    old = numbered(30)
    new = old.replace("línea 3\n", "línea tres\n").replace("línea 25\n", "línea veinticinco\n")

    diff = diff_texts(old, new, context=3)

    assert [[line.old_number for line in hunk.lines] for hunk in diff.hunks] == [
        [1, 2, 3, 4, 5, 6],
        [22, 23, 24, 25, 26, 27, 28],
    ]
    assert [row.hunk for row in diff.inline_rows()].count(1) == 8


def test_close_changes_share_one_hunk():
    old = numbered(30)
    new = old.replace("línea 10\n", "línea diez\n").replace("línea 16\n", "línea dieciséis\n")

    diff = diff_texts(old, new, context=3)

    assert len(diff.hunks) == 1
    assert [line.old_number for line in diff.hunks[0].lines] == list(range(7, 20))


def test_zero_context_shows_only_changed_lines():
    old = numbered(5)
    new = old.replace("línea 3\n", "línea tres\n")

    (hunk,) = diff_texts(old, new, context=0).hunks

    assert [line.op for line in hunk.lines] == [Op.REPLACE]


def test_negative_context_is_rejected():
    try:
        diff_texts("a", "b", context=-1)
    except ValueError:
        pass
    else:
        raise AssertionError("negative context accepted")


def test_side_by_side_pairs_replaced_lines_in_one_row():
    diff = diff_texts("uno\ndos tres\ncuatro\n", "uno\ndos TRES\nnueva\n", context=UNLIMITED)

    rows = diff.side_by_side_rows()

    assert [
        (row.op, row.left and row.left.number, row.right and row.right.number) for row in rows
    ] == [
        (Op.EQUAL, 1, 1),
        (Op.REPLACE, 2, 2),
        (Op.DELETE, 3, None),
        (Op.INSERT, None, 3),
    ]
    assert rows[1].left == Cell(2, (Segment("dos ", False), Segment("tres", True)))
    assert rows[1].right == Cell(2, (Segment("dos ", False), Segment("TRES", True)))


def test_accents_enye_and_emoji_are_whole_words():
    old = "El diseño del año 👍 para la señora\n"
    new = "El diseño del año 👍🏽 para la niña\n"

    (line,) = diff_texts(old, new).hunks[0].lines

    assert [segment.text for segment in line.new_segments if segment.changed] == ["👍🏽", "niña"]
    assert [segment.text for segment in line.old_segments if segment.changed] == ["👍", "señora"]


def test_decomposed_accent_stays_with_its_letter():
    old = "evaluacio\u0301n"
    new = "evaluacio\u0301n final"

    (line,) = diff_texts(old, new).hunks[0].lines

    assert line.new_segments == (Segment("evaluacio\u0301n", False), Segment(" final", True))


def test_crlf_and_lf_texts_compare_equal():
    assert diff_texts("uno\r\ndos\r\n", "uno\ndos\n").is_empty
    assert diff_texts("uno\rdos", "uno\ndos\n").is_empty


def test_missing_final_newline_is_not_a_change():
    assert diff_texts("uno\ndos", "uno\ndos\n").is_empty


def test_normalize_newlines_adds_one_final_newline():
    assert normalize_newlines("a\r\nb") == "a\nb\n"
    assert normalize_newlines("") == ""
    assert split_lines("a\n\nb\n") == ["a", "", "b"]
    assert split_lines("\n") == [""]


lines = st.lists(
    st.one_of(
        st.sampled_from(["", "# Título", "- criterio", "evaluación del año", "diseño"]),
        st.text(alphabet="ab ñé.👍\u0301\t", max_size=12),
    ),
    max_size=12,
)
texts = st.builds(
    lambda parts, end: "\n".join(parts) + end, lines, st.sampled_from(["", "\n", "\r\n"])
)


@given(texts, texts)
def test_rows_rebuild_both_texts_with_unlimited_context(old, new):
    diff = diff_texts(old, new, context=UNLIMITED)
    if split_lines(old) == split_lines(new):
        assert diff.is_empty
        return

    rows = diff.inline_rows()
    assert [row.text for row in rows if row.op is not Op.INSERT] == split_lines(old)
    assert [row.text for row in rows if row.op is not Op.DELETE] == split_lines(new)
    side = diff.side_by_side_rows()
    assert [row.left.text for row in side if row.left] == split_lines(old)
    assert [row.right.text for row in side if row.right] == split_lines(new)
    assert [row.left.number for row in side if row.left] == list(
        range(1, len(split_lines(old)) + 1)
    )
    assert diff.added == sum(1 for row in rows if row.op is Op.INSERT)
    assert diff.removed == sum(1 for row in rows if row.op is Op.DELETE)


@given(texts, texts, st.integers(min_value=0, max_value=4))
def test_every_change_is_in_some_hunk_whatever_the_context(old, new, context):
    full = diff_texts(old, new, context=UNLIMITED)
    trimmed = diff_texts(old, new, context=context)

    def changed(diff):
        return [line for hunk in diff.hunks for line in hunk.lines if line.op is not Op.EQUAL]

    assert changed(trimmed) == changed(full)
    for hunk in trimmed.hunks:
        assert all(segment.text for line in hunk.lines for segment in line.old_segments)


def test_large_rewritten_block_pairs_lines_by_position():
    old = "".join(f"criterio {number} del elemento\n" for number in range(30))
    new = "".join(f"criterio {number} del elemento revisado\n" for number in range(30))

    diff = diff_texts(old, new)

    assert [line.op for line in diff.hunks[0].lines] == [Op.REPLACE] * 30
    assert diff.hunks[0].lines[0].new_segments[-1] == Segment(" revisado", True)
