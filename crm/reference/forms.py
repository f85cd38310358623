"""Admin form for a reference row's label."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, StringField
from wtforms.validators import DataRequired, Length, NumberRange, Optional


class ReferenceLabelForm(FlaskForm):
    label = StringField(_l("Label"), validators=[DataRequired(), Length(max=160)])
    probability = IntegerField(
        _l("Default probability (%)"), validators=[Optional(), NumberRange(min=0, max=100)]
    )
