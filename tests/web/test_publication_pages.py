"""Publishing, withdrawing and the official act through the test client; the activity page."""

import datetime as dt

import pytest
from sqlalchemy import select

from tests.ballot_factories import (
    approved,
    counter_value,
    counts,
    draft,
    new_revision,
    published,
    requested,
)
from wiki.extensions import db
from wiki.publication.lifecycle import EditionStatus, RequestStatus
from wiki.publication.models import Edition
from wiki.standards.lifecycle import StandardStatus

OFFICIAL_ACT = {
    "approving_body": "Comité Técnico de la Agencia",
    "resolution_number": "CT-2026-031",
    "approved_on": "2026-03-02",
    "gazette_published_on": "2026-03-20",
    "gazette_url": "https://www.dof.gob.mx/nota_detalle.php?codigo=5000031",
}


def test_the_chair_asks_and_an_administrator_publishes_with_the_official_act(
    client, as_user, s
):
    standard, ballot = approved(s)
    db.session.commit()
    as_user(s.chair)
    page = client.get(f"/standards/{standard.id}/publication-request")
    assert page.status_code == 200
    assert "Ask the agency to publish revision 1" in page.text
    assert f"/ballots/{ballot.id}" in page.text
    response = client.post(
        f"/standards/{standard.id}/publication-request", data={"note": "Sesión ordinaria 12."}
    )
    assert response.status_code == 302
    as_user(s.admin)
    queue = client.get("/publication/requests").text
    assert standard.title in queue and f"/standards/{standard.id}/publish" in queue
    page = client.get(f"/standards/{standard.id}/publish")
    assert page.status_code == 200
    assert "This is the standard's first publication" in page.text
    assert f"/ballots/{ballot.id}" in page.text
    assert "Sesión ordinaria 12." in page.text
    response = client.post(f"/standards/{standard.id}/publish", data=OFFICIAL_ACT)
    assert response.status_code == 302
    edition = db.session.scalar(select(Edition))
    assert response.headers["Location"].endswith(f"/ec/{edition.code}")
    assert edition.resolution_number == "CT-2026-031"
    assert edition.approved_on == dt.date(2026, 3, 2)
    assert edition.published_by_id == s.admin.id
    registry = client.get(f"/ec/{edition.code}").text
    assert f"Published as {edition.code}." in registry
    assert "Comité Técnico de la Agencia" in registry and "CT-2026-031" in registry
    assert "Withdraw this edition" in registry
    as_user(s.chair)
    registry = client.get(f"/ec/{edition.code}").text
    assert "Withdraw this edition" not in registry
    assert "Edit the official act" not in registry


def test_the_publish_page_names_the_next_edition_code(client, as_user, s):
    standard, first = published(s)
    new_revision(s, standard)
    requested(s, standard)
    db.session.commit()
    as_user(s.admin)
    page = client.get(f"/standards/{standard.id}/publish").text
    assert f"It will be published as {first.code[:-2]}02" in page


def test_a_revision_without_a_passed_ballot_is_not_published(client, as_user, s):
    standard = draft(s)
    db.session.commit()
    as_user(s.admin)
    page = client.get(f"/standards/{standard.id}/publish")
    assert page.status_code == 200
    assert "cannot be published yet" in page.text
    assert "<form" not in page.text.split("<main", 1)[1].split("</main>")[0]
    before, last = counts(), counter_value()
    response = client.post(f"/standards/{standard.id}/publish", data=OFFICIAL_ACT)
    assert response.status_code == 409
    assert "No ballot on the current revision has passed" in response.text
    assert counts() == before and counter_value() == last


def test_a_bad_gazette_link_is_sent_back_with_the_other_fields_kept(client, as_user, s):
    standard, _ = requested(s)
    db.session.commit()
    as_user(s.admin)
    data = dict(OFFICIAL_ACT, gazette_url="dof.gob.mx/nota")
    before, last = counts(), counter_value()
    response = client.post(f"/standards/{standard.id}/publish", data=data)
    assert response.status_code == 400
    assert "starting with https://" in response.text
    assert 'value="CT-2026-031"' in response.text
    assert 'value="dof.gob.mx/nota"' in response.text
    assert counts() == before and counter_value() == last
    db.session.refresh(standard)
    assert standard.status is StandardStatus.APPROVED


def test_an_unreadable_date_is_sent_back(client, as_user, s):
    standard, _ = requested(s)
    db.session.commit()
    as_user(s.admin)
    response = client.post(
        f"/standards/{standard.id}/publish", data=dict(OFFICIAL_ACT, approved_on="2 de marzo")
    )
    assert response.status_code == 400
    assert db.session.scalar(select(Edition.id)) is None


def test_an_administrator_withdraws_an_edition_with_a_reason_and_it_stays_readable(
    client, as_user, s
):
    _, edition = published(s)
    db.session.commit()
    as_user(s.admin)
    page = client.get(f"/ec/{edition.code}/withdraw")
    assert "also retires the standard" in page.text
    response = client.post(f"/ec/{edition.code}/withdraw", data={"reason": ""})
    assert response.status_code == 400
    assert "Say why the edition is withdrawn." in response.text
    response = client.post(
        f"/ec/{edition.code}/withdraw", data={"reason": "Sustituido por la NOM-251 vigente."}
    )
    assert response.status_code == 302
    as_user(None)
    public = client.get(f"/ec/{edition.code}?lang=en")
    assert public.status_code == 200
    assert "Sustituido por la NOM-251 vigente." in public.text
    assert "This edition was withdrawn on" in public.text
    db.session.refresh(edition)
    assert edition.status is EditionStatus.WITHDRAWN


def test_an_admin_corrects_the_official_act_without_touching_the_text(client, as_user, s):
    _, edition = published(s)
    revision_id = edition.revision_id
    db.session.commit()
    as_user(s.admin)
    registry = client.get(f"/ec/{edition.code}").text
    assert "Edit the official act" in registry
    response = client.post(
        f"/ec/{edition.code}/official-act",
        data=dict(OFFICIAL_ACT, resolution_number="CT-2026-099"),
    )
    assert response.status_code == 302
    db.session.refresh(edition)
    assert edition.resolution_number == "CT-2026-099"
    assert edition.gazette_published_on == dt.date(2026, 3, 20)
    assert edition.revision_id == revision_id


def test_a_gazette_date_before_the_approval_is_refused(client, as_user, s):
    _, edition = published(s)
    db.session.commit()
    as_user(s.admin)
    response = client.post(
        f"/ec/{edition.code}/official-act",
        data=dict(OFFICIAL_ACT, gazette_published_on="2026-01-01"),
    )
    assert response.status_code == 400
    assert "cannot publish the standard before the date it was approved" in response.text
    db.session.refresh(edition)
    assert edition.gazette_published_on is None


FORBIDDEN = [
    ("chair", "get", "/standards/{standard}/publish", None),
    ("chair", "post", "/standards/{standard}/publish", {}),
    ("union", "get", "/standards/{standard}/publish", None),
    ("union", "post", "/standards/{standard}/publish", {}),
    ("observer", "post", "/standards/{standard}/publish", {}),
    ("chair", "get", "/ec/{code}/withdraw", None),
    ("chair", "post", "/ec/{code}/withdraw", {"reason": "No."}),
    ("union", "get", "/ec/{code}/withdraw", None),
    ("union", "post", "/ec/{code}/withdraw", {"reason": "No."}),
    ("outsider", "post", "/ec/{code}/withdraw", {"reason": "No."}),
    ("union", "get", "/standards/{standard}/publication-request", None),
    ("union", "post", "/standards/{standard}/publication-request", {}),
    ("observer", "post", "/standards/{standard}/publication-request", {}),
    ("admin", "post", "/standards/{standard}/publication-request", {}),
    ("chair", "get", "/publication/requests/{request}/send-back", None),
    ("chair", "post", "/publication/requests/{request}/send-back", {"reason": "No."}),
    ("union", "post", "/publication/requests/{request}/send-back", {"reason": "No."}),
    ("chair", "get", "/publication/requests", None),
    ("union", "get", "/publication/requests", None),
    ("outsider", "get", "/publication/requests", None),
    ("chair", "get", "/ec/{code}/official-act", None),
    ("chair", "post", "/ec/{code}/official-act", {"resolution_number": "X"}),
    ("union", "post", "/ec/{code}/official-act", {"resolution_number": "X"}),
    ("outsider", "post", "/ec/{code}/official-act", {"resolution_number": "X"}),
]


@pytest.mark.parametrize(("who", "method", "path", "data"), FORBIDDEN)
def test_forbidden_publication_actions_answer_403_and_change_nothing(
    client, as_user, s, who, method, path, data
):
    _, edition = published(s)
    second, request = requested(s, title="Segundo estándar")
    db.session.commit()
    as_user(s[who])
    url = path.format(standard=second.id, code=edition.code, request=request.id)
    before, last = counts(), counter_value()
    response = client.get(url) if method == "get" else client.post(url, data=data)
    assert response.status_code == 403
    db.session.expire_all()
    assert counts() == before and counter_value() == last
    assert db.session.get(Edition, edition.id).status is EditionStatus.CURRENT
    assert db.session.get(Edition, edition.id).resolution_number == ""
    assert db.session.get(type(second), second.id).status is StandardStatus.APPROVED
    assert db.session.get(type(request), request.id).status is RequestStatus.REQUESTED


def test_publishing_a_draft_the_viewer_cannot_read_is_not_found(client, as_user, s):
    standard, request = requested(s)
    db.session.commit()
    as_user(s.outsider)
    assert client.get(f"/standards/{standard.id}/publish").status_code == 404
    assert client.post(f"/standards/{standard.id}/publish", data={}).status_code == 404
    assert client.get(f"/standards/{standard.id}/publication-request").status_code == 404
    send_back = f"/publication/requests/{request.id}/send-back"
    assert client.post(send_back, data={"reason": "No."}).status_code == 404


def test_members_see_every_entry_of_the_activity_page(client, as_user, s):
    standard, edition = published(s)
    db.session.commit()
    as_user(s.observer)
    page = client.get(f"/standards/{standard.id}/activity").text
    assert "Opened a ballot on revision 1." in page
    assert "Voted: Approve." in page
    assert "The ballot on revision 1 passed." in page
    assert "Asked the agency to publish revision 1." in page
    assert f"Published edition {edition.code}." in page
    assert s.chair.display_name in page


def test_the_public_sees_only_the_public_acts(client, as_user, s):
    standard, edition = published(s)
    new_revision(s, standard)
    _, second = published(s, standard)
    db.session.commit()
    as_user(None)
    page = client.get(f"/standards/{standard.id}/activity?lang=en")
    assert page.status_code == 200
    assert f"Published edition {second.code}." in page.text
    assert f"Edition {edition.code} was superseded by {second.code}." in page.text
    assert "Opened a ballot" not in page.text
    assert "Voted" not in page.text


def test_the_activity_of_a_never_published_standard_is_not_found_for_the_public(client, as_user, s):
    standard = draft(s)
    db.session.commit()
    as_user(s.outsider)
    assert client.get(f"/standards/{standard.id}/activity").status_code == 404
