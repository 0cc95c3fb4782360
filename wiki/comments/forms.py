"""Forms for starting threads, replying, editing, dispositions and hiding comments."""

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, RadioField, SelectChoice, SelectField, TextAreaField
from wtforms.validators import InputRequired, Length

from wiki.comments.dispositions import Disposition
from wiki.comments.operations import MAX_COMMENT_CHARS, MAX_REASON_CHARS
from wiki.http.form_input import CheckedForm

#: the message for an empty comment; the operation says the same, for the API
EMPTY = _l("Write your comment before sending it.")


def _body(label):
    return TextAreaField(
        label,
        validators=[InputRequired(message=EMPTY), Length(max=MAX_COMMENT_CHARS)],
        render_kw={"rows": 6, "spellcheck": "true", "class": "comment-input"},
    )


class NewThreadForm(CheckedForm):
    """A new thread. The part list comes from the revision; unknown ids are the operation's to
    refuse, with a message that says so (a SelectField would only say "not a valid choice")."""

    revision = HiddenField()
    part = SelectField(_l("What is your comment about?"), validate_choice=False)
    body = _body(_l("Your comment"))


class ReplyForm(CheckedForm):
    body = _body(_l("Your reply"))


class EditCommentForm(CheckedForm):
    body = _body(_l("Your comment"))


class DispositionForm(CheckedForm):
    disposition = RadioField(
        _l("How was this comment handled?"),
        choices=[
            SelectChoice(Disposition.ACCEPTED.value, _l("Accepted")),
            SelectChoice(Disposition.ACCEPTED_IN_PART.value, _l("Accepted in part")),
            SelectChoice(Disposition.REJECTED.value, _l("Rejected (give the reason in the reply)")),
            SelectChoice(Disposition.NOTED.value, _l("Noted")),
        ],
        validators=[InputRequired(message=_l("Choose how the comment was handled."))],
    )
    body = TextAreaField(
        _l("Reply"),
        validators=[Length(max=MAX_COMMENT_CHARS)],
        render_kw={"rows": 5, "class": "comment-input"},
    )


class HideCommentForm(CheckedForm):
    reason = TextAreaField(
        _l("Why are you hiding this comment?"),
        validators=[
            InputRequired(message=_l("Give the reason for hiding this comment.")),
            Length(max=MAX_REASON_CHARS),
        ],
        render_kw={"rows": 2},
    )


class ActionForm(CheckedForm):
    """A button that changes something: resolve, reopen, delete. Only the CSRF token."""
