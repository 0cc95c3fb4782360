"""Publication pages: the chair asks for publication, the agency checks the request and publishes
it with its official act or sends it back; withdrawing an edition; correcting its official act."""

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import login_required

from wiki import permissions
from wiki.ballots import queries as ballot_queries
from wiki.ballots.views import summary_context
from wiki.comments import queries as comment_queries
from wiki.comments.models import Thread
from wiki.committees.actors import current_actor
from wiki.errors import NotAllowed
from wiki.http import unit_of_work
from wiki.i18n import N_
from wiki.publication import operations as publication
from wiki.publication import queries as edition_queries
from wiki.publication import request_operations as requests
from wiki.publication.forms import (
    OfficialActForm,
    RequestPublicationForm,
    SendBackForm,
    WithdrawForm,
)
from wiki.publication.lifecycle import EditionStatus, RequestStatus
from wiki.publication.models import PublicationRequest
from wiki.publication.registry_views import keep_edition_body
from wiki.standards import queries
from wiki.standards.lifecycle import StandardStatus
from wiki.standards.models import Standard
from wiki.standards.placeholders import check_template_text
from wiki.standards.structure import Structure

bp = Blueprint("publication", __name__)

#: requests per page of the queue
REQUESTS_PER_PAGE = 25


@bp.app_template_global()
def publication_panel(standard: Standard) -> dict | None:
    """What the standard's page says about its approved revision and its publication request;
    None when nothing waits for publication or the viewer may not read drafts."""
    actor = current_actor()
    if not permissions.can_read_drafts(actor, standard.committee_id):
        return None
    approved = standard.approved_revision
    latest = edition_queries.latest_request(standard.id)
    waiting = latest if latest is not None and latest.status == RequestStatus.REQUESTED else None
    if approved is None and waiting is None:
        return None
    return {
        "standard": standard,
        "approved": approved,
        "ballot": ballot_queries.passed_ballot_on(approved.id) if approved else None,
        "request": latest if latest is not None and latest.status != RequestStatus.PUBLISHED
        else None,
        "may_request": approved is not None
        and waiting is None
        and standard.status != StandardStatus.WITHDRAWN
        and permissions.can_request_publication(actor, standard.committee_id),
        "may_publish": waiting is not None
        and requests.may_publish(actor, standard.committee_id),
    }


def _threads_needing_disposition(standard_id: int) -> list[Thread]:
    """The standard's discussions that still wait for the chair's disposition."""
    threads = comment_queries.threads_of_standard(standard_id)
    return [thread for thread in threads if thread.needs_disposition]


def _review(standard: Standard) -> dict:
    """What the chair and the agency check before publication: the approved revision, its
    ballot, the template check, discussions still waiting for a disposition."""
    approved = standard.approved_revision
    ballot = ballot_queries.passed_ballot_on(approved.id) if approved else None
    actor = current_actor()
    return {
        "standard": standard,
        "approved": approved,
        "head": queries.head_revision(standard),
        "ballot": ballot,
        "ballot_result": summary_context(ballot, actor) if ballot else None,
        "template_check": check_template_text(
            approved.body_markdown, Structure.from_dict(approved.structure)
        )
        if approved
        else None,
        "open_threads": _threads_needing_disposition(standard.id),
        "waiting": edition_queries.waiting_request(standard.id),
        "next_code": edition_queries.next_edition_code(standard),
    }


@bp.route("/standards/<int:standard_id>/publication-request", methods=["GET", "POST"])
@login_required
def request_publication(standard_id: int):
    actor = current_actor()
    standard = queries.readable_draft(actor, standard_id)
    if not permissions.can_request_publication(actor, standard.committee_id):
        raise NotAllowed(N_("Only the committee's chair may ask for publication."))
    form = RequestPublicationForm()
    outcome = unit_of_work.submit(
        form, lambda: requests.request_publication(actor, standard.id, form.note.data), field="note"
    )
    if not outcome.committed:
        return render_template(
            "publication/request.html", form=form, **_review(standard)
        ), outcome.status
    flash(
        _(
            "The agency was asked to publish revision %(number)d. You will be told when it "
            "publishes it or sends the request back.",
            number=outcome.result.revision.number,
        ),
        "success",
    )
    return redirect(url_for("standards.show", standard_id=standard.id))


def _publishable(standard_id: int) -> Standard:
    """The standard, if the actor may publish it; 404 for those who may not read its drafts."""
    actor = current_actor()
    standard = queries.readable_draft(actor, standard_id)
    if not requests.may_publish(actor, standard.committee_id):
        raise NotAllowed(requests.ONLY_PUBLISHERS)
    return standard


@bp.route("/standards/<int:standard_id>/publish", methods=["GET", "POST"])
@login_required
def publish(standard_id: int):
    standard = _publishable(standard_id)
    form = OfficialActForm()
    outcome = unit_of_work.submit(
        form,
        lambda: publication.publish_edition(current_actor(), standard.id, **form.official_act()),
    )
    if not outcome.committed:
        page = render_template("publication/publish.html", form=form, **_review(standard))
        return page, outcome.status
    for language in current_app.config["LANGUAGES"]:
        with force_locale(language):
            keep_edition_body(outcome.result)
    code = outcome.result.code
    flash(_("Published as %(code)s.", code=code), "success")
    return redirect(url_for("registry.edition", code=code))


def _request_to_answer(request_id: int) -> PublicationRequest:
    """The request, if the actor may publish its standard (404 and 403 as ``_publishable``)."""
    answered = edition_queries.publication_request(request_id)
    _publishable(answered.standard_id)
    return answered


@bp.route("/publication/requests/<int:request_id>/send-back", methods=["GET", "POST"])
@login_required
def send_back(request_id: int):
    answered = _request_to_answer(request_id)
    form = SendBackForm()
    outcome = unit_of_work.submit(
        form,
        lambda: requests.send_back_request(current_actor(), answered.id, form.reason.data),
        field="reason",
    )
    if not outcome.committed:
        return render_template(
            "publication/send_back.html",
            publication_request=answered,
            standard=answered.standard,
            form=form,
        ), outcome.status
    flash(_("The request was sent back; the committee's chair is told why."), "success")
    return redirect(url_for("publication.queue"))


@bp.route("/publication/requests")
@login_required
def queue():
    actor = current_actor()
    chairs = requests.chairs_may_publish()
    if not permissions.can_review_publication_requests(actor, chairs_may_publish=chairs):
        raise NotAllowed(N_("Only the agency's administrators see the publication requests."))
    try:
        status = RequestStatus(request.args.get("status", RequestStatus.REQUESTED))
    except ValueError:
        abort(404)
    committees = None if actor.is_admin else sorted(
        seat.committee_id for seat in actor.seats if actor.is_chair(seat.committee_id)
    )
    page = edition_queries.requests_page(
        status, request.args.get("page", 1, type=int), REQUESTS_PER_PAGE, committees
    )
    checks = {
        item.id: _queue_row(item) for item in page.items if status == RequestStatus.REQUESTED
    }
    return render_template(
        "publication/queue.html",
        page=page,
        status=status,
        counts=edition_queries.request_counts(committees),
        checks=checks,
        statuses=list(RequestStatus),
    )


def _queue_row(waiting: PublicationRequest) -> dict:
    """The checks the queue shows beside a waiting request."""
    standard, revision = waiting.standard, waiting.revision
    return {
        "template_check": check_template_text(
            revision.body_markdown, Structure.from_dict(revision.structure)
        ),
        "open_threads": _threads_needing_disposition(standard.id),
        "outdated": standard.approved_revision_id != revision.id,
    }


@bp.route("/ec/<code>/withdraw", methods=["GET", "POST"])
@login_required
def withdraw(code: str):
    edition = edition_queries.edition_by_code(code)
    actor = current_actor()
    if not permissions.can_withdraw(actor):
        raise NotAllowed(N_("Only the agency's administrators may withdraw an edition."))
    form = WithdrawForm()
    outcome = unit_of_work.submit(
        form,
        lambda: publication.withdraw_edition(actor, edition.id, form.reason.data),
        field="reason",
    )
    if outcome.committed:
        flash(_("%(code)s was withdrawn.", code=code.upper()), "success")
        return redirect(url_for("registry.edition", code=code.upper()))
    return render_template(
        "publication/withdraw.html",
        edition=edition,
        standard=edition.standard,
        form=form,
        in_force=edition.status == EditionStatus.CURRENT,
        retires_standard=edition.standard.status == StandardStatus.PUBLISHED,
    ), outcome.status


@bp.route("/ec/<code>/official-act", methods=["GET", "POST"])
@login_required
def official_act(code: str):
    edition = edition_queries.edition_by_code(code)
    actor = current_actor()
    if not permissions.can_edit_official_act(actor):
        raise NotAllowed(N_("Only administrators may edit the official act of an edition."))
    form = OfficialActForm(obj=edition)
    outcome = unit_of_work.submit(
        form,
        lambda: publication.update_official_act(actor, edition.id, **form.official_act()),
        field="approving_body",
    )
    if outcome.committed:
        flash(_("The official act of %(code)s was saved.", code=code.upper()), "success")
        return redirect(url_for("registry.edition", code=code.upper()))
    return render_template(
        "publication/official_act.html", edition=edition, standard=edition.standard, form=form
    ), outcome.status
