"""The disposition report of a drafting cycle: every discussion since the newest edition, each
with the revision it was written on and its disposition; the per-revision report stays."""

import csv
import io
import re

from tests.comment_factories import BODY, actor, comment, publish, save
from wiki.comments import operations as comments
from wiki.extensions import db

ON_ONE = "Sobre la primera versión del propósito."
ON_TWO = "El criterio de la carta quedó ambiguo."


def _cycle_rows(page: str) -> dict[str, str]:
    """The report's rows by their first comment words."""
    rows = re.findall(r'<tr id="row-\d+">.*?</tr>', page, re.S)
    return {text: row for row in rows for text in (ON_ONE, ON_TWO, "después") if text in row}


def test_the_draft_page_links_the_cycle_report_that_lists_threads_of_older_revisions(
    client, login, p, standard
):
    first = comment(p.union, standard, ON_ONE, part="s-purpose")
    comments.record_disposition(actor(p.chair), first.id, "accepted_in_part", "Se ajusta.")
    save(p.union, standard, BODY.replace("del restaurante", "del establecimiento"))
    comment(p.education, standard, ON_TWO)
    save(p.union, standard, BODY.replace("del restaurante", "del local"))  # revision 3: none
    db.session.commit()
    login(p.observer)

    draft = client.get(f"/standards/{standard.id}").text
    link = f'href="/standards/{standard.id}/dispositions"'
    assert link in draft and "Disposition report of the drafting cycle" in draft
    head_only = client.get(f"/standards/{standard.id}/dispositions?revision=3").text
    assert "There are no comments to report." in head_only  # the per-revision report stays

    page = client.get(f"/standards/{standard.id}/dispositions")
    assert page.status_code == 200
    assert "Disposition report of the drafting cycle" in page.text
    assert "on revisions 1 to 3" in page.text
    rows = _cycle_rows(page.text)
    assert set(rows) == {ON_ONE, ON_TWO}
    assert f'href="/standards/{standard.id}/revisions/1"' in rows[ON_ONE]
    assert "Accepted in part" in rows[ON_ONE] and "Se ajusta." in rows[ON_ONE]
    assert f'href="/standards/{standard.id}/revisions/2"' in rows[ON_TWO]
    assert "Waiting for a disposition" in rows[ON_TWO]

    export = client.get(f"/standards/{standard.id}/dispositions?format=csv")
    assert "cycle-all.csv" in export.headers["Content-Disposition"]
    table = list(csv.reader(io.StringIO(export.data.decode("utf-8-sig"))))
    assert [(r[3], r[6], r[10]) for r in table[1:]] == [
        ("1", ON_ONE, "Accepted in part"),
        ("2", ON_TWO, "awaiting disposition"),
    ]


def test_the_cycle_report_starts_after_the_newest_edition(client, login, p, standard):
    comment(p.union, standard, ON_ONE)
    edition = publish(p, standard)
    on_edition = comment(p.government, standard, "Comentario después de publicar la edición.")
    save(p.union, standard, BODY.replace("del restaurante", "del establecimiento"))
    comment(p.education, standard, ON_TWO)
    db.session.commit()
    assert on_edition.revision.number == 1  # written on the published text, after publication
    login(p.observer)

    page = client.get(f"/standards/{standard.id}/dispositions").text
    assert f"Since edition {edition.code} (published" in page
    assert set(_cycle_rows(page)) == {"después", ON_TWO}
    export = client.get(f"/standards/{standard.id}/dispositions?format=csv")
    assert f"cycle-since-{edition.code}.csv" in export.headers["Content-Disposition"]
    assert ON_ONE not in export.data.decode("utf-8-sig")
    revision_one = client.get(f"/standards/{standard.id}/dispositions?revision=1").text
    assert ON_ONE in revision_one and "después" in revision_one


def test_outsiders_cannot_read_the_cycle_report(client, login, p, standard):
    comment(p.union, standard, ON_ONE)
    db.session.commit()
    assert client.get(f"/standards/{standard.id}/dispositions").status_code == 404
    login(p.outsider)
    response = client.get(f"/standards/{standard.id}/dispositions?format=csv")
    assert response.status_code == 404 and ON_ONE not in response.text
