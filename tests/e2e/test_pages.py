"""A business developer signs in with the keyboard and tours the pages: nothing breaks."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.support import DEMO_PASSWORD, HOME_URL

pytestmark = pytest.mark.e2e


def _open(page, problems, path: str, heading: str | None = None) -> None:
    page.goto(path)
    page.wait_for_load_state("networkidle")
    if heading:
        expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
    problems.assert_clean(page)


def _follow_first(page, problems, link_selector: str) -> None:
    link = page.locator(link_selector).first
    expect(link).to_be_visible()
    title = link.inner_text().strip()
    link.click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_role("heading", level=1)).to_contain_text(title)
    problems.assert_clean(page)


def _keyboard_skip_link_and_account_menu(page) -> None:
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()

    menu = page.locator("details.account-menu")
    menu.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(menu).to_have_attribute("open", "")
    expect(menu.get_by_role("link", name="Your account")).to_be_visible()
    page.keyboard.press("Escape")
    expect(menu).not_to_have_attribute("open", "")
    expect(menu.locator("summary")).to_be_focused()


def test_keyboard_sign_in_and_every_page_is_clean(page, problems):
    page.goto("/login")
    email = page.get_by_label("Email")
    expect(email).to_be_focused()
    page.keyboard.type("bd.de@demo.creativelab.example")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Password")).to_be_focused()
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")
    expect(page).to_have_url(HOME_URL)
    page.wait_for_load_state("networkidle")
    problems.assert_clean(page)
    _keyboard_skip_link_and_account_menu(page)

    _open(page, problems, "/questions", "Questions")
    _follow_first(page, problems, "#question-results tbody a")
    _open(page, problems, "/questions/board", "Board")
    _open(page, problems, "/firms", "Firms")
    _follow_first(page, problems, "main .firm-card h3 a")
    _open(page, problems, "/fee-formats", "Fee formats")
    _follow_first(page, problems, "main table a[href*='/fee-formats/']")
    _open(page, problems, "/notifications", "Notifications")
    _open(page, problems, "/account", "Your account")
    _open(page, problems, "/about")
