"""Ballot pages: open a ballot, cast a position, close or cancel, the log; the committee's rule.

Ballots are committee business: people who may not read a standard's drafts get 404, members
without the right to do something get 403, and nothing changes.
"""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from wiki import permissions
from wiki.ballots import operations, queries, wording
from wiki.ballots.consensus import PRESETS, preset_of
from wiki.ballots.forms import (
    PRESET_CHOICES,
    CancelBallotForm,
    ConsensusRuleForm,
    OpenBallotForm,
    PositionForm,
)
from wiki.ballots.models import Ballot
from wiki.committees import queries as committee_queries
from wiki.committees.actors import current_actor
from wiki.committees.models import Committee
from wiki.errors import DomainError, NotAllowed, NotFound, status_for
from wiki.extensions import db
from wiki.http import unit_of_work
from wiki.http.dates import closing_moment
from wiki.http.errors import translate_error
from wiki.i18n import N_
from wiki.permissions import Actor
from wiki.standards import queries as standard_queries
from wiki.standards.lifecycle import StandardStatus
from wiki.standards.models import Standard
from wiki.standards.placeholders import check_template_text
from wiki.standards.structure import Structure
from wiki.web.labels import label

bp = Blueprint("ballots", __name__)


def _readable_ballot(actor: Actor, ballot_id: int) -> Ballot:
    """The ballot, if the actor may read its standard's drafts; 404 otherwise (no hint)."""
    ballot = db.session.get(Ballot, ballot_id)
    if ballot is None or not permissions.can_read_drafts(actor, ballot.standard.committee_id):
        raise NotFound(N_("No such ballot."))
    return ballot


def summary_context(ballot: Ballot, actor: Actor) -> dict:
    """What the ballot panel and page show: summary, conditions in words, and who may do what."""
    summary = queries.summarise(ballot, actor.user_id)
    committee_id = ballot.standard.committee_id
    is_open = summary.is_open
    return {
        "ballot": ballot,
        "summary": summary,
        "unmet": wording.unmet_sentences(summary.verdict, summary.names),
        "met": wording.met_sentences(summary.verdict, summary.rule),
        "may_vote": is_open
        and not summary.voting_ended
        and permissions.can_vote(actor, committee_id),
        "may_run": is_open and permissions.can_run_ballots(actor, committee_id),
    }


def _position_form(summary) -> PositionForm:
    vote = summary.my_vote
    if vote is None:
        return PositionForm(formdata=None)
    return PositionForm(formdata=None, position=vote.position.value, reason=vote.reason)


def _may_open(actor: Actor, standard: Standard) -> bool:
    return standard.status == StandardStatus.DRAFT and permissions.can_run_ballots(
        actor, standard.committee_id
    )


@bp.app_template_global()
def ballot_panel(standard: Standard) -> dict | None:
    """The ballot panel of a standard's page, or None when the viewer may not see ballots."""
    actor = current_actor()
    if not permissions.can_read_drafts(actor, standard.committee_id):
        return None
    ballot = queries.latest_ballot_of(standard.id)
    context = {
        "standard": standard,
        "may_open": _may_open(actor, standard),
        "ballot": None,
    }
    if ballot is not None:
        context.update(summary_context(ballot, actor))
        context["position_form"] = _position_form(context["summary"])
    return context


@bp.route("/standards/<int:standard_id>/ballots")
def index(standard_id: int):
    actor = current_actor()
    standard = standard_queries.readable_draft(actor, standard_id)
    return render_template(
        "ballots/index.html",
        standard=standard,
        ballots=queries.ballots_of(standard.id),
        may_open=_may_open(actor, standard),
    )


def _open_page(standard, form, status=200):
    committee = standard.committee
    head = standard_queries.head_revision(standard)
    return (
        render_template(
            "ballots/open.html",
            standard=standard,
            head=head,
            template_check=check_template_text(
                head.body_markdown, Structure.from_dict(head.structure)
            ),
            form=form,
            rule_sentences=wording.rule_sentences(queries.committee_rule(committee)),
            votes_cast_note=wording.VOTES_CAST_NOTE,
            voters=len(queries.voters_of(committee.id)),
        ),
        status,
    )


@bp.route("/standards/<int:standard_id>/ballots/new", methods=["GET", "POST"])
@login_required
def open_ballot(standard_id: int):
    actor = current_actor()
    standard = standard_queries.readable_draft(actor, standard_id)
    if not permissions.can_run_ballots(actor, standard.committee_id):
        raise NotAllowed(N_("Only the committee's chair may open a ballot."))
    form = OpenBallotForm()
    if not form.is_submitted():
        form.revision_number.data = standard_queries.head_revision(standard).number
    outcome = unit_of_work.submit(
        form,
        lambda: operations.open_ballot(
            actor,
            standard.id,
            closes_at=closing_moment(form.closes_on.data),
            revision_number=form.revision(),
            template_text_accepted=form.template_text_accepted.data,
        ),
        field="closes_on",
    )
    if not outcome.committed:
        return _open_page(standard, form, status=outcome.status)
    ballot = outcome.result
    flash(
        _(
            "The ballot on revision %(number)d is open. Voting members can now vote.",
            number=ballot.revision.number,
        ),
        "success",
    )
    return redirect(url_for("ballots.show", ballot_id=ballot.id))


def _ballot_page(ballot_id: int, *, position_form=None, cancel_form=None, status=200):
    actor = current_actor()
    ballot = _readable_ballot(actor, ballot_id)
    context = summary_context(ballot, actor)
    if position_form is not None and not context["may_vote"]:
        # The ballot closed or went stale since the page was loaded, so the form (and the
        # reason on it) is not shown: say above why the position was not recorded.
        for message in (m for messages in position_form.errors.values() for m in messages):
            flash(message, "error")
    return (
        render_template(
            "ballots/show.html",
            standard=ballot.standard,
            log=queries.ballot_log(ballot),
            position_form=position_form or _position_form(context["summary"]),
            cancel_form=cancel_form or CancelBallotForm(formdata=None),
            rule_sentences=wording.rule_sentences(context["summary"].rule),
            votes_cast_note=wording.VOTES_CAST_NOTE,
            **context,
        ),
        status,
    )


@bp.route("/ballots/<int:ballot_id>")
def show(ballot_id: int):
    return _ballot_page(ballot_id)


@bp.route("/ballots/<int:ballot_id>/position", methods=["POST"])
@login_required
def cast(ballot_id: int):
    actor = current_actor()
    ballot = _readable_ballot(actor, ballot_id)
    if not permissions.can_vote(actor, ballot.standard.committee_id):
        raise NotAllowed(N_("Only voting members of the committee may vote."))
    form = PositionForm()
    outcome = unit_of_work.submit(
        form,
        lambda: operations.cast_position(
            actor, ballot.id, form.position.data, form.reason.data or ""
        ),
        field="position",
    )
    if not outcome.committed:
        return _ballot_page(ballot_id, position_form=form, status=outcome.status)
    position = label(outcome.result.position)
    flash(_("Your position is recorded: %(position)s.", position=position), "success")
    return redirect(url_for("ballots.show", ballot_id=ballot_id))


def _chair_ballot(actor: Actor, ballot_id: int, message: str) -> Ballot:
    ballot = _readable_ballot(actor, ballot_id)
    if not permissions.can_run_ballots(actor, ballot.standard.committee_id):
        raise NotAllowed(message)
    return ballot


@bp.route("/ballots/<int:ballot_id>/close", methods=["POST"])
@login_required
def close(ballot_id: int):
    actor = current_actor()
    _chair_ballot(actor, ballot_id, N_("Only the committee's chair may close a ballot."))
    try:
        result = unit_of_work.run(lambda: operations.close_ballot(actor, ballot_id))
    except DomainError as error:
        flash(translate_error(error), "error")
        return _ballot_page(ballot_id, status=status_for(error))
    if result.passed:
        flash(
            _("The ballot passed. The chair can now ask the agency to publish the revision."),
            "success",
        )
    else:
        flash(_("The ballot closed without consensus; the standard is a draft again."), "warning")
    return redirect(url_for("ballots.show", ballot_id=ballot_id))


@bp.route("/ballots/<int:ballot_id>/cancel", methods=["POST"])
@login_required
def cancel(ballot_id: int):
    actor = current_actor()
    _chair_ballot(actor, ballot_id, N_("Only the committee's chair may cancel a ballot."))
    form = CancelBallotForm()
    outcome = unit_of_work.submit(
        form,
        lambda: operations.cancel_ballot(actor, ballot_id, form.reason.data or ""),
        field="reason",
    )
    if not outcome.committed:
        return _ballot_page(ballot_id, cancel_form=form, status=outcome.status)
    flash(_("The ballot was cancelled; the standard is a draft again."), "success")
    return redirect(url_for("ballots.show", ballot_id=ballot_id))


#: the message shown for a rule setting the rule engine refused, by field
RULE_FIELD_ERRORS = {
    "min_approvals": N_("Enter a whole number of at least 1."),
    "group_min_approvals": N_("Enter a whole number: 0 or more."),
    "max_open_objections": N_("Enter a whole number: 0 or more, or leave it empty."),
    "group_min_share": N_("Enter a share above 0 and up to 1, such as 1/2 or 50%."),
    "supermajority": N_("Enter a share above one half and up to 1, such as 2/3 or 75%."),
    "max_negative_share": N_("Enter a share from 0 to below 1, such as 1/4 or 25%."),
}


def _rule_form_data(rule) -> dict:
    return {name: "" if value is None else value for name, value in rule.to_dict().items()}


def _committee_for_rule(slug: str) -> Committee:
    committee = committee_queries.get_committee(slug)
    if not permissions.can_set_consensus_rule(current_actor(), committee.id):
        raise NotAllowed(
            N_("Only the committee's chair or an administrator may change its consensus rule.")
        )
    return committee


def _rule_page(committee, form, status=200):
    current = queries.committee_rule(committee)
    return (
        render_template(
            "ballots/consensus_rule.html",
            committee=committee,
            form=form,
            presets=PRESET_CHOICES,
            current_preset=preset_of(current),
            rule_sentences=wording.rule_sentences(current),
            votes_cast_note=wording.VOTES_CAST_NOTE,
        ),
        status,
    )


@bp.route("/committees/<slug>/consensus-rule", methods=["GET", "POST"])
@login_required
def consensus_rule(slug: str):
    committee = _committee_for_rule(slug)
    if request.method == "GET":
        preset = request.args.get("preset")
        rule = PRESETS[preset] if preset in PRESETS else queries.committee_rule(committee)
        return _rule_page(committee, ConsensusRuleForm(formdata=None, **_rule_form_data(rule)))
    form = ConsensusRuleForm()
    if not form.validate():
        return _rule_page(committee, form, status=400)
    settings = {name: form[name].data for name in ConsensusRuleForm.RULE_FIELDS}
    try:
        unit_of_work.run(
            lambda: operations.set_consensus_rule(current_actor(), committee.id, settings)
        )
    except DomainError as error:
        field = error.details.get("field")
        if field in RULE_FIELD_ERRORS:
            form[field].errors = [*form[field].errors, _(RULE_FIELD_ERRORS[field])]
        else:
            unit_of_work.show_error(form, error, field="min_approvals")
        return _rule_page(committee, form, status=status_for(error))
    flash(_("The consensus rule was saved. Ballots already open keep their rule."), "success")
    return redirect(url_for("ballots.consensus_rule", slug=slug))
