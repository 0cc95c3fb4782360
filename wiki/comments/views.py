"""Discussion pages: start a thread, read and answer it, edit or delete one's comment, resolve,
record dispositions, hide (admins). Reports are in ``report_views``."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from wiki import permissions
from wiki.comments import operations, queries
from wiki.comments.anchoring import describe_part
from wiki.comments.forms import (
    ActionForm,
    DispositionForm,
    EditCommentForm,
    HideCommentForm,
    ReplyForm,
)
from wiki.comments.panels import comment_panel, mention_names, new_thread_form, thread_page
from wiki.comments.wording import part_label
from wiki.committees.actors import current_actor
from wiki.consultations import queries as consultations
from wiki.errors import InvalidInput, NotAllowed, NotFound
from wiki.http import unit_of_work
from wiki.http.form_input import whole_number
from wiki.http.numbers import database_integer
from wiki.i18n import N_
from wiki.standards import queries as standards
from wiki.standards.structure import Structure

bp = Blueprint("comments", __name__)


@bp.app_context_processor
def _template_helpers() -> dict:
    return {"comment_panel": comment_panel, "part_label": part_label}


def _commentable_revision(actor, standard, number: int | None, window):
    """The revision a new thread would be written on, as far as the actor may know it
    (``window``: the standard's open consultation, if any)."""
    if permissions.can_read_drafts(actor, standard.committee_id):
        if number is not None:
            try:
                return standards.revision(standard.id, number)
            except NotFound:
                pass
        return standards.head_revision(standard)
    if window is not None:
        return window.revision
    raise NotFound(N_("No such standard."))


def _new_thread_page(standard, revision, form, window, status=200):
    structure = Structure.from_dict(revision.structure or {})
    part = None
    if form.part.data:
        part = describe_part(structure, form.part.data)
    return (
        render_template(
            "comments/new.html",
            standard=standard,
            revision=revision,
            form=form,
            part=part,
            part_text=structure.part_text(form.part.data) if part else None,
            member_names=mention_names(current_actor(), standard.committee_id),
            consultation=window,
        ),
        status,
    )


@bp.route("/standards/<int:standard_id>/threads/new")
@login_required
def new_thread(standard_id: int):
    actor = current_actor()
    standard = standards.get_standard(standard_id)
    window = consultations.open_window_of(standard.id)
    revision = _commentable_revision(
        actor, standard, request.args.get("revision", type=database_integer), window
    )
    if not permissions.can_comment(
        actor,
        standard.committee_id,
        committee_archived=standard.committee.is_archived,
        consultation_open=window is not None and window.revision_id == revision.id,
    ):
        raise NotAllowed(N_("Only members of the committee may comment on this text."))
    form = new_thread_form(revision, request.args.get("part", ""), formdata=None)
    return _new_thread_page(standard, revision, form, window)


@bp.route("/standards/<int:standard_id>/threads", methods=["POST"])
@login_required
def create_thread(standard_id: int):
    actor = current_actor()
    standard = standards.get_standard(standard_id)
    number = whole_number(request.form.get("revision"))
    window = consultations.open_window_of(standard.id)
    revision = _commentable_revision(actor, standard, number, window)
    form = new_thread_form(revision)
    if number != revision.number:  # shown again on the revision the page can show
        form.revision.data = str(revision.number)
    committee_id = standard.committee_id
    outcome = unit_of_work.submit(
        form,
        lambda prepared: operations.start_thread(
            actor,
            standard_id,
            revision_number=number if number is not None else -1,
            part_id=form.part.data,
            body=form.body.data,
            prepared=prepared,
        ),
        prepare=lambda: operations.prepare_text(form.body.data, committee_id),
        field="body",
    )
    if not outcome.committed:
        return _new_thread_page(standard, revision, form, window, outcome.status)
    thread = outcome.result
    flash(_("Your comment was posted as discussion %(number)d.", number=thread.number), "success")
    return redirect(url_for("comments.thread", thread_id=thread.id))


def _thread_page(thread, *, reply_form=None, hide_form=None, status=200):
    page = thread_page(current_actor(), thread)
    return (
        render_template(
            "comments/thread.html",
            page=page,
            thread=thread,
            standard=thread.standard,
            # A refused reply is shown again with its text, even where no reply can be posted.
            reply_form=reply_form or (ReplyForm(formdata=None) if page.can_reply else None),
            hide_form=hide_form,
            action_form=ActionForm(formdata=None),
        ),
        status,
    )


@bp.route("/threads/<int:thread_id>")
def thread(thread_id: int):
    return _thread_page(queries.readable_thread(current_actor(), thread_id))


@bp.route("/threads/<int:thread_id>/replies", methods=["POST"])
@login_required
def reply(thread_id: int):
    actor = current_actor()
    found = queries.readable_thread(actor, thread_id)
    form = ReplyForm()
    committee_id = found.standard.committee_id
    outcome = unit_of_work.submit(
        form,
        lambda prepared: operations.reply(actor, thread_id, form.body.data, prepared=prepared),
        prepare=lambda: operations.prepare_text(form.body.data, committee_id),
        field="body",
    )
    if not outcome.committed:
        return _thread_page(found, reply_form=form, status=outcome.status)
    flash(_("Your reply was posted."), "success")
    anchor = f"comment-{outcome.result.id}"
    return redirect(url_for("comments.thread", thread_id=found.id, _anchor=anchor))


def _status_action(thread_id: int, operation, message: str):
    actor = current_actor()
    queries.readable_thread(actor, thread_id)
    if not ActionForm().validate():
        raise InvalidInput(N_("The form expired. Go back, reload the page and try again."))
    unit_of_work.run(lambda: operation(actor, thread_id))
    flash(message, "success")
    return redirect(url_for("comments.thread", thread_id=thread_id))


@bp.route("/threads/<int:thread_id>/resolve", methods=["POST"])
@login_required
def resolve(thread_id: int):
    return _status_action(thread_id, operations.resolve_thread, _("The discussion is resolved."))


@bp.route("/threads/<int:thread_id>/reopen", methods=["POST"])
@login_required
def reopen(thread_id: int):
    return _status_action(thread_id, operations.reopen_thread, _("The discussion is open again."))


@bp.route("/threads/<int:thread_id>/disposition", methods=["GET", "POST"])
@login_required
def disposition(thread_id: int):
    actor = current_actor()
    found = queries.readable_thread(actor, thread_id)
    if not permissions.can_record_disposition(actor, found.standard.committee_id):
        raise NotAllowed(N_("Only the committee's chair may record dispositions."))
    form = DispositionForm()
    outcome = unit_of_work.submit(
        form,
        lambda: operations.record_disposition(
            actor, found.id, form.disposition.data, form.body.data
        ),
        field="body",
    )
    if outcome.committed:
        flash(_("The disposition was recorded."), "success")
        return redirect(url_for("comments.thread", thread_id=found.id))
    return (
        render_template(
            "comments/disposition.html",
            thread=found,
            standard=found.standard,
            form=form,
            member_names=mention_names(actor, found.standard.committee_id),
        ),
        outcome.status,
    )


@bp.route("/comments/<int:comment_id>/edit", methods=["GET", "POST"])
@login_required
def edit(comment_id: int):
    actor = current_actor()
    comment = queries.readable_comment(actor, comment_id)
    if not permissions.can_edit_comment(actor, author_id=comment.author_id):
        raise NotAllowed(N_("Only the author of a comment may change it."))
    form = EditCommentForm(
        data={"body": comment.body_markdown} if request.method == "GET" else None
    )
    committee_id = comment.thread.standard.committee_id
    outcome = unit_of_work.submit(
        form,
        lambda prepared: operations.edit_comment(
            actor, comment_id, form.body.data, prepared=prepared
        ),
        prepare=lambda: operations.prepare_text(form.body.data, committee_id),
        field="body",
    )
    if outcome.committed:
        flash(_("Your comment was changed."), "success")
        anchor = f"comment-{comment.id}"
        return redirect(url_for("comments.thread", thread_id=comment.thread_id, _anchor=anchor))
    return (
        render_template(
            "comments/edit.html",
            comment=comment,
            thread=comment.thread,
            standard=comment.thread.standard,
            form=form,
            member_names=mention_names(actor, comment.thread.standard.committee_id),
        ),
        outcome.status,
    )


@bp.route("/comments/<int:comment_id>/delete", methods=["POST"])
@login_required
def delete(comment_id: int):
    actor = current_actor()
    comment = queries.readable_comment(actor, comment_id)
    if not ActionForm().validate():
        raise InvalidInput(N_("The form expired. Go back, reload the page and try again."))
    unit_of_work.run(lambda: operations.delete_comment(actor, comment.id))
    flash(_("Your comment was deleted. The discussion stays, without its text."), "success")
    return redirect(url_for("comments.thread", thread_id=comment.thread_id))


@bp.route("/comments/<int:comment_id>/hide", methods=["POST"])
@login_required
def hide(comment_id: int):
    actor = current_actor()
    comment = queries.readable_comment(actor, comment_id)
    if not permissions.can_hide_comment(actor):
        raise NotAllowed(N_("Only administrators may hide comments."))
    form = HideCommentForm()
    outcome = unit_of_work.submit(
        form, lambda: operations.hide_comment(actor, comment.id, form.reason.data), field="reason"
    )
    if outcome.committed:
        flash(_("The comment is hidden. The reason is in the audit log."), "success")
        return redirect(url_for("comments.thread", thread_id=comment.thread_id))
    found = queries.readable_thread(actor, comment.thread_id)
    return _thread_page(found, hide_form=(comment.id, form), status=outcome.status)
