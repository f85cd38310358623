"""Forms of the firms feature. Field checks only; the services check codes and rules again."""

from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from sqlalchemy import select
from wtforms import (
    EmailField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    DataRequired,
    Email,
    Length,
    NumberRange,
    Optional,
    Regexp,
    ValidationError,
)

from crm.core.web_links import web_link_is_valid
from crm.extensions import db
from crm.firms.choices import country_choices, language_choices
from crm.firms.domain import ITEM_FIELDS
from crm.reference.labels import translated_choices
from crm.reference.models import Discipline, FirmSize, Theme


def _web_link(_form, field) -> None:
    if field.data and not web_link_is_valid(field.data.strip()):
        raise ValidationError(_l("Give a full web address starting with http:// or https://."))


def _choices(pairs) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in pairs]


def _reference_choices(model, order=None) -> list[SelectChoice]:
    if order is None:
        rows = db.session.execute(select(model.code, model.label)).all()
        return _choices(translated_choices(rows, sort=True))
    rows = db.session.scalars(select(model).order_by(order))
    return _choices(translated_choices((row.code, row.label) for row in rows))


class FirmForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=160)])
    kvk = StringField(
        _l("KvK number"),
        validators=[
            Optional(),
            Regexp(r"^[0-9]{8}\Z", message=_l("A KvK number is exactly 8 digits.")),
        ],
    )
    city = StringField(_l("City"), validators=[DataRequired(), Length(max=80)])
    website = StringField(_l("Website"), validators=[Optional(), Length(max=300), _web_link])
    size = SelectField(_l("Size"), validators=[DataRequired()])
    disciplines = SelectMultipleField(_l("Disciplines"), validators=[Optional()])
    languages = SelectMultipleField(_l("Languages"), validators=[Optional()])
    countries = SelectMultipleField(_l("Countries worked in"), validators=[Optional()])
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=5000)])
    version = HiddenField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.size.choices = _reference_choices(FirmSize, order=FirmSize.position)
        self.disciplines.choices = _reference_choices(Discipline)
        self.languages.choices = _choices(language_choices())
        self.countries.choices = _choices(country_choices())

    def values(self) -> dict:
        return {
            "name": self.name.data,
            "kvk": self.kvk.data,
            "city": self.city.data,
            "website": self.website.data,
            "size": self.size.data,
            "disciplines": self.disciplines.data,
            "languages": self.languages.data,
            "countries": self.countries.data,
            "description": self.description.data,
        }


class PortfolioItemForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    description = TextAreaField(_l("Description"), validators=[DataRequired(), Length(max=10000)])
    client = StringField(_l("Client"), validators=[Optional(), Length(max=200)])
    year = IntegerField(
        _l("Year"), validators=[Optional(), NumberRange(min=1900, max=date.today().year + 1)]
    )
    country = SelectField(_l("Country"), validators=[Optional()])
    themes = SelectMultipleField(_l("Themes"), validators=[Optional()])
    disciplines = SelectMultipleField(_l("Disciplines"), validators=[Optional()])
    public_link = StringField(
        _l("Public link"), validators=[Optional(), Length(max=300), _web_link]
    )
    visibility = RadioField(
        _l("Who may see it"),
        choices=[
            SelectChoice(
                "programme", _l("The programme only (business developers, topteam, admins)")
            ),
            SelectChoice("firms", _l("Also other firms looking for partners")),
        ],
        default="programme",
        validators=[DataRequired()],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.country.choices = _choices([("", "–"), *country_choices()])
        self.themes.choices = _reference_choices(Theme)
        self.disciplines.choices = _reference_choices(Discipline)

    def values(self) -> dict:
        return {name: getattr(self, name).data for name in ITEM_FIELDS}


class UploadForm(FlaskForm):
    file = FileField(_l("File"), validators=[FileRequired(_l("Choose a file to upload."))])


class InviteForm(FlaskForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), Email(), Length(max=254)])
    name = StringField(_l("Name"), validators=[Optional(), Length(max=120)])


class ActionForm(FlaskForm):
    """A button-only form (delete, move, leave): just the CSRF token."""
