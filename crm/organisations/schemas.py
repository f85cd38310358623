"""API schemas of organisations and contacts (pydantic) and the functions that fill them."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from crm.api.types import Code, Timestamp
from crm.organisations.models import Contact, Organisation

Kind = Literal[
    "municipality", "province", "company", "care-provider", "school", "university", "ngo", "other"
]


class OrganisationIn(BaseModel):
    """A new organisation; `country` and `name` are required. When organisations with a close
    name exist in the country the answer is 409, unless `confirm_new` is true."""

    model_config = ConfigDict(extra="forbid")

    country: Code
    name: str = Field(min_length=1, max_length=200)
    kind: Kind = "other"
    city: str = Field("", max_length=120)
    website: str | None = Field(None, max_length=300)
    notes: str = Field("", max_length=10_000)
    confirm_new: bool = False


class OrganisationPatch(BaseModel):
    """Changed fields plus the `version` that was read (stale: 409)."""

    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=1)
    country: Code | None = None
    name: str | None = Field(None, min_length=1, max_length=200)
    kind: Kind | None = None
    city: str | None = Field(None, max_length=120)
    website: str | None = Field(None, max_length=300)
    notes: str | None = Field(None, max_length=10_000)


class ContactIn(BaseModel):
    """A new contact person; `name` is required. Phone numbers are stored in E.164 (the
    organisation's country is assumed for numbers without a country code)."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=160)
    role: str = Field("", max_length=160)
    email: str = Field("", max_length=254)
    phone: str = Field("", max_length=40)
    language: str = Field("", max_length=8, description="ISO 639-1 code, such as de or zh")
    notes: str = Field("", max_length=5_000)


class ContactPatch(BaseModel):
    """Changed fields plus the `version` that was read (stale: 409)."""

    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=1)
    name: str | None = Field(None, min_length=1, max_length=160)
    role: str | None = Field(None, max_length=160)
    email: str | None = Field(None, max_length=254)
    phone: str | None = Field(None, max_length=40)
    language: str | None = Field(None, max_length=8)
    notes: str | None = Field(None, max_length=5_000)


class ContactOut(BaseModel):
    id: int
    version: int
    organisation_id: int
    name: str
    role: str
    email: str
    phone: str
    language: str
    notes: str
    erased: bool
    created_at: Timestamp
    updated_at: Timestamp


class ContactList(BaseModel):
    items: list[ContactOut]
    page: int
    per_page: int
    total: int


class OrganisationSummary(BaseModel):
    id: int
    version: int
    country: str
    name: str
    kind: str
    city: str
    website: str | None
    notes: str
    created_at: Timestamp
    updated_at: Timestamp


class OrganisationOut(OrganisationSummary):
    contacts: list[ContactOut]
    question_ids: list[int]


class OrganisationList(BaseModel):
    items: list[OrganisationSummary]
    page: int
    per_page: int
    total: int


def contact_json(contact: Contact) -> dict:
    return ContactOut(
        id=contact.id,
        version=contact.version,
        organisation_id=contact.organisation_id,
        name=contact.name,
        role=contact.role,
        email=contact.email,
        phone=contact.phone,
        language=contact.language,
        notes=contact.notes,
        erased=contact.erased,
        created_at=contact.created_at,
        updated_at=contact.updated_at,
    ).model_dump(mode="json")


def summary_json(organisation: Organisation) -> dict:
    return OrganisationSummary(
        id=organisation.id,
        version=organisation.version,
        country=organisation.country_code,
        name=organisation.name,
        kind=organisation.kind,
        city=organisation.city,
        website=organisation.website,
        notes=organisation.notes,
        created_at=organisation.created_at,
        updated_at=organisation.updated_at,
    ).model_dump(mode="json")


def organisation_json(organisation: Organisation, contacts: list, question_ids: list[int]) -> dict:
    """The organisation with the contacts and questions the caller may see."""
    return summary_json(organisation) | {
        "contacts": [contact_json(c) for c in contacts],
        "question_ids": question_ids,
    }
