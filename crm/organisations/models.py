"""Organisations (the local parties in a focus country) and their contact persons."""

from __future__ import annotations

from datetime import date, datetime

from flask_babel import gettext
from sqlalchemy import (
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from crm.extensions import db
from crm.reference.models import Country

# A question names any of its organisation's contact persons.
question_contacts = Table(
    "question_contacts",
    db.metadata,
    Column("question_id", ForeignKey("questions.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "contact_id", ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True, index=True
    ),
)


class Organisation(db.Model):
    __tablename__ = "organisations"
    __table_args__ = (Index("ix_organisations_country_key", "country_code", "name_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    country_code: Mapped[str] = mapped_column(ForeignKey("countries.code"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    # domain.name_key(name): how duplicates are found and names typed on questions resolved.
    name_key: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20), default="other", index=True)
    city: Mapped[str] = mapped_column(String(120), default="")
    website: Mapped[str | None] = mapped_column(String(300))
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    # Optimistic locking: every UPDATE of the row checks and increments it.
    version: Mapped[int] = mapped_column(Integer, default=1)

    country: Mapped[Country] = relationship(lazy="select")
    contacts: Mapped[list[Contact]] = relationship(
        back_populates="organisation",
        order_by="(Contact.name, Contact.id)",
        passive_deletes=True,
    )

    __mapper_args__ = {"version_id_col": version}

    def __repr__(self) -> str:
        return f"<Organisation {self.id} {self.country_code} {self.name!r}>"


class Contact(db.Model):
    """A contact person at an organisation: personal data (see crm.privacy)."""

    __tablename__ = "contacts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(160))
    role: Mapped[str] = mapped_column(String(160), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    # E.164 ("+4930123456"), or "".
    phone: Mapped[str] = mapped_column(String(20), default="")
    # ISO 639-1 code, or "".
    language: Mapped[str] = mapped_column(String(8), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    # Set when the person's data was erased (pseudonymised); the row stays for the links.
    erased_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    version: Mapped[int] = mapped_column(Integer, default=1)

    organisation: Mapped[Organisation] = relationship(back_populates="contacts")

    __mapper_args__ = {"version_id_col": version}

    @property
    def erased(self) -> bool:
        return self.erased_at is not None

    @property
    def display_name(self) -> str:
        """The name shown to people: an erased contact's stored pseudonym stays English
        (stable whoever erased it), and is shown in the reader's language."""
        if self.erased:
            return gettext("Erased contact #%(id)s", id=self.id)
        return self.name

    def __repr__(self) -> str:
        return f"<Contact {self.id} org {self.organisation_id}>"


class NextStepReminder(db.Model):
    """A next step's owner was notified that it is due: at most once per question and due
    date (`crm.organisations.reminders`)."""

    __tablename__ = "next_step_reminders"
    __table_args__ = (UniqueConstraint("question_id", "due_on"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    question_id: Mapped[int] = mapped_column(
        ForeignKey("questions.id", ondelete="CASCADE"), index=True
    )
    due_on: Mapped[date] = mapped_column(Date)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    sent_at: Mapped[datetime] = mapped_column(DateTime)
