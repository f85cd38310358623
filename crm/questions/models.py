"""Questions (leads), their stage history, activity timeline and attachments."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    BigInteger,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from crm.auth.models import User
from crm.extensions import db
from crm.organisations.models import Contact, Organisation, question_contacts
from crm.reference.models import Country, Discipline, Post, Stage, Theme, reference_link_table

if TYPE_CHECKING:
    from crm.uploads.models import StoredFile

ACTIVITY_KINDS = ("note", "call", "meeting")

question_themes = reference_link_table("question_themes", "questions", "question_id", "themes")

question_disciplines = reference_link_table(
    "question_disciplines", "questions", "question_id", "disciplines"
)


class Question(db.Model):
    __tablename__ = "questions"
    __table_args__ = (Index("ix_questions_country_stage", "country_code", "stage_code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    country_code: Mapped[str] = mapped_column(ForeignKey("countries.code"), index=True)
    post_code: Mapped[str | None] = mapped_column(ForeignKey("posts.code"), index=True)
    # The local party asking (crm.organisations); its contacts are in `contacts`.
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"), index=True)
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    estimated_value_minor: Mapped[int | None] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    expected_decision: Mapped[date | None] = mapped_column(Date)
    stage_code: Mapped[str] = mapped_column(ForeignKey("stages.code"), index=True)
    # Set by the owner; cleared by every stage move (see domain.effective_probability).
    probability_override: Mapped[int | None] = mapped_column(Integer)
    next_step: Mapped[str] = mapped_column(String(300), default="")
    next_step_due: Mapped[date | None] = mapped_column(Date, index=True)
    source: Mapped[str] = mapped_column(String(10), default="bd")  # "bd", "post" or "import"
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    # Optimistic locking: every UPDATE of the row checks and increments it.
    version: Mapped[int] = mapped_column(Integer, default=1)

    country: Mapped[Country] = relationship(lazy="select")
    post: Mapped[Post | None] = relationship(lazy="select")
    organisation: Mapped[Organisation | None] = relationship(lazy="select")
    contacts: Mapped[list[Contact]] = relationship(
        secondary=question_contacts, order_by=(Contact.name, Contact.id), lazy="select"
    )
    owner: Mapped[User | None] = relationship(foreign_keys=[owner_id], lazy="select")
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id], lazy="select")
    stage: Mapped[Stage] = relationship(lazy="select")
    themes: Mapped[list[Theme]] = relationship(
        secondary=question_themes, order_by=Theme.code, lazy="select"
    )
    disciplines: Mapped[list[Discipline]] = relationship(
        secondary=question_disciplines, order_by=Discipline.code, lazy="select"
    )
    stage_changes: Mapped[list[StageChange]] = relationship(
        back_populates="question",
        order_by="StageChange.id",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )
    activities: Mapped[list[Activity]] = relationship(
        back_populates="question",
        order_by="(Activity.happened_on.desc(), Activity.id.desc())",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )
    attachments: Mapped[list[QuestionAttachment]] = relationship(
        back_populates="question",
        order_by="QuestionAttachment.id",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )

    __mapper_args__ = {"version_id_col": version}

    def __repr__(self) -> str:
        return f"<Question {self.id} {self.stage_code} v{self.version}>"


class StageChange(db.Model):
    """One move in a question's stage history; the first has no `from_stage`."""

    __tablename__ = "question_stage_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    question_id: Mapped[int] = mapped_column(
        ForeignKey("questions.id", ondelete="CASCADE"), index=True
    )
    from_stage: Mapped[str | None] = mapped_column(ForeignKey("stages.code"))
    to_stage: Mapped[str] = mapped_column(ForeignKey("stages.code"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    note: Mapped[str] = mapped_column(Text, default="")
    reason: Mapped[str] = mapped_column(Text, default="")

    question: Mapped[Question] = relationship(back_populates="stage_changes")
    by: Mapped[User | None] = relationship(lazy="select")


class Activity(db.Model):
    """A note, call or meeting on a question's timeline."""

    __tablename__ = "question_activities"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    question_id: Mapped[int] = mapped_column(
        ForeignKey("questions.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(10))
    happened_on: Mapped[date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime)

    question: Mapped[Question] = relationship(back_populates="activities")
    by: Mapped[User | None] = relationship(lazy="select")


class QuestionAttachment(db.Model):
    """A file on a question (a post's briefing, say), stored through crm.uploads."""

    __tablename__ = "question_attachments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    question_id: Mapped[int] = mapped_column(
        ForeignKey("questions.id", ondelete="CASCADE"), index=True
    )
    stored_file_id: Mapped[int] = mapped_column(ForeignKey("stored_files.id"), index=True)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime)

    question: Mapped[Question] = relationship(back_populates="attachments")
    stored_file: Mapped[StoredFile] = relationship(lazy="joined")
    uploaded_by: Mapped[User | None] = relationship(lazy="select")


class ImportDraft(db.Model):
    """A CSV file read for an import, kept between the column preview and the start.

    In the database (not in the form, nor on one worker's disk): files go well beyond the
    size of a form field, and any worker may serve the next step.
    """

    __tablename__ = "question_import_drafts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String(160), default="")
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime)
