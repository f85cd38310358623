"""The CSV import as a background job: check every row, then insert all of them or none."""

from __future__ import annotations

from datetime import UTC, datetime

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import insert, select

from crm.audit.service import record
from crm.auth.models import User
from crm.auth.roles import Role
from crm.core.csv_io import read_rows
from crm.extensions import db
from crm.jobs.service import JobError, job_handler
from crm.organisations.resolve import ids_for_names
from crm.questions.csv_io import (
    MAX_IMPORT_ROWS,
    ImportRefs,
    check_row,
    mapped,
    mapping_problems,
)
from crm.questions.models import Question, StageChange, question_disciplines, question_themes
from crm.reference.models import Country, Discipline, Post, Stage, Theme

JOB_KIND = "questions.import_csv"
BATCH = 2_000


def load_refs(user: User) -> ImportRefs:
    """The codes rows are checked against, in a handful of statements."""
    owners = db.session.execute(
        select(User.email, User.id, User.country_code).where(
            User.role == Role.BD, User.active.is_(True)
        )
    ).all()
    return ImportRefs(
        currencies=dict(db.session.execute(select(Country.code, Country.currency)).all()),
        posts=dict(db.session.execute(select(Post.code, Post.country_code)).all()),
        themes=frozenset(db.session.scalars(select(Theme.code)).all()),
        disciplines=frozenset(db.session.scalars(select(Discipline.code)).all()),
        stages=frozenset(db.session.scalars(select(Stage.code).where(Stage.open.is_(True))).all()),
        owners={email.lower(): (uid, country) for email, uid, country in owners},
        allowed_countries=None if user.role == Role.ADMIN else frozenset({user.country_code}),
    )


def problem_report(problems: list[tuple[int, str, str]], rows: int) -> str:
    """Every bad row, one line per problem, for the job page."""
    lines = [
        ngettext(
            "Nothing was imported: %(num)s of %(rows)s rows has problems. "
            "Correct it and import the file again.",
            "Nothing was imported: %(num)s of %(rows)s rows have problems. "
            "Correct them and import the file again.",
            len({line for line, _f, _m in problems}),
            rows=rows,
        )
    ]
    lines += [
        _("line %(line)s, %(field)s: %(message)s", line=line, field=name, message=message)
        for line, name, message in problems
    ]
    return "\n".join(lines)


def check_all(text: str, mapping: list[str], refs: ImportRefs, progress):
    """(checked values, problems) for every row of the file."""
    try:
        _header, rows = read_rows(text)
    except ValueError as exc:
        raise JobError(_("The file is not a readable CSV file (%(why)s).", why=exc)) from None
    if not rows:
        raise JobError(_("The file has no rows below its header."))
    if len(rows) > MAX_IMPORT_ROWS:
        raise JobError(_("At most %(n)s rows per import.", n=MAX_IMPORT_ROWS))
    checked, problems = [], []
    for count, (line, cells) in enumerate(rows, start=1):
        result = check_row(mapped(cells, mapping), refs)
        problems += [(line, name, message) for name, message in result.errors]
        checked.append(result.values)
        if count % 1000 == 0:
            progress(count, len(rows) * 2)
    return checked, problems, len(rows)


def _question_row(values: dict, user: User, now: datetime, org_ids: dict) -> dict:
    owner_id = values["owner_id"]
    if owner_id is None and user.role == Role.BD and values["country"] == user.country_code:
        owner_id = user.id
    return {
        "title": values["title"],
        "description": values["description"],
        "country_code": values["country"],
        "post_code": values["post"],
        "organisation_id": org_ids.get(
            (values["country"], " ".join(values["organisation"].split()))
        ),
        "owner_id": owner_id,
        "estimated_value_minor": values["estimated_value_minor"],
        "currency": values["currency"],
        "expected_decision": values["expected_decision"],
        "stage_code": values["stage"],
        "probability_override": None,
        "next_step": values["next_step"],
        "next_step_due": values["next_step_due"],
        "source": "import",
        "created_by_id": user.id,
        "created_at": now,
        "updated_at": now,
        "version": 1,
    }


def bulk_create(checked: list[dict], user: User, progress=None, offset: int = 0) -> list[int]:
    """Insert checked rows in batches (with their themes, disciplines, first stage history row
    and search documents); returns the new ids in row order."""
    from crm.search import bulk_index

    now = datetime.now(UTC).replace(tzinfo=None)
    org_ids = ids_for_names({(v["country"], v["organisation"]) for v in checked})
    ids: list[int] = []
    for start in range(0, len(checked), BATCH):
        batch = checked[start : start + BATCH]
        new_ids = db.session.scalars(
            insert(Question).returning(Question.id, sort_by_parameter_order=True),
            [_question_row(v, user, now, org_ids) for v in batch],
        ).all()
        _insert_links(batch, new_ids, user, now)
        bulk_index(
            "question",
            (
                (qid, {"title": v["title"], "body": f"{v['description']}\n{v['organisation']}"})
                for qid, v in zip(new_ids, batch, strict=True)
            ),
        )
        ids += new_ids
        if progress:
            progress(offset + start + len(batch), offset + len(checked))
    return ids


def _insert_links(batch: list[dict], ids: list[int], user: User, now: datetime) -> None:
    pairs = list(zip(ids, batch, strict=True))
    themes = [{"question_id": q, "theme_code": c} for q, v in pairs for c in v["themes"]]
    disciplines = [
        {"question_id": q, "discipline_code": c} for q, v in pairs for c in v["disciplines"]
    ]
    note = _("Imported from CSV")
    history = [
        {
            "question_id": q,
            "from_stage": None,
            "to_stage": v["stage"],
            "at": now,
            "by_id": user.id,
            "note": note,
            "reason": "",
        }
        for q, v in pairs
    ]
    if themes:
        db.session.execute(insert(question_themes), themes)
    if disciplines:
        db.session.execute(insert(question_disciplines), disciplines)
    db.session.execute(insert(StageChange), history)


@job_handler(JOB_KIND)
def import_questions(job, progress) -> dict:
    """Check the whole file, report every bad row (nothing imported), or import them all."""
    user = db.session.get(User, job.created_by_id) if job.created_by_id else None
    if user is None or user.role not in {Role.BD, Role.ADMIN}:
        raise JobError(_("Only business developers and admins import questions."))
    mapping = list((job.payload or {}).get("mapping") or [])
    problems = mapping_problems(mapping)
    if problems:
        raise JobError("; ".join(problems))
    refs = load_refs(user)
    checked, bad, rows = check_all(job.input_text or "", mapping, refs, progress)
    progress(rows, rows * 2)
    if bad:
        raise JobError(problem_report(bad, rows))
    ids = bulk_create(checked, user, progress, rows)
    record(
        "question.import",
        object_type=Question.__tablename__,
        user_id=user.id,
        after={"job": job.id, "count": len(ids), "first_id": ids[0], "last_id": ids[-1]},
    )
    return {"imported": len(ids), "first_id": ids[0], "last_id": ids[-1]}
