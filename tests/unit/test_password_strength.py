"""Which new passwords are refused, and for which reason."""

import pytest

from wiki.accounts.password_strength import (
    Weakness,
    password_weakness,
    personal_words,
)

ROSA = personal_words(display_name="Rosa Ibarra Núñez", email="rosa.ibarra@ejemplo.mx")


def weakness(password, personal=(), min_score=3):
    return password_weakness(password, personal=list(personal), min_score=min_score)


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("aaaaaaaaaa", Weakness.PATTERN),
        ("1234567890", Weakness.COMMON),
        ("qwertyuiop", Weakness.COMMON),
        ("password123", Weakness.COMMON),
        ("contraseña2024", Weakness.COMMON),
        ("corto", Weakness.TOO_SHORT),
    ],
)
def test_common_and_patterned_passwords_are_refused_with_their_reason(password, reason):
    assert weakness(password) is reason


@pytest.mark.parametrize(
    "password", ["rosa.ibarra2024", "RosaIbarra1985!", "nunez.rosa.ibarra", "ibarra-rosa-77"]
)
def test_passwords_built_from_the_name_or_email_are_refused(password):
    assert weakness(password, ROSA) is Weakness.PERSONAL


def test_the_same_password_is_fine_for_someone_else():
    assert weakness("RosaIbarra1985!") is None


@pytest.mark.parametrize(
    "password",
    ["correct horse battery", "una clave nueva y larga", "Tr0ub4dor&3", "mapache-río-42-lámpara"],
)
def test_long_unrelated_passwords_pass(password):
    assert weakness(password, ROSA) is None


def test_a_password_longer_than_zxcvbn_takes_is_judged_by_its_start():
    assert weakness("una clave nueva y larga " * 40, ROSA) is None
    assert weakness("a" * 500) is Weakness.PATTERN


def test_the_minimum_score_is_a_setting():
    assert weakness("demo-password-1", min_score=3) is None
    assert weakness("demo-password-1", min_score=4) is not None


def test_personal_words_include_pieces_without_accents():
    assert {"rosa", "ibarra", "núñez", "nunez", "rosaibarranúñez", "rosa.ibarra"} <= set(ROSA)
