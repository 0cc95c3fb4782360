"""Queries people (and robots) really type: results or a friendly message, never an error."""

from tests.search.corpus import SECRET_WORD

HOSTILE = (
    '"unbalanced quote',
    'unbalanced quote"',
    '""',
    "AND",
    "OR OR OR",
    "NOT",
    "- - -",
    "(((",
    ")))",
    "*",
    "a**",
    "x" * 10_240,
    "restaurante " * 900,
    "'; DROP TABLE standards; --",
    "1=1 OR 'a'='a'",
    "title:foo^2 body:[a TO z] {x TO y}",
    "foo~2 bar^3 baz?",
    "\x00\x01\x02 restaurante \x7f",
    "\u202e\u200b\ufeff",
    "ñ" * 200,
    "a" * 400,
    "EC0000 ec9999.99 ec0217.01.02",
    "':* & | ! <-> : <2>",
    "'x':* | !y",
    "\\ \\\\ %_% $1",
    "<script>alert(1)</script>",
    " ".join(["educación*"] * 30),
    "(" * 300 + "a",
    "𝔢𝔡𝔲𝔠𝔞𝔠𝔦𝔬𝔫 🙂 restaurante",
    "NOT NOT restaurante",
    "restaurante AND",
    "OR restaurante",
    "évalu* OR -",
    f"{SECRET_WORD}* OR visibility:committee-1",
)

#: what cannot be searched at all, and is answered with a message instead
REFUSED = {
    '""',
    "AND",
    "OR OR OR",
    "NOT",
    "- - -",
    "(((",
    ")))",
    "*",
    "x" * 10_240,
    "restaurante " * 900,
    "NOT NOT restaurante",
}
#: only invisible characters: the page shows the empty form
BLANK = {"\u202e\u200b\ufeff"}


def test_hostile_queries_give_results_or_a_message(indexed):
    outcomes = {}
    for text in HOSTILE:
        page = indexed.find(text)
        if page.parsed.problem:
            outcomes[text] = "message"
        elif page.parsed.is_empty:
            outcomes[text] = "blank form"
        else:
            outcomes[text] = "results" if page.results is not None else "nothing"
    expected = {
        text: "message" if text in REFUSED else "blank form" if text in BLANK else "results"
        for text in HOSTILE
    }
    assert outcomes == expected


def test_hostile_queries_never_cost_an_error_page(indexed):
    app = indexed.world.app
    client = app.test_client()
    app.extensions["search"], original = indexed.backend, app.extensions["search"]
    try:
        statuses = {
            text[:40]: client.get("/search", query_string={"q": text}).status_code
            for text in HOSTILE
        }
    finally:
        app.extensions["search"] = original
    assert statuses == dict.fromkeys(statuses, 200)
