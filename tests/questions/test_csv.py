"""CSV export (streamed, BOM, the filtered list) and import (preview, job, all or nothing)."""

from __future__ import annotations

import csv
import io

from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from crm.audit.models import AuditEntry
from crm.core.csv_io import csv_lines, read_rows, safe_cell
from crm.extensions import db
from crm.jobs import worker
from crm.jobs.models import Job
from crm.questions.csv_io import check_row, guess_mapping
from crm.questions.jobs import JOB_KIND
from crm.questions.models import ImportDraft, Question

HEADER = "title;description;country;post;themes;estimated_value;owner_email;stage\n"


def _upload(client, text: str):
    # Encoded here, in memory: the test client would spool a large body to an unclosed file.
    boundary, body = encode_multipart(
        {"file": FileStorage(io.BytesIO(text.encode("utf-8")), "questions.csv")}
    )
    return client.post(
        "/questions/import",
        data=body,
        content_type=f"multipart/form-data; boundary={boundary}",
    )


def _start(client, text: str, columns: list[str]):
    assert _upload(client, text).status_code == 200
    draft = db.session.scalar(select(ImportDraft.id).order_by(ImportDraft.id.desc()))
    data = {"draft": str(draft)} | {f"column_{i}": c for i, c in enumerate(columns)}
    return client.post("/questions/import/start", data=data)


def test_export_streams_the_filtered_list_with_a_bom(client, login, make_user, make_question):
    make_question(title="Exported =SUM(A1)", themes=["health", "food"], estimated_value_minor=1234)
    make_question(title="Not this one", country="US")
    login(make_user("topteam"))
    response = client.get("/questions/export.csv?country=DE")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.is_streamed
    assert "attachment" in response.headers["Content-Disposition"]
    raw = response.get_data()
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 1
    assert rows[0]["title"] == "Exported =SUM(A1)"
    assert rows[0]["themes"] == "food;health" and rows[0]["estimated_value"] == "12.34"
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "question.export"))
    assert entry.after == {"country": "DE"}


def test_export_of_a_post_user_holds_only_their_posts_questions(
    client, login, make_user, make_question
):
    make_question(title="Ours", post_code="berlin-embassy")
    make_question(title="Someone else's", post_code="munich-cg")
    login(make_user("post"))
    text = client.get("/questions/export.csv").get_data().decode("utf-8-sig")
    assert "Ours" in text and "Someone else" not in text


def test_export_imports_back(client, login, make_user, make_question):
    bd = make_user("bd")
    make_question(title="Round trip", owner=bd, themes=["cities"], estimated_value_minor=99)
    login(bd)
    exported = client.get("/questions/export.csv").get_data().decode("utf-8-sig")
    header, _rows = read_rows(exported)
    mapping = guess_mapping(header)
    assert {"title", "description", "country", "themes", "owner_email"} <= set(mapping)
    response = _start(client, exported, mapping)
    assert response.status_code == 303


def test_import_previews_the_mapping_then_runs_as_a_job(client, login, make_user):
    bd = make_user("bd")
    login(bd)
    text = HEADER + "Bike lanes;Safer routes;DE;berlin-embassy;mobility;1500.50;;qualified\n"
    text += "Care robots;Ageing at home;DE;;ageing,health;;;\n"
    preview = _upload(client, text)
    assert preview.status_code == 200
    html = preview.get_data(as_text=True)
    assert "2 rows found" in html and "Bike lanes" in html
    assert '<option value="estimated_value" selected>' in html
    response = _start(client, text, guess_mapping(HEADER.strip().split(";")))
    assert response.status_code == 303
    job = db.session.scalar(select(Job).where(Job.kind == JOB_KIND))
    assert response.headers["Location"].endswith(f"/jobs/{job.id}")
    assert worker.run_one() == job.id
    db.session.expire_all()
    job = db.session.get(Job, job.id)
    assert job.status == "done" and job.result["imported"] == 2, job.error
    questions = db.session.scalars(select(Question).order_by(Question.id)).all()
    assert [q.title for q in questions] == ["Bike lanes", "Care robots"]
    first = questions[0]
    assert (first.stage_code, first.owner_id, first.source) == ("qualified", bd.id, "import")
    assert first.estimated_value_minor == 150_050 and first.version == 1
    assert [t.code for t in questions[1].themes] == ["ageing", "health"]
    assert first.stage_changes[0].from_stage is None
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "question.import"))
    found = client.get("/questions?q=robots", headers={"HX-Request": "true"})
    assert "Care robots" in found.get_data(as_text=True)


def test_import_reports_every_bad_row_and_imports_nothing(client, login, make_user):
    login(make_user("bd"))
    text = HEADER
    text += "Good;Fine;DE;;;;;\n"
    text += ";No title;DE;;;;;\n"
    text += "Wrong post;x;DE;shanghai-cg;;;;\n"
    text += "Bad value;x;DE;;nope;12,345.6;;won\n"
    text += "Other country;x;US;;;;;\n"
    response = _start(client, text, guess_mapping(HEADER.strip().split(";")))
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "4 rows have problems" in html
    for problem in (
        "required",
        "not in this country",
        "unknown code",
        "plain amount",
        "open stage",
        "your own country",
    ):
        assert problem in html
    assert db.session.scalar(select(func.count(Job.id))) == 0
    assert db.session.scalar(select(func.count(Question.id))) == 0


def test_import_job_is_all_or_nothing(app, make_user):
    from crm.jobs.service import enqueue

    bd = make_user("bd")
    mapping = guess_mapping(HEADER.strip().split(";"))
    text = HEADER + "Good;Fine;DE;;;;;\nBad;x;XX;;;;;\n"
    job = enqueue(JOB_KIND, bd, "Import", {"mapping": mapping}, text)
    db.session.commit()
    worker.run_one()
    db.session.expire_all()
    job = db.session.get(Job, job.id)
    assert job.status == "failed" and "line 3, country" in job.error
    assert db.session.scalar(select(func.count(Question.id))) == 0


def test_import_mapping_problems_and_unreadable_files(client, login, make_user):
    login(make_user("admin"))
    assert _upload(client, "").status_code == 422
    assert _upload(client, "title\n").status_code == 422
    text = "name;body\nA;B\n"
    response = _start(client, text, ["title", ""])
    assert response.status_code == 422
    assert "map a column to description" in response.get_data(as_text=True)


def test_csv_helpers():
    assert safe_cell("=1+1") == "'=1+1" and safe_cell("-12.5") == "-12.5" and safe_cell(None) == ""
    chunks = list(csv_lines([[1, "a"]], header=("id", "x")))
    assert "".join(chunks) == "\ufeffid,x\r\n1,a\r\n"
    header, rows = read_rows("a,b\n\n1,2\n")
    assert header == ["a", "b"] and rows == [(3, ["1", "2"])]
    assert guess_mapping(["Name", "Organization", "title", "Value"]) == [
        "title",
        "organisation",
        "",
        "estimated_value",
    ]


def test_check_row_converts_and_reports():
    from crm.questions.csv_io import ImportRefs

    refs = ImportRefs(
        currencies={"DE": "EUR", "US": "USD"},
        posts={"berlin-embassy": "DE"},
        themes=frozenset({"mobility", "health"}),
        disciplines=frozenset({"games"}),
        stages=frozenset({"sourced", "qualified"}),
        owners={"bd@x.example": (5, "DE")},
        allowed_countries=frozenset({"DE"}),
    )
    good = check_row(
        {
            "title": "T",
            "description": "D",
            "country": "de",
            "post": "berlin-embassy",
            "themes": "mobility; health",
            "estimated_value": "1 250,5",
            "owner_email": "BD@x.example",
            "expected_decision": "2026-05-04",
        },
        refs,
    )
    assert good.errors == []
    values = good.values
    assert (values["country"], values["currency"], values["owner_id"]) == ("DE", "EUR", 5)
    assert values["estimated_value_minor"] == 125_050 and values["themes"] == ["health", "mobility"]
    assert values["stage"] == "sourced"
    bad = check_row(
        {
            "title": "x" * 201,
            "country": "US",
            "owner_email": "bd@x.example",
            "expected_decision": "04-05-2026",
            "estimated_value": "1.234",
        },
        refs,
    )
    fields = {name for name, _message in bad.errors}
    assert fields == {
        "description",
        "title",
        "country",
        "owner_email",
        "expected_decision",
        "estimated_value",
    }


def test_a_large_file_goes_through_preview_and_start(client, login, make_user):
    login(make_user("bd"))
    rows = "".join(f"Question {n};{'Long description. ' * 5};DE;;;;;\n" for n in range(8000))
    text = HEADER + rows
    assert len(text.encode()) > 600_000  # more than a form field may carry
    response = _start(client, text, guess_mapping(HEADER.strip().split(";")))
    assert response.status_code == 303
    job = db.session.scalar(select(Job).where(Job.kind == JOB_KIND))
    assert job.input_text == text
    assert db.session.scalar(select(func.count(ImportDraft.id))) == 0


def test_a_draft_belongs_to_its_reader(client, login, make_user):
    login(make_user("bd"))
    _upload(client, HEADER + "A;B;DE;;;;;\n")
    draft = db.session.scalar(select(ImportDraft.id))
    login(make_user("bd"))
    data = {"draft": str(draft), "column_0": "title", "column_1": "description"}
    response = client.post("/questions/import/start", data=data | {"column_2": "country"})
    assert response.status_code == 303 and response.headers["Location"].endswith("/import")
    assert db.session.scalar(select(func.count(Job.id))) == 0
