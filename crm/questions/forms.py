"""Forms of the questions pages: field checks only; the service checks the rules."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from sqlalchemy import select
from wtforms import (
    DateField,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)
from wtforms.widgets import CheckboxInput, ListWidget

from crm.core.guards import whole_number
from crm.extensions import db
from crm.questions.fields import QuestionData
from crm.reference.labels import country_choices, translated_choices
from crm.reference.models import Country, Discipline, Post, Theme

_AMOUNT = re.compile(r"^\d{1,13}([.,]\d{1,2})?$")


class AmountField(StringField):
    """A money amount typed by a person: "12500", "12500.50" or "12500,50"; no float."""

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        text = (self.data or "").replace(" ", "").replace("\u00a0", "")
        self.data = text

    def decimal(self) -> Decimal | None:
        if not self.data:
            return None
        try:
            return Decimal(self.data.replace(",", "."))
        except InvalidOperation:  # pragma: no cover - the regex validator runs first
            return None

    def pre_validate(self, form):
        if self.data and not _AMOUNT.match(self.data):
            raise ValidationError(_l("Write an amount such as 12500 or 12500.50."))


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def pre_validate(self, form):
        known = {choice.value for choice in self.choices or []}
        if any(value not in known for value in self.data or []):
            raise ValidationError(self.gettext("Not a valid choice."))


class IdListField(SelectMultipleField):
    """Ids chosen from a list built on the page (the organisation's contacts); the service
    checks them."""

    def __init__(self, label=None, validators=None, **kwargs):
        super().__init__(label, validators, coerce=int, **kwargs)

    def pre_validate(self, form):
        pass


def _id(field) -> int | None:
    value = str(field.data or "").strip()
    return whole_number(value) or None  # 0 is no id


class VersionedForm(FlaskForm):
    version = HiddenField()

    def read_version(self) -> int:
        return whole_number(self.version.data) or 0


class SubmitQuestionForm(FlaskForm):
    """The short form of a post user: the rest is the business developer's work."""

    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    description = TextAreaField(_l("Description"), validators=[DataRequired(), Length(max=20_000)])
    organisation = StringField(
        _l("Organisation (a city, a province, a care group ...)"),
        validators=[Optional(), Length(max=200)],
    )
    organisation_id = HiddenField()
    themes = MultiCheckboxField(_l("Themes"))
    expected_decision = DateField(_l("Expected decision"), validators=[Optional()])

    def to_data(self, country: str) -> QuestionData:
        return QuestionData(
            title=self.title.data or "",
            description=self.description.data or "",
            country=country,
            organisation=self.organisation.data or "",
            organisation_id=_id(self.organisation_id),
            themes=list(self.themes.data or []),
            expected_decision=self.expected_decision.data,
        )


class QuestionForm(VersionedForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    description = TextAreaField(_l("Description"), validators=[DataRequired(), Length(max=20_000)])
    country = SelectField(_l("Country"), validators=[DataRequired()])
    post = SelectField(_l("Source post"), validators=[Optional()])
    organisation = StringField(_l("Organisation"), validators=[Optional(), Length(max=200)])
    organisation_id = HiddenField()
    contacts = IdListField(_l("Contact persons"))
    themes = MultiCheckboxField(_l("Themes"))
    disciplines = MultiCheckboxField(_l("Disciplines it calls for"))
    estimated_value = AmountField(_l("Estimated value"), validators=[Optional()])
    currency = SelectField(_l("Currency"), validators=[Optional()])
    expected_decision = DateField(_l("Expected decision"), validators=[Optional()])
    next_step = StringField(_l("Next step"), validators=[Optional(), Length(max=300)])
    next_step_due = DateField(_l("Next step due"), validators=[Optional()])
    probability_override = IntegerField(
        _l("Probability (%), instead of the stage's"),
        validators=[Optional(), NumberRange(min=0, max=100)],
    )

    def to_data(self) -> QuestionData:
        return QuestionData(
            title=self.title.data or "",
            description=self.description.data or "",
            country=self.country.data,
            post=self.post.data or None,
            organisation=self.organisation.data or "",
            organisation_id=_id(self.organisation_id),
            contacts=list(self.contacts.data or []),
            themes=list(self.themes.data or []),
            disciplines=list(self.disciplines.data or []),
            estimated_value=self.estimated_value.decimal(),
            currency=self.currency.data or None,
            expected_decision=self.expected_decision.data,
            next_step=self.next_step.data or "",
            next_step_due=self.next_step_due.data,
            probability_override=self.probability_override.data,
        )


def choices(pairs) -> list[SelectChoice]:
    """(value, label) pairs as WTForms choices."""
    return [SelectChoice(value, label) for value, label in pairs]


def load_choices(form) -> None:
    """Fill the select and checkbox choices from the reference tables."""
    themes = db.session.execute(select(Theme.code, Theme.label)).all()
    form.themes.choices = choices(translated_choices(themes, sort=True))
    if not isinstance(form, QuestionForm):
        return
    countries = db.session.execute(
        select(Country.code, Country.name, Country.currency)
        .where(Country.focus.is_(True))
        .order_by(Country.name)
    ).all()
    form.country.choices = choices(country_choices(countries))
    currencies = sorted({cur for _c, _n, cur in countries})
    form.currency.choices = choices(
        [("", _l("The country's currency"))] + [(c, c) for c in currencies]
    )
    posts = db.session.execute(select(Post.code, Post.name)).all()
    form.post.choices = choices([("", _l("No post")), *translated_choices(posts, sort=True)])
    disciplines = db.session.execute(select(Discipline.code, Discipline.label)).all()
    form.disciplines.choices = choices(translated_choices(disciplines, sort=True))


class StageForm(VersionedForm):
    stage = SelectField(_l("Move to"), validators=[InputRequired()])
    note = StringField(_l("Note"), validators=[Optional(), Length(max=1000)])
    reason = StringField(
        _l("Reason (required for lost)"), validators=[Optional(), Length(max=1000)]
    )
    target = HiddenField()


class ActivityForm(FlaskForm):
    kind = SelectField(
        _l("Kind"),
        choices=[
            SelectChoice("note", _l("Note")),
            SelectChoice("call", _l("Call")),
            SelectChoice("meeting", _l("Meeting")),
        ],
        validators=[InputRequired()],
    )
    happened_on = DateField(_l("Date"), validators=[InputRequired()], default=date.today)
    text = TextAreaField(_l("What happened"), validators=[DataRequired(), Length(max=5000)])


class AttachmentForm(FlaskForm):
    file = FileField(_l("File (image or PDF)"), validators=[FileRequired()])


class ImportUploadForm(FlaskForm):
    file = FileField(_l("CSV file"), validators=[FileRequired()])
