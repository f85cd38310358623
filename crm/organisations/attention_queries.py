"""The attention list in SQL: open questions that need attention (the rule of
`crm.organisations.attention`), scoped, grouped per owner, in a fixed number of statements."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time

from sqlalchemy import Select, and_, exists, func, or_, select
from sqlalchemy.orm import joinedload

from crm.auth.models import User
from crm.auth.roles import Role
from crm.core.guards import whole_number
from crm.core.pagination import Paged, clamp_page, count_rows
from crm.extensions import db
from crm.organisations.attention import QuestionFacts, attention_reasons, quiet_since
from crm.questions.models import Activity, Question, StageChange
from crm.questions.queries import open_question_filter, stage_catalog

SCOPES = ("mine", "country", "all")
PER_PAGE = 50


def attention_clause(today: date):
    """SQL: the open question needs attention today (no next step or due date, due or
    overdue, or untouched for 30 days)."""
    cutoff_day = quiet_since(today)
    cutoff = datetime.combine(cutoff_day, time.min)
    no_step = or_(func.trim(Question.next_step) == "", Question.next_step_due.is_(None))
    quiet = and_(
        Question.created_at < cutoff,
        ~exists().where(Activity.question_id == Question.id, Activity.happened_on >= cutoff_day),
        ~exists().where(StageChange.question_id == Question.id, StageChange.at >= cutoff),
    )
    return and_(
        open_question_filter(stage_catalog()),
        or_(no_step, Question.next_step_due <= today, quiet),
    )


@dataclass(frozen=True)
class AttentionFilters:
    scope: str
    country: str | None = None
    owner: int | None = None
    page: int = 1

    def args(self, **changes) -> dict:
        values = {"scope": self.scope, "country": self.country, "owner": self.owner} | changes
        if values.get("page") == 1:
            values.pop("page")
        return {k: v for k, v in values.items() if v not in (None, "")}


def parse_filters(args: Mapping, user, countries: set[str]) -> AttentionFilters:
    """A bd sees their own questions by default and may switch to their country; admins and
    topteam see everyone's, optionally one country's or one owner's. Bad values are ignored."""
    is_bd = user.role == Role.BD
    scope = args.get("scope") or ("mine" if is_bd else "all")
    if scope not in (("mine", "country") if is_bd else SCOPES):
        scope = "mine" if is_bd else "all"
    country = user.country_code if is_bd else (args.get("country") or "").upper() or None
    if country not in countries:
        country = None
    owner_text = args.get("owner") or ""
    owner = whole_number(owner_text)
    page_text = args.get("page") or "1"
    page = whole_number(page_text, 99_999) or 1
    return AttentionFilters(scope, country, owner if scope != "mine" else None, page)


def attention_statement(user, f: AttentionFilters, today: date) -> Select:
    """The questions of the list (no order, no paging)."""
    stmt = select(Question).where(attention_clause(today))
    if f.scope == "mine":
        return stmt.where(Question.owner_id == user.id)
    if f.scope == "country" or f.country:
        stmt = stmt.where(Question.country_code == (f.country or user.country_code))
    if f.owner is not None:
        stmt = stmt.where(Question.owner_id == f.owner)
    return stmt


@dataclass
class AttentionRow:
    question: Question
    reasons: list[str]


@dataclass
class AttentionPage(Paged):
    rows: list[AttentionRow]
    total: int
    page: int
    per_page: int
    owners: list[tuple[int | None, str, int]] = field(default_factory=list)

    def groups(self) -> list[tuple[User | None, list[AttentionRow]]]:
        """The page's rows per owner, in list order (unclaimed questions last)."""
        grouped: dict[int | None, tuple[User | None, list[AttentionRow]]] = {}
        for row in self.rows:
            owner = row.question.owner
            grouped.setdefault(row.question.owner_id, (owner, []))[1].append(row)
        return list(grouped.values())


def per_owner(stmt: Select) -> list[tuple[int | None, str, int]]:
    """(owner id, name, count) for the whole list, busiest first (one statement)."""
    counted = stmt.with_only_columns(
        Question.owner_id, func.count(Question.id).label("n")
    ).group_by(Question.owner_id)
    sub = counted.subquery()
    rows = db.session.execute(
        select(sub.c.owner_id, func.coalesce(User.name, User.email), sub.c.n)
        .outerjoin(User, User.id == sub.c.owner_id)
        .order_by(sub.c.n.desc(), sub.c.owner_id)
    ).all()
    return [(owner_id, name or "", count) for owner_id, name, count in rows]


def _facts(questions: list[Question], today: date) -> list[AttentionRow]:
    from crm.questions.queries import last_activities

    ids = [q.id for q in questions]
    activities = last_activities(ids)
    moves = dict(
        db.session.execute(
            select(StageChange.question_id, func.max(StageChange.at))
            .where(StageChange.question_id.in_(ids))
            .group_by(StageChange.question_id)
        ).all()
    )
    catalog = stage_catalog()
    return [
        AttentionRow(
            q,
            attention_reasons(
                QuestionFacts(
                    is_open=catalog[q.stage_code].open,
                    next_step=q.next_step,
                    next_step_due=q.next_step_due,
                    created_at=q.created_at,
                    last_activity=activities.get(q.id),
                    last_move=moves.get(q.id),
                ),
                today,
            ),
        )
        for q in questions
    ]


def attention_page(
    user, f: AttentionFilters, today: date, per_page: int = PER_PAGE, with_owners=True
) -> AttentionPage:
    """One page of the list with each row's reasons, grouped by owner: count, per-owner
    counts, rows, last activities and last moves (five statements, whatever the size)."""
    stmt = attention_statement(user, f, today)
    total = count_rows(stmt)
    page = clamp_page(f.page, total, per_page)
    ordered = (
        stmt.outerjoin(User, User.id == Question.owner_id)
        .options(
            joinedload(Question.owner),
            joinedload(Question.organisation),
            joinedload(Question.post),
        )
        .order_by(
            Question.owner_id.is_(None),
            func.coalesce(User.name, User.email),
            Question.owner_id,
            Question.next_step_due.is_not(None),
            Question.next_step_due,
            Question.updated_at,
            Question.id,
        )
        .limit(per_page)
        .offset((page - 1) * per_page)
    )
    questions = list(db.session.scalars(ordered))
    owners = per_owner(stmt) if with_owners else []
    rows = _facts(questions, today) if questions else []
    return AttentionPage(rows, total, page, per_page, owners)
