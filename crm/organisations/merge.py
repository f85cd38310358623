"""Merging two organisations: everything of the duplicate moves to the one that stays.

Other features hold links to organisations (questions, later deals). They register them
with `register_link`, so a merge moves their rows too, in the same step and audit entry.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import Column, select, update

from crm import search
from crm.audit.service import record
from crm.core.clock import utcnow
from crm.extensions import db
from crm.organisations.errors import Conflict, Invalid
from crm.organisations.models import Organisation
from crm.organisations.service import SEARCH_KIND, reindex, snapshot


@dataclass(frozen=True)
class Link:
    """A column pointing at organisations.id; `version` (a column of the same table) is
    incremented for each moved row; `after_move(ids)` runs once the rows point at the
    organisation that stays (re-indexing them, say)."""

    name: str
    column: Column
    version: Column | None = None
    after_move: Callable[[list[int]], None] | None = None


LINKS: dict[str, Link] = {}


def register_link(link: Link) -> Link:
    """Let merges move the rows of another feature that point at organisations."""
    LINKS[link.name] = link
    return link


def _move_rows(link: Link, source_id: int, target_id: int) -> list[int]:
    table = link.column.table
    key = next(iter(table.primary_key.columns))
    ids = list(db.session.scalars(select(key).where(link.column == source_id).order_by(key)))
    if ids:
        values = {link.column.name: target_id}
        if link.version is not None:
            values[link.version.name] = link.version + 1
        db.session.execute(
            update(table).where(link.column == source_id).values(values),
            execution_options={"synchronize_session": False},
        )
        if link.after_move is not None:
            link.after_move(ids)
    return ids


def _combine_fields(source: Organisation, target: Organisation) -> None:
    target.city = target.city or source.city
    target.website = target.website or source.website
    if source.notes and source.notes not in target.notes:
        target.notes = "\n\n".join(n for n in (target.notes, source.notes) if n)
    if target.kind == "other":
        target.kind = source.kind


def _move_everything(source: Organisation, target: Organisation) -> dict[str, list[int]]:
    moved: dict[str, list[int]] = {"contacts": [c.id for c in source.contacts]}
    for contact in list(source.contacts):
        contact.organisation = target
    db.session.flush()
    for name, link in LINKS.items():
        moved[name] = _move_rows(link, source.id, target.id)
    return moved


def merge_organisations(source: Organisation, target: Organisation, by_user) -> dict:
    """Move the contacts and every linked row of `source` to `target`, keep what `target`
    lacks (city, website, notes), delete `source`, all in one audit entry that names both ids
    and what moved. Returns what moved (name -> ids)."""
    if source.id == target.id:
        raise Conflict(_("An organisation cannot be merged into itself."))
    if source.country_code != target.country_code:
        raise Invalid(
            _("Only organisations of the same country can be merged."),
            {"target": [_("choose an organisation of the same country")]},
        )
    before = {"source": {"id": source.id, **snapshot(source)}, "target": snapshot(target)}
    moved = _move_everything(source, target)
    _combine_fields(source, target)
    target.updated_at = utcnow()
    search.remove(SEARCH_KIND, source.id)
    db.session.delete(source)
    db.session.flush()
    db.session.expire(target, ["contacts"])
    record(
        "organisation.merge",
        target,
        before=before,
        after={
            "source_id": before["source"]["id"],
            "target_id": target.id,
            "moved": moved,
            "target": snapshot(target),
        },
        user_id=getattr(by_user, "id", None),
    )
    reindex(target)
    return moved


def _register_questions() -> None:
    from crm.organisations.links import reindex_questions
    from crm.questions.models import Question

    table = Question.__table__
    register_link(Link("questions", table.c.organisation_id, table.c.version, reindex_questions))


_register_questions()
