"""The fee calculator, and background jobs whose progress bar runs to the end."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.support import sign_in

pytestmark = pytest.mark.e2e

ECB_SAMPLE = Path(__file__).resolve().parents[1] / "fees" / "data" / "eurofxref-hist-sample.csv"


def test_fee_calculator_updates_as_a_firm_types(page, problems):
    sign_in(page, "firm1")
    page.goto("/fee-formats")
    page.locator("main table a[href*='/fee-formats/']").first.click()
    expect(page.get_by_role("heading", name="Calculator")).to_be_visible()
    page.evaluate("window.__e2eSameDocument = true")

    amount = page.get_by_label("Contract value in EUR, excluding VAT")
    quote = page.locator("#fee-quote")
    amount.press_sequentially("250000")
    expect(quote.get_by_role("table").first).to_contain_text("Fee for")
    expect(quote.locator("tbody tr").first).to_be_visible()
    expect(quote.locator("tr.fee-total")).to_contain_text("€")
    first_fee = quote.locator("tr.fee-total").inner_text()

    amount.fill("1000000")
    expect(quote.locator("tr.fee-total")).not_to_have_text(first_fee)

    amount.fill("")
    amount.press_sequentially("-5")
    error = page.locator("#amount-error")
    expect(error).to_be_visible()
    expect(error).not_to_be_empty()
    expect(quote.locator("tr.fee-total")).to_have_count(0)
    assert page.evaluate("window.__e2eSameDocument === true")
    problems.assert_clean(page)


def _job_runs_to_the_end(page) -> None:
    status = page.locator("#job-status")
    expect(status.locator(".badge")).to_have_text("done", timeout=60_000)
    bar = status.locator("progress")
    expect(bar).to_have_attribute("max", re.compile(r"^\d+$"))
    assert bar.get_attribute("value") == bar.get_attribute("max")
    expect(status.get_by_role("heading", name="Result")).to_be_visible()


def test_admin_self_check_progress_reaches_the_end(page, problems):
    sign_in(page, "admin")
    page.goto("/jobs")
    page.get_by_role("button", name="Run a self-check").click()
    expect(page).to_have_url(re.compile(r"/jobs/\d+$"))
    page.evaluate("window.__e2eSameDocument = true")
    _job_runs_to_the_end(page)
    result = page.locator("#job-status .job-result")
    expect(result.locator("dt", has_text="steps").locator("+ dd")).to_have_text("20")
    expect(result.locator("dt", has_text="database").locator("+ dd")).to_have_text("sqlite")
    assert page.evaluate("window.__e2eSameDocument === true"), "the status was not polled"
    problems.assert_clean(page)


def test_admin_imports_ecb_rates_in_the_background(page, problems):
    sign_in(page, "admin")
    page.goto("/exchange-rates")
    page.get_by_role("button", name="Import an ECB file").click()
    page.get_by_label("ECB CSV file (daily or historical)").set_input_files(ECB_SAMPLE)
    page.get_by_label(re.compile(r"^Currencies")).fill("USD CNY")
    page.get_by_role("button", name="Start the import").click()
    expect(page).to_have_url(re.compile(r"/jobs/\d+$"))
    _job_runs_to_the_end(page)
    result = page.locator("#job-status .job-result")
    expect(result.locator("dt", has_text="Currencies").locator("+ dd")).to_have_text("CNY USD")
    expect(result.locator("dt", has_text="Rates in the file").locator("+ dd")).to_have_text(
        re.compile(r"^[1-9]\d*$")
    )
    problems.assert_clean(page)
