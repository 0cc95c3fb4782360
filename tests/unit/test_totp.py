"""Which codes are accepted for which time step, and how recovery codes look and are stored."""

import datetime as dt

import pyotp

from wiki.accounts import totp

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
NOW = dt.datetime(2026, 12, 2, 12, 0, 10, tzinfo=dt.UTC)
STEP = pyotp.TOTP(SECRET).timecode(NOW)


def code_at(offset: int) -> str:
    return pyotp.TOTP(SECRET).at(NOW, counter_offset=offset)


def test_a_code_of_now_or_one_step_either_side_is_accepted():
    for offset in (-1, 0, 1):
        assert totp.accepted_step(SECRET, code_at(offset), NOW, None) == STEP + offset


def test_a_code_two_steps_away_is_refused():
    assert totp.accepted_step(SECRET, code_at(2), NOW, None) is None
    assert totp.accepted_step(SECRET, code_at(-2), NOW, None) is None


def test_a_code_of_the_last_accepted_step_or_older_is_refused():
    assert totp.accepted_step(SECRET, code_at(0), NOW, STEP) is None
    assert totp.accepted_step(SECRET, code_at(-1), NOW, STEP) is None
    assert totp.accepted_step(SECRET, code_at(1), NOW, STEP) == STEP + 1


def test_codes_of_another_shape_are_refused_without_error():
    for code in ("", "12345", "1234567", "abcdef", "١٢٣٤٥٦"):
        assert totp.accepted_step(SECRET, code, NOW, None) is None


def test_typed_codes_are_normalised():
    assert totp.normalise_code(" 123 456 ") == "123456"
    assert totp.normalise_code("ABCDE-FGHJK") == "abcdefghjk"


def test_recovery_codes_are_ten_distinct_and_stored_only_as_hashes():
    codes = totp.new_recovery_codes()
    assert len(set(codes)) == totp.RECOVERY_CODE_COUNT == 10
    for code in codes:
        assert len(code) == 11 and code[5] == "-"
        assert not totp.is_totp_code(totp.normalise_code(code))
        stored = totp.recovery_code_hash(code)
        assert code.replace("-", "") not in stored
        assert stored == totp.recovery_code_hash(code.upper().replace("-", " "))


def test_the_uri_names_the_issuer_and_account():
    uri = totp.provisioning_uri(SECRET, "ana@agencia.gob.mx")
    assert uri.startswith("otpauth://totp/")
    assert "ana%40agencia.gob.mx" in uri and f"secret={SECRET}" in uri
