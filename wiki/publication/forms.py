"""Forms for asking for publication, publishing an edition or sending the request back,
withdrawing an edition, and correcting its official act."""

from flask_babel import lazy_gettext as _l
from wtforms import DateField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from wiki.http.form_input import CheckedForm
from wiki.publication.operations import (
    MAX_WITHDRAWAL_REASON,
    OFFICIAL_ACT_FIELDS,
    OFFICIAL_ACT_LENGTHS,
)
from wiki.publication.request_operations import MAX_REQUEST_TEXT


class OfficialActForm(CheckedForm):
    """The official act recorded beside an edition; every field is optional."""

    approving_body = StringField(
        _l("Approving body"),
        validators=[Optional(), Length(max=OFFICIAL_ACT_LENGTHS["approving_body"])],
        description=_l("For example: Comité Técnico de la Agencia."),
    )
    resolution_number = StringField(
        _l("Resolution number"),
        validators=[Optional(), Length(max=OFFICIAL_ACT_LENGTHS["resolution_number"])],
    )
    approved_on = DateField(
        _l("Approval date"),
        validators=[Optional()],
        description=_l("For example 2026-03-14."),
    )
    gazette_published_on = DateField(
        _l("Date of publication in the official gazette"),
        validators=[Optional()],
        description=_l("The review period counts from this date once it is recorded."),
    )
    gazette_url = StringField(
        _l("Link to the gazette publication"),
        validators=[Optional(), Length(max=OFFICIAL_ACT_LENGTHS["gazette_url"])],
        description=_l("The full address, starting with https://."),
    )

    #: the names of the act's fields, in the form's order
    ACT_FIELDS = OFFICIAL_ACT_FIELDS

    def official_act(self) -> dict:
        """The fields as ``publish_edition`` and ``update_official_act`` take them."""
        return {name: self[name].data for name in self.ACT_FIELDS}


class WithdrawForm(CheckedForm):
    reason = TextAreaField(
        _l("Why the edition is withdrawn"),
        validators=[
            DataRequired(message=_l("Say why the edition is withdrawn.")),
            Length(max=MAX_WITHDRAWAL_REASON),
        ],
        description=_l("Readers of the registry see this reason beside the edition."),
        render_kw={"rows": 4},
    )


class RequestPublicationForm(CheckedForm):
    note = TextAreaField(
        _l("A note for the agency (optional)"),
        validators=[Optional(), Length(max=MAX_REQUEST_TEXT)],
        description=_l("For example, the date the committee's session approved it."),
        render_kw={"rows": 3},
    )


class SendBackForm(CheckedForm):
    reason = TextAreaField(
        _l("Why the request is sent back"),
        validators=[
            DataRequired(message=_l("Say why the request is sent back.")),
            Length(max=MAX_REQUEST_TEXT),
        ],
        description=_l("The committee's chair reads this, and fixes what it names."),
        render_kw={"rows": 4},
    )
