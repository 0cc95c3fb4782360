"""Public consultation pages: the list, the revision under consultation with its comments,
opening and closing (the chair), and the public disposition report."""

from dataclasses import dataclass

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from wiki import permissions
from wiki.comments.queries import threads_of_consultation, undisposed_count
from wiki.comments.report_views import report_response
from wiki.comments.reports import report_rows
from wiki.committees.actors import current_actor
from wiki.consultations import operations, queries
from wiki.consultations.forms import CloseConsultationForm, OpenConsultationForm
from wiki.consultations.models import Consultation
from wiki.consultations.windows import WindowState
from wiki.errors import InvalidInput, NotAllowed, NotFound
from wiki.http import unit_of_work
from wiki.http.dates import closing_moment
from wiki.i18n import N_
from wiki.standards import queries as standards
from wiki.standards.lifecycle import StandardStatus
from wiki.standards.models import Standard
from wiki.standards.structure import Structure

bp = Blueprint("consultations", __name__)


@dataclass
class ConsultationStatus:
    """What the standard's page says about consultations (``consultations/_status.html``)."""

    consultation: Consultation | None
    state: WindowState | None
    undisposed: int
    can_run: bool
    can_open: bool
    close_form: CloseConsultationForm | None


def consultation_status(standard: Standard) -> ConsultationStatus | None:
    """The consultation box for members; None for everyone else."""
    actor = current_actor()
    if not permissions.can_read_drafts(actor, standard.committee_id):
        return None
    latest = queries.latest_of(standard.id)
    can_run = permissions.can_run_ballots(actor, standard.committee_id)
    return ConsultationStatus(
        consultation=latest,
        state=latest.state() if latest else None,
        undisposed=undisposed_count(standard.id) if latest else 0,
        can_run=can_run,
        can_open=can_run
        and standard.status == StandardStatus.DRAFT
        and not standard.committee.is_archived,
        close_form=CloseConsultationForm(formdata=None) if can_run else None,
    )


@bp.app_context_processor
def _template_helpers() -> dict:
    return {
        "consultation_status": consultation_status,
    }


@bp.route("/consultations")
def index():
    return render_template("consultations/index.html", consultations=queries.open_consultations())


@bp.route("/consultations/<int:consultation_id>")
def show(consultation_id: int):
    actor = current_actor()
    consultation = queries.get_consultation(consultation_id)
    standard = consultation.standard
    state = consultation.state()
    if not permissions.can_read_consultation(
        actor, standard.committee_id, window_open=state is WindowState.OPEN
    ):
        if state is WindowState.SCHEDULED:
            raise NotFound(N_("No such consultation."))
        return render_template(
            "consultations/closed.html", consultation=consultation, standard=standard, state=state
        )
    revision = consultation.revision
    return render_template(
        "consultations/show.html",
        consultation=consultation,
        standard=standard,
        revision=revision,
        structure=Structure.from_dict(revision.structure or {}),
        state=state,
        close_form=CloseConsultationForm(formdata=None)
        if permissions.can_run_ballots(actor, standard.committee_id)
        else None,
    )


@bp.route("/standards/<int:standard_id>/consultations/new", methods=["GET", "POST"])
@login_required
def new(standard_id: int):
    actor = current_actor()
    standard = standards.readable_draft(actor, standard_id)
    if not permissions.can_run_ballots(actor, standard.committee_id):
        raise NotAllowed(N_("Only the committee's chair may open a public consultation."))
    form = OpenConsultationForm()
    outcome = unit_of_work.submit(
        form,
        lambda: operations.open_consultation(
            actor, standard.id, closes_at=closing_moment(form.closes_on.data)
        ),
        field="closes_on",
    )
    if not outcome.committed:
        page = render_template(
            "consultations/new.html",
            standard=standard,
            revision=standards.head_revision(standard),
            form=form,
        )
        return page, outcome.status
    flash(_("The public consultation is open. Anyone can now read this revision."), "success")
    return redirect(url_for("consultations.show", consultation_id=outcome.result.id))


@bp.route("/consultations/<int:consultation_id>/close", methods=["POST"])
@login_required
def close(consultation_id: int):
    actor = current_actor()
    consultation = queries.get_consultation(consultation_id)
    standards.readable_draft(actor, consultation.standard_id)
    if not CloseConsultationForm().validate():
        raise InvalidInput(N_("The form expired. Go back, reload the page and try again."))
    unit_of_work.run(lambda: operations.close_consultation(actor, consultation.id))
    flash(
        _("The consultation is closed. Record a disposition for each comment before a ballot."),
        "success",
    )
    return redirect(url_for("consultations.report", consultation_id=consultation.id))


@bp.route("/consultations/<int:consultation_id>/dispositions")
def report(consultation_id: int):
    actor = current_actor()
    consultation = queries.get_consultation(consultation_id)
    standard = consultation.standard
    if consultation.state() is WindowState.SCHEDULED and not permissions.can_read_drafts(
        actor, standard.committee_id
    ):
        raise NotFound(N_("No such consultation."))
    rows = report_rows(threads_of_consultation(consultation.id))
    if request.args.get("format") == "csv":
        return report_response(rows, f"dispositions-consultation-{consultation.id}.csv")
    return render_template(
        "comments/report.html",
        standard=standard,
        revision=consultation.revision,
        ballot=None,
        consultation=consultation,
        rows=rows,
        csv_url=url_for("consultations.report", consultation_id=consultation.id, format="csv"),
    )
