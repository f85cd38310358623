"""The question list: filters, sorting, search as you type, HTMX fragments, fixed statements."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from crm.extensions import db
from crm.fees.models import ExchangeRate

HX = {"HX-Request": "true"}


def _rate(currency: str, millionths: int, day: date | None = None) -> None:
    db.session.add(
        ExchangeRate(currency=currency, day=day or date.today(), rate_millionths=millionths)
    )
    db.session.commit()


def test_list_filters_by_country_stage_theme_post_and_owner(
    client, login, make_user, make_question
):
    bd = make_user("bd")
    make_question(title="Alpha DE", owner=bd, themes=["mobility"], post_code="berlin-embassy")
    make_question(title="Bravo US", country="US", stage="proposal", post_code="newyork-cg")
    make_question(title="Charlie DE", stage="lost")
    login(make_user("topteam"))

    def titles(query: str) -> set[str]:
        html = client.get("/questions?" + query, headers=HX).get_data(as_text=True)
        return {t for t in ("Alpha DE", "Bravo US", "Charlie DE") if t in html}

    assert titles("") == {"Alpha DE", "Bravo US", "Charlie DE"}
    assert titles("country=DE") == {"Alpha DE", "Charlie DE"}
    assert titles("stage=proposal") == {"Bravo US"}
    assert titles("stage=open") == {"Alpha DE", "Bravo US"}
    assert titles("theme=mobility") == {"Alpha DE"}
    assert titles("post=newyork-cg") == {"Bravo US"}
    assert titles(f"owner={bd.id}") == {"Alpha DE"}
    assert titles("owner=none") == {"Bravo US", "Charlie DE"}
    assert titles("country=XX&stage=nope&owner=abc") == {"Alpha DE", "Bravo US", "Charlie DE"}


def test_full_text_search_ranks_and_combines_with_filters(client, login, make_user, make_question):
    make_question(title="Safer cycling routes", description="Fietsen naar school")
    make_question(title="Care homes", description="Elderly people cycling less")
    make_question(title="Cycling in Chicago", country="US")
    login(make_user("bd"))
    html = client.get("/questions?q=cycling&country=DE", headers=HX).get_data(as_text=True)
    assert "Safer cycling routes" in html and "Care homes" in html
    assert "Chicago" not in html
    assert html.index("Safer cycling routes") < html.index("Care homes")  # title ranks higher
    html = client.get("/questions?q=fiets", headers=HX).get_data(as_text=True)
    assert "Safer cycling routes" in html
    for nasty in ('"unbalanced', "NEAR(a b", "a*", "(x OR", "title:x", "-", "'; drop"):
        assert client.get("/questions", query_string={"q": nasty}).status_code == 200


@pytest.mark.parametrize(
    ("sort", "direction", "expected"),
    [
        ("updated", "desc", ["B", "C", "A"]),
        ("updated", "asc", ["A", "C", "B"]),
        ("value", "desc", ["C", "A", "B"]),
        ("decision", "asc", ["A", "C", "B"]),
        ("stage", "asc", ["A", "B", "C"]),
    ],
)
def test_sorting(client, login, make_user, make_question, sort, direction, expected):
    _rate("USD", 2_000_000)  # 1 EUR = 2 USD
    now = datetime(2026, 1, 10)
    make_question(
        title="Q-A",
        estimated_value_minor=100_000,
        updated_at=now,
        expected_decision=date(2026, 3, 1),
    )
    make_question(
        title="Q-B",
        stage="proposal",
        estimated_value_minor=None,
        updated_at=now + timedelta(days=2),
    )
    make_question(
        title="Q-C",
        country="US",
        stage="negotiation",
        estimated_value_minor=300_000,
        updated_at=now + timedelta(days=1),
        expected_decision=date(2026, 4, 1),
    )
    login(make_user("bd"))
    html = client.get(f"/questions?sort={sort}&dir={direction}", headers=HX).get_data(as_text=True)
    positions = [html.index(f"Q-{letter}") for letter in "ABC"]
    assert ["ABC"[i] for i in sorted(range(3), key=positions.__getitem__)] == expected


def test_value_is_shown_in_its_currency_and_in_eur(client, login, make_user, make_question):
    _rate("USD", 1_250_000)
    make_question(country="US", estimated_value_minor=1_000_000)  # USD 10,000.00
    make_question(country="CN", estimated_value_minor=500_000)  # no CNY rate
    login(make_user("bd"))
    html = client.get("/questions").get_data(as_text=True)
    assert "$10,000.00" in html and "€8,000.00" in html
    assert "no EUR rate" in html


def test_one_url_serves_page_and_fragment(client, login, make_user, make_question):
    make_question(title="Fragment me")
    login(make_user("bd"))
    page = client.get("/questions?q=fragment")
    assert "<html" in page.get_data(as_text=True) and "question-filters" in page.get_data(
        as_text=True
    )
    fragment = client.get("/questions?q=fragment", headers=HX)
    body = fragment.get_data(as_text=True)
    assert "<html" not in body and body.lstrip().startswith('<section id="question-results"')
    assert "Fragment me" in body
    assert "HX-Request" in fragment.headers["Vary"]
    restore = client.get(
        "/questions?q=fragment", headers=HX | {"HX-History-Restore-Request": "true"}
    )
    assert "<html" in restore.get_data(as_text=True)


def test_empty_states_say_what_to_do_next(client, login, make_user, make_question):
    login(make_user("bd"))
    assert "Log the first question" in client.get("/questions").get_data(as_text=True)
    login(make_user("post"))
    assert "Submit your post" in client.get("/questions").get_data(as_text=True)
    make_question()
    login(make_user("bd"))
    html = client.get("/questions?q=zebra").get_data(as_text=True)
    assert "No question matches these filters" in html and "Clear all filters" in html


def test_pagination(client, login, make_user, make_question):
    for n in range(12):
        make_question(title=f"Paged {n:02d}")
    login(make_user("bd"))
    html = client.get("/questions?per_page=10&page=2", headers=HX).get_data(as_text=True)
    assert "Page 2 of 2" in html and html.count("Paged ") == 2
    assert client.get("/questions?page=99").status_code == 200


def _count_list(client, count_queries, path: str) -> int:
    with count_queries() as counter:
        response = client.get(path)
    assert response.status_code == 200
    return counter.count


@pytest.mark.parametrize("query", ["", "q=question&sort=value", "country=DE&theme=mobility"])
def test_list_uses_a_fixed_number_of_statements(
    client, login, make_user, make_question, count_queries, query
):
    owners = [make_user("bd") for _ in range(3)]
    for n in range(5):
        make_question(
            owner=owners[n % 3],
            themes=["mobility", "health"],
            post_code="munich-cg",
            estimated_value_minor=1000 * n,
        )
    login(make_user("bd"))
    path = f"/questions?per_page=50&{query}"
    few = _count_list(client, count_queries, path)
    for n in range(45):
        make_question(
            owner=owners[n % 3],
            themes=["mobility"],
            post_code="berlin-embassy",
            estimated_value_minor=n,
        )
    many = _count_list(client, count_queries, path)
    assert few == many
    fragment_few = _count_list(client, count_queries, path.replace("per_page=50", "per_page=10"))
    assert fragment_few == many


def test_post_user_list_is_scoped(client, login, make_user, make_question):
    make_question(title="Berlin one", post_code="berlin-embassy")
    make_question(title="Munich one", post_code="munich-cg")
    login(make_user("post"))
    html = client.get("/questions?post=munich-cg").get_data(as_text=True)
    assert "Munich one" not in html
