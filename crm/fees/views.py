"""Pages of the fees feature: the formats everyone reads, with the live calculator.

The admin editor is in ``editor_views``, the exchange-rate pages in ``rate_views``; both add
routes to this blueprint.
"""

from __future__ import annotations

from flask import Blueprint, render_template, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from crm.core.guards import get_or_404, requires
from crm.core.templating import NAVIGATION
from crm.fees import present, queries, service
from crm.fees.domain import describe_tiers
from crm.fees.models import FeeFormat
from crm.fees.permissions import can_manage_fee_formats, can_view_fee_formats

bp = Blueprint("fees", __name__)

NAVIGATION.append(
    ("fees.index", _l("Fee formats"), frozenset({"admin", "topteam", "bd", "post", "firm"}))
)
NAVIGATION.append(("fees.rates", _l("Exchange rates"), frozenset({"admin", "topteam"})))
present.register_filters(bp)


@bp.route("/fee-formats")
@requires(can_view_fee_formats)
def index():
    filters = queries.FormatFilters.from_args(request.args)
    page, version_counts = queries.latest_formats_page(filters)
    return render_template(
        "fees/index.html",
        page=page,
        version_counts=version_counts,
        filters=filters,
        can_manage=can_manage_fee_formats(current_user),
    )


@bp.route("/fee-formats/<int:format_id>")
@requires(can_view_fee_formats)
def show(format_id: int):
    fmt = get_or_404(FeeFormat, format_id)
    amount_text = request.args.get("amount", "")
    result, error = present.calculate(fmt, amount_text)
    doc = fmt.parsed()
    return render_template(
        "fees/show.html",
        fmt=fmt,
        doc=doc,
        explanation=present.explain(doc),
        tier_rows=describe_tiers(doc),
        latest=service.latest_version(fmt.format_key),
        amount=amount_text,
        quote=result,
        quote_error=error,
        can_manage=can_manage_fee_formats(current_user),
    ), 422 if error else 200


@bp.route("/fee-formats/<int:format_id>/quote")
@requires(can_view_fee_formats)
def quote(format_id: int):
    """The calculator's fragment: every tier line, minimum or cap, fee and split (or 422)."""
    fmt = get_or_404(FeeFormat, format_id)
    result, error = present.calculate(fmt, request.args.get("amount", ""))
    return render_template(
        "fees/_quote.html", fmt=fmt, quote=result, quote_error=error
    ), 422 if error else 200


@bp.route("/fee-formats/<int:format_id>/versions")
@requires(can_view_fee_formats)
def versions(format_id: int):
    fmt = get_or_404(FeeFormat, format_id)
    history = present.version_history(service.versions_of(fmt))
    return render_template(
        "fees/versions.html",
        fmt=fmt,
        history=history,
        can_manage=can_manage_fee_formats(current_user),
    )


from crm.fees import editor_views, rate_views  # noqa: E402, F401  (their routes)
