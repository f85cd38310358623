"""Migration 0009 turns the organisation names on questions into organisation records and
keeps every link (SQLite; the same migration runs on PostgreSQL in CI's schema build)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

QUESTIONS = [
    # id, country, organisation name as typed on the question
    (1, "DE", "stadt münchen"),
    (2, "DE", "Stadt München"),
    (3, "DE", "Stadt  München"),
    (4, "US", "Stadt München"),
    (5, "DE", ""),
    (6, "CN", "上海梅雅设计有限公司"),
    (7, "CN", "上海梅雅设计"),
    (8, "DE", "Pflegewerk Berlin"),
    (9, "DE", "Stadt München GmbH"),
]


def _flask(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", *args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip


def _insert_questions(path: Path) -> None:
    with sqlite3.connect(path) as db:
        for qid, country, name in QUESTIONS:
            currency = {"DE": "EUR", "US": "USD", "CN": "CNY"}[country]
            db.execute(
                "INSERT INTO questions (id, title, description, country_code, organisation_name,"
                " currency, stage_code, next_step, source, created_at, updated_at, version)"
                " VALUES (?, ?, '', ?, ?, ?, 'sourced', '', 'bd', '2026-01-01 10:00:00',"
                " '2026-01-01 10:00:00', 1)",
                (qid, f"Question {qid}", country, name, currency),
            )
            db.execute(
                "INSERT INTO question_themes (question_id, theme_code) VALUES (?, 'health')", (qid,)
            )
            db.execute(
                "INSERT INTO question_stage_changes (question_id, from_stage, to_stage, at, note,"
                " reason) VALUES (?, NULL, 'sourced', '2026-01-01 10:00:00', '', '')",
                (qid,),
            )


def test_names_on_questions_become_linked_organisations(tmp_path):
    path = tmp_path / "migrate.sqlite3"
    env = {**os.environ, "CRM_ENV": "development", "SECRET_KEY": "x" * 32,
           "DATABASE_URL": f"sqlite:///{path}"}  # fmt: skip
    before = _flask("db", "upgrade", "0008_firms", env=env)
    assert before.returncode == 0, before.stderr
    _insert_questions(path)
    upgrade = _flask("db", "upgrade", env=env)
    assert upgrade.returncode == 0, upgrade.stderr
    with sqlite3.connect(path) as db:
        orgs = {
            oid: (country, name, key)
            for oid, country, name, key in db.execute(
                "SELECT id, country_code, name, name_key FROM organisations"
            )
        }
        links = dict(db.execute("SELECT id, organisation_id FROM questions"))
        columns = {row[1] for row in db.execute("PRAGMA table_info(questions)")}
        themes = db.execute("SELECT count(*) FROM question_themes").fetchone()[0]
        history = db.execute("SELECT count(*) FROM question_stage_changes").fetchone()[0]
        indexed = db.execute(
            "SELECT count(*) FROM search_documents WHERE kind = 'organisation'"
        ).fetchone()[0]
        problems = db.execute("PRAGMA foreign_key_check").fetchall()
    assert "organisation_name" not in columns and "organisation_id" in columns
    assert len(orgs) == 4 and indexed == 4
    assert links[1] == links[2] == links[3] == links[9] and links[5] is None
    assert orgs[links[1]] == ("DE", "Stadt München", "stadt munchen")  # the spelling most used
    assert orgs[links[4]] == ("US", "Stadt München", "stadt munchen")  # another country
    assert links[6] == links[7] and orgs[links[6]][:2] == ("CN", "上海梅雅设计有限公司")
    assert orgs[links[8]][1] == "Pflegewerk Berlin"
    assert themes == len(QUESTIONS) and history == len(QUESTIONS)  # nothing cascaded away
    assert problems == []
    check = _flask("db", "check", env=env)
    assert "No new upgrade operations detected" in check.stdout + check.stderr

    downgrade = _flask("db", "downgrade", "0008_firms", env=env)
    assert downgrade.returncode == 0, downgrade.stderr
    with sqlite3.connect(path) as db:
        names = dict(db.execute("SELECT id, organisation_name FROM questions"))
        themes = db.execute("SELECT count(*) FROM question_themes").fetchone()[0]
    assert names[1] == names[3] == "Stadt München" and names[5] == ""
    assert themes == len(QUESTIONS)
