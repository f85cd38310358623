"""search: search_documents plus the engine's full-text index

SQLite: an external-content FTS5 table `search_fts` over `search_documents`, kept in sync by
triggers on `search_documents` (the search service's own table, never another feature's).
PostgreSQL: a generated, weighted `tsvector` column `terms_fts` with a GIN index.
Both use the text already folded and stemmed in Python (crm/search/text.py), so the engines
only split on spaces and behave alike. Names containing `_fts` are skipped by
`migrations/env.py` in autogenerate and `flask db check`.

Revision ID: 0005_search
Revises: 0004_uploads
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0005_search"
down_revision = "0004_uploads"
branch_labels = None
depends_on = None

SQLITE_FTS = [
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        kind, title_terms, body_terms,
        content='search_documents', content_rowid='id',
        tokenize="unicode61 remove_diacritics 0 tokenchars '_'",
        prefix='2 3'
    )""",
    """CREATE TRIGGER search_documents_fts_ai AFTER INSERT ON search_documents BEGIN
        INSERT INTO search_fts(rowid, kind, title_terms, body_terms)
        VALUES (new.id, new.kind, new.title_terms, new.body_terms);
    END""",
    """CREATE TRIGGER search_documents_fts_ad AFTER DELETE ON search_documents BEGIN
        INSERT INTO search_fts(search_fts, rowid, kind, title_terms, body_terms)
        VALUES ('delete', old.id, old.kind, old.title_terms, old.body_terms);
    END""",
    """CREATE TRIGGER search_documents_fts_au AFTER UPDATE ON search_documents BEGIN
        INSERT INTO search_fts(search_fts, rowid, kind, title_terms, body_terms)
        VALUES ('delete', old.id, old.kind, old.title_terms, old.body_terms);
        INSERT INTO search_fts(rowid, kind, title_terms, body_terms)
        VALUES (new.id, new.kind, new.title_terms, new.body_terms);
    END""",
]

PG_VECTOR = (
    "setweight(to_tsvector('simple'::regconfig, title_terms), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, body_terms), 'B')"
)


def upgrade():
    op.create_table(
        "search_documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("object_id", sa.Integer(), nullable=False),
        sa.Column("title_terms", sa.Text(), nullable=False),
        sa.Column("body_terms", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_documents")),
        sa.UniqueConstraint(
            "kind", "object_id", name=op.f("uq_search_documents_kind_object_id")
        ),
    )
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for statement in SQLITE_FTS:
            op.execute(statement)
    elif dialect == "postgresql":
        op.add_column(
            "search_documents",
            sa.Column(
                "terms_fts",
                postgresql.TSVECTOR(),
                sa.Computed(PG_VECTOR, persisted=True),
                nullable=False,
            ),
        )
        op.create_index(
            "ix_search_documents_terms_fts",
            "search_documents",
            ["terms_fts"],
            postgresql_using="gin",
        )


def downgrade():
    if op.get_bind().dialect.name == "sqlite":
        for name in ("ai", "ad", "au"):
            op.execute(f"DROP TRIGGER IF EXISTS search_documents_fts_{name}")
        op.execute("DROP TABLE IF EXISTS search_fts")
    op.drop_table("search_documents")
