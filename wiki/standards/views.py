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
from wiki.accounts.actors import current_actor
from wiki.committees.models import Committee
from wiki.errors import DomainError, InvalidInput, NotFound, TooLarge
from wiki.extensions import db
from wiki.http.errors import translate_error
from wiki.http.form_input import invalid_utf8_fields
from wiki.standards import operations, queries
from wiki.standards.diffing import diff_texts
from wiki.standards.exports import revision_document
from wiki.standards.forms import EditForm, MetadataForm, NewStandardForm, RestoreForm
from wiki.standards.operations import MergeConflict
from wiki.standards.rendering import render_markdown
from wiki.standards.structure import Structure, parse_structure

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
    if form.validate_on_submit():
        committee = next((c for c in committees if c.slug == form.committee.data), None)
        try:
            standard = operations.create_standard(
                actor,
                committee=committee,
                title=form.title.data,
                language=form.language.data,
                level=form.level.data,
            )
        except DomainError as error:
            form.title.errors.append(translate_error(error))
        else:
            db.session.commit()
            flash(_("Standard created from the template. Fill in each section."), "success")
            return redirect(url_for("standards.edit", standard_id=standard.id))
    return render_template("standards/new.html", form=form), 400 if form.errors else 200


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
        structure=Structure.from_dict(head.structure) if head.structure else None,
        can_edit=permissions.can_edit_drafts(
            actor, standard.committee_id, committee_archived=standard.committee.is_archived
        ),
        is_head=True,
    )


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
        structure=Structure.from_dict(shown.structure) if shown.structure else None,
        can_edit=permissions.can_edit_drafts(
            actor, standard.committee_id, committee_archived=standard.committee.is_archived
        ),
        is_head=shown.number == head.number,
        head=head,
        restore_form=RestoreForm(base_number=head.number),
    )


def _edit_page(standard, form, *, status=200, preview=None, conflict=None, preview_structure=None):
    return (
        render_template(
            "standards/edit.html",
            standard=standard,
            form=form,
            preview=preview,
            preview_toc=[[e.level, e.anchor, e.title] for e in preview.toc] if preview else [],
            preview_structure=preview_structure,
            conflict=conflict,
            head=queries.head_revision(standard),
        ),
        status,
    )


@bp.route("/<int:standard_id>/edit", methods=["GET", "POST"])
@login_required
def edit(standard_id: int):
    actor = current_actor()
    standard = queries.readable_draft(actor, standard_id)
    if not permissions.can_edit_drafts(
        actor, standard.committee_id, committee_archived=standard.committee.is_archived
    ):
        abort(403)
    head = queries.head_revision(standard)
    form = EditForm()
    if request.method == "GET":
        form.base_number.data = head.number
        form.title.data = head.title
        form.body.data = head.body_markdown
        return _edit_page(standard, form)

    bad_fields = invalid_utf8_fields()
    if bad_fields:
        form.body.errors = [
            _(
                "The text is not valid UTF-8. Check the characters near the "
                "marks shown, correct them and save again."
            )
        ]
        return _edit_page(standard, form, status=400)
    if not form.validate():
        return _edit_page(standard, form, status=400)
    try:
        base_number = int(form.base_number.data)
    except (TypeError, ValueError):
        form.body.errors.append(
            _(
                "The form lost track of which revision you edited. "
                "Compare your text with the current one before saving."
            )
        )
        return _edit_page(standard, form, status=400)

    if request.form.get("action") == "preview":
        body = operations.normalise_body(form.body.data or "")
        structure = parse_structure(body)
        try:
            preview = render_markdown(body, structure)
        except InvalidInput as error:
            form.body.errors.append(translate_error(error))
            return _edit_page(standard, form, status=400)
        return _edit_page(standard, form, preview=preview, preview_structure=structure)

    try:
        result = operations.save_revision(
            actor,
            standard.id,
            base_number=base_number,
            title=form.title.data,
            body=form.body.data or "",
            summary=form.summary.data or "",
        )
    except MergeConflict as error:
        db.session.rollback()
        form.base_number.data = error.head.number
        return _edit_page(standard, form, status=409, conflict=error)
    except TooLarge as error:
        db.session.rollback()
        form.body.errors.append(translate_error(error))
        return _edit_page(standard, form, status=413)
    except InvalidInput as error:
        db.session.rollback()
        form.body.errors.append(translate_error(error))
        return _edit_page(standard, form, status=400)
    db.session.commit()
    if result.unchanged:
        flash(_("Nothing changed, so no new revision was saved."), "info")
    elif result.merged_with:
        flash(
            _(
                "Saved as revision %(number)d. Revision %(other)d was saved while you edited; "
                "the changes did not overlap and were merged.",
                number=result.revision.number,
                other=result.merged_with,
            ),
            "warning",
        )
    else:
        flash(_("Saved as revision %(number)d.", number=result.revision.number), "success")
    return redirect(url_for("standards.show", standard_id=standard.id))


@bp.route("/<int:standard_id>/metadata", methods=["GET", "POST"])
@login_required
def metadata(standard_id: int):
    actor = current_actor()
    standard = queries.readable_draft(actor, standard_id)
    if not permissions.can_edit_drafts(
        actor, standard.committee_id, committee_archived=standard.committee.is_archived
    ):
        abort(403)
    form = MetadataForm(obj=standard)
    if form.validate_on_submit():
        operations.update_metadata(
            actor,
            standard.id,
            **{
                name: form[name].data
                for name in (
                    "level",
                    "review_period_years",
                    "certificate_validity_years",
                    "occupations",
                    "industry_code",
                    "organisations",
                )
            },
        )
        db.session.commit()
        flash(_("The details were saved."), "success")
        return redirect(url_for("standards.show", standard_id=standard.id))
    status = 400 if form.errors else 200
    return render_template("standards/metadata.html", standard=standard, form=form), status


@bp.route("/<int:standard_id>/history")
def history(standard_id: int):
    actor = current_actor()
    standard = queries.readable_draft(actor, standard_id)
    page = queries.history_page(
        standard, request.args.get("page", 1, type=int), current_app.config["HISTORY_PAGE_SIZE"]
    )
    return render_template("standards/history.html", standard=standard, page=page)


@bp.route("/<int:standard_id>/diff")
def diff(standard_id: int):
    actor = current_actor()
    standard = queries.readable_draft(actor, standard_id)
    head = queries.head_revision(standard)
    new_number = request.args.get("to", head.number, type=int)
    old_number = request.args.get("from", max(new_number - 1, 1), type=int)
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
    if not form.validate_on_submit():
        abort(400)
    try:
        base_number = int(form.base_number.data)
    except ValueError:
        abort(400)
    result = operations.restore_revision(actor, standard.id, number, base_number=base_number)
    db.session.commit()
    if result.unchanged:
        flash(_("That revision says the same as the current one; nothing was saved."), "info")
    else:
        flash(
            _(
                "Revision %(old)d restored as revision %(new)d.",
                old=number,
                new=result.revision.number,
            ),
            "success",
        )
    return redirect(url_for("standards.show", standard_id=standard.id))
