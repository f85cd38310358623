"""Exchange-rate pages: the list per currency with its chart, entering a rate, the ECB import."""

from __future__ import annotations

import re

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from crm.core.guards import get_or_404, requires
from crm.extensions import db
from crm.fees import queries, rates
from crm.fees.chart import rate_chart
from crm.fees.errors import FeeConflict
from crm.fees.forms import ImportForm, RateForm
from crm.fees.models import ExchangeRate
from crm.fees.money import ValidationError, format_decimal_plain
from crm.fees.permissions import can_manage_exchange_rates, can_view_exchange_rates
from crm.fees.views import bp
from crm.jobs.service import enqueue

_CODES_RE = re.compile(r"[A-Za-z]{3}")


@bp.route("/exchange-rates", endpoint="rates")
@requires(can_view_exchange_rates)
def rate_list():
    currencies = queries.rate_currencies()
    currency = request.args.get("currency", "")
    if currency not in currencies:
        currency = currencies[0] if currencies else ""
    sort = request.args.get("sort", "newest")
    page = queries.rates_page(currency, sort) if currency else None
    chart = rate_chart(queries.chart_series(currency)) if currency else None
    return render_template(
        "fees/rates.html",
        currencies=currencies,
        currency=currency,
        sort=sort if sort in queries.RATE_SORTS else "newest",
        page=page,
        chart=chart,
        can_manage=can_manage_exchange_rates(current_user),
    )


def _save_rate(form: RateForm, row: ExchangeRate | None):
    """Validate and save; returns a redirect, or None with the errors on the form."""
    try:
        values = rates.parse_rate_input(
            (form.currency.data or "").strip().upper(), form.day.data, form.rate.data
        )
        saved = (
            rates.add_rate(*values, current_user)
            if row is None
            else rates.update_rate(row, *values)
        )
    except ValidationError as exc:
        form.apply_errors(exc.fields)
        return None, 422
    except FeeConflict as exc:
        form.apply_errors(exc.fields or {"date": [exc.message]})
        return None, 409
    db.session.commit()
    flash(_("The %(currency)s rate for %(day)s is saved.", currency=saved.currency, day=saved.day))
    return redirect(url_for("fees.rates", currency=saved.currency), 303), 303


@bp.route("/exchange-rates/new", methods=["GET", "POST"])
@requires(can_manage_exchange_rates)
def new_rate():
    form = RateForm()
    if request.method == "POST":
        response, status = _save_rate(form, None)
        if response is not None:
            return response
        return render_template("fees/rate_form.html", form=form, row=None), status
    form.currency.data = form.currency.data or request.args.get("currency", "")[:3]
    return render_template("fees/rate_form.html", form=form, row=None)


@bp.route("/exchange-rates/<int:rate_id>/edit", methods=["GET", "POST"])
@requires(can_manage_exchange_rates)
def edit_rate(rate_id: int):
    row = get_or_404(ExchangeRate, rate_id)
    form = RateForm()
    if request.method == "POST":
        response, status = _save_rate(form, row)
        if response is not None:
            return response
        return render_template("fees/rate_form.html", form=form, row=row), status
    form.currency.data, form.day.data = row.currency, row.day.isoformat()
    form.rate.data = format_decimal_plain(row.rate)
    return render_template("fees/rate_form.html", form=form, row=row)


def _read_upload(form: ImportForm) -> str | None:
    try:
        text = form.file.data.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        form.file.errors = [_("The file is not UTF-8 text: upload the CSV file itself.")]
        return None
    if not text.lstrip().startswith("Date"):
        form.file.errors = [_("This is not an ECB rates file: its first row must start with Date.")]
        return None
    return text


@bp.route("/exchange-rates/import", methods=["GET", "POST"])
@requires(can_manage_exchange_rates)
def import_rates():
    form = ImportForm()
    if request.method == "GET":
        return render_template("fees/import.html", form=form)
    text = _read_upload(form) if form.validate() else None
    if text is None:
        return render_template("fees/import.html", form=form), 422
    codes = sorted({code.upper() for code in _CODES_RE.findall(form.currencies.data or "")})
    name = form.file.data.filename or "eurofxref.csv"
    job = enqueue(
        "fees.import_ecb",
        current_user,
        _("Import of ECB exchange rates (%(file)s)", file=name),
        payload={"currencies": codes, "filename": name},
        input_text=text,
    )
    db.session.commit()
    return redirect(url_for("jobs.show", job_id=job.id), 303)
