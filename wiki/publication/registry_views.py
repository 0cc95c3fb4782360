"""The public registry: editions by status and code, their JSON, and diffs between editions.

Everything here reads editions, never the standard's live title or metadata: those belong to
the next draft.
"""

from flask import Blueprint, jsonify, redirect, render_template, request, url_for
from sqlalchemy import select

from wiki.errors import NotFound
from wiki.extensions import db
from wiki.i18n import N_
from wiki.publication import queries
from wiki.publication.codes import parse_code
from wiki.publication.exports import edition_document
from wiki.publication.lifecycle import EditionStatus
from wiki.standards.diffing import diff_texts
from wiki.standards.models import Standard
from wiki.standards.structure import Structure

bp = Blueprint("registry", __name__)

#: the registry's status filters (``?status=``); "all" lists every edition
REGISTRY_FILTERS = {**{str(status): status for status in EditionStatus}, "all": None}
EDITIONS_PER_PAGE = 50


@bp.route("/registry")
def index():
    status = REGISTRY_FILTERS.get(request.args.get("status", "current"), EditionStatus.CURRENT)
    page = queries.registry_page(
        status, page=request.args.get("page", 1, type=int), per_page=EDITIONS_PER_PAGE
    )
    counts = queries.status_counts()
    return render_template(
        "registry/index.html",
        page=page,
        status=status,
        filters=[(str(s), s, counts[s]) for s in EditionStatus]
        + [("all", None, sum(counts.values()))],
        succession=queries.succession_of(page.items),
    )


@bp.route("/ec/<code>")
def edition(code: str):
    number, edition_number = parse_code(code.upper())
    if edition_number is None:
        standard = db.session.execute(
            select(Standard).where(Standard.code_number == number)
        ).scalar_one_or_none()
        if standard is None or standard.current_edition_id is None:
            raise NotFound(N_("No standard has the code %(code)s."), code=code)
        return redirect(url_for("registry.edition", code=standard.current_edition.code))
    found = queries.edition_by_code(code)
    revision = found.revision
    editions = queries.editions_of(found.standard_id)
    return render_template(
        "registry/edition.html",
        edition=found,
        standard=found.standard,
        revision=revision,
        structure=Structure.from_dict(revision.structure) if revision.structure else None,
        editions=editions,
        succession=queries.succession_of(editions),
    )


@bp.route("/ec/<code>.json")
def edition_json(code: str):
    found = queries.edition_by_code(code)
    succession = queries.succession_of([found])[found.code]
    return jsonify(edition_document(found, succession))


@bp.route("/ec/<code>/diff")
def edition_diff(code: str):
    new = queries.edition_by_code(code)
    editions = queries.editions_of(new.standard_id)
    default_old = next(
        (e for e in reversed(editions) if e.edition_number < new.edition_number), new
    )
    old_code = request.args.get("from", default_old.code)
    old = queries.edition_by_code(old_code)
    if old.standard_id != new.standard_id:
        raise NotFound(N_("Both editions must belong to the same standard."))
    return render_template(
        "standards/diff.html",
        standard=new.standard,
        old=old.revision,
        new=new.revision,
        old_label=old.code,
        new_label=new.code,
        diff=diff_texts(old.revision.body_markdown, new.revision.body_markdown),
        view="side" if request.args.get("view") == "side" else "inline",
        title_changed=old.revision.title != new.revision.title,
        public=True,
        old_edition=old,
        new_edition=new,
    )
