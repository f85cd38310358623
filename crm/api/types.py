"""Field types shared by API schemas: decimal strings for money and rates, reference codes."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, PlainSerializer, WithJsonSchema

_DECIMAL_RE = re.compile(r"^-?\d+(\.\d+)?$")


def decimal_string(max_decimals: int = 2, allow_negative: bool = False):
    """An Annotated Decimal that only accepts a plain decimal string ("1234.50").

    JSON numbers, exponents, surrounding spaces, NaN and more than `max_decimals` decimals
    are refused with a message naming the rule.
    """

    def parse(value: Any) -> Decimal:
        if not isinstance(value, str):
            raise ValueError('must be a decimal number written as a string, such as "1250.00"')
        if not _DECIMAL_RE.match(value):
            raise ValueError("must be a plain decimal string: digits, one optional point")
        number = Decimal(value)
        if number < 0 and not allow_negative:
            raise ValueError("must not be negative")
        if -number.as_tuple().exponent > max_decimals:  # type: ignore[operator]
            raise ValueError(f"must have at most {max_decimals} decimals")
        return number

    return Annotated[
        Decimal,
        BeforeValidator(parse),
        PlainSerializer(str, return_type=str),
        WithJsonSchema(
            {
                "type": "string",
                "pattern": r"^\d+(\.\d+)?$",
                "description": f"decimal string, at most {max_decimals} decimals",
            }
        ),
    ]


Money = decimal_string(2)
Code = Annotated[str, Field(min_length=1, max_length=40)]
