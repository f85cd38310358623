"""Forms for accounts: invitations, role and scope, profile, password reset."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import EmailField, IntegerField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, EqualTo, Length, NumberRange, Optional

from crm.auth.passwords import MIN_LENGTH
from crm.auth.roles import ROLES
from crm.extensions import db
from crm.reference.labels import country_choices, translated_choices
from crm.reference.models import Country, Lab, Post

ROLE_LABELS = {
    "admin": _l("Programme office (admin)"),
    "topteam": _l("Topteam"),
    "bd": _l("Business developer"),
    "post": _l("Post (embassy or consulate)"),
    "firm": _l("Firm member"),
}


def role_choices() -> list[tuple[str, object]]:
    return [(role, ROLE_LABELS[role]) for role in ROLES]


def _password_rules():
    return [
        DataRequired(),
        Length(min=MIN_LENGTH, max=1024, message=_l("Use at least %(min)d characters.")),
    ]


class ScopeForm(FlaskForm):
    """Role plus the scope fields; which scope fields count depends on the role."""

    role = SelectField(_l("Role"), validators=[DataRequired()])
    country = SelectField(_l("Focus country (business developers)"), validators=[Optional()])
    lab = SelectField(_l("Lab (business developers)"), validators=[Optional()])
    post = SelectField(_l("Post (post users)"), validators=[Optional()])
    firm_id = IntegerField(
        _l("Firm number (firm users)"), validators=[Optional(), NumberRange(min=1)]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.role.choices = role_choices()
        blank = [("", "–")]
        countries = db.session.execute(
            select(Country.code, Country.name).where(Country.focus.is_(True))
        )
        self.country.choices = blank + country_choices(countries)
        labs = db.session.execute(select(Lab.code, Lab.name)).all()
        self.lab.choices = blank + translated_choices(labs, sort=True)
        posts = db.session.execute(select(Post.code, Post.name)).all()
        self.post.choices = blank + translated_choices(posts, sort=True)

    def scope_values(self) -> dict:
        return {
            "country": self.country.data or None,
            "lab": self.lab.data or None,
            "post": self.post.data or None,
            "firm_id": self.firm_id.data,
        }

    def show_errors(self, fields: dict[str, str]) -> None:
        """Put service errors (UserError.fields) beside the matching fields."""
        names = {"firm": "firm_id"}
        for key, message in fields.items():
            field = getattr(self, names.get(key, key), None) or self.role
            field.errors = [*field.errors, str(message)]


class InviteForm(ScopeForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254)])
    name = StringField(_l("Name"), validators=[Optional(), Length(max=120)])


class UserEditForm(ScopeForm):
    name = StringField(_l("Name"), validators=[Optional(), Length(max=120)])


class AcceptInviteForm(FlaskForm):
    name = StringField(_l("Your name"), validators=[DataRequired(), Length(max=120)])
    password = PasswordField(_l("Password"), validators=_password_rules())
    confirm = PasswordField(
        _l("Password again"),
        validators=[DataRequired(), EqualTo("password", message=_l("The passwords differ."))],
    )


class ForgotPasswordForm(FlaskForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254)])


class ResetPasswordForm(FlaskForm):
    password = PasswordField(_l("New password"), validators=_password_rules())
    confirm = PasswordField(
        _l("New password again"),
        validators=[DataRequired(), EqualTo("password", message=_l("The passwords differ."))],
    )


class ChangePasswordForm(ResetPasswordForm):
    current = PasswordField(_l("Current password"), validators=[DataRequired(), Length(max=1024)])


class TokenForm(FlaskForm):
    name = StringField(_l("What the token is for"), validators=[DataRequired(), Length(max=80)])
