"""Store, serve and delete uploaded files. Services flush; the caller commits.

Who may see a file is the owning feature's decision: it checks its own object, then calls
`send_stored_file`.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from urllib.parse import quote

from flask import Response, abort, current_app, send_file
from flask_babel import format_decimal
from flask_babel import gettext as _
from werkzeug.datastructures import FileStorage

from crm.audit.service import record
from crm.extensions import db
from crm.uploads import storage
from crm.uploads.inspection import (
    DEFAULT_MAX_PIXELS,
    THUMB_CONTENT_TYPE,
    Accepted,
    Refused,
    judge,
)
from crm.uploads.models import StoredFile

log = logging.getLogger(__name__)

DEFAULT_ALLOWED = frozenset({"jpeg", "png", "webp", "pdf"})
_FORMAT_LABELS = {"jpeg": "JPEG", "png": "PNG", "webp": "WebP", "pdf": "PDF"}
# Path separators and control characters (NUL, newlines, bidi overrides) in a file name.
_NAME_TRICKS = re.compile(r"[/\\]|^\.\.?$")
_ODD_NAME_CHARS = re.compile(r"[\"'`<>:|?*;%]")


class UploadError(Exception):
    """An upload was refused. `message` is for the user; `status` is 422, or 413 when too big."""

    def __init__(self, message: str, status: int = 422):
        super().__init__(message)
        self.message = message
        self.status = status


def human_size(size: int) -> str:
    """A byte count for people: "10 MB", "512 KB"."""
    for unit, factor in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if size >= factor:
            return f"{format_decimal(round(size / factor, 1))} {unit}"
    return f"{size} B"


def _accepted_list(allowed: frozenset[str]) -> str:
    return ", ".join(_FORMAT_LABELS[f] for f in ("jpeg", "png", "webp", "pdf") if f in allowed)


def refusal_message(exc: Refused, allowed: frozenset[str]) -> str:
    """The user-facing reason for a refused upload."""
    accepted = _accepted_list(allowed)
    messages = {
        "empty": _("The file is empty."),
        "executable": _("Programs and archives cannot be uploaded. Accepted: %(types)s."),
        "markup": _(
            "This is a web page, SVG or XML file, which cannot be uploaded. Accepted: %(types)s."
        ),
        "unknown_type": _("This file type is not accepted. Accepted: %(types)s."),
        "not_allowed": _("%(found)s files are not accepted here. Accepted: %(types)s."),
        "polyglot": _(
            "The file looks like %(found)s but also contains web page code, so it is refused."
        ),
        "too_many_pixels": _("The image has too many pixels (at most %(limit)s million)."),
        "damaged_image": _("The image could not be read: it is damaged or incomplete."),
        "damaged_pdf": _("The PDF could not be read: it is damaged or not a real PDF."),
        "pdf_encrypted": _("Password-protected PDFs cannot be uploaded."),
        "pdf_active": _(
            "PDFs with scripts, automatic actions or embedded files cannot be uploaded."
        ),
    }
    found = _FORMAT_LABELS.get(exc.params.get("found", ""), "")
    limit = format_decimal(exc.params.get("limit", 0) // 1_000_000)
    return messages[exc.reason] % {"types": accepted, "found": found, "limit": limit}


def _read_limited(file: FileStorage | None, limit: int) -> bytes:
    if file is None or not getattr(file, "stream", None):
        raise UploadError(_("Choose a file to upload."))
    data = file.stream.read(limit + 1)
    if len(data) > limit:
        raise UploadError(
            _("The file is larger than the limit of %(limit)s.", limit=human_size(limit)), 413
        )
    return data


def check_file_name(filename: str | None) -> None:
    """Refuse names carrying paths or control characters (NUL, newlines, bidi overrides)."""
    name = filename or ""
    if _NAME_TRICKS.search(name) or any(unicodedata.category(ch)[0] == "C" for ch in name):
        raise UploadError(
            _("The file name contains a path or control characters. Rename the file and retry.")
        )


def display_name(filename: str | None, extension: str) -> str:
    """The name shown to people: the user's name without odd characters, the real extension."""
    name = unicodedata.normalize("NFC", filename or "")
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = _ODD_NAME_CHARS.sub("_", re.split(r"[/\\]", name)[-1])
    stem = name.rsplit(".", 1)[0] if "." in name else name
    stem = stem.strip(" .")[:100] or "file"
    return f"{stem}.{extension}"


def store_upload(
    file: FileStorage | None,
    *,
    uploaded_by,
    allowed: frozenset[str] = DEFAULT_ALLOWED,
    max_bytes: int | None = None,
) -> StoredFile:
    """Judge, clean and store an upload; returns the flushed `StoredFile`.

    Raises `UploadError` (nothing written, nothing added) when the file is refused.
    """
    limit = max_bytes or current_app.config["UPLOAD_MAX_BYTES"]
    data = _read_limited(file, limit)
    check_file_name(file.filename)
    max_pixels = current_app.config.get("UPLOAD_MAX_PIXELS", DEFAULT_MAX_PIXELS)
    try:
        accepted = judge(data, allowed, max_pixels)
    except Refused as exc:
        log.info("Upload refused (%s) from user %s", exc.reason, getattr(uploaded_by, "id", None))
        raise UploadError(refusal_message(exc, allowed)) from None
    return _save(accepted, display_name(file.filename, accepted.extension), uploaded_by)


def store_bytes(
    data: bytes,
    name: str,
    *,
    uploaded_by=None,
    allowed: frozenset[str] = DEFAULT_ALLOWED,
    max_pixels: int = DEFAULT_MAX_PIXELS,
) -> StoredFile:
    """Store content the app made itself (demo data, imports): judged and cleaned the same way.

    Raises `Refused` (not `UploadError`): there is no user to show a message to.
    """
    accepted = judge(data, allowed, max_pixels)
    return _save(accepted, display_name(name, accepted.extension), uploaded_by)


def _save(accepted: Accepted, name: str, uploaded_by) -> StoredFile:
    key = storage.new_key(accepted.extension)
    thumb_key = None
    if accepted.thumb is not None:
        thumb_key = storage.new_key("webp", thumb=True, token=storage.key_token(key))
    written = []
    try:
        written.append(storage.write(db.session, key, accepted.data))
        if thumb_key:
            written.append(storage.write(db.session, thumb_key, accepted.thumb))
        stored = StoredFile(
            kind=accepted.kind,
            content_type=accepted.content_type,
            size_bytes=len(accepted.data),
            original_name=name,
            storage_key=key,
            thumb_key=thumb_key,
            width=accepted.width,
            height=accepted.height,
            sha256=accepted.sha256,
            uploaded_by_id=getattr(uploaded_by, "id", None),
        )
        db.session.add(stored)
        db.session.flush()
    except Exception:
        storage.remove_now(written)
        raise
    record("upload.store", stored, after=stored_summary(stored))
    return stored


def stored_summary(stored: StoredFile) -> dict:
    """A stored file as plain data for audit entries."""
    return {
        "kind": stored.kind,
        "content_type": stored.content_type,
        "size_bytes": stored.size_bytes,
        "name": stored.original_name,
        "sha256": stored.sha256,
    }


def content_disposition(name: str, as_attachment: bool = False) -> str:
    """An RFC 6266 header value: an ASCII fallback plus the UTF-8 name, nothing injectable."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    ascii_name = re.sub(r"[^A-Za-z0-9._ -]", "_", ascii_name).strip() or "file"
    disposition = "attachment" if as_attachment else "inline"
    return f"{disposition}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name, safe='')}"


def send_stored_file(
    stored: StoredFile, *, variant: str = "original", as_attachment: bool = False
) -> Response:
    """Serve a stored file (or its thumbnail) with safe headers. Permission is the caller's."""
    if variant == "original":
        key, content_type, name = stored.storage_key, stored.content_type, stored.original_name
    elif variant == "thumb" and stored.thumb_key:
        stem = stored.original_name.rsplit(".", 1)[0]
        key, content_type, name = stored.thumb_key, THUMB_CONTENT_TYPE, f"{stem}-thumb.webp"
    else:
        abort(404)
    path = storage.path_for(key)
    if not path.is_file():
        abort(404)
    response = send_file(path, mimetype=content_type, conditional=True, etag=True)
    response.headers["Content-Disposition"] = content_disposition(name, as_attachment)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-cache"
    response.headers["Cross-Origin-Resource-Policy"] = "same-origin"
    if content_type.startswith("image/"):
        response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def delete_stored_file(stored: StoredFile) -> None:
    """Delete the row now (flush) and the files once the transaction commits."""
    record("upload.delete", stored, before=stored_summary(stored))
    storage.delete_on_commit(db.session, [k for k in (stored.storage_key, stored.thumb_key) if k])
    db.session.delete(stored)
    db.session.flush()
