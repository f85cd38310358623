"""Forms of the organisations feature. Field checks only; the services check again."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, HiddenField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from crm.core.guards import whole_number
from crm.core.web_links import web_link_is_valid
from crm.organisations.contacts import ContactData
from crm.organisations.domain import KINDS
from crm.organisations.service import OrganisationData

KIND_LABELS = {
    "municipality": _l("Municipality or city"),
    "province": _l("Province or state"),
    "company": _l("Company"),
    "care-provider": _l("Care provider"),
    "school": _l("School"),
    "university": _l("University"),
    "ngo": _l("NGO or foundation"),
    "other": _l("Other"),
}


def kind_label(code: str) -> str:
    """The reader's word for an organisation kind."""
    return str(KIND_LABELS.get(code, code))


def _web_link(_form, field) -> None:
    if field.data and not web_link_is_valid(field.data.strip()):
        raise ValidationError(_l("Give a full web address starting with http:// or https://."))


class OrganisationForm(FlaskForm):
    country = SelectField(_l("Country"), validators=[DataRequired()])
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    kind = SelectField(
        _l("Kind"),
        choices=[SelectChoice(code, KIND_LABELS[code]) for code in KINDS],
        default="other",
        validators=[DataRequired()],
    )
    city = StringField(_l("City"), validators=[Optional(), Length(max=120)])
    website = StringField(_l("Website"), validators=[Optional(), Length(max=300), _web_link])
    notes = TextAreaField(_l("Notes"), validators=[Optional(), Length(max=10_000)])
    confirm_new = BooleanField(_l("Yes, this is a different organisation: create it"))
    version = HiddenField()

    def set_countries(self, pairs: list[tuple[str, str]]) -> None:
        self.country.choices = [SelectChoice(code, name) for code, name in pairs]

    def to_data(self) -> OrganisationData:
        return OrganisationData(
            country=self.country.data or "",
            name=self.name.data or "",
            kind=self.kind.data or "other",
            city=self.city.data or "",
            website=self.website.data or None,
            notes=self.notes.data or "",
        )

    def read_version(self) -> int | None:
        return whole_number(self.version.data)


class ContactForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=160)])
    role = StringField(_l("Role or title"), validators=[Optional(), Length(max=160)])
    email = StringField(_l("Email"), validators=[Optional(), Length(max=254)])
    phone = StringField(_l("Phone"), validators=[Optional(), Length(max=40)])
    language = SelectField(_l("Preferred language"), validators=[Optional()])
    notes = TextAreaField(_l("Notes"), validators=[Optional(), Length(max=5_000)])
    version = HiddenField()

    def set_languages(self, pairs: list[tuple[str, str]]) -> None:
        self.language.choices = [SelectChoice("", "–")] + [
            SelectChoice(code, name) for code, name in pairs
        ]

    def to_data(self) -> ContactData:
        return ContactData(
            name=self.name.data or "",
            role=self.role.data or "",
            email=self.email.data or "",
            phone=self.phone.data or "",
            language=self.language.data or "",
            notes=self.notes.data or "",
        )

    def read_version(self) -> int | None:
        return whole_number(self.version.data)


class MergeForm(FlaskForm):
    target = IntegerField(
        _l("Merge into organisation number"),
        validators=[DataRequired(), NumberRange(min=1, max=2**31 - 1)],
    )


class ImportForm(FlaskForm):
    file = FileField(_l("CSV file"), validators=[FileRequired(_l("Choose a CSV file."))])


class ActionForm(FlaskForm):
    """A button-only form (erase, merge confirm): just the CSRF token."""
