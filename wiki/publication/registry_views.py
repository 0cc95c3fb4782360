"""The public registry: editions by status and code, their JSON, and diffs between editions.

Everything here reads editions, never the standard's live title or metadata: those belong to
the next draft.
"""

from functools import partial

from flask import (
    Blueprint,
    get_template_attribute,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import get_locale
from sqlalchemy import select

from wiki.comments.panels import edition_threads_visible
from wiki.comments.queries import revision_threads_version
from wiki.committees.actors import current_actor
from wiki.consultations.queries import open_window_of
from wiki.errors import NotFound
from wiki.extensions import db
from wiki.http.conditional import public_page
from wiki.http.unit_of_work import run
from wiki.i18n import N_
from wiki.publication import queries
from wiki.publication.codes import parse_code
from wiki.publication.exports import edition_document
from wiki.publication.lifecycle import EditionStatus
from wiki.publication.models import Edition
from wiki.publication.renderings import keep_rendering
from wiki.standards.diffing import diff_texts
from wiki.standards.models import Standard

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
    found, editions, kept = queries.edition_page(code, str(get_locale()))
    notice = open_window_of(found.standard_id)
    threads_shown = edition_threads_visible(current_actor(), found.committee)
    changing = (
        *_official_record(found),
        tuple((e.code, str(e.status)) for e in editions),
        (notice.id, notice.closes_at) if notice else None,
        revision_threads_version(found.revision_id) if threads_shown else None,
    )
    return public_page(
        changing, partial(_edition_page, found, editions, kept, notice, threads_shown=threads_shown)
    )


def _official_record(edition: Edition) -> tuple:
    """What can change on a published edition: its status and its official act."""
    return (
        edition.id,
        str(edition.status),
        edition.withdrawn_at,
        edition.withdrawn_reason,
        edition.approving_body,
        edition.resolution_number,
        edition.approved_on,
        edition.gazette_published_on,
        edition.gazette_url,
    )


def _edition_page(edition: Edition, editions, kept, notice, *, threads_shown) -> str:
    if kept is None:  # an edition published before bodies were kept
        metadata_html, body_html = keep_edition_body(edition)
    else:
        metadata_html, body_html = kept.metadata_html, kept.body_html
    return render_template(
        "registry/edition.html",
        edition=edition,
        metadata_html=metadata_html,
        body_html=body_html,
        editions=editions,
        succession=queries.succession_among(editions),
        notice=notice,
        threads_shown=threads_shown,
    )


def keep_edition_body(edition: Edition) -> tuple[str, str]:
    """Render the edition's metadata block, and its text beside its contents, in the current
    language; keep and return them (``publication.renderings``)."""
    template = "registry/_edition_kept.html"
    metadata = str(get_template_attribute(template, "metadata")(edition))
    body = str(get_template_attribute(template, "body")(edition.revision))
    run(partial(keep_rendering, edition.id, str(get_locale()), metadata, body))
    return metadata, body


@bp.route("/ec/<code>.json")
def edition_json(code: str):
    found = queries.edition_by_code(code)
    editions = queries.editions_of(found.standard_id)
    changing = (*_official_record(found), tuple((e.code, str(e.status)) for e in editions))
    return public_page(changing, lambda: _edition_json(found, editions), translated=False)


def _edition_json(edition: Edition, editions: list[Edition]):
    return jsonify(edition_document(edition, queries.succession_among(editions)[edition.code]))


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
