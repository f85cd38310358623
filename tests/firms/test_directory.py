"""The firm directory: filters, full-text search, fragments, pagination, statement counts."""

from __future__ import annotations

import re

import pytest

from crm.extensions import db
from crm.firms.models import Firm


def _names(response) -> set[str]:
    return set(re.findall(r'<h3><a href="/firms/\d+">([^<]+)</a></h3>', response.text))


@pytest.fixture
def catalogue(make_firm, make_item, reindex):
    """Three firms with distinct disciplines, themes, cities, countries and portfolio text."""
    alpha = make_firm(name="Alpha Ontwerp", city="Delft", size_code="large",
                      disciplines=["architecture"], countries=["DE"])  # fmt: skip
    beta = make_firm(name="Beta Games", city="Groningen", size_code="freelancer",
                     disciplines=["games"])  # fmt: skip
    gamma = make_firm(name="Gamma Media", city="Delft", size_code="small")
    make_item(firm=alpha, themes=["mobility"], title="Bicycle parking tower",
              visibility="firms", country_code="CN")  # fmt: skip
    make_item(firm=beta, themes=["ageing"], disciplines=["architecture"],
              title="Secret elderly care prototype", visibility="programme")  # fmt: skip
    make_item(firm=gamma, themes=["health"], title="Healthy canteen campaign", visibility="firms")
    reindex(alpha, beta, gamma)
    return alpha, beta, gamma


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("discipline=architecture", {"Alpha Ontwerp", "Beta Games"}),  # firm or visible item
        ("theme=mobility", {"Alpha Ontwerp"}),
        ("theme=ageing", {"Beta Games"}),
        ("size=freelancer", {"Beta Games"}),
        ("city=delft", {"Alpha Ontwerp", "Gamma Media"}),
        ("country=DE", {"Alpha Ontwerp"}),
        ("country=cn", {"Alpha Ontwerp"}),
        ("city=Delft&size=small", {"Gamma Media"}),
        ("q=bicycle", {"Alpha Ontwerp"}),
        ("q=canteen&city=Delft", {"Gamma Media"}),
        ("q=games", {"Beta Games"}),
        ("q=elderly", {"Beta Games"}),
        ("q=nothing+like+this", set()),
        ("size=%27%3B+drop+table", set()),
        ("page=abc&sort=evil", {"Alpha Ontwerp", "Beta Games", "Gamma Media"}),
    ],
)
def test_business_developer_filters_and_searches_the_directory(
    query, expected, catalogue, client, login, make_user
):
    login(make_user("bd"))
    response = client.get(f"/firms?{query}")
    assert response.status_code == 200
    assert _names(response) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("theme=ageing", set()),  # only a programme-only item has it
        ("q=elderly", set()),  # programme-only text is not searchable by other firms
        ("q=canteen", {"Gamma Media"}),
        ("discipline=architecture", {"Alpha Ontwerp"}),
    ],
)
def test_other_firms_never_find_a_firm_through_programme_only_items(
    query, expected, catalogue, client, login, make_user
):
    login(make_user("firm"))
    assert _names(client.get(f"/firms?{query}")) == expected


def test_htmx_request_gets_only_the_results_fragment(catalogue, client, login, make_user):
    login(make_user("topteam"))
    response = client.get("/firms?q=bicycle", headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<section id="firm-results"')
    assert "<html" not in response.text
    assert "HX-Request" in response.headers["Vary"]
    restore = client.get(
        "/firms?q=bicycle", headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
    )
    assert "<html" in restore.text


def test_directory_is_paginated_with_an_empty_state(client, login, make_user, make_firm):
    for n in range(30):
        make_firm(name=f"Firm {n:02d}")
    login(make_user("admin"))
    first = client.get("/firms")
    assert len(_names(first)) == 24 and 'rel="next"' in first.text
    second = client.get("/firms?page=2")
    assert len(_names(second)) == 6
    assert "No firm matches these filters." in client.get("/firms?city=Nowhere").text


def _firms_with_covers(n, make_firm, make_item, make_portfolio_file):
    for i in range(n):
        item = make_item(firm=make_firm(disciplines=["games", "architecture"]), visibility="firms")
        if i % 2 == 0:
            make_portfolio_file(item=item)


@pytest.mark.parametrize("role", ["bd", "firm"])
def test_directory_runs_the_same_statements_for_5_and_20_firms(
    role, client, login, make_user, make_firm, make_item, make_portfolio_file, count_queries
):
    login(make_user(role))
    counts = []
    for n in (5, 15):
        _firms_with_covers(n, make_firm, make_item, make_portfolio_file)
        with count_queries() as counter:
            response = client.get("/firms?discipline=games")
        assert response.status_code == 200
        counts.append(counter.count)
    assert counts[0] == counts[1]


def test_firm_gallery_runs_the_same_statements_for_3_and_12_items(
    client, login, make_user, make_firm, make_item, make_portfolio_file, count_queries
):
    login(make_user("bd"))
    firm = make_firm()
    counts = []
    for n in (3, 9):
        for _ in range(n):
            make_portfolio_file(item=make_item(firm=firm, themes=["health", "food"]))
        with count_queries() as counter:
            response = client.get(f"/firms/{firm.id}")
        assert response.status_code == 200
        counts.append(counter.count)
    assert counts[0] == counts[1]
    assert len(db.session.get(Firm, firm.id).items) == 12


def test_changes_through_the_api_are_searchable_at_once(client, login, make_user):
    member = make_user("firm")
    login(member)
    url = f"/api/v1/firms/{member.firm_id}"
    client.patch(url, json={"version": 1, "description": "We build zeppelins."})
    item = client.post(
        f"{url}/portfolio-items",
        json={"title": "Harbour xylophone", "description": "Sound art.", "visibility": "firms"},
    ).json
    login(make_user("firm"))
    assert client.get("/api/v1/firms?q=zeppelins").json["total"] == 1
    assert client.get("/api/v1/firms?q=xylophone").json["total"] == 1
    login(member)
    client.post(
        f"/portfolio-items/{item['id']}/edit",
        data={"title": "Harbour xylophone", "description": "Sound art.", "visibility": "programme"},
    )
    login(make_user("firm"))
    assert client.get("/api/v1/firms?q=xylophone").json["total"] == 0
    login(make_user("bd"))
    assert client.get("/api/v1/firms?q=xylophone").json["total"] == 1
