"""Sending plain-text mail: through SMTP when ``MAIL_SERVER`` is set, otherwise to the log."""

import logging
import smtplib
from email.message import EmailMessage

from flask import current_app

log = logging.getLogger(__name__)

#: seconds to wait for the SMTP server before giving up
SMTP_TIMEOUT_SECONDS = 10


def mail_enabled() -> bool:
    """Whether messages leave the machine (a mail server is configured)."""
    return bool(current_app.config["MAIL_SERVER"])


def send_message(to: str, subject: str, body: str) -> bool:
    """Send one message; True when the SMTP server took it, False when it was only logged.

    Raises ``OSError`` (``smtplib.SMTPException`` is one) when the server cannot be
    reached or refuses the message; the caller decides what the user is told.
    """
    config = current_app.config
    message = EmailMessage()
    message["From"] = config["MAIL_SENDER"]
    message["To"] = to
    message["Subject"] = subject
    message.set_content(body)
    if not config["MAIL_SERVER"]:
        log.info("MAIL_SERVER is empty; not sent to %s: %s\n%s", to, subject, body)
        return False
    with smtplib.SMTP(
        config["MAIL_SERVER"], config["MAIL_PORT"], timeout=SMTP_TIMEOUT_SECONDS
    ) as smtp:
        smtp.send_message(message)
    return True


def build_message(sender: str, to: str, subject: str, body: str) -> EmailMessage:
    """A plain-text message, ready for ``send_messages``."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message.set_content(body)
    return message


def send_messages(
    server: str, port: int, messages: list[EmailMessage]
) -> list[tuple[EmailMessage, Exception]]:
    """Send several messages over one SMTP connection; needs no app, so threads may call it.

    Raises ``OSError`` when the server cannot be reached. A message the server refuses does
    not stop the others: it is returned with its error.
    """
    refused: list[tuple[EmailMessage, Exception]] = []
    with smtplib.SMTP(server, port, timeout=SMTP_TIMEOUT_SECONDS) as smtp:
        for message in messages:
            try:
                smtp.send_message(message)
            except (
                smtplib.SMTPRecipientsRefused,
                smtplib.SMTPSenderRefused,
                smtplib.SMTPDataError,
            ) as exc:
                refused.append((message, exc))
    return refused
