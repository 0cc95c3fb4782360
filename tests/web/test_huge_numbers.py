"""Numbers in addresses beyond the database's integers: 404 for ids, a page in range for
``?page=``, the default for other query numbers; never a database error."""

import pytest

from tests.comment_factories import comment, open_ballot
from wiki.extensions import db
from wiki.http.numbers import MAX_INTEGER

HUGE = "99999999999999999999"
#: one past PostgreSQL's integer, which SQLite would still take
PAST_INTEGER = str(MAX_INTEGER + 1)

ID_PATHS = [
    "/standards/{n}",
    "/standards/{n}/history",
    "/standards/{n}/edit",
    "/standards/{standard}/revisions/{n}",
    "/standards/{standard}/revisions/{n}.json",
    "/ballots/{n}",
    "/threads/{n}",
    "/comments/{n}/edit",
    "/consultations/{n}",
    "/consultations/{n}/dispositions",
    "/users/{n}",
    "/admin/users/{n}",
]


@pytest.mark.parametrize("number", [HUGE, PAST_INTEGER])
@pytest.mark.parametrize("path", ID_PATHS)
def test_an_id_past_the_database_range_is_not_found(client, login, p, standard, path, number):
    url = path.format(n=number, standard=standard.id)
    assert client.get(url).status_code == 404
    login(p.admin)
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("number", [HUGE, PAST_INTEGER])
def test_posting_to_an_id_past_the_range_is_not_found(client, login, p, number):
    login(p.chair)
    for path in ("/ballots/{n}/position", "/threads/{n}/replies", "/standards/{n}/watch"):
        assert client.post(path.format(n=number), data={"body": "Hola"}).status_code == 404


def test_the_largest_id_is_still_an_id(client, p):
    assert client.get(f"/standards/{MAX_INTEGER}").status_code == 404


def test_a_control_character_in_a_path_segment_matches_no_route(client, p):
    for path in ("/committees/%00", "/committees/tur%01ismo/members", "/ec/EC%000001"):
        assert client.get(path).status_code == 404


@pytest.mark.parametrize("page", [HUGE, PAST_INTEGER, "-5", "dos", ""])
def test_a_page_number_out_of_range_shows_a_page(client, login, p, standard, page):
    comment(p.union, standard, "Un comentario para la lista.")
    db.session.commit()
    login(p.admin)
    for path in (
        "/admin/users",
        "/admin/audit",
        "/notifications",
        f"/committees/{p.committee.slug}/audit",
        f"/standards/{standard.id}/history",
        f"/standards/{standard.id}/activity",
        "/registry",
    ):
        response = client.get(f"{path}?page={page}")
        assert response.status_code == 200, path


@pytest.mark.parametrize("number", [HUGE, PAST_INTEGER])
def test_other_numbers_in_the_query_fall_back_to_their_default(
    client, login, p, standard, number
):
    open_ballot(p, standard)
    db.session.commit()
    login(p.chair)
    diff = client.get(f"/standards/{standard.id}/diff?to={number}&from={number}")
    assert diff.status_code == 200
    assert client.get(f"/standards/{standard.id}/threads/new?revision={number}").status_code == 200
    report = f"/standards/{standard.id}/dispositions"
    assert client.get(f"{report}?ballot={number}").status_code == 200
    assert client.get(f"{report}?revision={number}").status_code == 404
