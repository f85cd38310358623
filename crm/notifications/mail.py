"""Mail through smtplib from SMTP_URL, sent after the transaction commits.

SMTP_URL: `smtp://user:pass@host:port` (STARTTLS when the server offers it) or
`smtps://user:pass@host:port` (TLS from the start). Without it nothing is sent, and nothing
depends on mail being there. Mail is queued on the database session and sent once the
session commits, so a rolled-back change never mails; a failure to send is logged and never
fails the request.
"""

from __future__ import annotations

import logging
import os
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from urllib.parse import unquote, urlsplit

from flask import current_app, has_request_context, request
from sqlalchemy import event
from sqlalchemy.orm import Session

from crm.extensions import db

log = logging.getLogger(__name__)
OUTBOX_KEY = "crm_outbox"


@dataclass(frozen=True)
class Mail:
    to: str
    subject: str
    body: str


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    user: str | None
    password: str | None
    tls: bool  # smtps: TLS from the first byte

    @classmethod
    def parse(cls, url: str) -> SmtpSettings:
        """Parse `smtp://user:pass@host:port` or `smtps://...` (ValueError when neither)."""
        parts = urlsplit(url)
        if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
            raise ValueError("SMTP_URL must look like smtp://user:pass@host:port")
        tls = parts.scheme == "smtps"
        return cls(
            host=parts.hostname,
            port=parts.port or (465 if tls else 587),
            user=unquote(parts.username) if parts.username else None,
            password=unquote(parts.password) if parts.password else None,
            tls=tls,
        )


def mail_enabled() -> bool:
    return bool(current_app.config.get("SMTP_URL"))


def configured_base_url() -> str | None:
    """BASE_URL (config or environment): where people reach the app, for links in mail."""
    return current_app.config.get("BASE_URL") or os.environ.get("BASE_URL") or None


def absolute_url(path: str | None) -> str | None:
    """A link for a mail: the path on BASE_URL, or on this request's host."""
    if not path or "://" in path:
        return path
    base = configured_base_url()
    if base is None and has_request_context():
        base = request.host_url
    return (base or "").rstrip("/") + path


def queue_mail(to: str, subject: str, body: str) -> bool:
    """Send this mail after the current transaction commits. False when SMTP is not set up."""
    if not mail_enabled():
        return False
    outbox = db.session.info.setdefault(OUTBOX_KEY, [])
    outbox.append(
        (current_app.config["SMTP_URL"], current_app.config["MAIL_FROM"], Mail(to, subject, body))
    )
    return True


def send_now(smtp_url: str, sender: str, mails: list[Mail]) -> int:
    """Send `mails` over one connection; returns how many were accepted. Never raises."""
    try:
        settings = SmtpSettings.parse(smtp_url)
        with _connect(settings) as smtp:
            for mail in mails:
                message = EmailMessage()
                message["From"], message["To"], message["Subject"] = sender, mail.to, mail.subject
                message.set_content(mail.body)
                smtp.send_message(message)
    except (OSError, smtplib.SMTPException, ValueError):
        log.exception("Sending %d mail(s) failed", len(mails))
        return 0
    return len(mails)


def _connect(settings: SmtpSettings) -> smtplib.SMTP:
    context = ssl.create_default_context()
    if settings.tls:
        smtp: smtplib.SMTP = smtplib.SMTP_SSL(
            settings.host, settings.port, timeout=10, context=context
        )
    else:
        smtp = smtplib.SMTP(settings.host, settings.port, timeout=10)
        smtp.ehlo()
        if smtp.has_extn("starttls"):
            smtp.starttls(context=context)
            smtp.ehlo()
    if settings.user:
        smtp.login(settings.user, settings.password or "")
    return smtp


@event.listens_for(Session, "after_commit")
def _send_outbox(session: Session) -> None:
    outbox = session.info.pop(OUTBOX_KEY, None)
    if not outbox:
        return
    batches: dict[tuple[str, str], list[Mail]] = {}
    for smtp_url, sender, mail in outbox:
        batches.setdefault((smtp_url, sender), []).append(mail)
    for (smtp_url, sender), mails in batches.items():
        send_now(smtp_url, sender, mails)


@event.listens_for(Session, "after_soft_rollback")
def _drop_outbox(session: Session, previous_transaction) -> None:
    if previous_transaction.parent is None:  # the whole transaction, not a savepoint
        session.info.pop(OUTBOX_KEY, None)
