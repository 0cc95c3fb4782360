"""Publishing an approved revision as an edition, withdrawing an edition, and its official act."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from wiki import permissions
from wiki.accounts.actors import current_actor
from wiki.ballots import queries as ballot_queries
from wiki.errors import DomainError, NotAllowed, status_for
from wiki.extensions import db
from wiki.i18n import N_
from wiki.publication import operations as publication
from wiki.publication import queries as edition_queries
from wiki.publication.forms import OfficialActForm, WithdrawForm
from wiki.publication.lifecycle import EditionStatus
from wiki.standards import queries
from wiki.standards.lifecycle import StandardStatus
from wiki.standards.models import Standard
from wiki.web.errors import translate_error

bp = Blueprint("publication", __name__)


def _field_error(form, error: DomainError, fallback: str) -> None:
    name = error.details.get("field")
    target = form[name] if name in form else form[fallback]
    target.errors = [*target.errors, translate_error(error)]


def _publishable(standard_id: int) -> Standard:
    """The standard, if the actor may publish it; 404 for those who may not read its drafts."""
    actor = current_actor()
    standard = queries.readable_draft(actor, standard_id)
    if not permissions.can_publish(actor, standard.committee_id):
        raise NotAllowed(N_("Only the committee's chair or an administrator may publish."))
    return standard


def _publish_page(standard, form, status=200, problem=None):
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
            problem=problem,
        ),
        status,
    )


@bp.route("/standards/<int:standard_id>/publish", methods=["GET", "POST"])
@login_required
def publish(standard_id: int):
    standard = _publishable(standard_id)
    form = OfficialActForm()
    if request.method == "GET":
        return _publish_page(standard, form)
    if not form.validate():
        return _publish_page(standard, form, status=400)
    try:
        edition = publication.publish_edition(current_actor(), standard.id, **form.official_act())
    except DomainError as error:
        db.session.rollback()
        problem = None
        if error.details.get("field"):
            _field_error(form, error, "approving_body")
        else:
            problem = translate_error(error)
        return _publish_page(
            _publishable(standard_id), form, status=status_for(error), problem=problem
        )
    code = edition.code
    db.session.commit()
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
    status = 200
    if request.method == "POST":
        if form.validate():
            try:
                publication.withdraw_edition(actor, edition.id, form.reason.data)
            except DomainError as error:
                db.session.rollback()
                _field_error(form, error, "reason")
                status = status_for(error)
            else:
                db.session.commit()
                flash(_("%(code)s was withdrawn.", code=code.upper()), "success")
                return redirect(url_for("registry.edition", code=code.upper()))
        else:
            status = 400
        edition = edition_queries.edition_by_code(code)
    return render_template(
        "publication/withdraw.html",
        edition=edition,
        standard=edition.standard,
        form=form,
        in_force=edition.status == EditionStatus.CURRENT,
        retires_standard=edition.standard.status == StandardStatus.PUBLISHED,
    ), status


@bp.route("/ec/<code>/official-act", methods=["GET", "POST"])
@login_required
def official_act(code: str):
    edition = edition_queries.edition_by_code(code)
    actor = current_actor()
    if not permissions.can_edit_official_act(actor):
        raise NotAllowed(N_("Only administrators may edit the official act of an edition."))
    form = OfficialActForm(obj=edition)
    status = 200
    if request.method == "POST":
        if form.validate():
            try:
                publication.update_official_act(actor, edition.id, **form.official_act())
            except DomainError as error:
                db.session.rollback()
                _field_error(form, error, "approving_body")
                status = status_for(error)
            else:
                db.session.commit()
                flash(_("The official act of %(code)s was saved.", code=code.upper()), "success")
                return redirect(url_for("registry.edition", code=code.upper()))
        else:
            status = 400
        edition = edition_queries.edition_by_code(code)
    return render_template(
        "publication/official_act.html", edition=edition, standard=edition.standard, form=form
    ), status
