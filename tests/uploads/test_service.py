"""store_upload, send_stored_file and delete_stored_file with the app and database."""

from __future__ import annotations

import re

import pytest
from PIL import Image
from sqlalchemy import select

from crm.audit.models import AuditEntry
from crm.extensions import db
from crm.uploads import UploadError, delete_stored_file, send_stored_file, store_upload
from crm.uploads.storage import path_for, sweep_orphans
from tests.uploads import samples

DISGUISED = [
    ("html-named-pdf", samples.HTML, "report.pdf", "application/pdf", "web page"),
    ("svg-named-png", samples.SVG, "logo.png", "image/png", "SVG"),
    ("elf-named-jpg", samples.ELF, "holiday.jpg", "image/jpeg", "Programs"),
    ("pe-named-pdf", samples.PE, "invoice.pdf", "application/pdf", "Programs"),
    ("empty-file", b"", "empty.png", "image/png", "empty"),
    ("png-bomb", samples.png_bomb(), "bomb.png", "image/png", "too many pixels"),
    ("jpeg-html-polyglot", samples.JPEG_HEADER_THEN_HTML, "x.jpg", "image/jpeg", "web page code"),
    ("truncated-png", samples.image_bytes("PNG")[:60], "cut.png", "image/png", "damaged"),
    ("pdf-with-script", samples.pdf_with_javascript(), "s.pdf", "application/pdf", "scripts"),
]


@pytest.mark.parametrize(
    ("data", "name", "claimed", "says"),
    [d[1:] for d in DISGUISED],
    ids=[d[0] for d in DISGUISED],
)
def test_disguised_file_is_refused_with_a_clear_reason_and_leaves_nothing(
    data, name, claimed, says, upload, disk, stored_count, make_user
):
    user = make_user("firm")
    before_files, before_rows = disk(), stored_count()
    with pytest.raises(UploadError) as caught:
        store_upload(upload(data, name, claimed), uploaded_by=user)
    assert caught.value.status == 422
    assert says.lower() in caught.value.message.lower()
    assert disk() == before_files
    assert stored_count() == before_rows


@pytest.mark.parametrize(
    "name",
    [
        "../../etc/passwd.png",
        "..\\..\\windows\\win.ini.png",
        "evil\x00.png",
        "two\nlines.png",
        "carriage\rreturn.png",
        "gpj\u202e.exe.png",
        "/absolute.png",
        "..",
    ],
    ids=[
        "dotdot-slash",
        "dotdot-backslash",
        "nul",
        "newline",
        "cr",
        "bidi-override",
        "abs",
        "dots",
    ],
)
def test_path_tricks_and_control_characters_in_names_are_refused(name, upload, disk, stored_count):
    before_files, before_rows = disk(), stored_count()
    with pytest.raises(UploadError) as caught:
        store_upload(upload(samples.image_bytes("PNG"), name), uploaded_by=None)
    assert caught.value.status == 422
    assert "file name" in caught.value.message
    assert (disk(), stored_count()) == (before_files, before_rows)


def test_oversized_file_is_refused_with_413_and_leaves_nothing(upload, disk, stored_count, app):
    before = disk(), stored_count()
    data = samples.image_bytes("PNG", size=(400, 400))
    with pytest.raises(UploadError) as caught:
        store_upload(upload(data, "big.png"), uploaded_by=None, max_bytes=len(data) - 1)
    assert caught.value.status == 413
    assert "larger than the limit" in caught.value.message
    app.config["UPLOAD_MAX_BYTES"], saved = 100, app.config["UPLOAD_MAX_BYTES"]
    try:
        with pytest.raises(UploadError):
            store_upload(upload(data, "big.png"), uploaded_by=None)
    finally:
        app.config["UPLOAD_MAX_BYTES"] = saved
    assert (disk(), stored_count()) == before


def test_missing_file_is_refused(app):
    with pytest.raises(UploadError) as caught:
        store_upload(None, uploaded_by=None)
    assert caught.value.message == "Choose a file to upload."


def test_image_is_stored_under_a_generated_name_with_its_thumbnail(upload, disk, make_user):
    user = make_user("firm")
    stored = store_upload(
        upload(samples.image_bytes("JPEG", size=(900, 600)), 'My "best" photo;.pdf', "x/y"),
        uploaded_by=user,
    )
    assert (stored.kind, stored.content_type) == ("image", "image/jpeg")
    assert stored.original_name == "My _best_ photo_.jpg"  # the real type's extension
    assert (stored.width, stored.height, stored.uploaded_by_id) == (900, 600, user.id)
    assert re.fullmatch(r"[0-9a-f]{2}/[0-9a-f]{2}/[0-9a-f]{32}\.jpg", stored.storage_key)
    assert stored.thumb_key == stored.storage_key.replace(".jpg", ".thumb.webp")
    assert {stored.storage_key, stored.thumb_key} <= disk()
    assert "photo" not in "".join(disk())
    assert path_for(stored.storage_key).stat().st_size == stored.size_bytes
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "upload.store"))
    assert entry.object_id == str(stored.id)


def test_stored_jpeg_has_no_gps_metadata(upload):
    stored = store_upload(upload(samples.jpeg_with_gps(), "gps.jpg"), uploaded_by=None)
    with Image.open(path_for(stored.storage_key)) as img:
        assert len(img.getexif()) == 0
    assert b"SpyCam" not in path_for(stored.storage_key).read_bytes()


def test_pdf_is_stored_as_sent_without_a_thumbnail(upload):
    data = samples.pdf_bytes()
    stored = store_upload(upload(data, "deck.PDF"), uploaded_by=None)
    assert (stored.kind, stored.thumb_key, stored.original_name) == ("pdf", None, "deck.pdf")
    assert path_for(stored.storage_key).read_bytes() == data


def test_files_written_in_a_rolled_back_transaction_are_removed(upload, disk, stored_count):
    before = disk(), stored_count()
    stored = store_upload(upload(samples.image_bytes("PNG"), "a.png"), uploaded_by=None)
    assert stored.storage_key in disk()
    db.session.rollback()
    assert (disk(), stored_count()) == before


def test_files_written_in_a_rolled_back_savepoint_are_removed(upload, disk):
    kept = store_upload(upload(samples.image_bytes("PNG"), "keep.png"), uploaded_by=None)
    savepoint = db.session.begin_nested()
    dropped = store_upload(upload(samples.image_bytes("WEBP"), "drop.webp"), uploaded_by=None)
    savepoint.rollback()
    db.session.commit()
    assert kept.storage_key in disk()
    assert dropped.storage_key not in disk()


def test_committed_files_stay(upload, disk):
    stored = store_upload(upload(samples.image_bytes("PNG"), "a.png"), uploaded_by=None)
    db.session.commit()
    db.session.rollback()
    assert stored.storage_key in disk()


def test_delete_removes_files_only_when_the_deletion_commits(upload, disk):
    stored = store_upload(upload(samples.image_bytes("PNG"), "a.png"), uploaded_by=None)
    db.session.commit()
    keys = {stored.storage_key, stored.thumb_key}
    delete_stored_file(stored)
    db.session.rollback()
    assert keys <= disk()
    delete_stored_file(db.session.merge(stored))
    db.session.commit()
    assert not keys & disk()


def test_sweep_removes_only_files_no_row_names(upload, disk, app):
    stored = store_upload(upload(samples.image_bytes("PNG"), "a.png"), uploaded_by=None)
    db.session.commit()
    orphan = path_for("ab/cd/" + "0" * 32 + ".png")
    orphan.parent.mkdir(parents=True, exist_ok=True)
    orphan.write_bytes(b"left over")
    assert sweep_orphans(db.session, min_age_seconds=0) >= 1
    assert stored.storage_key in disk()
    assert not orphan.exists()


def _served(app, stored, **kwargs):
    with app.test_request_context():
        response = send_stored_file(stored, **kwargs)
        response.direct_passthrough = False
        response.body = response.get_data()
        response.close()
        return response


def test_served_file_has_nosniff_type_and_a_safe_content_disposition(app, upload):
    name = 'Ünïcode "quoted"\r\nSet-Cookie: x=1;.png'
    with pytest.raises(UploadError):  # the newline alone refuses the name
        store_upload(upload(samples.image_bytes("PNG"), name), uploaded_by=None)
    stored = store_upload(
        upload(samples.image_bytes("PNG"), name.replace("\r\n", " ")), uploaded_by=None
    )
    response = _served(app, stored, as_attachment=True)
    assert response.headers["Content-Type"] == "image/png"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cache-Control"] == "private, no-cache"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith('attachment; filename="')
    assert "filename*=UTF-8''%C3%9Cn%C3%AFcode%20_quoted_%20Set-Cookie_%20x%3D1_.png" in disposition
    assert "\r" not in disposition and "\n" not in disposition
    assert disposition.count('"') == 2
    assert response.body == path_for(stored.storage_key).read_bytes()


def test_thumbnail_variant_is_served_as_webp_and_pdf_has_none(app, upload):
    image = store_upload(upload(samples.image_bytes("PNG"), "a.png"), uploaded_by=None)
    response = _served(app, image, variant="thumb")
    assert response.headers["Content-Type"] == "image/webp"
    assert response.headers["Content-Disposition"].startswith('inline; filename="a-thumb.webp"')
    pdf = store_upload(upload(samples.pdf_bytes(), "a.pdf"), uploaded_by=None)
    with app.test_request_context(), pytest.raises(Exception) as caught:
        send_stored_file(pdf, variant="thumb")
    assert getattr(caught.value, "code", None) == 404


def test_sweep_command_reports_what_it_removed(app):
    result = app.test_cli_runner().invoke(args=["crm", "sweep-uploads", "--min-age", "999999"])
    assert result.exit_code == 0
    assert "Removed 0 orphaned file(s)." in result.output
