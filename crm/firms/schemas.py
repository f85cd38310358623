"""API schemas of the firms feature (api.md: firms, portfolio items, files)."""

from __future__ import annotations

from typing import Annotated, Literal

from flask import url_for
from pydantic import BaseModel, ConfigDict, Field

from crm.api.types import Code, NotNull, Timestamp
from crm.firms.models import Firm, PortfolioFile, PortfolioItem

Visibility = Literal["programme", "firms"]


class FirmIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=160)
    kvk: str | None = Field(default=None, max_length=8)
    city: str = Field(min_length=1, max_length=80)
    website: str | None = Field(default=None, max_length=300)
    size: Code
    disciplines: list[Code] = Field(default_factory=list, max_length=50)
    languages: list[Code] = Field(default_factory=list, max_length=50)
    countries: list[Code] = Field(default_factory=list, max_length=250)
    description: str = Field(default="", max_length=5000)


class FirmPatch(BaseModel):
    """Changed fields plus the `version` that was read."""

    model_config = ConfigDict(extra="forbid")

    version: int
    name: Annotated[str, Field(min_length=1, max_length=160)] | NotNull = None
    kvk: str | None = Field(default=None, max_length=8)
    city: Annotated[str, Field(min_length=1, max_length=80)] | NotNull = None
    website: str | None = Field(default=None, max_length=300)
    size: Code | NotNull = None
    disciplines: list[Code] | None = Field(default=None, max_length=50)
    languages: list[Code] | None = Field(default=None, max_length=50)
    countries: list[Code] | None = Field(default=None, max_length=250)
    description: str | None = Field(default=None, max_length=5000)


class PortfolioItemIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=1, max_length=200)
    description: str = Field(min_length=1, max_length=10000)
    client: str = Field(default="", max_length=200)
    year: int | None = None
    country: Code | None = None
    themes: list[Code] = Field(default_factory=list, max_length=50)
    disciplines: list[Code] = Field(default_factory=list, max_length=50)
    public_link: str | None = Field(default=None, max_length=300)
    visibility: Visibility = "programme"


class FileOut(BaseModel):
    id: int
    kind: str
    content_type: str
    size_bytes: int
    name: str
    width: int | None
    height: int | None
    is_cover: bool
    url: str
    thumbnail_url: str | None

    @classmethod
    def of(cls, pf: PortfolioFile) -> FileOut:
        stored = pf.stored
        return cls(
            id=pf.id,
            kind=stored.kind,
            content_type=stored.content_type,
            size_bytes=stored.size_bytes,
            name=stored.original_name,
            width=stored.width,
            height=stored.height,
            is_cover=pf.is_cover,
            url=url_for("firms.file_original", file_id=pf.id),
            thumbnail_url=url_for("firms.file_thumb", file_id=pf.id) if stored.thumb_key else None,
        )


class PortfolioItemOut(BaseModel):
    id: int
    firm_id: int
    title: str
    description: str
    client: str
    year: int | None
    country: str | None
    themes: list[str]
    disciplines: list[str]
    public_link: str | None
    visibility: Visibility
    position: int
    files: list[FileOut]

    @classmethod
    def of(cls, item: PortfolioItem) -> PortfolioItemOut:
        return cls(
            id=item.id,
            firm_id=item.firm_id,
            title=item.title,
            description=item.description,
            client=item.client,
            year=item.year,
            country=item.country_code,
            themes=item.theme_codes,
            disciplines=item.discipline_codes,
            public_link=item.public_link,
            visibility=item.visibility,  # type: ignore[arg-type]
            position=item.position,
            files=[FileOut.of(f) for f in item.files],
        )


class FirmSummaryOut(BaseModel):
    id: int
    name: str
    kvk: str | None
    city: str
    website: str | None
    size: str
    disciplines: list[str]
    languages: list[str]
    countries: list[str]
    description: str
    version: int
    created_at: Timestamp
    updated_at: Timestamp

    @classmethod
    def fields_of(cls, firm: Firm) -> dict:
        return {
            "id": firm.id,
            "name": firm.name,
            "kvk": firm.kvk,
            "city": firm.city,
            "website": firm.website,
            "size": firm.size_code,
            "disciplines": firm.discipline_codes,
            "languages": list(firm.languages or []),
            "countries": firm.country_codes,
            "description": firm.description,
            "version": firm.version,
            "created_at": firm.created_at,
            "updated_at": firm.updated_at,
        }


class FirmOut(FirmSummaryOut):
    portfolio_items: list[PortfolioItemOut]


class FirmList(BaseModel):
    items: list[FirmSummaryOut]
    page: int
    per_page: int
    total: int


class FileCreated(FileOut):
    item_id: int
