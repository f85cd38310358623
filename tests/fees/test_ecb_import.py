"""Importing the ECB CSV files: in the background, with a report; existing rates are kept."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from crm.extensions import db
from crm.fees.ecb_import import import_ecb_text
from crm.fees.models import ExchangeRate
from crm.fees.money import ValidationError
from crm.fees.rates import rate_on
from crm.jobs.models import Job

DATA = Path(__file__).parent / "data"
DAILY = (DATA / "eurofxref-sample.csv").read_text()
HISTORY = (DATA / "eurofxref-hist-sample.csv").read_text()


def _count(currency: str | None = None) -> int:
    stmt = select(func.count(ExchangeRate.id))
    if currency:
        stmt = stmt.where(ExchangeRate.currency == currency)
    return db.session.scalar(stmt)


def test_daily_file(app):
    report = import_ecb_text(DAILY, None)
    assert report["inserted"] == report["read"] > 25
    assert report["first_day"] == report["last_day"] == "2026-03-31"
    assert rate_on("USD", date(2026, 3, 31)) == Decimal("1.0327")
    assert rate_on("IDR", date(2026, 4, 2)) == Decimal("17666.38")


def test_history_file_limited_to_currencies(app):
    report = import_ecb_text(HISTORY, None, {"USD", "CNY"})
    assert report["currencies"] == ["CNY", "USD"]
    assert _count() == report["inserted"] == _count("USD") + _count("CNY")
    assert _count("USD") == 84
    row = db.session.scalar(select(ExchangeRate).where(ExchangeRate.currency == "USD").limit(1))
    assert row.source == "ecb"


def test_existing_rates_are_kept_and_reported(app, make_exchange_rate):
    make_exchange_rate("USD", date(2026, 3, 31), "1.0327")  # equal to the file
    make_exchange_rate("USD", date(2026, 3, 30), "1.5")  # different from the file
    report = import_ecb_text(HISTORY, None, {"USD"})
    assert report["unchanged"] == 1
    assert report["conflicting"] == 1
    assert report["conflicts"] == [
        {"currency": "USD", "date": "2026-03-30", "stored": "1.5", "file": "1.0367"}
    ]
    assert report["inserted"] == 82
    assert rate_on("USD", date(2026, 3, 30)) == Decimal("1.5")
    again = import_ecb_text(HISTORY, None, {"USD"})
    assert again["inserted"] == 0
    assert again["unchanged"] == 83


def test_problems_are_reported_not_fatal(app):
    text = "Date,USD,CNY,\n2026-03-31,1.03,abc,\nnot a date,1,2,\n2026-03-30,N/A,7.9,\n"
    report = import_ecb_text(text, None)
    assert report["inserted"] == 2
    assert report["problems_total"] == 2
    assert {item["line"] for item in report["problems"]} == {2, 3}


def test_not_an_ecb_file_is_refused(app):
    with pytest.raises(ValidationError) as info:
        import_ecb_text("name,value\nx,1\n", None)
    assert "file" in info.value.fields


def test_progress_is_reported(app):
    calls = []
    import_ecb_text(HISTORY, None, None, lambda done, total: calls.append((done, total)))
    assert calls and calls[-1][0] == calls[-1][1]


@pytest.fixture
def admin(client, login, make_user):
    return login(make_user("admin"))


def test_upload_enqueues_a_job_and_the_worker_imports(admin):
    from crm.jobs.worker import execute, import_handlers

    import_handlers()  # what the worker does first: crm/fees/jobs.py registers the handler

    response = admin.post(
        "/exchange-rates/import",
        data={"file": (io.BytesIO(HISTORY.encode()), "eurofxref-hist.csv"), "currencies": "usd"},
        content_type="multipart/form-data",
    )
    assert response.status_code == 303
    job = db.session.scalar(select(Job).order_by(Job.id.desc()))
    assert response.headers["Location"].endswith(f"/jobs/{job.id}")
    assert job.kind == "fees.import_ecb"
    assert job.payload["currencies"] == ["USD"]
    status = execute(job.id)
    db.session.expire_all()
    job = db.session.get(Job, job.id)
    assert status == "done", job.error
    assert job.result["Added"] == 84
    assert _count("USD") == 84
    assert _count() == 84
    page = admin.get(f"/jobs/{job.id}").get_data(as_text=True)
    assert "Already recorded, equal" in page


def test_upload_that_is_not_a_csv_is_refused_beside_the_field(admin):
    response = admin.post(
        "/exchange-rates/import",
        data={"file": (io.BytesIO(b"\x89PNG\r\n\x1a\n\xff"), "x.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 422
    assert 'id="file-error"' in response.get_data(as_text=True)
    other = admin.post(
        "/exchange-rates/import",
        data={"file": (io.BytesIO(b"name,value\n"), "x.csv")},
        content_type="multipart/form-data",
    )
    assert other.status_code == 422
    missing = admin.post("/exchange-rates/import", data={}, content_type="multipart/form-data")
    assert missing.status_code == 422
    assert db.session.scalar(select(func.count(Job.id))) == 0
