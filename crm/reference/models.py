"""Reference tables, keyed by their stable codes (the codes of reference.json)."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, ForeignKey, Integer, String, Table
from sqlalchemy.orm import Mapped, mapped_column

from crm.extensions import db


class Country(db.Model):
    __tablename__ = "countries"

    code: Mapped[str] = mapped_column(String(2), primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    currency: Mapped[str] = mapped_column(String(3))
    focus: Mapped[bool] = mapped_column(Boolean, default=False)


class Post(db.Model):
    __tablename__ = "posts"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    country_code: Mapped[str] = mapped_column(ForeignKey("countries.code"), index=True)
    city: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(30))
    name: Mapped[str] = mapped_column(String(160))


class Lab(db.Model):
    __tablename__ = "labs"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    country_code: Mapped[str] = mapped_column(ForeignKey("countries.code"), index=True)
    name: Mapped[str] = mapped_column(String(160))


class Theme(db.Model):
    __tablename__ = "themes"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    label: Mapped[str] = mapped_column(String(160))


class Discipline(db.Model):
    __tablename__ = "disciplines"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    label: Mapped[str] = mapped_column(String(160))


class FirmSize(db.Model):
    __tablename__ = "firm_sizes"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    label: Mapped[str] = mapped_column(String(160))
    position: Mapped[int] = mapped_column(Integer, default=0)


class Stage(db.Model):
    __tablename__ = "stages"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    label: Mapped[str] = mapped_column(String(80))
    probability: Mapped[int] = mapped_column(Integer)
    open: Mapped[bool] = mapped_column(Boolean)
    position: Mapped[int] = mapped_column(Integer, default=0)


def reference_link_table(name: str, owner: str, owner_column: str, reference: str) -> Table:
    """An association table from an object to reference rows ("question_themes" ...).

    `owner` is the owner's table ("questions"), `owner_column` the link column
    ("question_id"), `reference` the reference table ("themes"); the code column is named
    after it ("theme_code"). Deleting the owner deletes its links.
    """
    code_column = reference.removesuffix("s") + "_code"
    return Table(
        name,
        db.metadata,
        Column(owner_column, ForeignKey(f"{owner}.id", ondelete="CASCADE"), primary_key=True),
        Column(code_column, ForeignKey(f"{reference}.code"), primary_key=True, index=True),
    )
