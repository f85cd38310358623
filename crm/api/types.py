"""Field types shared by API schemas: decimal strings for money and rates, reference codes."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, PlainSerializer, WithJsonSchema
from pydantic.json_schema import SkipJsonSchema

# ASCII digits only, matched whole: `\d` would take "١٢٣" and `$` a trailing newline.
_DECIMAL_RE = re.compile(r"-?[0-9]+(\.[0-9]+)?")
# Digits before the point: 10^15 fits a 64-bit column in minor units (or millionths / 1000).
MAX_WHOLE_DIGITS = 15


def decimal_string(max_decimals: int = 2, allow_negative: bool = False):
    """An Annotated Decimal that only accepts a plain decimal string ("1234.50").

    JSON numbers, exponents, surrounding spaces, NaN, more than `max_decimals` decimals and
    more than 15 digits before the point are refused with a message naming the rule.
    """

    def parse(value: Any) -> Decimal:
        if not isinstance(value, str):
            raise ValueError('must be a decimal number written as a string, such as "1250.00"')
        if not _DECIMAL_RE.fullmatch(value):
            raise ValueError("must be a plain decimal string: digits, one optional point")
        if len(value.lstrip("-").partition(".")[0].lstrip("0")) > MAX_WHOLE_DIGITS:
            raise ValueError(f"must have at most {MAX_WHOLE_DIGITS} digits before the point")
        number = Decimal(value)
        if number < 0 and not allow_negative:
            raise ValueError("must not be negative")
        if -number.as_tuple().exponent > max_decimals:  # type: ignore[operator]
            raise ValueError(f"must have at most {max_decimals} decimals")
        return number

    sign = "-?" if allow_negative else ""
    fraction = rf"(\.\d{{1,{max_decimals}}})?" if max_decimals else ""
    return Annotated[
        Decimal,
        BeforeValidator(parse),
        PlainSerializer(str, return_type=str),
        WithJsonSchema(
            {
                "type": "string",
                "pattern": rf"^{sign}0*\d{{1,{MAX_WHOLE_DIGITS}}}{fraction}$",
                "description": f"decimal string, at most {max_decimals} decimals",
            }
        ),
    ]


Money = decimal_string(2)
Code = Annotated[str, Field(min_length=1, max_length=40)]

# For patch fields that may be left out but not sent as null: `title: Text | NotNull = None`.
# The view still receives an explicit null (and refuses it with 422, naming the field); the
# schema leaves null out. Put length limits inside the Annotated type, not on the union.
NotNull = SkipJsonSchema[None]


def _utc_text(value: datetime) -> str:
    """RFC 3339 with an offset: stored datetimes are naive UTC."""
    aware = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    return aware.isoformat()


# A moment in answers: "2026-05-04T09:30:00+00:00" (the OpenAPI "date-time" format needs the
# offset, which a naive datetime would leave out).
Timestamp = Annotated[
    datetime,
    PlainSerializer(_utc_text, return_type=str),
    WithJsonSchema({"type": "string", "format": "date-time"}),
]
