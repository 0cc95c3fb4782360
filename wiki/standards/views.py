"""Standard pages: create, read, edit (with preview and merge), history, diffs, restore."""

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import login_required
from sqlalchemy import select
from wtforms import SelectChoice

from wiki import permissions
from wiki.committees.actors import current_actor
from wiki.committees.models import Committee
from wiki.errors import InvalidInput, NotFound, status_for
from wiki.extensions import db
from wiki.http import unit_of_work
from wiki.http.form_input import whole_number
from wiki.http.numbers import database_integer, page_argument
from wiki.standards import operations, queries
from wiki.standards.diffing import diff_texts
from wiki.standards.exports import revision_document
from wiki.standards.forms import EditForm, MetadataForm, NewStandardForm, RestoreForm
from wiki.standards.models import Standard
from wiki.standards.operations import MergeConflict, SaveResult
from wiki.standards.placeholders import check_template_text
from wiki.standards.preview import Preview, preview_text
from wiki.standards.structure import Structure

bp = Blueprint("standards", __name__, url_prefix="/standards")


def _drafting_committees(actor) -> list[Committee]:
    committees = db.session.execute(
        select(Committee).where(Committee.archived_at.is_(None)).order_by(Committee.name)
    ).scalars()
    return [c for c in committees if permissions.can_edit_drafts(actor, c.id)]


@bp.route("/new", methods=["GET", "POST"])
@login_required
def create():
    actor = current_actor()
    committees = _drafting_committees(actor)
    if not committees:
        abort(403)
    form = NewStandardForm()
    form.committee.choices = [SelectChoice(c.slug, c.name) for c in committees]
    if request.method == "GET" and request.args.get("committee"):
        form.committee.data = request.args["committee"]
    outcome = unit_of_work.submit(
        form,
        lambda: operations.create_standard(
            actor,
            committee=next((c for c in committees if c.slug == form.committee.data), None),
            title=form.title.data,
            language=form.language.data,
            level=form.level.data,
        ),
        field="title",
    )
    if not outcome.committed:
        return render_template("standards/new.html", form=form), outcome.status
    flash(_("Standard created from the template. Fill in each section."), "success")
    return redirect(url_for("standards.edit", standard_id=outcome.result.id))


@bp.route("/<int:standard_id>")
def show(standard_id: int):
    actor = current_actor()
    standard = queries.get_standard(standard_id)
    if not permissions.can_read_drafts(actor, standard.committee_id):
        if standard.current_edition_id is None:
            raise NotFound()
        return redirect(url_for("registry.edition", code=standard.current_edition.code))
    head = queries.head_revision(standard)
    return render_template(
        "standards/show.html",
        standard=standard,
        revision=head,
        **_structure_checks(head),
        can_edit=permissions.can_edit_drafts(
            actor, standard.committee_id, committee_archived=standard.committee.is_archived
        ),
        is_head=True,
    )


def _structure_checks(revision) -> dict:
    """The parsed structure of a revision, and its template check, for the draft page."""
    structure = Structure.from_dict(revision.structure) if revision.structure else None
    return {
        "structure": structure,
        "template_check": check_template_text(revision.body_markdown, structure),
    }


@bp.route("/<int:standard_id>/revisions/<int:number>.json")
def revision_json(standard_id: int, number: int):
    standard = queries.readable_draft(current_actor(), standard_id)
    return jsonify(revision_document(standard, queries.revision(standard.id, number)))


@bp.route("/<int:standard_id>/revisions/<int:number>")
def revision(standard_id: int, number: int):
    actor = current_actor()
    standard = queries.readable_draft(actor, standard_id)
    shown = queries.revision(standard.id, number)
    head = queries.head_revision(standard)
    return render_template(
        "standards/show.html",
        standard=standard,
        revision=shown,
        **_structure_checks(shown),
        can_edit=permissions.can_edit_drafts(
            actor, standard.committee_id, committee_archived=standard.committee.is_archived
        ),
        is_head=shown.number == head.number,
        head=head,
        restore_form=RestoreForm(base_number=head.number),
    )


def _editable_draft(actor, standard_id: int) -> Standard:
    """The standard, if the actor may edit its drafts: 404 if they may not read it, else 403."""
    standard = queries.readable_draft(actor, standard_id)
    if not permissions.can_edit_drafts(
        actor, standard.committee_id, committee_archived=standard.committee.is_archived
    ):
        abort(403)
    return standard


def _edit_page(standard, form, *, status=200, preview: Preview | None = None, error=None):
    conflict = error if isinstance(error, MergeConflict) else None
    if conflict is not None:
        form.base_number.data = conflict.head.number
    return (
        render_template(
            "standards/edit.html",
            standard=standard,
            form=form,
            preview=preview.rendered if preview else None,
            preview_toc=preview.toc if preview else [],
            preview_structure=preview.structure if preview else None,
            conflict=conflict,
            head=queries.head_revision(standard),
        ),
        status,
    )


def _preview_page(standard, form):
    """The editor with its text rendered below it, as a save would render it; nothing is saved."""
    if not form.validate():
        return _edit_page(standard, form, status=400)
    try:
        shown = unit_of_work.read_only(lambda: preview_text(form.body.data or ""))
    except InvalidInput as error:
        unit_of_work.show_error(form, error, field="body")
        return _edit_page(standard, form, status=status_for(error))
    return _edit_page(standard, form, preview=shown)


def _saved_message(result: SaveResult) -> tuple[str, str]:
    """The flash after a save, and its category."""
    if result.unchanged:
        return _("Nothing changed, so no new revision was saved."), "info"
    if result.merged_with:
        return _(
            "Saved as revision %(number)d. Revision %(other)d was saved while you edited; "
            "the changes did not overlap and were merged.",
            number=result.revision.number,
            other=result.merged_with,
        ), "warning"
    return _("Saved as revision %(number)d.", number=result.revision.number), "success"


@bp.route("/<int:standard_id>/edit", methods=["GET", "POST"])
@login_required
def edit(standard_id: int):
    actor = current_actor()
    standard = _editable_draft(actor, standard_id)
    form = EditForm.starting_from(queries.head_revision(standard))
    if request.form.get("action") == "preview":
        return _preview_page(standard, form)
    # Rendering, the slow part, happens before the save's transaction and lock.
    outcome = unit_of_work.submit(
        form,
        lambda prepared: operations.save_revision(
            actor, standard_id, **form.revision_input(), prepared=prepared
        ),
        prepare=lambda: operations.prepare_save(actor, standard_id, **form.text_input()),
        field="body",
    )
    if not outcome.committed:
        return _edit_page(standard, form, status=outcome.status, error=outcome.error)
    flash(*_saved_message(outcome.result))
    return redirect(url_for("standards.show", standard_id=standard.id))


@bp.route("/<int:standard_id>/metadata", methods=["GET", "POST"])
@login_required
def metadata(standard_id: int):
    actor = current_actor()
    standard = _editable_draft(actor, standard_id)
    form = MetadataForm(obj=standard)
    outcome = unit_of_work.submit(
        form,
        lambda: operations.update_metadata(
            actor, standard.id, **{name: form[name].data for name in MetadataForm.FIELDS}
        ),
    )
    if not outcome.committed:
        page = render_template("standards/metadata.html", standard=standard, form=form)
        return page, outcome.status
    flash(_("The details were saved."), "success")
    return redirect(url_for("standards.show", standard_id=standard.id))


@bp.route("/<int:standard_id>/history")
def history(standard_id: int):
    actor = current_actor()
    standard = queries.readable_draft(actor, standard_id)
    page = queries.history_page(
        standard, page_argument(), current_app.config["HISTORY_PAGE_SIZE"]
    )
    return render_template("standards/history.html", standard=standard, page=page)


@bp.route("/<int:standard_id>/diff")
def diff(standard_id: int):
    actor = current_actor()
    standard = queries.readable_draft(actor, standard_id)
    head = queries.head_revision(standard)
    new_number = request.args.get("to", head.number, type=database_integer)
    old_number = request.args.get("from", max(new_number - 1, 1), type=database_integer)
    old = queries.revision(standard.id, old_number)
    new = queries.revision(standard.id, new_number)
    return render_template(
        "standards/diff.html",
        standard=standard,
        old=old,
        new=new,
        old_label=_("Revision %(number)d", number=old.number),
        new_label=_("Revision %(number)d", number=new.number),
        diff=diff_texts(old.body_markdown, new.body_markdown),
        view=_diff_view(),
        title_changed=old.title != new.title,
    )


def _diff_view() -> str:
    return "side" if request.args.get("view") == "side" else "inline"


@bp.route("/<int:standard_id>/revisions/<int:number>/restore", methods=["POST"])
@login_required
def restore(standard_id: int, number: int):
    actor = current_actor()
    standard = queries.readable_draft(actor, standard_id)
    form = RestoreForm()
    base_number = whole_number(form.base_number.data)
    if not form.validate_on_submit() or base_number is None:
        abort(400)
    result = unit_of_work.run(
        lambda prepared: operations.restore_revision(
            actor, standard_id, number, base_number=base_number, prepared=prepared
        ),
        prepare=lambda: operations.prepare_restore(
            actor, standard_id, number, base_number=base_number
        ),
    )
    if result.unchanged:
        flash(_("That revision says the same as the current one; nothing was saved."), "info")
    else:
        new = result.revision.number
        flash(_("Revision %(old)d restored as revision %(new)d.", old=number, new=new), "success")
    return redirect(url_for("standards.show", standard_id=standard.id))
