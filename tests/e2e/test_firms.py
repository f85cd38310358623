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
    problems.assert_clean(page)
