"""Committee pages, member management by the chair, and committee administration."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import login_required

from wiki import permissions
from wiki.ballots import queries as ballot_queries
from wiki.committees import operations, queries
from wiki.committees.actors import current_actor
from wiki.committees.forms import (
    AddMemberForm,
    ChangeMemberForm,
    CommitteeForm,
    NewCommitteeForm,
)
from wiki.committees.models import Committee
from wiki.errors import Conflict, DomainError, NotAllowed, status_for
from wiki.http import unit_of_work
from wiki.http.errors import translate_error
from wiki.publication import queries as edition_queries
from wiki.standards import queries as standard_queries

bp = Blueprint("committees", __name__)


@bp.route("/committees")
def index():
    return render_template(
        "committees/index.html",
        committees=queries.listing(),
        archived=queries.listing(archived=True),
    )


@bp.route("/committees/<slug>")
def show(slug: str):
    actor = current_actor()
    committee = queries.get_committee(slug)
    # Readers of drafts see every standard by status; everyone else sees editions only, as
    # they were published: a draft's title and metadata are committee business.
    if permissions.can_read_drafts(actor, committee.id):
        standards, editions = standard_queries.standards_by_status(actor, committee.id), None
    else:
        standards, editions = None, _published_editions(committee.id)
    return render_template(
        "committees/show.html",
        committee=committee,
        groups=queries.members_by_group(committee.id),
        standards=standards,
        editions=editions,
        rule=ballot_queries.rule_summary(committee),
    )


def _published_editions(committee_id: int) -> dict:
    return {
        "current": edition_queries.current_editions(None, committee_id=committee_id),
        "withdrawn": edition_queries.withdrawn_editions(None, committee_id=committee_id),
    }


def _managed_committee(slug: str) -> Committee:
    committee = queries.get_committee(slug)
    if not permissions.can_manage_members(current_actor(), committee.id):
        raise NotAllowed(operations.CHAIR_ONLY, committee=committee.name)
    return committee


def _members_page(committee, *, add_form=None, failed=None, problem=None, status=200):
    """The members page; ``failed`` is (membership id, form) of a change that was refused."""
    rows = []
    for membership in queries.memberships(committee.id, include_inactive=True):
        if failed and failed[0] == membership.id:
            form = failed[1]
        else:
            form = ChangeMemberForm(
                formdata=None,
                role=membership.role.value,
                can_vote=membership.can_vote,
                group=membership.stakeholder_group.value,
            )
        rows.append((membership, form))
    return (
        render_template(
            "committees/members.html",
            committee=committee,
            rows=rows,
            add_form=add_form or AddMemberForm(formdata=None),
            problem=problem,
        ),
        status,
    )


@bp.route("/committees/<slug>/members")
@login_required
def members(slug: str):
    return _members_page(_managed_committee(slug))


@bp.route("/committees/<slug>/members", methods=["POST"])
@login_required
def add_member(slug: str):
    committee = _managed_committee(slug)
    form = AddMemberForm()
    outcome = unit_of_work.submit(
        form,
        lambda: operations.add_member(
            current_actor(),
            committee.id,
            email=form.email.data,
            role=form.role.data,
            can_vote=form.can_vote.data,
            group=form.group.data,
        ),
        field="email",
    )
    if not outcome.committed:
        return _members_page(committee, add_form=form, status=outcome.status)
    name = outcome.result.user.display_name
    flash(_("%(name)s was added to the committee.", name=name), "success")
    return redirect(url_for("committees.members", slug=committee.slug))


def _after_own_change(committee, membership_user_id: int):
    """Where to go once a change is saved: a chair who gave up the chair can no longer manage."""
    actor = current_actor()
    if membership_user_id == actor.user_id and not actor.is_admin:
        return redirect(url_for("committees.show", slug=committee.slug))
    return redirect(url_for("committees.members", slug=committee.slug))


@bp.route("/committees/<slug>/members/<int:membership_id>", methods=["POST"])
@login_required
def change_member(slug: str, membership_id: int):
    committee = _managed_committee(slug)
    form = ChangeMemberForm()
    if not form.validate_on_submit():
        return _members_page(committee, failed=(membership_id, form), status=400)
    try:
        membership = unit_of_work.run(
            lambda: operations.change_member(
                current_actor(),
                committee.id,
                membership_id,
                role=form.role.data,
                can_vote=form.can_vote.data,
                group=form.group.data,
            )
        )
    except DomainError as error:
        return _members_page(
            committee,
            failed=(membership_id, form),
            problem=translate_error(error),
            status=status_for(error),
        )
    flash(_("The seat of %(name)s was saved.", name=membership.user.display_name), "success")
    return _after_own_change(committee, membership.user_id)


@bp.route("/committees/<slug>/members/<int:membership_id>/remove", methods=["POST"])
@login_required
def remove_member(slug: str, membership_id: int):
    committee = _managed_committee(slug)
    membership = queries.membership_in(committee.id, membership_id)
    user_id, name = membership.user_id, membership.user.display_name
    try:
        unit_of_work.run(
            lambda: operations.remove_member(current_actor(), committee.id, membership_id)
        )
    except DomainError as error:
        return _members_page(committee, problem=translate_error(error), status=status_for(error))
    flash(_("%(name)s was removed from the committee.", name=name), "success")
    return _after_own_change(committee, user_id)


def _require_admin() -> None:
    if not permissions.can_administer(current_actor()):
        raise NotAllowed(operations.ADMIN_ONLY)


@bp.route("/admin/committees/new", methods=["GET", "POST"])
@login_required
def create():
    _require_admin()
    form = NewCommitteeForm()
    outcome = unit_of_work.submit(
        form,
        lambda: operations.create_committee(
            current_actor(),
            name=form.name.data,
            slug=form.slug.data or "",
            sector=form.sector.data or "",
            description=form.description.data or "",
        ),
        field="name",
    )
    if not outcome.committed:
        return render_template("committees/new.html", form=form), outcome.status
    flash(_("The committee was created. Now add its chair."), "success")
    return redirect(url_for("committees.members", slug=outcome.result.slug))


@bp.route("/admin/committees/<slug>/edit", methods=["GET", "POST"])
@login_required
def edit(slug: str):
    _require_admin()
    committee = queries.get_committee(slug)
    form = CommitteeForm(obj=committee)
    outcome = unit_of_work.submit(
        form,
        lambda: operations.update_committee(
            current_actor(),
            committee.id,
            name=form.name.data,
            sector=form.sector.data or "",
            description=form.description.data or "",
        ),
        field="name",
    )
    if not outcome.committed:
        page = render_template("committees/edit.html", committee=committee, form=form)
        return page, outcome.status
    flash(_("The committee was saved."), "success")
    return redirect(url_for("committees.show", slug=committee.slug))


def _archive_or_restore(slug: str, operation, message: str):
    _require_admin()
    committee = queries.get_committee(slug)
    try:
        unit_of_work.run(lambda: operation(current_actor(), committee.id))
    except Conflict as error:
        flash(translate_error(error), "error")
        return redirect(url_for("committees.edit", slug=committee.slug))
    flash(message, "success")
    return redirect(url_for("committees.show", slug=committee.slug))


@bp.route("/admin/committees/<slug>/archive", methods=["POST"])
@login_required
def archive(slug: str):
    return _archive_or_restore(
        slug, operations.archive_committee, _("The committee was archived.")
    )


@bp.route("/admin/committees/<slug>/restore", methods=["POST"])
@login_required
def restore(slug: str):
    return _archive_or_restore(
        slug, operations.restore_committee, _("The committee was restored.")
    )
