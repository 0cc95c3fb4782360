"""Disposition reports: every thread of a drafting cycle, a revision or a ballot with how it
was handled, as a page or a CSV download. The consultation report (``wiki.consultations.views``)
uses the same template and export.

Each report is a list of ``ReportRow`` data, never of sentences; the page lays the rows out as a
list of discussions, and another layout (the ISO-style commenting table) can render the same rows.
"""

from flask import Blueprint, Response, render_template, request, url_for

from wiki.ballots.models import Ballot
from wiki.comments import queries
from wiki.comments.reports import report_csv, report_rows
from wiki.comments.wording import report_cells, report_header
from wiki.committees.actors import current_actor
from wiki.errors import NotFound
from wiki.extensions import db
from wiki.http.numbers import database_integer
from wiki.i18n import N_
from wiki.standards import queries as standards

bp = Blueprint("dispositions", __name__)


def report_response(rows, filename: str) -> Response:
    """The disposition report as a CSV download (UTF-8 with a BOM, so spreadsheets read ñ)."""
    text = report_csv(rows, report_header(), report_cells)
    return Response(
        text.encode("utf-8-sig"),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@bp.route("/standards/<int:standard_id>/dispositions")
def standard_report(standard_id: int):
    """The drafting cycle's report; ``?revision=N`` or ``?ballot=N``: one revision's."""
    actor = current_actor()
    standard = standards.readable_draft(actor, standard_id)
    ballot_id = request.args.get("ballot", type=database_integer)
    if ballot_id is None and request.args.get("revision") is None:
        return _cycle_report(standard)
    ballot = None
    if ballot_id is not None:
        ballot = db.session.get(Ballot, ballot_id)
        if ballot is None or ballot.standard_id != standard.id:
            raise NotFound(N_("No such ballot."))
        revision = ballot.revision
    else:
        number = request.args.get("revision", -1, type=database_integer)
        revision = standards.revision(standard.id, number)
    rows = report_rows(queries.threads_on_revision(revision.id))
    if request.args.get("format") == "csv":
        suffix = f"ballot-{ballot.id}" if ballot else f"revision-{revision.number}"
        return report_response(rows, f"dispositions-{standard.id}-{suffix}.csv")
    return render_template(
        "comments/report.html",
        standard=standard,
        revision=revision,
        ballot=ballot,
        consultation=None,
        cycle=None,
        rows=rows,
        csv_url=url_for(
            "dispositions.standard_report",
            standard_id=standard.id,
            format="csv",
            **({"ballot": ballot.id} if ballot else {"revision": revision.number}),
        ),
    )


def _cycle_report(standard):
    """Every thread since the newest edition, with the revision it was written on."""
    cycle = queries.drafting_cycle(standard.id)
    rows = report_rows(queries.threads_of_cycle(standard.id, cycle))
    if request.args.get("format") == "csv":
        since = f"since-{cycle.edition_code}" if cycle.edition_code else "all"
        return report_response(rows, f"dispositions-{standard.id}-cycle-{since}.csv")
    return render_template(
        "comments/report.html",
        standard=standard,
        revision=standards.head_revision(standard),
        ballot=None,
        consultation=None,
        cycle=cycle,
        rows=rows,
        csv_url=url_for("dispositions.standard_report", standard_id=standard.id, format="csv"),
    )
