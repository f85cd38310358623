"""Who may see a job: whoever started it, and admins."""

from __future__ import annotations

from crm.auth.permissions import is_admin


def can_view_job(user, job) -> bool:
    """A job's page and result are for its creator and for admins."""
    if not (user and user.is_authenticated):
        return False
    return is_admin(user) or job.created_by_id == user.id


def can_start_self_check(user) -> bool:
    """The demonstration job is an admin tool."""
    return is_admin(user)
