"""What a notification says and where it leads, in the reader's language (pages and email)."""

from flask import has_request_context, url_for
from flask_babel import force_locale
from flask_babel import gettext as _

from wiki.ballots.labels import BALLOT_LABELS
from wiki.ballots.lifecycle import BallotStatus
from wiki.comments.labels import COMMENT_LABELS
from wiki.http.dates import window_last_day
from wiki.http.links import public_url
from wiki.i18n import N_, label_in
from wiki.notifications.delivery import OutgoingMail
from wiki.notifications.kinds import NotificationKind as K
from wiki.notifications.models import Notification

#: longest standard title quoted in an email subject
SUBJECT_TITLE_CHARS = 60

#: the sentences about a discussion, each filled with who, the discussion's number and the title
_DISCUSSION_SENTENCES = {
    K.THREAD_STARTED: N_("%(who)s started discussion %(number)d on “%(title)s”."),
    K.REPLY: N_("%(who)s replied in discussion %(number)d on “%(title)s”."),
    K.MENTION: N_("%(who)s mentioned you in discussion %(number)d on “%(title)s”."),
}


def _title(n: Notification) -> str:
    return n.standard.title if n.standard is not None else ""


def notification_text(n: Notification) -> str:
    """One sentence saying what happened."""
    who = n.actor.display_name if n.actor is not None else _("Someone")
    title = _title(n)
    thread = n.thread.number if n.thread is not None else 0
    if n.kind == K.REVISION_SAVED:
        return _(
            "%(who)s saved revision %(number)d of “%(title)s”.",
            who=who,
            number=n.revision.number if n.revision else 0,
            title=title,
        )
    if n.kind in _DISCUSSION_SENTENCES:
        return _(_DISCUSSION_SENTENCES[n.kind], who=who, number=thread, title=title)
    if n.kind == K.DISPOSITION:
        return _(
            "The chair recorded a disposition for discussion %(number)d on “%(title)s”: "
            "%(disposition)s.",
            number=thread,
            title=title,
            disposition=label_in(COMMENT_LABELS, n.thread.disposition)
            if n.thread and n.thread.disposition else "",
        )
    if n.kind == K.CONSULTATION_OPENED:
        return _(
            "A public consultation on “%(title)s” is open until %(date)s.",
            title=title,
            date=window_last_day(n.consultation.closes_at) if n.consultation else "",
        )
    if n.kind == K.CONSULTATION_CLOSED:
        return _(
            "The public consultation on “%(title)s” has closed. Each comment now needs a "
            "disposition.",
            title=title,
        )
    if n.kind == K.BALLOT_OPENED:
        return _("A ballot on “%(title)s” is open. Your vote is needed.", title=title)
    if n.kind == K.BALLOT_CLOSING_SOON:
        closes = n.ballot.closes_at if n.ballot is not None else None
        return _(
            "The ballot on “%(title)s” is open until %(date)s and you have not voted yet.",
            title=title,
            date=window_last_day(closes) if closes else "",
        )
    if n.kind == K.BALLOT_CLOSED:
        outcome = n.ballot.status if n.ballot is not None else BallotStatus.FAILED
        return _(
            "The ballot on “%(title)s” closed: %(outcome)s.",
            title=title,
            outcome=label_in(BALLOT_LABELS, outcome).lower(),
        )
    if n.kind == K.BALLOT_STALE:
        return _(
            "The ballot on “%(title)s” no longer applies: the text changed after it opened.",
            title=title,
        )
    number = n.revision.number if n.revision is not None else 0
    if n.kind == K.PUBLICATION_REQUESTED:
        return _(
            "%(who)s asked the agency to publish revision %(number)d of “%(title)s”.",
            who=who,
            number=number,
            title=title,
        )
    if n.kind == K.PUBLICATION_SENT_BACK:
        request = n.publication_request
        return _(
            "The agency sent back the request to publish revision %(number)d of “%(title)s”: "
            "%(reason)s",
            number=number,
            title=title,
            reason=request.reason if request is not None else "",
        )
    code = n.edition.code if n.edition is not None else ""
    if n.kind == K.EDITION_PUBLISHED:
        return _("“%(title)s” was published as %(code)s.", title=title, code=code)
    if n.kind == K.EDITION_WITHDRAWN:
        return _("Edition %(code)s of “%(title)s” was withdrawn.", code=code, title=title)
    if n.kind == K.REVIEW_DUE:
        return _("%(code)s “%(title)s” is due for review.", code=code, title=title)
    return title  # pragma: no cover - every kind is handled above


def notification_url(n: Notification, *, external: bool = False) -> str:
    """Where the notification leads; an absolute address for email when one can be built."""
    endpoint, values = _target(n)
    return _url(endpoint, external, **values)


def _url(endpoint: str, external: bool, **values) -> str:
    if external or not has_request_context():
        return public_url(endpoint, external=external, **values)
    return url_for(endpoint, **values)


def _target(n: Notification) -> tuple[str, dict]:
    if n.thread_id is not None:
        values = {"thread_id": n.thread_id}
        if n.comment_id is not None:
            values["_anchor"] = f"comment-{n.comment_id}"
        return "comments.thread", values
    if n.consultation_id is not None:
        return "consultations.show", {"consultation_id": n.consultation_id}
    if n.ballot_id is not None:
        return "ballots.show", {"ballot_id": n.ballot_id}
    if n.kind == K.PUBLICATION_REQUESTED:
        return "publication.publish", {"standard_id": n.standard_id}
    if n.edition is not None:
        return "registry.edition", {"code": n.edition.code}
    if n.kind == K.REVISION_SAVED and n.revision is not None:
        return "standards.revision", {"standard_id": n.standard_id, "number": n.revision.number}
    return "standards.show", {"standard_id": n.standard_id}


def compose_email(n: Notification) -> OutgoingMail:
    """The notification as a plain-text email in its recipient's language."""
    user = n.user
    with force_locale(user.locale):
        text = notification_text(n)
        link = notification_url(n, external=True)
        settings = _url("notifications.index", True)
        subject = _("Standards wiki: %(text)s", text=_shorten(text))
        body = "\n\n".join(
            [
                _("Hello %(name)s,", name=user.display_name),
                text,
                link,
                _(
                    "You receive this email because you watch this standard, take part in the "
                    "discussion or sit on its committee. To stop these emails, go to %(url)s.",
                    url=settings,
                ),
            ]
        )
    return OutgoingMail(to=user.email, subject=subject, body=body + "\n")


def _shorten(text: str) -> str:
    """One line (a header cannot hold a line break), cut to a readable length."""
    flat = " ".join(text.split())
    limit = SUBJECT_TITLE_CHARS + 60
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
