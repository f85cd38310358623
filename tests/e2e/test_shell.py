"""The shell: the notifications counter, the language switch, a phone-sized screen."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.support import new_context, sign_in

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}


def test_notifications_counter_opens_the_list_and_dutch_switch(page, problems):
    sign_in(page, "topteam")
    counter = page.locator("#notification-counter")
    expect(counter.locator(".badge-count")).to_have_text(re.compile(r"^[1-9]\d*$"))
    expect(counter).to_have_attribute("aria-label", re.compile(r"^Notifications: \d+ unread$"))
    counter.click()
    expect(page).to_have_url(re.compile(r"/notifications$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Notifications")
    unread = page.locator("#notification-list li.notification.unread")
    expect(unread.first).to_be_visible()
    unread.first.get_by_role("button", name="Mark read").click()
    page.get_by_role("button", name="Mark all read").click()
    expect(unread).to_have_count(0)
    expect(counter.locator(".badge-count")).to_have_count(0)

    expect(page.locator("html")).to_have_attribute("lang", "en")
    english = page.get_by_role("button", name="English").bounding_box()
    dutch = page.get_by_role("button", name="Nederlands").bounding_box()
    assert english["y"] == dutch["y"] and english["x"] < dutch["x"], "EN and NL not side by side"
    page.get_by_role("button", name="Nederlands").click()
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page).to_have_url(re.compile(r"/notifications$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Meldingen")
    expect(page.get_by_role("button", name="Nederlands")).to_have_attribute("aria-pressed", "true")

    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    problems.assert_clean(page)


def _no_horizontal_scroll(page) -> None:
    """The page fits the phone's width.

    A mobile browser widens its layout viewport (innerWidth) to fit content that is too wide,
    so innerWidth must also still be the phone's width.
    """
    widths = page.evaluate(
        "({scroll: document.scrollingElement.scrollWidth, inner: window.innerWidth})"
    )
    fits = widths["inner"] == PHONE["width"] and widths["scroll"] <= widths["inner"] + 1
    assert fits, f"horizontal scroll on {page.url}: {widths}"


def _all_on_screen(controls) -> None:
    """Every control is visible and fits the phone's width (after scrolling down to it)."""
    expect(controls.first).to_be_visible()
    for index in range(controls.count()):
        control = controls.nth(index)
        control.scroll_into_view_if_needed()
        expect(control).to_be_visible()
        box = control.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 1, (
            f"{control.inner_text()!r} is outside the screen: {box}"
        )


def test_phone_navigation_and_no_horizontal_scroll(browser, live_server, problems):
    context = new_context(
        browser, live_server, problems, viewport=PHONE, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    try:
        sign_in(page, "bd.us")
        page.wait_for_load_state("networkidle")
        _no_horizontal_scroll(page)
        nav = page.locator("nav.main-nav")
        _all_on_screen(nav.locator("a:not(details a), summary, button:not(details button)"))
        nav.locator("details.account-menu summary").tap()
        _all_on_screen(nav.locator("details.account-menu a, details.account-menu button"))
        nav.locator("details.account-menu summary").tap()
        page.locator("nav.main-nav").get_by_role("link", name="Questions").tap()
        expect(page).to_have_url(re.compile(r"/questions$"))
        expect(page.get_by_role("heading", level=1)).to_have_text("Questions")
        page.wait_for_load_state("networkidle")
        _no_horizontal_scroll(page)
        search = page.get_by_label("Search title, description, organisation and notes")
        assert search.bounding_box()["width"] > PHONE["width"] * 0.8, "search box squeezed"
        for path in ("/questions/board", "/fee-formats"):
            page.goto(path)
            page.wait_for_load_state("networkidle")
            _no_horizontal_scroll(page)
        problems.assert_clean(page)
    finally:
        context.close()
