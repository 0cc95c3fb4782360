"""Checks on raw form input that every form makes, whatever its fields.

``CheckedForm`` is the base of every form in the wiki (``make lint`` keeps ``flask_wtf`` out of
the domains, so a form cannot skip it). Before a field's own validators run, it must have been
sent (unless it is ``Optional``, where missing means empty, or a browser may leave it out), its
bytes must have been UTF-8, and it may hold no C0 control character other than tab, line feed
and carriage return. A field that fails is a form error; nothing is stored.
"""

import re
from dataclasses import dataclass
from urllib.parse import unquote_to_bytes, urlsplit

from flask import g, request
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from werkzeug.exceptions import HTTPException
from werkzeug.http import parse_options_header
from werkzeug.sansio.multipart import Data, Epilogue, MultipartDecoder, NeedData
from werkzeug.sansio.multipart import Field as MultipartField
from wtforms import BooleanField, HiddenField, PasswordField, RadioField, StringField
from wtforms.csrf.core import CSRFTokenField
from wtforms.fields.core import UnboundField
from wtforms.validators import StopValidation

from wiki.http.numbers import database_integer

#: C0 control characters except tab, line feed and carriage return: PostgreSQL refuses NUL,
#: and none of them belongs in a title, a name or a standard's text
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")

#: fields a browser leaves out when nothing is chosen: an unticked box, an unchosen radio
MAY_BE_ABSENT = (BooleanField, RadioField)

NOT_SENT = _l("This field was missing from what was sent. Fill it in and send the form again.")
NOT_UTF8 = _l("The text is not valid UTF-8; check the characters marked �.")
CONTROL = _l(
    "The text contains invisible control characters, shown here as �. "
    "Delete them and send the form again."
)


def check_form_encoding() -> None:
    """Before any form parsing: note form fields whose bytes are not valid UTF-8.

    Werkzeug keeps undecodable percent-escapes as literal text and decodes multipart fields
    with replacement characters, which would store a corrupted standard without a word.
    Registered ahead of CSRF protection, which parses the form; the body is cached, so
    parsing it later costs nothing extra.
    """
    g.invalid_utf8_fields = []
    if request.method != "POST":
        return
    if request.mimetype == "application/x-www-form-urlencoded":
        g.invalid_utf8_fields = _urlencoded_fields_not_utf8(request.get_data(cache=True))
    elif request.mimetype == "multipart/form-data":
        boundary = parse_options_header(request.content_type)[1].get("boundary", "")
        g.invalid_utf8_fields = _multipart_fields_not_utf8(
            request.get_data(cache=True), boundary.encode("latin-1")
        )


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _urlencoded_fields_not_utf8(body: bytes) -> list[str]:
    names = []
    for pair in body.split(b"&"):
        name, _, value = pair.partition(b"=")
        if not _is_utf8(unquote_to_bytes(value.replace(b"+", b" "))):
            names.append(unquote_to_bytes(name).decode("utf-8", "replace"))
    return names


def _multipart_fields_not_utf8(body: bytes, boundary: bytes) -> list[str]:
    """The fields (not files) of a multipart body that are not UTF-8; a body Werkzeug cannot
    parse has no fields at all, which the forms then report as missing."""
    if not boundary:
        return []
    decoder = MultipartDecoder(boundary)
    names, name, chunks = [], None, []
    try:
        decoder.receive_data(body)
        decoder.receive_data(None)
        event = decoder.next_event()
        while not isinstance(event, Epilogue | NeedData):
            if isinstance(event, MultipartField):
                name, chunks = event.name, []
            elif isinstance(event, Data) and isinstance(name, str):
                chunks.append(event.data)
                if not event.more_data and not _is_utf8(b"".join(chunks)):
                    names.append(name)
            else:
                name = None  # a file: its bytes are its own
            event = decoder.next_event()
    except ValueError:
        return names
    return names


def invalid_utf8_fields() -> list[str]:
    """Names of this request's form fields that were not valid UTF-8."""
    return g.get("invalid_utf8_fields", [])


def visible_controls(text: str) -> str:
    """``text`` with each refused control character shown as �, as undecodable bytes are.

    (The control pictures, U+2400 on, would say which character it was, but many fonts lack
    them and a box says less than the mark every browser draws.)
    """
    return CONTROL_CHARACTERS.sub("\ufffd", text)


def check_sent_text(form, field) -> None:
    """The validator ``CheckedForm`` puts first on every field (see the module's docstring).

    A field with control characters is shown again with them made visible, so the person can
    find and delete them.
    """
    raw = getattr(field, "raw_data", None)
    if raw is None:  # the form was built from data, not from a request
        return
    if not raw and not field.flags.optional and not isinstance(field, MAY_BE_ABSENT):
        raise StopValidation(NOT_SENT)
    if field.name in invalid_utf8_fields():
        raise StopValidation(NOT_UTF8)
    if any(isinstance(v, str) and CONTROL_CHARACTERS.search(v) for v in raw):
        field.raw_data = [visible_controls(v) if isinstance(v, str) else v for v in raw]
        if isinstance(field.data, str):
            field.data = visible_controls(field.data)
        raise StopValidation(CONTROL)


class CheckedForm(FlaskForm):
    """The base of every form: each field checked by ``check_sent_text`` before its own rules."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self:
            if not isinstance(field, CSRFTokenField):
                field.validators = [check_sent_text, *field.validators]


def same_site_path(target: str | None) -> str | None:
    """``target`` if it is a path on this site, else None: an absolute URL would make us an open
    redirect, and a control character cannot go into the Location header."""
    if not target or not target.startswith("/") or re.search(r"[\x00-\x1f\x7f\\]", target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target


def whole_number(value) -> int | None:
    """A hidden field's number as the page sent it, or None if it was lost or tampered with."""
    try:
        return database_integer(value)
    except (TypeError, ValueError):
        return None


@dataclass(frozen=True)
class SentText:
    """One text field of a refused form: its label and what was typed."""

    label: str
    text: str


def sent_texts() -> list[SentText]:
    """The text fields a refused POST sent, labelled as on the form that has those fields."""
    if request.method != "POST":
        return []
    try:
        sent = {name: value for name, value in request.form.items() if value.strip()}
    except HTTPException:
        return []
    fields = max(
        (_text_fields(form) for form in _form_classes()),
        key=lambda fields: (len(fields.keys() & sent.keys()), -len(fields)),
        default={},
    )
    return [SentText(str(label), sent[name]) for name, label in fields.items() if name in sent]


def _form_classes():
    pending = [CheckedForm]
    while pending:
        form = pending.pop()
        pending.extend(form.__subclasses__())
        yield form


def _text_fields(form: type) -> dict[str, str]:
    """A form class's typed-in text fields, in the form's order: name -> label."""
    unbound = [
        (name, field)
        for name in dir(form)
        if isinstance(field := getattr(form, name, None), UnboundField)
        and issubclass(field.field_class, StringField)
        and not issubclass(field.field_class, (PasswordField, HiddenField))
    ]
    unbound.sort(key=lambda item: item[1].creation_counter)
    return {
        name: field.args[0] if field.args else field.kwargs.get("label", name)
        for name, field in unbound
    }
