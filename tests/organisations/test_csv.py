"""CSV of organisations with their contacts: streamed export with a BOM, import as a job
(all or nothing, every bad row reported)."""

from __future__ import annotations

import io

from sqlalchemy import func, select

from crm.audit.models import AuditEntry
from crm.extensions import db
from crm.jobs import worker
from crm.jobs.models import Job
from crm.organisations.csv_io import EXPORT_COLUMNS, as_fields, header_problems
from crm.organisations.jobs import IMPORT_KIND
from crm.organisations.models import Contact, Organisation
from crm.organisations.service import find_by_name


def _upload(client, text: str):
    data = {"file": (io.BytesIO(text.encode("utf-8")), "organisations.csv")}
    return client.post("/organisations/import", data=data, content_type="multipart/form-data")


def _run_job() -> Job:
    job_id = worker.run_one()
    db.session.expire_all()
    return db.session.get(Job, job_id)


def test_export_has_one_row_per_contact_and_a_bom(
    client, login, make_user, make_organisation, make_contact
):
    org = make_organisation(name="Stadt Jena", city="Jena", kind="municipality")
    make_contact(org, name="Ute Berg", email="ute@jena.de")
    make_contact(org, name="Tom Lind", phone="+493641123456")
    make_organisation(name="=HYPERLINK(1)")  # no contacts, and a formula-looking name
    make_organisation("US", name="City of Denver")
    login(make_user("topteam"))
    response = client.get("/organisations/export.csv?country=DE")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    raw = response.get_data()
    assert raw.startswith("\ufeff".encode())
    lines = raw.decode("utf-8-sig").strip().splitlines()
    assert lines[0] == ",".join(EXPORT_COLUMNS)
    assert len(lines) == 4
    jena = [line for line in lines if "Stadt Jena" in line]
    assert len(jena) == 2 and all(",Jena," in line for line in jena)
    assert any("Ute Berg" in line for line in jena) and any("Tom Lind" in line for line in jena)
    assert any(",'=HYPERLINK(1)," in line for line in lines)
    assert "Denver" not in raw.decode("utf-8-sig")
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "organisation.export"))


def test_import_checks_rows_then_imports_all_as_a_job(client, login, make_user, make_organisation):
    existing = make_organisation(name="Stadt Erfurt GmbH")
    bd = make_user("bd")
    login(bd)
    text = (
        "country;organisation;kind;city;contact_name;contact_email;contact_phone;contact_language\n"
        "DE;Stadt Erfurt;municipality;Erfurt;Ina Roth;ina@erfurt.de;0361 6550;de\n"
        "DE;Diakonie Thüringen;care-provider;Eisenach;Paul Frey;;;\n"
        "DE;Diakonie Thüringen;care-provider;Eisenach;Mia Stern;mia@diakonie.de;;\n"
        "DE;Schule am See;school;Gera;;;;\n"
        "DE;Diakonie Thüringen;;;Paul Frey;;;\n"
    )
    response = _upload(client, text)
    assert response.status_code == 303
    job = db.session.scalar(select(Job).where(Job.kind == IMPORT_KIND))
    assert response.headers["Location"].endswith(f"/jobs/{job.id}")
    job = _run_job()
    assert job.status == "done", job.error
    assert job.result == {
        "organisations_created": 2,
        "organisations_reused": 1,
        "contacts_added": 3,
        "contacts_already_there": 1,
    }
    assert job.input_text is None  # no second copy of the personal data
    db.session.refresh(existing)
    assert [c.name for c in existing.contacts] == ["Ina Roth"]
    assert existing.contacts[0].phone == "+493616550"
    diakonie = find_by_name("DE", "Diakonie Thüringen")
    assert sorted(c.name for c in diakonie.contacts) == ["Mia Stern", "Paul Frey"]
    assert find_by_name("DE", "schule am see").contacts == []
    found = client.get("/organisations?q=stern", headers={"HX-Request": "true"})
    assert "Diakonie" in found.get_data(as_text=True)
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "organisation.import"))
    assert entry.after["contacts_added"] == 3


def test_import_reports_every_bad_row_and_imports_nothing(client, login, make_user):
    login(make_user("bd"))
    text = (
        "country,organisation,kind,website,contact_name,contact_email,contact_phone\n"
        "DE,Good one,school,,,,\n"
        "US,Other country,,,,,\n"
        "XX,Unknown,,,,,\n"
        "DE,,,,,,\n"
        "DE,Bad kind,castle,ftp://x,,,\n"
        "DE,Bad contact,,,Hans,hans@,12\n"
        "DE,No name,,,,x@y.de,\n"
    )
    response = _upload(client, text)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "6 of 7 rows have problems" in html
    for problem in ("your own country", "unknown country", "required", "one of", "http://",
                    "contact_email", "contact_phone", "contact_name"):  # fmt: skip
        assert problem in html
    assert db.session.scalar(select(func.count(Job.id))) == 0
    assert db.session.scalar(select(func.count(Organisation.id))) == 0


def test_unreadable_files_and_headers(client, login, make_user):
    login(make_user("admin"))
    assert _upload(client, "name;city\n").status_code == 422
    assert "organisation" in _upload(client, "city,kind\nX,Y\n").get_data(as_text=True)
    assert _upload(client, "country,organisation\n").status_code == 422
    response = client.post("/organisations/import", data={}, content_type="multipart/form-data")
    assert response.status_code == 422
    assert client.get("/organisations/import").status_code == 200


def test_import_job_is_all_or_nothing(app, make_user):
    from crm.jobs.service import enqueue

    admin = make_user("admin")
    text = "country,organisation\nDE,Fine org\nZZ,Bad org\n"
    enqueue(IMPORT_KIND, admin, "Import", {}, text)
    db.session.commit()
    job = _run_job()
    assert job.status == "failed" and "line 3, country" in job.error
    assert db.session.scalar(select(func.count(Organisation.id))) == 0
    assert db.session.scalar(select(func.count(Contact.id))) == 0


def test_export_imports_back(client, login, make_user, make_organisation, make_contact):
    org = make_organisation(name="Stadt Trier", kind="municipality")
    make_contact(org, name="Round Trip", email="rt@trier.de")
    admin = make_user("admin")
    login(admin)
    exported = client.get("/organisations/export.csv").get_data().decode("utf-8-sig")
    assert _upload(client, exported).status_code == 303
    job = _run_job()
    assert job.result["organisations_reused"] == 1 and job.result["contacts_already_there"] == 1


def test_headers_and_synonyms():
    assert header_problems(["Organization", "Country"]) == []
    assert header_problems(["name", "organisation", "country"]) == [
        "column organisation appears twice"
    ]
    assert as_fields(["Country", "Email", "junk"], ["DE", "a@b.de", "x"]) == {
        "country": "DE",
        "contact_email": "a@b.de",
    }
