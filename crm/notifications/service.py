"""Notify people: features call `notify(recipients, kind, obj, text, url)`.

Rows are added to the session (flushed, never committed: the caller's request commits), and
a mail goes out as well when SMTP_URL is configured, after the commit.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import Select, func, select, update

from crm.auth.models import User
from crm.core.clock import utcnow
from crm.extensions import db
from crm.notifications.mail import absolute_url, mail_enabled, queue_mail
from crm.notifications.models import Notification


@dataclass(frozen=True)
class Audience:
    """Everyone with this role (and scope, when given)."""

    role: str
    country: str | None = None
    post: str | None = None
    firm_id: int | None = None


def audience_query(audience: Audience) -> Select:
    """The active users an `Audience` names."""
    stmt = select(User).where(User.role == audience.role, User.active.is_(True))
    if audience.country is not None:
        stmt = stmt.where(User.country_code == audience.country)
    if audience.post is not None:
        stmt = stmt.where(User.post_code == audience.post)
    if audience.firm_id is not None:
        stmt = stmt.where(User.firm_id == audience.firm_id)
    return stmt.order_by(User.id)


def _recipients(recipients) -> list[User]:
    if isinstance(recipients, Audience):
        users: Iterable[User] = db.session.scalars(audience_query(recipients))
    elif isinstance(recipients, User):
        users = [recipients]
    else:
        users = recipients
    unique: dict[int, User] = {}
    for user in users:
        if user is not None and user.active and user.id not in unique:
            unique[user.id] = user
    return list(unique.values())


def _object_ref(obj) -> tuple[str | None, str | None]:
    if obj is None:
        return None, None
    object_type = getattr(obj, "__tablename__", type(obj).__name__)
    ident = getattr(obj, "id", None)
    return object_type, None if ident is None else str(ident)


def _in_language_of(user: User, text) -> str:
    """`text` as `user` reads it: a lazy string (`_l(...)`) is translated into their language."""
    with force_locale(user.locale or "en"):
        return str(text)


def notify(recipients, kind: str, obj=None, text: str = "", url: str | None = None) -> int:
    """Notify a User, an iterable of Users, or an `Audience`; returns how many were notified.

    One Notification row per active recipient (flushed, not committed); a mail as well when
    SMTP_URL is configured, sent after the commit and never failing the request. Pass `text`
    as a lazy string (`_l(...)`) so each recipient reads it in their own language.
    """
    users = _recipients(recipients)
    object_type, object_id = _object_ref(obj)
    texts = {user.id: _in_language_of(user, text) for user in users}
    db.session.add_all(
        Notification(
            user_id=user.id,
            kind=kind,
            object_type=object_type,
            object_id=object_id,
            text=texts[user.id],
            url=url,
        )
        for user in users
    )
    db.session.flush()
    if mail_enabled():
        link = absolute_url(url)
        for user in users:
            text = texts[user.id]
            body = text + (f"\n\n{link}" if link else "")
            with force_locale(user.locale or "en"):
                subject = _("Creative Lab CRM: %(text)s", text=text[:80])
            queue_mail(user.email, subject, body)
    return len(users)


def unread_count(user) -> int:
    """How many of the user's notifications are unread."""
    return db.session.scalar(
        select(func.count(Notification.id)).where(
            Notification.user_id == user.id, Notification.read_at.is_(None)
        )
    )


def notifications_for(user, unread_only: bool = False) -> Select:
    """The user's notifications, newest first."""
    stmt = select(Notification).where(Notification.user_id == user.id)
    if unread_only:
        stmt = stmt.where(Notification.read_at.is_(None))
    return stmt.order_by(Notification.created_at.desc(), Notification.id.desc())


def mark_read(notification: Notification) -> None:
    """Mark one notification read (no audit entry: reading is not a change to records)."""
    if notification.read_at is None:
        notification.read_at = utcnow()
        db.session.flush()


def mark_all_read(user) -> int:
    """Mark every unread notification of the user read; returns how many."""
    result = db.session.execute(
        update(Notification)
        .where(Notification.user_id == user.id, Notification.read_at.is_(None))
        .values(read_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    return result.rowcount or 0
