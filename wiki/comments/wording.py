"""Words for discussion data in the reader's language: part labels and report columns."""

from flask_babel import gettext as _

from wiki.comments.anchoring import PartDescription
from wiki.comments.labels import COMMENT_LABELS
from wiki.comments.reports import ReportRow
from wiki.i18n import label_in
from wiki.standards.labels import STANDARD_LABELS


def part_label(part: PartDescription | None) -> str:
    """ "Element 1 (E0875): Recibir al comensal", "Performance criterion 2 of E0875: …"."""
    if part is None:
        return _("The whole standard (general discussion)")
    if part.kind == "section":
        return part.title
    if part.kind == "sub_criterion":
        return _(
            "Sub-criterion %(number)d of %(owner)s: %(text)s",
            number=part.number,
            owner=part.owner or "",
            text=part.title,
        )
    if part.kind == "element":
        if part.owner:
            return _(
                "Element %(number)d (%(code)s): %(title)s",
                number=part.number,
                code=part.owner,
                title=part.title,
            )
        return _("Element %(number)d: %(title)s", number=part.number, title=part.title)
    return _(
        "%(kind)s %(number)d of %(owner)s: %(text)s",
        kind=label_in(STANDARD_LABELS, part.kind),
        number=part.number,
        owner=part.owner or "",
        text=part.title,
    )


def report_header() -> list[str]:
    return [
        _("Discussion"),
        _("Part"),
        _("Part id"),
        _("Revision"),
        _("Author"),
        _("Date"),
        _("Comment"),
        _("Replies"),
        _("Status"),
        _("Public consultation"),
        _("Disposition"),
        _("Reply"),
        _("Decided by"),
        _("Decided on"),
    ]


def report_cells(row: ReportRow) -> list[object]:
    removed = {"deleted": _("[deleted by its author]"), "hidden": _("[hidden by an administrator]")}
    return [
        row.number,
        part_label(row.part),
        row.part_id or "",
        row.revision_number,
        row.author,
        row.created_at.date().isoformat(),
        removed.get(row.removed, row.text),
        row.replies,
        label_in(COMMENT_LABELS, row.status),
        _("yes") if row.in_consultation else _("no"),
        label_in(COMMENT_LABELS, row.disposition)
        if row.disposition
        else (_("awaiting disposition") if row.needs_disposition else ""),
        row.reply,
        row.decided_by or "",
        row.decided_at.date().isoformat() if row.decided_at else "",
    ]
