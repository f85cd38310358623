"""One row per searchable object: its kind, its id and its analysed text.

The full-text index itself is not mapped here, because it differs per engine (created by the
migration `0005_search`):

- SQLite: the FTS5 table `search_fts` (external content over this table), kept in sync by
  triggers on *this* table, so every write path (ORM, executemany, upsert) updates it.
- PostgreSQL: the generated column `terms_fts` (a weighted `tsvector`) with a GIN index.

Both names contain `_fts`, which `migrations/env.py` leaves out of autogenerate and
`flask db check`.
"""

from __future__ import annotations

from sqlalchemy import Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from crm.extensions import db


class SearchDocument(db.Model):
    __tablename__ = "search_documents"
    __table_args__ = (UniqueConstraint("kind", "object_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    object_id: Mapped[int] = mapped_column(Integer)
    # Folded, stemmed terms (crm.search.text.document_terms), not the original text.
    title_terms: Mapped[str] = mapped_column(Text, default="")
    body_terms: Mapped[str] = mapped_column(Text, default="")
