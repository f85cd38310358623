"""Stored files: what was kept of an accepted upload, and where."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, func
from sqlalchemy.orm import Mapped, mapped_column

from crm.extensions import db


class StoredFile(db.Model):
    """One accepted upload. The owner feature links to it and decides who may see it.

    `storage_key` and `thumb_key` are generated paths relative to `UPLOAD_DIR`; the user's own
    file name is kept only for display (`original_name`, sanitised) and never used on disk.
    """

    __tablename__ = "stored_files"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))  # "image" or "pdf"
    content_type: Mapped[str] = mapped_column(String(60))
    size_bytes: Mapped[int] = mapped_column(Integer)
    original_name: Mapped[str] = mapped_column(String(160))
    storage_key: Mapped[str] = mapped_column(String(120), unique=True)
    thumb_key: Mapped[str | None] = mapped_column(String(120))
    width: Mapped[int | None] = mapped_column(Integer)
    height: Mapped[int | None] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    uploaded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())

    @property
    def is_image(self) -> bool:
        return self.kind == "image"

    def __repr__(self) -> str:
        return f"<StoredFile {self.id} {self.kind} {self.storage_key}>"
