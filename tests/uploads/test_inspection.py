"""The content judge, without an app: what is accepted, what is refused and why."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from crm.uploads.inspection import judge, sniff
from crm.uploads.service import DEFAULT_ALLOWED
from tests.uploads import samples

ALL = DEFAULT_ALLOWED


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (samples.HTML, "markup"),
        (samples.SVG, "markup"),
        (b"\xef\xbb\xbf  <svg onload=alert(1)>", "markup"),
        (samples.ELF, "executable"),
        (samples.PE, "executable"),
        (b"PK\x03\x04rest-of-a-zip", "executable"),
        (b"just some text", "unknown_type"),
        (samples.JPEG_HEADER_THEN_HTML, "polyglot"),
        (samples.PDF_HEADER_THEN_HTML, "polyglot"),
        (samples.png_bomb(), "too_many_pixels"),
        (samples.image_bytes("PNG")[:60], "damaged_image"),
        (samples.image_bytes("JPEG", size=(300, 200))[:400], "damaged_image"),
        (b"%PDF-1.4\n%garbage without any objects\n", "damaged_pdf"),
        (samples.pdf_with_javascript(), "pdf_active"),
        (samples.pdf_with_escaped_javascript_name(), "pdf_active"),
        (samples.pdf_with_launch_action(), "pdf_active"),
    ],
    ids=[
        "empty",
        "html",
        "svg",
        "svg-after-bom",
        "elf",
        "pe",
        "zip",
        "text",
        "jpeg-header-then-html",
        "pdf-header-then-html",
        "png-bomb",
        "truncated-png",
        "truncated-jpeg",
        "pdf-that-does-not-parse",
        "pdf-with-javascript",
        "pdf-with-hex-escaped-javascript",
        "pdf-with-launch-action",
    ],
)
def test_refused_content_names_its_reason(data, reason):
    with pytest.raises(Exception) as caught:
        judge(data, ALL)
    assert getattr(caught.value, "reason", None) == reason


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_real_images_are_reencoded_with_a_webp_thumbnail(fmt):
    accepted = judge(samples.image_bytes(fmt, size=(1200, 900)), ALL)
    assert accepted.kind == "image"
    assert (accepted.width, accepted.height) == (1200, 900)
    assert sniff(accepted.data) == fmt.lower()
    with Image.open(io.BytesIO(accepted.thumb)) as thumb:
        assert thumb.format == "WEBP"
        assert max(thumb.size) == 480


def test_png_transparency_survives_reencoding():
    accepted = judge(samples.image_bytes("PNG", color=(1, 2, 3, 0), alpha=True), ALL)
    with Image.open(io.BytesIO(accepted.data)) as img:
        assert img.mode == "RGBA"
        assert img.getpixel((0, 0))[3] == 0


def test_gps_and_camera_metadata_are_stripped_by_reencoding():
    original = samples.jpeg_with_gps()
    with Image.open(io.BytesIO(original)) as img:
        assert img.getexif().get_ifd(0x8825)  # the sample really carries GPS
    accepted = judge(original, ALL)
    with Image.open(io.BytesIO(accepted.data)) as img:
        assert len(img.getexif()) == 0
        assert "exif" not in img.info
    assert b"SpyCam" not in accepted.data
    assert b"Exif" not in accepted.data


def test_a_real_jpeg_with_html_appended_is_stored_without_the_html():
    data = samples.image_bytes("JPEG", size=(800, 600)) + b"\n" + samples.HTML
    accepted = judge(data, ALL)
    assert b"<script" not in accepted.data


def test_pixel_limit_is_configurable():
    data = samples.image_bytes("PNG", size=(200, 200))
    with pytest.raises(Exception) as caught:
        judge(data, ALL, max_pixels=100 * 100)
    assert caught.value.reason == "too_many_pixels"


def test_a_real_pdf_is_kept_as_sent():
    data = samples.pdf_bytes(pages=2)
    accepted = judge(data, ALL)
    assert (accepted.kind, accepted.content_type, accepted.data) == ("pdf", "application/pdf", data)
    assert accepted.thumb is None


def test_a_type_outside_the_allowed_set_is_refused():
    with pytest.raises(Exception) as caught:
        judge(samples.pdf_bytes(), frozenset({"jpeg", "png"}))
    assert (caught.value.reason, caught.value.params) == ("not_allowed", {"found": "pdf"})


def test_xmp_metadata_is_not_mistaken_for_a_polyglot_and_is_stripped():
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_itxt("XML:com.adobe.xmp", '<?xml version="1.0"?><x:xmpmeta>Secret place</x:xmpmeta>')
    out = io.BytesIO()
    Image.new("RGB", (30, 20), (5, 5, 5)).save(out, "PNG", pnginfo=info)
    accepted = judge(out.getvalue(), ALL)
    assert b"Secret place" not in accepted.data


def test_pdf_with_an_ordinary_web_link_is_accepted():
    data = samples.pdf_with_link({"/S": "/URI", "/URI": "https://studio.example.nl"})
    assert judge(data, ALL).kind == "pdf"


def test_pdf_link_that_submits_a_form_is_refused_by_the_page_check():
    data = samples.pdf_with_link({"/S": "/SubmitForm", "/F": "https://evil.example"})
    assert b"/SubmitForm" in data  # not among the names the byte scan refuses
    with pytest.raises(Exception) as caught:
        judge(data, ALL)
    assert caught.value.reason == "pdf_active"
