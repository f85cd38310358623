"""Who may read and mark a notification: only its recipient."""

from __future__ import annotations


def can_read_notification(user, notification) -> bool:
    """A notification belongs to one user; nobody else sees it, admins included."""
    return bool(user and user.is_authenticated and notification.user_id == user.id)
