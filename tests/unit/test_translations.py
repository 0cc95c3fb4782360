"""The Spanish catalog: complete, compiled, true to its placeholders, up to date with the code.

When a test here fails after you added or changed a UI string, run ``make translations``,
translate the new entries in ``wiki/translations/es/LC_MESSAGES/messages.po`` (empty or
``#, fuzzy``), and run ``make translations`` again to compile the ``.mo``.
"""

import io
import re
from functools import cache
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_keywords, parse_mapping_cfg
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "wiki" / "translations"
LOCALES = ("es",)

#: a %-placeholder as Python's ``%`` operator reads it: name (or none) and conversion
PLACEHOLDER = re.compile(
    r"%(?:\((?P<name>[^)]*)\))?"  # %(name)
    r"[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?"  # flags, width, precision, length
    r"(?P<type>[diouxXeEfFgGcrs%])"  # conversion
)


@cache
def po_catalog(locale: str) -> Catalog:
    with open(TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po", "rb") as handle:
        return read_po(handle, locale=locale)


def messages(catalog: Catalog):
    """Every real entry (not the header)."""
    return [message for message in catalog if message.id]


def strings_of(message) -> tuple[str, ...]:
    return tuple(message.string) if message.pluralizable else (message.string,)


def ids_of(message) -> tuple[str, ...]:
    return tuple(message.id) if message.pluralizable else (message.id,)


def as_dict(catalog: Catalog) -> dict:
    return {
        (message.context, ids_of(message)): strings_of(message) for message in messages(catalog)
    }


def placeholders(text: str) -> set[tuple[str | None, str]]:
    """``{("name", "s"), ...}``; unnamed ones are numbered so their count matters too."""
    found, unnamed = set(), 0
    for match in PLACEHOLDER.finditer(text):
        if match["type"] == "%":
            continue
        name = match["name"]
        if name is None:
            name, unnamed = f"#{unnamed}", unnamed + 1
        found.add((name, match["type"]))
    return found


def makefile_keywords() -> list[str]:
    """The ``-k`` keywords `make translations` passes to pybabel, from the Makefile."""
    for line in (ROOT / "Makefile").read_text(encoding="utf-8").splitlines():
        if line.startswith("BABEL_KEYWORDS"):
            return line.split(":=", 1)[1].split()
    pytest.fail("The Makefile has no BABEL_KEYWORDS line for `make translations`")


@pytest.mark.parametrize("locale", LOCALES)
def test_catalog_uses_two_plural_forms(locale):
    catalog = po_catalog(locale)
    assert catalog.num_plurals == 2
    assert catalog.plural_expr == "(n != 1)"


@pytest.mark.parametrize("locale", LOCALES)
def test_compiled_mo_is_up_to_date_with_the_po(locale):
    compiled = io.BytesIO()
    write_mo(compiled, po_catalog(locale), use_fuzzy=False)
    compiled.seek(0)
    expected_catalog = read_mo(compiled)
    with open(TRANSLATIONS / locale / "LC_MESSAGES" / "messages.mo", "rb") as handle:
        shipped_catalog = read_mo(handle)
    assert shipped_catalog.plural_forms == expected_catalog.plural_forms
    expected, shipped = as_dict(expected_catalog), as_dict(shipped_catalog)
    stale = {key for key, strings in shipped.items() if expected.get(key) != strings}
    missing = expected.keys() - shipped.keys()
    assert not stale and not missing, (
        f"messages.mo is out of date ({len(stale)} changed, {len(missing)} missing): "
        "run `make translations`"
    )


@pytest.mark.parametrize("locale", LOCALES)
def test_po_has_no_fuzzy_or_untranslated_entries(locale):
    catalog = po_catalog(locale)
    assert not catalog.fuzzy, "the catalog header is marked fuzzy"
    fuzzy = [message.id for message in messages(catalog) if message.fuzzy]
    empty = [
        message.id
        for message in messages(catalog)
        if len(strings_of(message)) != (catalog.num_plurals if message.pluralizable else 1)
        or not all(s.strip() for s in strings_of(message))
    ]
    assert not fuzzy, f"fuzzy entries to review: {fuzzy}"
    assert not empty, f"untranslated entries: {empty}"


@pytest.mark.parametrize("locale", LOCALES)
def test_translations_keep_the_placeholders_of_the_msgid(locale):
    catalog = po_catalog(locale)
    wrong = []
    for message in messages(catalog):
        ids = ids_of(message)
        for index, string in enumerate(strings_of(message)):
            # form 0 answers the singular msgid, every other form the plural one
            source = ids[min(index, len(ids) - 1)]
            if placeholders(string) != placeholders(source):
                wrong.append((source, string))
            elif message.python_format and "%" in PLACEHOLDER.sub("", string):
                # formatted with %: a lone "%" (write "%%") would raise instead of showing
                wrong.append((source, string))
    assert not wrong, "placeholders differ:\n" + "\n".join(f"{a!r}\n  -> {b!r}" for a, b in wrong)


@pytest.mark.parametrize("locale", LOCALES)
def test_babel_format_checks_pass(locale):
    """Babel's own checkers: python-format conversions and the number of plural forms."""
    problems = [
        (message.id, [str(error) for error in errors])
        for message, errors in po_catalog(locale).check()
    ]
    assert not problems, problems


@cache
def extracted_messages() -> dict[str, tuple[str, ...]]:
    """What `make translations` extracts, run in-process: msgid -> (msgid, plural?)."""
    with open(ROOT / "babel.cfg", encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    keywords = {**DEFAULT_KEYWORDS, **parse_keywords(makefile_keywords())}
    found = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        ROOT, method_map, options_map, keywords=keywords
    ):
        ids = (message,) if isinstance(message, str) else tuple(m for m in message if m)
        if ids and ids[0]:
            found.setdefault(ids[0], (ids, f"{filename}:{lineno}"))
    return found


def test_extraction_finds_the_ui_strings():
    found = extracted_messages()
    # one from Python (lazy_gettext), one from an HTML template, one from a mail template
    assert "Please log in to see this page." in found
    assert "Skip to main content" in found
    assert "Hello %(name)s," in found


@pytest.mark.parametrize("locale", LOCALES)
def test_every_string_the_code_uses_is_in_the_catalog(locale):
    catalog = po_catalog(locale)
    missing, plural_changed = [], []
    for msgid, (ids, where) in extracted_messages().items():
        entry = catalog.get(msgid)
        if entry is None:
            missing.append(f"{where}: {msgid!r}")
        elif len(ids) > 1 and ids_of(entry) != ids:
            plural_changed.append(f"{where}: {ids!r}")
    assert not missing and not plural_changed, (
        "strings not in the catalog; run `make translations` and translate them:\n"
        + "\n".join(missing + plural_changed)
    )
