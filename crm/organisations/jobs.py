"""Background jobs of the organisations feature: the CSV import (all or nothing)."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from crm.audit.service import record
from crm.auth.models import User
from crm.auth.roles import Role
from crm.core.clock import utcnow
from crm.core.csv_io import read_rows
from crm.extensions import db
from crm.jobs.service import JobError, job_handler
from crm.organisations.csv_io import (
    MAX_IMPORT_ROWS,
    ImportRefs,
    RowResult,
    as_fields,
    check_row,
    header_problems,
)
from crm.organisations.domain import fold
from crm.organisations.models import Contact, Organisation
from crm.organisations.service import search_document
from crm.reference.models import Country

IMPORT_KIND = "organisations.import_csv"


def load_refs(user: User) -> ImportRefs:
    """What rows are checked against (one statement)."""
    return ImportRefs(
        countries=frozenset(db.session.scalars(select(Country.code))),
        allowed_countries=None if user.role == Role.ADMIN else frozenset({user.country_code}),
    )


def check_text(text: str, refs: ImportRefs, progress=None) -> tuple[list[RowResult], list]:
    """(checked rows, problems as (line, column, message)) for a whole CSV text; JobError when
    the file itself cannot be used."""
    try:
        header, rows = read_rows(text)
    except ValueError as exc:
        raise JobError(_("The file is not a readable CSV file (%(why)s).", why=exc)) from None
    problems = header_problems(header)
    if problems:
        raise JobError("; ".join(problems))
    if not rows:
        raise JobError(_("The file has no rows below its header."))
    if len(rows) > MAX_IMPORT_ROWS:
        raise JobError(_("At most %(n)s rows per import.", n=MAX_IMPORT_ROWS))
    checked, bad = [], []
    for count, (line, cells) in enumerate(rows, start=1):
        result = check_row(as_fields(header, cells), refs)
        bad += [(line, column, message) for column, message in result.errors]
        checked.append(result)
        if progress and count % 500 == 0:
            progress(count, len(rows) * 2)
    return checked, bad


def problem_report(bad: list, rows: int) -> str:
    """Every bad row, one line per problem."""
    lines = [
        _(
            "Nothing was imported: %(bad)s of %(rows)s rows have problems. "
            "Correct them and import the file again.",
            bad=len({line for line, _c, _m in bad}),
            rows=rows,
        )
    ]
    return "\n".join(
        lines
        + [
            _("line %(line)s, %(column)s: %(message)s", line=line, column=column, message=message)
            for line, column, message in bad
        ]
    )


def _existing(keys: set[tuple[str, str]]) -> dict[tuple[str, str], Organisation]:
    countries = {country for country, _key in keys}
    found: dict[tuple[str, str], Organisation] = {}
    stmt = select(Organisation).where(Organisation.country_code.in_(countries))
    for org in db.session.scalars(stmt.order_by(Organisation.id.desc())):
        if (org.country_code, org.name_key) in keys:
            found[(org.country_code, org.name_key)] = org  # the oldest wins (ids descending)
    return found


def _contact_key(values: dict) -> str:
    return values["email"].lower() if values.get("email") else "name:" + fold(values["name"])


class _Writer:
    """Adds checked rows one by one, remembering organisations and contacts already there."""

    def __init__(self, checked: list[RowResult]):
        self.now = utcnow()
        keys = {(r.organisation["country"], r.organisation["name_key"]) for r in checked}
        self.orgs = _existing(keys)
        self.reused = len(self.orgs)
        self.seen = {(o.id, _contact_key(vars(c))) for o in self.orgs.values() for c in o.contacts}
        self.created = self.contacts = self.skipped = 0

    def organisation(self, values: dict) -> Organisation:
        key = (values["country"], values["name_key"])
        if key not in self.orgs:
            org = Organisation(
                country_code=values["country"], name=values["name"], name_key=values["name_key"],
                kind=values["kind"], city=values["city"], website=values["website"],
                notes=values["notes"], created_at=self.now, updated_at=self.now,
            )  # fmt: skip
            db.session.add(org)
            db.session.flush()
            self.orgs[key] = org
            self.created += 1
        return self.orgs[key]

    def add(self, row: RowResult) -> None:
        org = self.organisation(row.organisation)
        if row.contact is None:
            return
        marker = (org.id, _contact_key(row.contact))
        if marker in self.seen:
            self.skipped += 1
            return
        self.seen.add(marker)
        org.contacts.append(Contact(**row.contact, created_at=self.now, updated_at=self.now))
        self.contacts += 1


def write_rows(checked: list[RowResult], progress=None) -> dict:
    """Create the organisations that do not exist yet (same country and name key) and add the
    contacts that are not there yet (same email, or same name); returns the counts."""
    writer = _Writer(checked)
    for count, row in enumerate(checked, start=1):
        writer.add(row)
        if progress and count % 500 == 0:
            progress(len(checked) + count, len(checked) * 2)
    db.session.flush()
    _index(writer.orgs.values())
    return {
        "organisations_created": writer.created,
        "organisations_reused": writer.reused,
        "contacts_added": writer.contacts,
        "contacts_already_there": writer.skipped,
    }


def _index(organisations) -> None:
    from crm import search
    from crm.organisations.service import SEARCH_KIND

    search.bulk_index(SEARCH_KIND, ((o.id, search_document(o)) for o in organisations))


@job_handler(IMPORT_KIND)
def import_organisations(job, progress) -> dict:
    """Check every row (nothing imported when one is bad), then import them all."""
    user = db.session.get(User, job.created_by_id) if job.created_by_id else None
    if user is None or user.role not in {Role.BD, Role.ADMIN}:
        raise JobError(_("Only business developers and admins import organisations."))
    checked, bad = check_text(job.input_text or "", load_refs(user), progress)
    if bad:
        raise JobError(problem_report(bad, len(checked)))
    counts = write_rows(checked, progress)
    record("organisation.import", object_type="organisations", user_id=user.id,
           after={"job": job.id, **counts})  # fmt: skip
    job.input_text = None  # the rows are records now: keep no second copy of personal data
    return counts


NOTIFY_DUE_KIND = "organisations.notify_due"


@job_handler(NOTIFY_DUE_KIND)
def notify_due(job, progress) -> dict:
    """The daily reminders as a job (`payload["date"]`: an ISO day, default today)."""
    from datetime import date

    from crm.organisations.reminders import notify_due_next_steps

    raw = (job.payload or {}).get("date")
    try:
        day = date.fromisoformat(raw) if raw else date.today()
    except (TypeError, ValueError):
        raise JobError(_("The date must be an ISO date such as 2026-05-04.")) from None
    return {"notified": notify_due_next_steps(day)}
