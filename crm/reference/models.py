"""Reference tables, keyed by their stable codes (the codes of reference.json)."""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, Integer, String
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
