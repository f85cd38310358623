"""organisations: organisations, contacts and the contacts a question names; the organisation
names on questions become organisation records

Revision ID: 0009_organisations
Revises: 0008_firms

Every question that named an organisation keeps it: one organisation is created per distinct
(country, name key) found on questions (the key folds case, accents, punctuation and legal
suffixes, `crm.organisations.domain.name_key`), named with the spelling used most often,
indexed for search, and `questions.organisation_id` points at it. Then the column
`questions.organisation_name` is dropped. The downgrade writes the names back.

Two pure functions of the app are imported (`name_key`, and `document_terms` of the search
service) so that the records match what the app itself would create.
"""

from collections import Counter, defaultdict
from contextlib import contextmanager
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0009_organisations"
down_revision = "0008_firms"
branch_labels = None
depends_on = None


def _fk(table, column, target, ondelete=None):
    ref_table = target.split(".")[0]
    return sa.ForeignKeyConstraint(
        [column], [target], name=f"fk_{table}_{column}_{ref_table}", ondelete=ondelete
    )


def _create_tables():
    op.create_table(
        "organisations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("country_code", sa.String(length=2), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("name_key", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("city", sa.String(length=120), nullable=False),
        sa.Column("website", sa.String(length=300), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        _fk("organisations", "country_code", "countries.code"),
        sa.PrimaryKeyConstraint("id", name="pk_organisations"),
    )
    op.create_index("ix_organisations_country_code", "organisations", ["country_code"])
    op.create_index("ix_organisations_kind", "organisations", ["kind"])
    op.create_index("ix_organisations_updated_at", "organisations", ["updated_at"])
    op.create_index("ix_organisations_country_key", "organisations", ["country_code", "name_key"])

    op.create_table(
        "contacts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=160), nullable=False),
        sa.Column("role", sa.String(length=160), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("erased_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        _fk("contacts", "organisation_id", "organisations.id", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_contacts"),
    )
    op.create_index("ix_contacts_organisation_id", "contacts", ["organisation_id"])

    op.create_table(
        "question_contacts",
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        _fk("question_contacts", "question_id", "questions.id", "CASCADE"),
        _fk("question_contacts", "contact_id", "contacts.id", "CASCADE"),
        sa.PrimaryKeyConstraint("question_id", "contact_id", name="pk_question_contacts"),
    )
    op.create_index("ix_question_contacts_contact_id", "question_contacts", ["contact_id"])

    op.create_table(
        "next_step_reminders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("sent_at", sa.DateTime(), nullable=False),
        _fk("next_step_reminders", "question_id", "questions.id", "CASCADE"),
        _fk("next_step_reminders", "user_id", "users.id", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name="pk_next_step_reminders"),
        sa.UniqueConstraint(
            "question_id", "due_on", name="uq_next_step_reminders_question_id_due_on"
        ),
    )
    op.create_index("ix_next_step_reminders_question_id", "next_step_reminders", ["question_id"])


@contextmanager
def _rebuilding_questions():
    """SQLite rebuilds `questions` to change its constraints: copy, DROP, rename. With foreign
    keys enforced, that DROP would delete the themes, history, activities and attachments of
    every question (ON DELETE CASCADE). SQLite's documented procedure turns enforcement off
    around the rebuild (only possible outside a transaction) and checks the result."""
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    if sqlite:
        bind.exec_driver_sql("COMMIT")
        bind.exec_driver_sql("PRAGMA foreign_keys=OFF")
        bind.exec_driver_sql("BEGIN IMMEDIATE")
    yield
    if sqlite:
        problems = bind.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise RuntimeError(f"foreign key problems after rebuilding questions: {problems[:5]}")
        bind.exec_driver_sql("COMMIT")
        bind.exec_driver_sql("PRAGMA foreign_keys=ON")
        bind.exec_driver_sql("BEGIN IMMEDIATE")


def _tables():
    meta = sa.MetaData()
    questions = sa.Table(
        "questions",
        meta,
        sa.Column("id", sa.Integer),
        sa.Column("country_code", sa.String),
        sa.Column("organisation_name", sa.String),
        sa.Column("organisation_id", sa.Integer),
    )
    organisations = sa.Table(
        "organisations",
        meta,
        *(sa.Column(name, sa.String) for name in ("country_code", "name", "name_key", "kind")),
        *(sa.Column(name, sa.String) for name in ("city", "website", "notes")),
        sa.Column("id", sa.Integer),
        sa.Column("created_at", sa.DateTime),
        sa.Column("updated_at", sa.DateTime),
        sa.Column("version", sa.Integer),
    )
    documents = sa.Table(
        "search_documents",
        meta,
        sa.Column("kind", sa.String),
        sa.Column("object_id", sa.Integer),
        sa.Column("title_terms", sa.Text),
        sa.Column("body_terms", sa.Text),
    )
    return questions, organisations, documents


def _names_to_organisations():
    """One organisation per (country, name key) named on questions; link every question."""
    from crm.organisations.domain import name_key
    from crm.search.text import document_terms

    bind = op.get_bind()
    questions, organisations, documents = _tables()
    groups = defaultdict(list)
    rows = bind.execute(
        sa.select(questions.c.id, questions.c.country_code, questions.c.organisation_name)
        .where(questions.c.organisation_name != "")
        .order_by(questions.c.id)
    )
    for question_id, country, name in rows:
        name = " ".join((name or "").split())
        if name:
            groups[(country, name_key(name))].append((question_id, name))
    if not groups:
        return
    now = datetime.now(UTC).replace(tzinfo=None)
    new = []
    for (country, key), members in groups.items():
        spellings = Counter(name for _id, name in members)
        first_seen = {}
        for position, (_id, spelling) in enumerate(members):
            first_seen.setdefault(spelling, position)
        # the most used spelling; among equals, the one on the oldest question
        name = max(spellings, key=lambda n: (spellings[n], -first_seen[n]))
        new.append({"country_code": country, "name": name[:200], "name_key": key, "kind": "other",
                    "city": "", "website": None, "notes": "", "created_at": now,
                    "updated_at": now, "version": 1})  # fmt: skip
    bind.execute(organisations.insert(), new)
    ids = {
        (country, key): org_id
        for org_id, country, key in bind.execute(
            sa.select(organisations.c.id, organisations.c.country_code, organisations.c.name_key)
        )
    }
    bind.execute(
        questions.update()
        .where(questions.c.id == sa.bindparam("question_id"))
        .values(organisation_id=sa.bindparam("org_id")),
        [
            {"question_id": question_id, "org_id": ids[group]}
            for group, members in groups.items()
            for question_id, _name in members
        ],
    )
    bind.execute(
        documents.insert(),
        [
            {
                "kind": "organisation",
                "object_id": ids[(row["country_code"], row["name_key"])],
                "title_terms": document_terms(row["name"]),
                "body_terms": "",
            }  # fmt: skip
            for row in new
        ],
    )


def upgrade():
    _create_tables()
    op.add_column("questions", sa.Column("organisation_id", sa.Integer(), nullable=True))
    _names_to_organisations()
    with _rebuilding_questions():
        with op.batch_alter_table("questions") as batch_op:
            batch_op.create_foreign_key(
                "fk_questions_organisation_id_organisations",
                "organisations",
                ["organisation_id"],
                ["id"],
            )
            batch_op.create_index("ix_questions_organisation_id", ["organisation_id"])
            batch_op.drop_column("organisation_name")


def _organisations_to_names():
    bind = op.get_bind()
    questions, organisations, _documents = _tables()
    names = dict(bind.execute(sa.select(organisations.c.id, organisations.c.name)).all())
    linked = bind.execute(
        sa.select(questions.c.id, questions.c.organisation_id).where(
            questions.c.organisation_id.is_not(None)
        )
    ).all()
    if linked:
        bind.execute(
            questions.update()
            .where(questions.c.id == sa.bindparam("question_id"))
            .values(organisation_name=sa.bindparam("name")),
            [{"question_id": qid, "name": names[oid]} for qid, oid in linked],
        )


def downgrade():
    op.add_column(
        "questions",
        sa.Column("organisation_name", sa.String(length=200), nullable=False, server_default=""),
    )
    _organisations_to_names()
    op.execute("DELETE FROM search_documents WHERE kind = 'organisation'")
    with _rebuilding_questions():
        with op.batch_alter_table("questions") as batch_op:
            batch_op.alter_column("organisation_name", server_default=None)
            batch_op.drop_index("ix_questions_organisation_id")
            batch_op.drop_constraint(
                "fk_questions_organisation_id_organisations", type_="foreignkey"
            )
            batch_op.drop_column("organisation_id")
    op.drop_table("next_step_reminders")
    op.drop_table("question_contacts")
    op.drop_table("contacts")
    op.drop_table("organisations")
