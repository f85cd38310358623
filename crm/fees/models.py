"""Fee format versions and exchange rates, stored exactly: integers and decimal strings only.

**Why tiers and split lines are canonical JSON text, not child rows.** A published version
never changes and is always read, validated and computed as one document
(``parse_fee_format``), never queried tier by tier. Keeping the tiers and the split as the
canonical JSON of ``fee_format_to_json`` (decimal *strings*, written once) means what is read
back is exactly what was validated, with no float on any database (SQLite keeps ``Numeric``
as a binary float) and no joins on list pages. The scalar parts that other features filter
on (name, currency, minimum and cap in integer cents, ``effective_from``, status) are real
columns. ``document`` rebuilds the full JSON document from both.

Exchange rates are integers of millionths: units of the currency per 1 EUR x 1,000,000.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    BigInteger,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    event,
    func,
    inspect,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from crm.auth.models import User
from crm.extensions import db
from crm.fees.domain import FeeFormatDoc, format_money, parse_fee_format

PUBLISHED = "published"
RETIRED = "retired"
STATUSES = (PUBLISHED, RETIRED)
MANUAL = "manual"
ECB = "ecb"

# Columns that may change after publication: only the retirement.
_MUTABLE = frozenset({"status", "retired_at", "retired_by_id"})


def cents_to_decimal(cents: int | None) -> Decimal | None:
    """Integer cents -> Decimal with 2 decimals (None stays None)."""
    return None if cents is None else Decimal(cents).scaleb(-2)


def decimal_to_cents(amount: Decimal | None) -> int | None:
    """A Decimal with at most 2 decimals -> integer cents (None stays None)."""
    return None if amount is None else int(amount.scaleb(2))


class FeeFormat(db.Model):
    """One published version of a fee format; all versions share ``format_key``."""

    __tablename__ = "fee_formats"
    __table_args__ = (UniqueConstraint("format_key", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    format_key: Mapped[str] = mapped_column(String(32), index=True)
    version: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(120), index=True)
    currency: Mapped[str] = mapped_column(String(3))
    tiers_json: Mapped[str] = mapped_column(Text)
    minimum_fee_cents: Mapped[int | None] = mapped_column(BigInteger)
    cap_cents: Mapped[int | None] = mapped_column(BigInteger)
    split_json: Mapped[str] = mapped_column(Text)
    effective_from: Mapped[date] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), default=PUBLISHED, index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())
    retired_at: Mapped[datetime | None] = mapped_column(DateTime)
    retired_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])

    @property
    def is_retired(self) -> bool:
        return self.status == RETIRED

    @property
    def document(self) -> dict[str, Any]:
        """The fee format JSON document of fee-formats.md (no id, key, version or status)."""
        minimum = cents_to_decimal(self.minimum_fee_cents)
        cap = cents_to_decimal(self.cap_cents)
        return {
            "name": self.name,
            "currency": self.currency,
            "tiers": json.loads(self.tiers_json),
            "minimum_fee": None if minimum is None else format_money(minimum),
            "cap": None if cap is None else format_money(cap),
            "split": json.loads(self.split_json),
            "effective_from": self.effective_from.isoformat(),
            "notes": self.notes,
        }

    def parsed(self) -> FeeFormatDoc:
        """The stored document as the pure rules' type (it was valid when published)."""
        return parse_fee_format(self.document)

    def __repr__(self) -> str:
        return f"<FeeFormat {self.id} {self.format_key} v{self.version} {self.status}>"


@event.listens_for(FeeFormat, "before_update")
def _refuse_changes_after_publication(_mapper, _connection, target: FeeFormat) -> None:
    state = inspect(target)
    changed = {
        attr.key
        for attr in state.mapper.column_attrs
        if state.attrs[attr.key].history.has_changes()
    }
    if changed - _MUTABLE:
        raise PublishedFormatIsImmutable(
            f"a published fee format never changes: {sorted(changed - _MUTABLE)}"
        )


class PublishedFormatIsImmutable(RuntimeError):
    """Raised when code tries to change a published version instead of adding one."""


class ExchangeRate(db.Model):
    """``rate_millionths`` / 1,000,000 units of ``currency`` per 1 EUR on ``day``."""

    __tablename__ = "exchange_rates"
    __table_args__ = (UniqueConstraint("currency", "day"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    currency: Mapped[str] = mapped_column(String(3))
    day: Mapped[date] = mapped_column(Date)
    rate_millionths: Mapped[int] = mapped_column(BigInteger)
    source: Mapped[str] = mapped_column(String(10), default=MANUAL)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())
    updated_at: Mapped[datetime | None] = mapped_column(DateTime)

    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])

    @property
    def rate(self) -> Decimal:
        return Decimal(self.rate_millionths).scaleb(-6)

    def __repr__(self) -> str:
        return f"<ExchangeRate {self.currency} {self.day} {self.rate}>"
