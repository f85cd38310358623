"""Background jobs of the fees feature: the ECB exchange-rate import."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _

from crm.fees.ecb_import import import_ecb_text
from crm.fees.money import ValidationError
from crm.jobs.service import JobError, Progress, job_handler


def readable_report(report: dict[str, Any]) -> dict[str, Any]:
    """The import report with words for keys and lists as text, for the job page."""
    conflicts = "; ".join(
        _(
            "%(currency)s %(date)s: kept %(stored)s, the file says %(file)s",
            currency=item["currency"],
            date=item["date"],
            stored=item["stored"],
            file=item["file"],
        )
        for item in report["conflicts"]
    )
    problems = "; ".join(
        _("line %(line)s: %(message)s", line=item["line"], message=item["message"])
        for item in report["problems"]
    )
    shown = _("(the first %(count)s)", count=len(report["problems"]))
    result = {
        _("Currencies"): " ".join(report["currencies"]) or "–",
        _("Days"): f"{report['first_day'] or '–'} – {report['last_day'] or '–'}",
        _("Rates in the file"): report["read"],
        _("Added"): report["inserted"],
        _("Already recorded, equal"): report["unchanged"],
        _("Already recorded, different (kept as recorded)"): report["conflicting"],
        _("Rows with problems (skipped)"): report["problems_total"],
    }
    if conflicts:
        result[_("Different rates kept")] = conflicts
    if problems:
        result[_("Problems %(shown)s", shown=shown)] = problems
    return result


@job_handler("fees.import_ecb")
def import_ecb(job, progress: Progress) -> dict:
    """Import the uploaded ECB CSV (``job.input_text``); the report is the job's result.

    ``job.payload["currencies"]`` limits the import to those codes (empty: all of them).
    """
    currencies = set((job.payload or {}).get("currencies") or []) or None
    try:
        report = import_ecb_text(job.input_text or "", job.created_by_id, currencies, progress)
    except ValidationError as exc:
        raise JobError(" ".join(exc.fields.get("file", [str(exc)]))) from None
    return readable_report(report)
