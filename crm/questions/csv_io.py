"""CSV of questions: the export's columns and rows, and reading an import file row by row.

Parsing and checking rows needs no database: `ImportRefs` carries the reference codes,
loaded once per import, so 10,000 rows are checked without a statement per row.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from babel.numbers import get_currency_precision
from flask_babel import gettext as _

EXPORT_COLUMNS = (
    "id",
    "title",
    "description",
    "country",
    "post",
    "organisation",
    "owner_email",
    "stage",
    "probability",
    "estimated_value",
    "currency",
    "value_eur",
    "expected_decision",
    "themes",
    "disciplines",
    "next_step",
    "next_step_due",
    "source",
    "created_at",
    "updated_at",
)
# What an import column can become; "" ignores the column.
IMPORT_FIELDS = (
    "title",
    "description",
    "country",
    "post",
    "organisation",
    "owner_email",
    "stage",
    "themes",
    "disciplines",
    "estimated_value",
    "currency",
    "expected_decision",
    "next_step",
    "next_step_due",
)
REQUIRED_FIELDS = ("title", "description", "country")
SYNONYMS = {
    "name": "title",
    "question": "title",
    "organization": "organisation",
    "client": "organisation",
    "owner": "owner_email",
    "value": "estimated_value",
    "amount": "estimated_value",
    "decision": "expected_decision",
    "due": "next_step_due",
    "theme": "themes",
    "discipline": "disciplines",
}
MAX_IMPORT_ROWS = 50_000
_AMOUNT = re.compile(r"^\d{1,13}([.,]\d+)?$")


def guess_mapping(header: list[str]) -> list[str]:
    """For each column, the field it most likely holds ("" when none)."""
    guesses, used = [], set()
    for name in header:
        key = re.sub(r"[^a-z]+", "_", name.strip().lower()).strip("_")
        target = key if key in IMPORT_FIELDS else SYNONYMS.get(key, "")
        if target in used:
            target = ""
        used.add(target)
        guesses.append(target)
    return guesses


@dataclass(frozen=True)
class ImportRefs:
    """Reference codes an import row is checked against."""

    currencies: Mapping[str, str]  # country -> currency
    posts: Mapping[str, str]  # post -> country
    themes: frozenset[str]
    disciplines: frozenset[str]
    stages: frozenset[str]  # stages an import may set (open ones)
    owners: Mapping[str, tuple[int, str | None]]  # lower-case email -> (user id, country)
    allowed_countries: frozenset[str] | None  # None: any (admin)


@dataclass
class RowResult:
    values: dict = field(default_factory=dict)
    errors: list[tuple[str, str]] = field(default_factory=list)

    def fail(self, name: str, message: str) -> None:
        self.errors.append((name, message))


def _codes(text: str, known: frozenset[str], name: str, result: RowResult) -> list[str]:
    codes = sorted({c.strip() for c in re.split(r"[;,|]", text) if c.strip()})
    unknown = [c for c in codes if c not in known]
    if unknown:
        result.fail(name, _("unknown code: %(codes)s", codes=", ".join(unknown)))
    return codes


def _date(text: str, name: str, result: RowResult) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        result.fail(name, _("use an ISO date such as 2026-05-04"))
        return None


def _amount(text: str, currency: str | None, result: RowResult) -> int | None:
    if not text:
        return None
    text = text.replace(" ", "")
    if not _AMOUNT.match(text):
        result.fail("estimated_value", _("a plain amount such as 12500.50"))
        return None
    amount = Decimal(text.replace(",", "."))
    digits = get_currency_precision(currency or "EUR")
    if -amount.as_tuple().exponent > digits:  # type: ignore[operator]
        result.fail("estimated_value", _("at most %(n)s decimals", n=digits))
        return None
    return int(amount.scaleb(digits))


def _place(raw: Mapping[str, str], refs: ImportRefs, result: RowResult) -> None:
    country = raw.get("country", "").upper()
    if country not in refs.currencies:
        result.fail("country", _("unknown country code"))
    elif refs.allowed_countries is not None and country not in refs.allowed_countries:
        result.fail("country", _("you can only import questions of your own country"))
    post = raw.get("post", "")
    if post and refs.posts.get(post) != country:
        result.fail("post", _("unknown post, or not in this country"))
    currency = (raw.get("currency", "") or refs.currencies.get(country, "")).upper()
    if currency and currency not in set(refs.currencies.values()):
        result.fail("currency", _("not a currency of the programme's countries"))
    result.values.update(country=country, post=post or None, currency=currency or "EUR")


def _people_and_stage(raw: Mapping[str, str], refs: ImportRefs, result: RowResult) -> None:
    email = raw.get("owner_email", "").lower()
    owner_id = None
    if email:
        owner = refs.owners.get(email)
        if owner is None or owner[1] != result.values.get("country"):
            result.fail("owner_email", _("not a business developer of this country"))
        else:
            owner_id = owner[0]
    stage = raw.get("stage", "") or "sourced"
    if stage not in refs.stages:
        result.fail("stage", _("an open stage code (won and lost come later, in the app)"))
    result.values.update(owner_id=owner_id, stage=stage)


def check_row(raw: Mapping[str, str], refs: ImportRefs) -> RowResult:
    """Check one row (field -> text) and convert it; every problem is reported."""
    result = RowResult()
    for name in REQUIRED_FIELDS:
        if not raw.get(name):
            result.fail(name, _("required"))
    for name, limit in (("title", 200), ("organisation", 200), ("next_step", 300)):
        if len(raw.get(name, "")) > limit:
            result.fail(name, _("at most %(n)s characters", n=limit))
    _place(raw, refs, result)
    _people_and_stage(raw, refs, result)
    result.values.update(
        title=raw.get("title", ""),
        description=raw.get("description", ""),
        organisation=raw.get("organisation", ""),
        next_step=raw.get("next_step", ""),
        themes=_codes(raw.get("themes", ""), refs.themes, "themes", result),
        disciplines=_codes(raw.get("disciplines", ""), refs.disciplines, "disciplines", result),
        estimated_value_minor=_amount(
            raw.get("estimated_value", ""), result.values.get("currency"), result
        ),
        expected_decision=_date(raw.get("expected_decision", ""), "expected_decision", result),
        next_step_due=_date(raw.get("next_step_due", ""), "next_step_due", result),
    )
    return result


def mapped(row: list[str], mapping: list[str]) -> dict[str, str]:
    """A CSV row as field -> stripped text, following the chosen column mapping."""
    values = {}
    for index, target in enumerate(mapping):
        if target and index < len(row):
            values[target] = row[index].strip()
    return values


def mapping_problems(mapping: list[str]) -> list[str]:
    """Why a column mapping cannot be used (required fields missing, a field twice)."""
    problems = [
        _("map a column to %(field)s", field=name)
        for name in REQUIRED_FIELDS
        if name not in mapping
    ]
    chosen = [m for m in mapping if m]
    twice = sorted({name for name in chosen if chosen.count(name) > 1})
    problems += [_("%(field)s is mapped twice", field=name) for name in twice]
    problems += [
        _("unknown field %(field)s", field=name) for name in chosen if name not in IMPORT_FIELDS
    ]
    return problems
