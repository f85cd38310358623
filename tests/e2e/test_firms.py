"""A firm member adds an image to a portfolio item and sees its thumbnail."""

from __future__ import annotations

import re

import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.e2e.support import sign_in

pytestmark = pytest.mark.e2e


def test_firm_member_uploads_an_image_and_sees_the_thumbnail(page, problems, tmp_path):
    picture = tmp_path / "e2e-facade.png"
    Image.new("RGB", (640, 480), (40, 120, 200)).save(picture)
    sign_in(page, "firm2")
    page.get_by_role("button", name="Your firm's page").click()
    page.locator("#portfolio .gallery-item a").first.click()
    expect(page).to_have_url(re.compile(r"/portfolio-items/\d+$"))
    page.evaluate("window.__e2eSameDocument = true")

    files = page.locator("#item-files")
    page.get_by_label(re.compile(r"^Add an image")).set_input_files(picture)
    page.get_by_role("button", name="Upload").click()
    thumbnail = files.get_by_role("img", name="e2e-facade.png")
    expect(thumbnail).to_be_visible()
    expect(thumbnail).to_have_attribute("src", re.compile(r"/portfolio-files/\d+/thumb$"))
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=thumbnail.element_handle()
    )
    assert page.evaluate("window.__e2eSameDocument === true"), "the upload reloaded the page"

    ours = files.locator(".gallery-item").filter(has=page.get_by_alt_text("e2e-facade.png"))
    page.once("dialog", lambda dialog: dialog.accept())
    ours.get_by_role("button", name="Delete").click()
    expect(thumbnail).to_have_count(0)
    assert page.evaluate("window.__e2eSameDocument === true"), "the delete reloaded the page"
    problems.assert_clean(page)


def test_firm_directory_filters_without_reload(page, problems):
    sign_in(page, "bd.de")
    page.goto("/firms")
    results = page.locator("#firm-results")
    first_name = results.locator(".firm-card h3 a").first.inner_text().strip()
    page.evaluate("window.__e2eSameDocument = true")
    page.get_by_label("Search firms").fill("zzqxnothing")
    expect(page).to_have_url(re.compile(r"[?&]q=zzqxnothing"))
    expect(results.locator(".firm-card")).to_have_count(0)
    page.get_by_label("Search firms").fill(first_name)
    expect(results.get_by_role("link", name=first_name).first).to_be_visible()
    page.get_by_label("Size").select_option(index=1)
    expect(page).to_have_url(re.compile(r"[?&]size=\w"))
    assert page.evaluate("window.__e2eSameDocument === true"), "filtering reloaded the page"
    problems.assert_clean(page)
