"""Standard codes: formatting, parsing and their round trip."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wiki.errors import InvalidInput
from wiki.models import Standard
from wiki.publication.codes import MAX_NUMBER, format_code, format_edition_code, parse_code


def test_code_is_ec_and_four_digits():
    assert format_code(217) == "EC0217"
    assert format_code(1) == "EC0001"
    assert format_code(9999) == "EC9999"


def test_edition_code_adds_two_digits():
    assert format_edition_code(217, 1) == "EC0217.01"
    assert format_edition_code(1500, 12) == "EC1500.12"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("EC0217", (217, None)),
        ("EC0217.01", (217, 1)),
        ("EC9999.99", (9999, 99)),
        ("  ec0217.02 ", (217, 2)),
    ],
)
def test_parse_code(text, expected):
    assert parse_code(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "EC",
        "EC217",
        "EC00217",
        "EC0000",
        "EC0217.00",
        "EC0217.1",
        "EC0217.001",
        "EC0217.",
        "E0875",
        "XX0217",
        "EC-217",
        "EC 0217",
        "EC٠٢١٧",  # Arabic-Indic digits: \d would accept them
        None,
        217,
    ],
)
def test_bad_code_is_refused(text):
    with pytest.raises(InvalidInput):
        parse_code(text)


@pytest.mark.parametrize("number", [0, -1, 10000, True, "217", 2.0])
def test_number_out_of_range_is_refused(number):
    with pytest.raises(InvalidInput):
        format_code(number)


@pytest.mark.parametrize("edition", [0, 100, -3, None])
def test_edition_out_of_range_is_refused(edition):
    with pytest.raises(InvalidInput):
        format_edition_code(217, edition)


@settings(max_examples=200)
@given(st.integers(1, 9999), st.none() | st.integers(1, 99))
def test_formatting_then_parsing_round_trips(number, edition):
    code = format_code(number) if edition is None else format_edition_code(number, edition)
    assert parse_code(code) == (number, edition)


# Mostly characters a code is made of, so near-misses are common; some arbitrary text too.
code_like = st.text(alphabet=st.sampled_from("EeCcX0123456789. ٠"), max_size=12)


near_codes = st.builds(
    lambda prefix, number, edition: (
        f"{prefix}{number:04d}" + (f".{edition:02d}" if edition is not None else "")
    ),
    st.sampled_from(["EC", "ec", " EC", "E", "EC-"]),
    st.integers(0, 99999),
    st.none() | st.integers(0, 999),
)


@settings(max_examples=150)
@given(near_codes | code_like | st.text(max_size=12))
def test_any_text_parses_into_range_or_raises_invalid_input(text):
    try:
        number, edition = parse_code(text)
    except InvalidInput:
        return
    assert 1 <= number <= 9999
    assert edition is None or 1 <= edition <= 99
    expected = format_code(number) if edition is None else format_edition_code(number, edition)
    assert expected == text.strip().upper()


@given(st.integers(min_value=1, max_value=MAX_NUMBER))
def test_a_standards_code_is_the_registry_format(number):
    """``Standard.code`` spells the code itself (drafting must not import publication)."""
    assert Standard(code_number=number).code == format_code(number)
