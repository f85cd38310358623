"""An admin invites a post user: the form shows the chosen role's scope; the link works."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.support import HOME_URL, new_context, sign_in

pytestmark = pytest.mark.e2e

PASSWORD = re.compile(r"^Password( \*)?$")  # required fields are marked with a star


def test_invitation_scope_fields_copy_and_acceptance(page, browser, live_server, problems):
    sign_in(page, "admin")
    page.goto("/admin/users/invite")
    role = page.get_by_label("Role")
    country = page.get_by_label("Focus country (business developers)")
    post = page.get_by_label("Post (post users)")
    firm = page.get_by_label("Firm number (firm users)")

    role.select_option("bd")
    expect(country).to_be_visible()
    expect(post).to_be_hidden()
    expect(firm).to_be_hidden()
    role.select_option("post")
    expect(post).to_be_visible()
    expect(country).to_be_hidden()

    page.get_by_label("Email").fill("e2e.post@example.org")
    page.get_by_role("button", name="Create the invitation").click()
    expect(page.locator(".field-error").first).to_be_visible()
    expect(page.get_by_label("Post (post users)")).to_be_visible()
    expect(page.get_by_label("Focus country (business developers)")).to_be_hidden()
    page.get_by_label("Post (post users)").select_option(index=1)
    page.get_by_role("button", name="Create the invitation").click()

    link = page.get_by_label("Link")
    expect(link).to_have_value(re.compile(r"/invite/"))
    copy = page.locator("button[data-copy]")
    expect(copy).to_have_text("Copy the link")
    copy.click()
    expect(copy).to_have_text("Copied")
    invitation = link.input_value()
    problems.assert_clean(page)

    guest_context = new_context(browser, live_server, problems)
    try:
        guest = guest_context.new_page()
        guest.goto(invitation)
        guest.get_by_label("Your name").fill("Petra Post")
        guest.get_by_label(PASSWORD).fill("short")
        guest.get_by_label("Password again").fill("short")
        guest.get_by_role("button", name="Create my account").click()
        expect(guest.locator("#password-error")).to_be_visible()
        guest.get_by_label(PASSWORD).fill("a-long-e2e-password")
        guest.get_by_label("Password again").fill("a-long-e2e-password")
        guest.get_by_role("button", name="Create my account").click()
        expect(guest).to_have_url(HOME_URL)
        expect(guest.locator("details.account-menu summary")).to_have_text("Petra Post")
        problems.assert_clean(guest)
    finally:
        guest_context.close()
