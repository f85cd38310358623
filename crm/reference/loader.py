"""Load the shipped reference.json idempotently.

Rows that exist are left alone, so labels an admin has edited survive every migration run;
only missing codes are inserted.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm.reference.models import Country, Discipline, FirmSize, Lab, Post, Stage, Theme


@cache
def shipped_reference() -> dict:
    """The reference.json copy that ships inside the package."""
    text = resources.files("crm.reference").joinpath("reference.json").read_text("utf-8")
    return json.loads(text)


def _rows(data: dict) -> list:
    rows: list = []
    rows += [
        Country(code=c["code"], name=c["name"], currency=c["currency"], focus=c["focus"])
        for c in data["countries"]
    ]
    rows += [
        Post(
            code=p["code"],
            country_code=p["country"],
            city=p["city"],
            kind=p["kind"],
            name=p["name"],
        )
        for p in data["posts"]
    ]
    rows += [
        Lab(code=lab["code"], country_code=lab["country"], name=lab["name"]) for lab in data["labs"]
    ]
    rows += [Theme(code=t["code"], label=t["label"]) for t in data["themes"]]
    rows += [Discipline(code=d["code"], label=d["label"]) for d in data["disciplines"]]
    rows += [
        FirmSize(code=s["code"], label=s["label"], position=i)
        for i, s in enumerate(data["firm_sizes"])
    ]
    rows += [
        Stage(
            code=s["code"],
            label=s["label"],
            probability=s["probability"],
            open=s["open"],
            position=i,
        )
        for i, s in enumerate(data["stages"])
    ]
    return rows


def load_reference_data(session: Session) -> int:
    """Insert the reference rows that are missing; returns how many were added."""
    added = 0
    for row in _rows(shipped_reference()):
        model = type(row)
        if session.scalar(select(model.code).where(model.code == row.code)) is None:
            session.add(row)
            added += 1
    session.flush()
    return added
