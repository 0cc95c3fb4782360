"""Disposition reports: every thread of a revision, a ballot or a consultation, and how it ended."""

import csv
import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass

from wiki.comments.anchoring import PartDescription, describe_part
from wiki.comments.dispositions import Disposition, ThreadStatus
from wiki.comments.models import Comment, Thread
from wiki.comments.queries import StructureCache

#: first characters that make a spreadsheet treat a cell as a formula
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class ReportRow:
    """One thread in a disposition report; text is empty when the comment was removed."""

    number: int
    part: PartDescription | None
    part_id: str | None
    revision_number: int
    author: str
    created_at: dt.datetime
    text: str
    #: "deleted" or "hidden" when the opening comment's text is gone from view
    removed: str | None
    replies: int
    status: ThreadStatus
    in_consultation: bool
    disposition: Disposition | None
    reply: str
    decided_by: str | None
    decided_at: dt.datetime | None
    needs_disposition: bool


def _shown_text(comment: Comment | None) -> tuple[str, str | None]:
    if comment is None:
        return "", None
    if comment.is_deleted:
        return "", "deleted"
    if comment.is_hidden:
        return "", "hidden"
    return comment.body_markdown, None


def report_rows(threads: list[Thread], structures: StructureCache | None = None) -> list[ReportRow]:
    """A row per thread, in thread order."""
    structures = structures or StructureCache()
    rows = []
    for thread in sorted(threads, key=lambda t: t.number):
        text, removed = _shown_text(thread.root)
        reply, _ = _shown_text(thread.disposition_reply)
        part = (
            describe_part(structures.get(thread.revision_id), thread.part_id)
            if thread.part_id
            else None
        )
        rows.append(
            ReportRow(
                number=thread.number,
                part=part,
                part_id=thread.part_id,
                revision_number=thread.revision.number,
                author=thread.author.display_name,
                created_at=thread.created_at,
                text=text,
                removed=removed,
                replies=len(thread.replies),
                status=thread.status,
                in_consultation=thread.in_consultation,
                disposition=thread.disposition,
                reply=reply,
                decided_by=thread.disposed_by.display_name if thread.disposed_by else None,
                decided_at=thread.disposed_at,
                needs_disposition=thread.needs_disposition,
            )
        )
    return rows


def safe_cell(value: object) -> str:
    """A cell a spreadsheet shows as text: ``@[Ana]`` or ``=SUM()`` are never run as formulas."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def report_csv(
    rows: list[ReportRow], header: list[str], cells: Callable[[ReportRow], list[object]]
) -> str:
    """The report as CSV; ``header`` and ``cells`` give the columns in the reader's language."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow([safe_cell(c) for c in cells(row)])
    return out.getvalue()
