"""Publishing an approved revision as an edition, withdrawing an edition, and its official act."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import login_required

from wiki import permissions
from wiki.ballots import queries as ballot_queries
from wiki.committees.actors import current_actor
from wiki.errors import NotAllowed
from wiki.http import unit_of_work
from wiki.i18n import N_
from wiki.publication import operations as publication
from wiki.publication import queries as edition_queries
from wiki.publication.forms import OfficialActForm, WithdrawForm
from wiki.publication.lifecycle import EditionStatus
from wiki.standards import queries
from wiki.standards.lifecycle import StandardStatus
from wiki.standards.models import Standard

bp = Blueprint("publication", __name__)


def _publishable(standard_id: int) -> Standard:
    """The standard, if the actor may publish it; 404 for those who may not read its drafts."""
    actor = current_actor()
    standard = queries.readable_draft(actor, standard_id)
    if not permissions.can_publish(actor, standard.committee_id):
        raise NotAllowed(N_("Only the committee's chair or an administrator may publish."))
    return standard


def _publish_page(standard, form, status=200):
    head = queries.head_revision(standard)
    return (
        render_template(
            "publication/publish.html",
            standard=standard,
            head=head,
            form=form,
            ballot=ballot_queries.passed_ballot_on(head.id),
            approved=standard.status == StandardStatus.APPROVED,
            next_code=edition_queries.next_edition_code(standard),
        ),
        status,
    )


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
        return _publish_page(standard, form, status=outcome.status)
    code = outcome.result.code
    flash(_("Published as %(code)s.", code=code), "success")
    return redirect(url_for("registry.edition", code=code))


@bp.route("/ec/<code>/withdraw", methods=["GET", "POST"])
@login_required
def withdraw(code: str):
    edition = edition_queries.edition_by_code(code)
    actor = current_actor()
    if not permissions.can_publish(actor, edition.standard.committee_id):
        raise NotAllowed(N_("Only the committee's chair or an administrator may withdraw."))
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
