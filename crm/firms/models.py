"""Firms, their portfolio items and the files attached to them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from crm.extensions import db
from crm.reference.models import Discipline, FirmSize, Theme, reference_link_table
from crm.uploads.models import StoredFile

firm_disciplines = reference_link_table("firm_disciplines", "firms", "firm_id", "disciplines")

portfolio_item_themes = reference_link_table(
    "portfolio_item_themes", "portfolio_items", "item_id", "themes"
)

portfolio_item_disciplines = reference_link_table(
    "portfolio_item_disciplines", "portfolio_items", "item_id", "disciplines"
)


class FirmCountry(db.Model):
    """A country where the firm has worked (ISO 3166 alpha-2, any country)."""

    __tablename__ = "firm_countries"

    firm_id: Mapped[int] = mapped_column(
        ForeignKey("firms.id", ondelete="CASCADE"), primary_key=True
    )
    country_code: Mapped[str] = mapped_column(String(2), primary_key=True, index=True)


class Firm(db.Model):
    __tablename__ = "firms"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(160), index=True)
    kvk: Mapped[str | None] = mapped_column(String(8), unique=True)
    city: Mapped[str] = mapped_column(String(80), index=True)
    website: Mapped[str | None] = mapped_column(String(300))
    size_code: Mapped[str] = mapped_column(ForeignKey("firm_sizes.code"), index=True)
    description: Mapped[str] = mapped_column(Text, default="")
    # ISO 639-1 codes of the languages the firm works in.
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())
    # Optimistic locking: every UPDATE checks and increments it (a lost update is refused).
    version: Mapped[int] = mapped_column(Integer, default=1)

    size: Mapped[FirmSize] = relationship()
    disciplines: Mapped[list[Discipline]] = relationship(
        secondary=firm_disciplines, order_by=Discipline.label
    )
    countries: Mapped[list[FirmCountry]] = relationship(
        cascade="all, delete-orphan", order_by=FirmCountry.country_code
    )
    items: Mapped[list[PortfolioItem]] = relationship(
        back_populates="firm",
        cascade="all, delete-orphan",
        order_by=lambda: [PortfolioItem.position, PortfolioItem.id],
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def country_codes(self) -> list[str]:
        return [c.country_code for c in self.countries]

    @property
    def discipline_codes(self) -> list[str]:
        return [d.code for d in self.disciplines]

    def __repr__(self) -> str:
        return f"<Firm {self.id} {self.name}>"


class PortfolioItem(db.Model):
    __tablename__ = "portfolio_items"
    __table_args__ = (Index("ix_portfolio_items_firm_position", "firm_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    firm_id: Mapped[int] = mapped_column(ForeignKey("firms.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    client: Mapped[str] = mapped_column(String(200), default="")
    year: Mapped[int | None] = mapped_column(Integer)
    country_code: Mapped[str | None] = mapped_column(String(2), index=True)
    public_link: Mapped[str | None] = mapped_column(String(300))
    # "programme": business developers, topteam, admins (and the firm); "firms": also other firms.
    visibility: Mapped[str] = mapped_column(String(10), default="programme", index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())

    firm: Mapped[Firm] = relationship(back_populates="items")
    themes: Mapped[list[Theme]] = relationship(
        secondary=portfolio_item_themes, order_by=Theme.label
    )
    disciplines: Mapped[list[Discipline]] = relationship(
        secondary=portfolio_item_disciplines, order_by=Discipline.label
    )
    files: Mapped[list[PortfolioFile]] = relationship(
        back_populates="item",
        cascade="all, delete-orphan",
        order_by=lambda: [PortfolioFile.position, PortfolioFile.id],
    )

    @property
    def cover(self) -> PortfolioFile | None:
        """The file marked as cover, else the first image."""
        images = [f for f in self.files if f.stored.kind == "image"]
        return next((f for f in images if f.is_cover), images[0] if images else None)

    @property
    def theme_codes(self) -> list[str]:
        return [t.code for t in self.themes]

    @property
    def discipline_codes(self) -> list[str]:
        return [d.code for d in self.disciplines]


class PortfolioFile(db.Model):
    __tablename__ = "portfolio_files"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("portfolio_items.id", ondelete="CASCADE"), index=True
    )
    stored_file_id: Mapped[int] = mapped_column(ForeignKey("stored_files.id"), unique=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    is_cover: Mapped[bool] = mapped_column(Boolean, default=False)

    item: Mapped[PortfolioItem] = relationship(back_populates="files")
    stored: Mapped[StoredFile] = relationship(lazy="joined")
