"""Changes to standards: creating them, saving revisions, restoring, editing metadata.

Every function takes the actor, re-checks permission, changes the database and
flushes; the caller commits. Errors are ``wiki.errors`` domain errors.

Refactor: past 400 lines; the text checks, merge and preparation (``PreparedSave``,
``prepare_save``, ``prepare_restore``) could move to a ``standards/saving.py`` of their own.
"""

import hashlib
from dataclasses import dataclass

from flask import current_app
from sqlalchemy.exc import IntegrityError

from wiki import events, permissions
from wiki.audit.operations import record_change
from wiki.committees.models import Committee
from wiki.errors import (
    EditConflict,
    InvalidInput,
    InvalidTransition,
    NotAllowed,
    NotFound,
    TooLarge,
)
from wiki.extensions import db
from wiki.i18n import N_
from wiki.locks import lock_row
from wiki.permissions import Actor
from wiki.standards import queries
from wiki.standards.lifecycle import StandardAction, StandardStatus, next_status
from wiki.standards.merging import ConflictRegion, merge_texts
from wiki.standards.models import Revision, Standard
from wiki.standards.rendering import Rendered, render_markdown
from wiki.standards.starter import template_for
from wiki.standards.structure import Structure, parse_structure

#: metadata fields a member may edit beside the text, with their allowed ranges
METADATA_RANGES = {
    "level": (1, 5),
    "review_period_years": (1, 10),
    "certificate_validity_years": (1, 10),
}
METADATA_TEXT = ("occupations", "industry_code", "organisations")

#: statuses a new revision moves back to draft, and the move that does it (the approval stays)
DRAFT_REOPENING = {
    StandardStatus.PUBLISHED: StandardAction.NEW_DRAFT,
    StandardStatus.APPROVED: StandardAction.REOPEN,
}


@dataclass(frozen=True)
class SaveResult:
    """What a save did: the new revision (None if nothing changed) and what it merged with."""

    revision: Revision | None
    merged_with: int | None = None

    @property
    def unchanged(self) -> bool:
        return self.revision is None


@dataclass(frozen=True)
class PreparedSave:
    """A save's text merged with, parsed and rendered against one head revision.

    ``prepare_save`` makes it before the standard is locked; ``save_revision`` uses it while
    the head is still ``head_number``, so the slow part of a save holds no lock.
    """

    standard_id: int
    head_number: int
    title: str
    body: str
    merged_with: int | None
    #: the text's structure and rendering; None when the save changes nothing
    structure: Structure | None
    rendered: Rendered | None

    @property
    def unchanged(self) -> bool:
        return self.rendered is None

    def made_on(self, head: Revision) -> bool:
        """Whether this was prepared against ``head``, so a save may use it as it is."""
        return (self.standard_id, self.head_number) == (head.standard_id, head.number)


class MergeConflict(EditConflict):
    """Someone saved overlapping changes since the editor's base revision."""

    def __init__(self, message, *, head: Revision, conflicts: tuple[ConflictRegion, ...]):
        super().__init__(message, number=head.number)
        self.head = head
        self.conflicts = conflicts


def content_hash(title: str, body: str) -> str:
    """Fingerprint of what a revision says; equal hashes mean an unchanged save."""
    return hashlib.sha256(f"{title}\x00{body}".encode()).hexdigest()


def normalise_body(body: str) -> str:
    """One line-ending convention, and a final newline, so diffs show only real changes."""
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    return body if body.endswith("\n") or not body else body + "\n"


def _check_body(body: str) -> None:
    limit = current_app.config["MAX_BODY_BYTES"]
    if len(body.encode("utf-8", "surrogatepass")) > limit:
        raise TooLarge(N_("The text is longer than the limit of %(limit)d bytes."), limit=limit)
    if "\x00" in body:
        raise InvalidInput(N_("The text contains a NUL character."))


def _check_title(title: str) -> str:
    title = (title or "").strip()
    if not title:
        raise InvalidInput(N_("A title is required."))
    if len(title) > 300:
        raise InvalidInput(N_("The title is longer than 300 characters."))
    return title


def lock_standard(standard_id: int, *, changes_code: bool = False) -> Standard:
    """Load the standard locked, so changes to it (saves, ballots, publication) happen one at a
    time.

    The lock is ``FOR NO KEY UPDATE``, which still lets others insert rows that refer to the
    standard (an audit entry, a comment). Pass ``changes_code`` when the change may assign
    ``code_number``, a unique key: that takes ``FOR UPDATE`` (see ``wiki.locks``).
    """
    return lock_row(Standard, standard_id, N_("No such standard."), key_share=not changes_code)


def _check_editable(actor: Actor, standard: Standard) -> None:
    if not permissions.can_edit_drafts(
        actor, standard.committee_id, committee_archived=standard.committee.is_archived
    ):
        raise NotAllowed(N_("Only members of the committee who draft may edit this standard."))
    if standard.status == StandardStatus.WITHDRAWN:
        raise InvalidTransition(N_("This standard was withdrawn; its text can no longer change."))


def _parsed_and_rendered(body: str, head: Revision | None) -> tuple[Structure, Rendered]:
    """The text's structure (ids carried on from the head's) and its rendering: the slow part."""
    previous = Structure.from_dict(head.structure) if head is not None and head.structure else None
    structure = parse_structure(body, previous)
    return structure, render_markdown(body, structure)


def _new_revision(
    standard: Standard,
    head: Revision | None,
    *,
    author_id: int,
    title: str,
    body: str,
    summary: str,
    restored_from: int | None = None,
    prepared: PreparedSave | None = None,
) -> Revision:
    if prepared is not None:
        structure, rendered = prepared.structure, prepared.rendered
    else:
        structure, rendered = _parsed_and_rendered(body, head)
    number = head.number + 1 if head is not None else 1
    revision = Revision(
        standard_id=standard.id,
        number=number,
        parent_number=head.number if head is not None else None,
        restored_from_number=restored_from,
        author_id=author_id,
        summary=(summary or "").strip()[:300],
        title=title,
        body_markdown=body,
        content_hash=content_hash(title, body),
        body_html=rendered.html,
        toc=[[e.level, e.anchor, e.title] for e in rendered.toc],
        structure=structure.to_dict(),
        size_chars=len(body),
        size_delta=len(body) - (head.size_chars if head is not None else 0),
    )
    db.session.add(revision)
    try:
        db.session.flush()
    except IntegrityError as exc:
        # Only reachable if the lock above was bypassed: the database still refuses
        # a second revision N, and the user is told rather than overwritten.
        raise EditConflict(N_("Someone saved this standard at the same moment.")) from exc
    standard.head_revision_id = revision.id
    standard.title = title
    standard.updated_at = revision.created_at
    # New text after approval or publication is the next edition's draft (an approved
    # revision keeps waiting for publication); an open ballot goes stale through the
    # revision_saved listener in wiki.ballots.operations.
    if standard.status in DRAFT_REOPENING:
        standard.status = next_status(standard.status, DRAFT_REOPENING[standard.status])
    db.session.flush()
    events.revision_saved.send(standard, revision=revision)
    return revision


def create_standard(
    actor: Actor,
    *,
    committee: Committee,
    title: str,
    language: str,
    level: int,
    body: str | None = None,
    summary: str = "",
) -> Standard:
    """Create a draft standard with revision 1 (the bilingual template unless a body is given)."""
    if committee is None:
        raise NotFound(N_("No such committee."))
    if not permissions.can_edit_drafts(
        actor, committee.id, committee_archived=committee.is_archived
    ):
        raise NotAllowed(N_("Only members of the committee who draft may create standards."))
    title = _check_title(title)
    if language not in ("es", "en"):
        raise InvalidInput(N_("The language must be Spanish or English."))
    if not isinstance(level, int) or not 1 <= level <= 5:
        raise InvalidInput(N_("The competency level must be between 1 and 5."))
    body = normalise_body(body if body is not None else template_for(language))
    _check_body(body)
    standard = Standard(
        committee_id=committee.id,
        title=title,
        language=language,
        level=level,
        created_by_id=actor.user_id,
    )
    db.session.add(standard)
    db.session.flush()
    _new_revision(
        standard,
        None,
        author_id=actor.user_id,
        title=title,
        body=body,
        summary=summary,
    )
    record_change(
        actor, "standard.created", standard,
        after={"title": title, "language": language, "level": level},
    )
    return standard


def prepare_save(
    actor: Actor, standard_id: int, *, base_number: int, title: str, body: str
) -> PreparedSave:
    """Check, merge, parse and render the editor's text against the current head, unlocked.

    Raises what ``save_revision`` raises. Call it before the transaction that saves, and pass
    the result to ``save_revision``: rendering a long text then holds no lock.
    """
    standard = queries.get_standard(standard_id)
    _check_editable(actor, standard)
    head = db.session.get(Revision, standard.head_revision_id)
    return _prepared(standard, head, base_number=base_number, title=title, body=body)


def _prepared(
    standard: Standard, head: Revision, *, base_number: int, title: str, body: str
) -> PreparedSave:
    title = _check_title(title)
    body = normalise_body(body or "")
    _check_body(body)
    if not isinstance(base_number, int) or not 1 <= base_number <= head.number:
        raise InvalidInput(
            N_("The edit form refers to revision %(number)s, which does not exist."),
            number=base_number,
        )
    merged_with = None
    if base_number != head.number:
        base = queries.revision(standard.id, base_number)
        if title != head.title and title != base.title and head.title != base.title:
            raise MergeConflict(
                N_("Revision %(number)s changed the title too."), head=head, conflicts=()
            )
        merged_title = title if title != base.title else head.title
        result = merge_texts(base.body_markdown, body, head.body_markdown)
        if not result.clean:
            raise MergeConflict(
                N_(
                    "Revision %(number)s, saved since you started editing, changed the same "
                    "passages. Your text is kept below; compare and save again."
                ),
                head=head,
                conflicts=result.conflicts,
            )
        title, body, merged_with = merged_title, normalise_body(result.text), head.number
    structure = rendered = None
    if content_hash(title, body) != head.content_hash:
        structure, rendered = _parsed_and_rendered(body, head)
    return PreparedSave(standard.id, head.number, title, body, merged_with, structure, rendered)


def save_revision(
    actor: Actor,
    standard_id: int,
    *,
    base_number: int,
    title: str,
    body: str,
    summary: str = "",
    prepared: PreparedSave | None = None,
) -> SaveResult:
    """Save the editor's text as a new revision on top of ``base_number``.

    If someone saved since the base, merge their changes three-way when they do not
    overlap (``merged_with`` says which revision), otherwise raise ``MergeConflict``.
    Raises ``InvalidInput`` for a base that does not exist or a text the renderer refuses,
    ``TooLarge`` past the body limit, ``NotAllowed`` without drafting rights. Unchanged text
    saves nothing. ``prepared`` (from ``prepare_save`` with the same input) is used if the head
    has not moved since it was made; otherwise the text is merged and rendered again.
    """
    standard = lock_standard(standard_id)
    _check_editable(actor, standard)
    head = db.session.get(Revision, standard.head_revision_id)
    if prepared is None or not prepared.made_on(head):
        prepared = _prepared(standard, head, base_number=base_number, title=title, body=body)
    if prepared.unchanged:
        return SaveResult(revision=None, merged_with=prepared.merged_with)
    revision = _new_revision(
        standard,
        head,
        author_id=actor.user_id,
        title=prepared.title,
        body=prepared.body,
        summary=summary,
        prepared=prepared,
    )
    return SaveResult(revision=revision, merged_with=prepared.merged_with)


def prepare_restore(
    actor: Actor, standard_id: int, number: int, *, base_number: int
) -> PreparedSave:
    """Parse and render an old revision's text against the current head, unlocked.

    Raises what ``restore_revision`` raises; pass the result to it, as with ``prepare_save``.
    """
    standard = queries.get_standard(standard_id)
    _check_editable(actor, standard)
    head = db.session.get(Revision, standard.head_revision_id)
    return _restored(standard, head, number, base_number=base_number)


def _restored(standard: Standard, head: Revision, number: int, *, base_number: int):
    old = queries.revision(standard.id, number)
    if base_number != head.number:
        raise EditConflict(
            N_("Revision %(number)s was saved meanwhile; look at it before restoring."),
            number=head.number,
        )
    structure = rendered = None
    if old.content_hash != head.content_hash:
        structure, rendered = _parsed_and_rendered(old.body_markdown, head)
    return PreparedSave(
        standard.id, head.number, old.title, old.body_markdown, None, structure, rendered
    )


def restore_revision(
    actor: Actor,
    standard_id: int,
    number: int,
    *,
    base_number: int,
    prepared: PreparedSave | None = None,
) -> SaveResult:
    """Save an old revision's text again as the newest revision.

    ``prepared`` (from ``prepare_restore``) is used if the head has not moved since.
    """
    standard = lock_standard(standard_id)
    _check_editable(actor, standard)
    head = db.session.get(Revision, standard.head_revision_id)
    if prepared is None or not prepared.made_on(head):
        prepared = _restored(standard, head, number, base_number=base_number)
    if prepared.unchanged:
        return SaveResult(revision=None)
    revision = _new_revision(
        standard,
        head,
        author_id=actor.user_id,
        title=prepared.title,
        body=prepared.body,
        summary="",
        restored_from=number,
        prepared=prepared,
    )
    return SaveResult(revision=revision)


def update_metadata(actor: Actor, standard_id: int, **fields) -> Standard:
    """Change the metadata kept beside the text (level, review period, occupations…)."""
    standard = lock_standard(standard_id)
    if not permissions.can_edit_drafts(
        actor, standard.committee_id, committee_archived=standard.committee.is_archived
    ):
        raise NotAllowed(N_("Only members of the committee who draft may edit this standard."))
    before, after = {}, {}
    for name, value in fields.items():
        if name in METADATA_RANGES:
            low, high = METADATA_RANGES[name]
            if not isinstance(value, int) or not low <= value <= high:
                raise InvalidInput(
                    N_("%(field)s must be between %(low)d and %(high)d."),
                    field=name,
                    low=low,
                    high=high,
                )
        elif name in METADATA_TEXT:
            value = (value or "").strip()
            if len(value) > 5000:
                raise InvalidInput(N_("%(field)s is too long."), field=name)
        else:
            raise InvalidInput(N_("Unknown field %(field)s."), field=name)
        if getattr(standard, name) != value:
            before[name], after[name] = getattr(standard, name), value
            setattr(standard, name, value)
    if after:
        record_change(actor, "standard.metadata_changed", standard, before=before, after=after)
        db.session.flush()
    return standard
