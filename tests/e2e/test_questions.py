"""Questions in the browser: search as you type, the form, the timeline, the board."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.support import sign_in

pytestmark = pytest.mark.e2e

COUNT = re.compile(r"^\d+ questions?")


def _mark_document(page) -> None:
    """Set a flag that only survives as long as the document is not reloaded."""
    page.evaluate("window.__e2eSameDocument = true")


def _same_document(page) -> bool:
    return page.evaluate("window.__e2eSameDocument === true")


def test_search_as_you_type_updates_results_and_back_restores(page, problems):
    sign_in(page, "bd.cn")
    page.goto("/questions")
    results = page.locator("#question-results")
    count = results.locator("p.muted").first
    expect(count).to_have_text(COUNT)
    full_count = count.inner_text().split("·")[0].strip()
    title = results.locator("tbody a").nth(2).inner_text().strip()
    _mark_document(page)

    search = page.get_by_label("Search title, description, organisation and notes")
    search.fill("zzqxnothing")
    expect(results.get_by_text("No question matches these filters.")).to_be_visible()
    expect(page).to_have_url(re.compile(r"[?&]q=zzqxnothing"))

    search.fill(title)
    expect(results.get_by_role("link", name=title).first).to_be_visible()
    expect(page).to_have_url(re.compile(r"[?&]q=" + re.escape(title.split()[0])))
    expect(count).not_to_have_text(full_count)
    assert _same_document(page), "the search reloaded the page instead of swapping the results"

    page.go_back()
    expect(page).to_have_url(re.compile(r"[?&]q=zzqxnothing"))
    page.go_back()
    expect(page).to_have_url(re.compile(r"/questions$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Questions")
    expect(search).to_have_value("")
    expect(count).to_have_text(re.compile("^" + re.escape(full_count)))
    expect(page.locator("nav.main-nav")).to_have_count(1)

    results.get_by_role("link", name="Next").click()
    expect(page).to_have_url(re.compile(r"[?&]page=2"))
    expect(results.locator("nav.pagination")).to_contain_text("Page 2 of")
    problems.assert_clean(page)


def _create_question(page, title: str) -> str:
    """Fill the new question form, first without a title; returns the detail page URL."""
    page.goto("/questions/new")
    page.get_by_label("Description").fill("A question written by the browser test.")
    page.get_by_role("button", name="Save question").click()
    title_field = page.get_by_label("Title")
    expect(page.locator("#title-error")).to_be_visible()
    expect(title_field).to_have_attribute("aria-invalid", "true")
    expect(title_field).to_have_attribute("aria-describedby", "title-error")
    expect(page.get_by_label("Description")).to_have_value(
        "A question written by the browser test."
    )
    title_field.fill(title)
    page.get_by_role("button", name="Save question").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page).to_have_url(re.compile(r"/questions/\d+$"))
    return page.url


def _stage_on_detail(page, url: str, label: str) -> None:
    page.goto(url)
    expect(page.locator("#stage .stage").first).to_have_text(label)


def test_create_note_and_move_on_the_board(page, problems):
    sign_in(page, "bd.de")
    title = "Browser test question about cycling lanes"
    url = _create_question(page, title)
    question_id = url.rsplit("/", 1)[1]
    expect(page.locator("#stage .stage").first).to_have_text("Sourced")

    _mark_document(page)
    page.get_by_label("What happened").fill("Called the municipality: they want a proposal.")
    page.get_by_role("button", name="Add to timeline").click()
    timeline = page.locator("#activities .timeline")
    expect(timeline).to_contain_text("Called the municipality: they want a proposal.")
    expect(page.get_by_label("What happened")).to_have_value("")
    assert _same_document(page), "adding a note reloaded the page"

    page.goto("/questions/board?country=DE")
    card = page.locator(f'[data-stage="sourced"] [data-question-id="{question_id}"]')
    expect(card).to_be_visible()
    move = card.get_by_label(f"Move {title} to")
    move.focus()
    page.keyboard.press("ArrowDown")
    expect(move).to_have_value("qualified")
    page.keyboard.press("Tab")
    expect(card.get_by_role("button", name="Move")).to_be_focused()
    page.keyboard.press("Enter")
    card = page.locator(f'[data-stage="qualified"] [data-question-id="{question_id}"]')
    expect(card).to_be_visible()
    _stage_on_detail(page, url, "Qualified")

    page.goto("/questions/board?country=DE")
    card = page.locator(f'[data-stage="qualified"] [data-question-id="{question_id}"]')
    column = page.locator('[data-board-column][data-stage="matching"]')
    expect(page.locator("[data-board][data-sortable-ready]")).to_have_count(1)
    with page.expect_response(re.compile(rf"/questions/{question_id}/stage$")) as answer:
        card.locator("small").drag_to(column.locator("li").first)
    assert answer.value.status == 200
    expect(column.locator(f'[data-question-id="{question_id}"]')).to_be_visible()
    expect(page.locator("#board [role=alert]")).to_have_count(0)
    _stage_on_detail(page, url, "Matching firms")
    problems.assert_clean(page)
