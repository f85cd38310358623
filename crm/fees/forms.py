"""Forms of the fee pages. Field checks only: the fee rules validate in ``parse_fee_format``.

The editor form turns into a fee format document (``to_document``) and shows the validator's
messages beside the fields they name (``apply_errors``: ``tiers.1.rate`` -> that row's rate).
Rows are added and removed by re-rendering the form on the server (``change_rows``).
"""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import FieldList, Form, FormField, SelectField, StringField, TextAreaField
from wtforms.validators import Length, Optional
from wtforms.widgets import DateInput

from crm.core.guards import whole_number
from crm.fees.document import PARTIES
from crm.fees.labels import PARTY_LABELS

MAX_TIERS = 12
MAX_SPLIT = len(PARTIES)
ROW_ACTIONS = ("add-tier", "add-split", "remove-tier-", "remove-split-")


class TierForm(Form):
    up_to = StringField(_l("Up to (EUR)"))
    rate = StringField(_l("Rate (%)"))


def _party_choices() -> list:
    try:  # WTForms 3.3 deprecates (value, label) tuples in favour of SelectChoice
        from wtforms.fields.choices import SelectChoice
    except ImportError:  # pragma: no cover - older WTForms
        return [(code, PARTY_LABELS[code]) for code in PARTIES]
    return [SelectChoice(code, PARTY_LABELS[code]) for code in PARTIES]


class SplitForm(Form):
    party = SelectField(_l("Party"), choices=_party_choices(), validate_choice=False)
    share = StringField(_l("Share (%)"))


class FeeFormatForm(FlaskForm):
    name = StringField(_l("Name"))
    effective_from = StringField(_l("Effective from"), widget=DateInput())
    minimum_fee = StringField(_l("Minimum fee (EUR, optional)"))
    cap = StringField(_l("Cap (EUR, optional)"))
    notes = TextAreaField(_l("Notes (optional)"))
    tiers = FieldList(FormField(TierForm), min_entries=1, max_entries=MAX_TIERS)
    split = FieldList(FormField(SplitForm), min_entries=1, max_entries=MAX_SPLIT)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.document_errors: dict[str, list[str]] = {}
        self._label_rows()

    def _label_rows(self) -> None:
        # Every row's label names its row, so a screen reader says which tier a field is in.
        for number, row in enumerate(self.tiers, start=1):
            row.form.up_to.label.text = _l("Tier %(number)s: up to (EUR)", number=number)
            row.form.rate.label.text = _l("Tier %(number)s: rate (%%)", number=number)
        for number, row in enumerate(self.split, start=1):
            row.form.party.label.text = _l("Party %(number)s", number=number)
            row.form.share.label.text = _l("Party %(number)s: share (%%)", number=number)

    def to_document(self) -> dict[str, Any]:
        """The fee format document the form describes (blank -> null; last tier unbounded)."""
        tiers = [
            {"up_to": _blank_to_none(row.up_to.data), "rate": _blank_to_none(row.rate.data)}
            for row in self.tiers
        ]
        if tiers:
            tiers[-1]["up_to"] = None
        return {
            "name": (self.name.data or "").strip() or None,
            "currency": "EUR",
            "tiers": tiers,
            "minimum_fee": _blank_to_none(self.minimum_fee.data),
            "cap": _blank_to_none(self.cap.data),
            "split": [
                {"party": row.party.data, "share": _blank_to_none(row.share.data)}
                for row in self.split
            ],
            "effective_from": _blank_to_none(self.effective_from.data),
            "notes": _blank_to_none(self.notes.data),
        }

    def apply_errors(self, fields: dict[str, list[str]]) -> None:
        """Put each validator message beside its field; the rest go to ``document_errors``."""
        for path, messages in fields.items():
            target = self._field_for(path)
            if target is None:
                self.document_errors.setdefault(path, []).extend(messages)
            else:
                target.errors = [*target.errors, *messages]

    def _field_for(self, path: str):
        parts = path.split(".")
        if len(parts) == 1 and parts[0] in {
            "name",
            "effective_from",
            "minimum_fee",
            "cap",
            "notes",
        }:
            return self[parts[0]]
        index = whole_number(parts[1]) if len(parts) == 3 else None
        if index is not None and parts[0] in {"tiers", "split"}:
            rows = self[parts[0]]
            if index < len(rows.entries) and parts[2] in rows.entries[index].form:
                return rows.entries[index].form[parts[2]]
        return None

    @property
    def has_errors(self) -> bool:
        return bool(self.document_errors) or any(self._all_errors())

    def _all_errors(self):
        for field in (self.name, self.effective_from, self.minimum_fee, self.cap, self.notes):
            yield bool(field.errors)
        for rows in (self.tiers, self.split):
            for row in rows:
                yield any(sub.errors for sub in row.form)


def _blank_to_none(value: str | None) -> str | None:
    return None if value is None or value == "" else value


def form_data(document: dict[str, Any]) -> dict[str, Any]:
    """Form data from a fee format document (for a new version of a published one)."""
    return {
        "name": document.get("name") or "",
        "effective_from": document.get("effective_from") or "",
        "minimum_fee": document.get("minimum_fee") or "",
        "cap": document.get("cap") or "",
        "notes": document.get("notes") or "",
        "tiers": [
            {"up_to": tier.get("up_to") or "", "rate": tier.get("rate") or ""}
            for tier in document.get("tiers") or []
        ],
        "split": [
            {"party": line.get("party") or "", "share": line.get("share") or ""}
            for line in document.get("split") or []
        ],
    }


def blank_data() -> dict[str, Any]:
    """A new format starts with one unbounded tier and the business developer's 100 %."""
    return {
        "tiers": [{"up_to": "", "rate": ""}],
        "split": [{"party": "business_developer", "share": "100"}],
    }


def is_row_action(action: str) -> bool:
    return action.startswith(ROW_ACTIONS)


def change_rows(form: FeeFormatForm, action: str) -> dict[str, Any]:
    """The form's data with a tier or split row added or removed, as ``action`` says."""
    data = {
        key: form[key].data for key in ("name", "effective_from", "minimum_fee", "cap", "notes")
    }
    tiers = [dict(row) for row in form.tiers.data]
    split = [dict(row) for row in form.split.data]
    if action == "add-tier" and len(tiers) < MAX_TIERS:
        tiers.append({"up_to": "", "rate": ""})
    elif action == "add-split" and len(split) < MAX_SPLIT:
        used = {row.get("party") for row in split}
        free = [code for code in PARTIES if code not in used]
        split.append({"party": free[0] if free else PARTIES[0], "share": ""})
    elif action.startswith("remove-tier-"):
        tiers = _without(tiers, action.removeprefix("remove-tier-"))
    elif action.startswith("remove-split-"):
        split = _without(split, action.removeprefix("remove-split-"))
    return {**data, "tiers": tiers, "split": split}


def focus_after(action: str, form: FeeFormatForm) -> str | None:
    """The id of the field to fill in after a row was added (keyboard users keep their place)."""
    if action == "add-tier" and len(form.tiers) > 1:
        return form.tiers[-2].form.up_to.id  # the former last tier now needs a limit
    if action == "add-tier":
        return form.tiers[-1].form.rate.id
    if action == "add-split":
        return form.split[-1].form.share.id
    return None


def _without(rows: list[dict], index_text: str) -> list[dict]:
    index = whole_number(index_text)
    if index is not None and index < len(rows) and len(rows) > 1:
        return rows[:index] + rows[index + 1 :]
    return rows


class RateForm(FlaskForm):
    currency = StringField(_l("Currency"), validators=[Length(max=3)])
    day = StringField(_l("Date"), widget=DateInput())
    rate = StringField(_l("Units per 1 EUR (up to 6 decimals)"))

    def apply_errors(self, fields: dict[str, list[str]]) -> None:
        """Validator messages beside their fields (``date`` is the ``day`` field)."""
        for path, messages in fields.items():
            target = self["day"] if path == "date" else self._fields.get(path, self.rate)
            target.errors = [*target.errors, *messages]


class ImportForm(FlaskForm):
    file = FileField(_l("ECB CSV file (daily or historical)"), validators=[FileRequired()])
    currencies = StringField(
        _l("Currencies (optional, e.g. USD CNY; empty imports all)"),
        validators=[Optional(), Length(max=400)],
    )
