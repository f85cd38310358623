"""The fee format pages everyone reads: plain words, the live calculator, versions, the list."""

from __future__ import annotations

import pytest

from crm.extensions import db
from crm.fees import service
from tests.factories.fees import standard_document

HTMX = {"HX-Request": "true"}


@pytest.fixture
def firm_member(client, login, make_user, make_firm):
    """A member of a real firm: fee formats are public to every signed-in user."""
    return login(make_user("firm", firm_id=make_firm().id))


def test_firm_member_opens_a_format_and_reads_it_in_plain_words(firm_member, make_fee_format):
    fmt = make_fee_format(name="Creative Lab standard")
    response = firm_member.get(f"/fee-formats/{fmt.id}")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "10% of the first €50,000.00" in page
    assert "7.5% of the next €200,000.00" in page
    assert "5% above €250,000.00" in page
    assert "Minimum fee: €1,500.00" in page
    assert "Cap: €40,000.00" in page
    assert "Business developer 70%, Lab 30%" in page
    assert f'hx-get="/fee-formats/{fmt.id}/quote"' in page
    assert "Retire this version" not in page


def test_firm_member_computes_the_fee_for_any_amount(firm_member, make_fee_format):
    fmt = make_fee_format()
    response = firm_member.get(f"/fee-formats/{fmt.id}/quote?amount=123456.78", headers=HTMX)
    assert response.status_code == 200
    fragment = response.get_data(as_text=True)
    assert fragment.lstrip().startswith('<div id="fee-quote"')
    assert "<html" not in fragment
    for text in ("€5,000.00", "€5,509.26", "€0.00", "€10,509.26", "€7,356.48", "€3,152.78"):
        assert text in fragment


def test_calculator_shows_minimum_and_cap(firm_member, make_fee_format):
    fmt = make_fee_format()
    low = firm_member.get(f"/fee-formats/{fmt.id}/quote?amount=100").get_data(as_text=True)
    assert "the minimum applies" in low
    assert "€1,500.00" in low
    high = firm_member.get(f"/fee-formats/{fmt.id}/quote?amount=9000000").get_data(as_text=True)
    assert "the cap applies" in high
    assert "€40,000.00" in high


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("-5", "must not be negative"),
        ("abc", "plain decimal number"),
        ("1.001", "at most 2 decimals"),
        ("1e3", "plain decimal number"),
        ("12,50", "plain decimal number"),
    ],
)
def test_invalid_amount_is_a_422_fragment_with_a_message(
    firm_member, make_fee_format, amount, message
):
    fmt = make_fee_format()
    response = firm_member.get(f"/fee-formats/{fmt.id}/quote", query_string={"amount": amount})
    assert response.status_code == 422
    fragment = response.get_data(as_text=True)
    assert 'id="amount-error"' in fragment
    assert message in fragment


def test_empty_amount_shows_the_hint(firm_member, make_fee_format):
    fmt = make_fee_format()
    response = firm_member.get(f"/fee-formats/{fmt.id}/quote?amount=")
    assert response.status_code == 200
    assert "Type an amount" in response.get_data(as_text=True)


def test_page_computes_without_javascript(firm_member, make_fee_format):
    fmt = make_fee_format()
    ok = firm_member.get(f"/fee-formats/{fmt.id}?amount=123456.78")
    assert ok.status_code == 200
    assert "€10,509.26" in ok.get_data(as_text=True)
    bad = firm_member.get(f"/fee-formats/{fmt.id}?amount=-1")
    assert bad.status_code == 422
    assert "must not be negative" in bad.get_data(as_text=True)


def test_plain_words_in_dutch(client, login, make_user, make_fee_format):
    login(make_user("firm", locale="nl"))
    fmt = make_fee_format()
    page = client.get(f"/fee-formats/{fmt.id}").get_data(as_text=True)
    assert "7,5%" in page
    assert "€\xa050.000,00" in page


def test_single_tier_format_reads_as_the_whole_amount(firm_member, make_fee_format):
    fmt = make_fee_format(tiers=[{"up_to": None, "rate": "8"}], minimum_fee=None, cap=None)
    page = firm_member.get(f"/fee-formats/{fmt.id}").get_data(as_text=True)
    assert "8% of the whole amount" in page
    assert "Minimum fee" not in page


def test_retired_and_older_versions_say_so(firm_member, make_fee_format):
    fmt = make_fee_format()
    service.revise_format(fmt, standard_document(name=fmt.name, cap="45000.00"), None)
    service.retire_format(fmt, None)
    db.session.commit()
    page = firm_member.get(f"/fee-formats/{fmt.id}").get_data(as_text=True)
    assert "This version is retired" in page
    assert "A newer version (v2)" in page


def test_versions_page_shows_what_changed(firm_member, make_fee_format):
    fmt = make_fee_format(name="Diffed")
    changed = standard_document(
        name="Diffed",
        cap="45000.00",
        tiers=[
            {"up_to": "50000.00", "rate": "10"},
            {"up_to": "300000.00", "rate": "7.5"},
            {"up_to": None, "rate": "5"},
        ],
        split=[
            {"party": "business_developer", "share": "60"},
            {"party": "lab", "share": "30"},
            {"party": "post", "share": "10"},
        ],
        notes=None,
    )
    service.revise_format(fmt, changed, None)
    db.session.commit()
    page = firm_member.get(f"/fee-formats/{fmt.id}/versions").get_data(as_text=True)
    assert "Changes from version 1:" in page
    assert "Cap: €40,000.00 → €45,000.00" in page
    assert "Tier 2: 7.5% up to €250,000.00 → 7.5% up to €300,000.00" in page
    assert "Split, Business developer: 70% → 60%" in page
    assert "Split, Post added: 10%" in page
    assert "Notes removed" in page
    assert "The first version." in page


def test_list_shows_each_format_once_with_its_versions(firm_member, make_fee_format):
    fmt = make_fee_format(name="Listed")
    service.revise_format(fmt, standard_document(name="Listed, renamed"), None)
    db.session.commit()
    make_fee_format(name="Other")
    page = firm_member.get("/fee-formats").get_data(as_text=True)
    assert "Listed, renamed" in page
    assert ">Listed<" not in page
    assert "2 versions" in page
    assert "Other" in page
    filtered = firm_member.get("/fee-formats?q=other").get_data(as_text=True)
    assert "Other" in filtered
    assert "Listed, renamed" not in filtered


def test_list_empty_states(firm_member, login, make_user, client):
    assert "No fee format is published yet" in firm_member.get("/fee-formats").get_data(
        as_text=True
    )
    assert "No fee format matches" in firm_member.get("/fee-formats?q=zzz").get_data(as_text=True)


@pytest.mark.parametrize("sort", ["name", "effective", "newest"])
def test_list_statement_count_is_fixed(
    client, login, make_user, make_fee_format, count_queries, sort
):
    login(make_user("admin"))
    counts = []
    for target in (5, 50):
        while _total_formats() < target:
            fmt = make_fee_format()
            service.revise_format(fmt, standard_document(name=fmt.name), None)
            db.session.commit()
        with count_queries() as counter:
            response = client.get(f"/fee-formats?sort={sort}")
        assert response.status_code == 200
        counts.append(counter.count)
    assert counts[0] == counts[1]


def _total_formats() -> int:
    from sqlalchemy import func, select

    from crm.fees.models import FeeFormat

    return db.session.scalar(select(func.count(func.distinct(FeeFormat.format_key))))
