"""Judge an upload by its content: magic bytes, then a real decode. Pure: no Flask, no database.

Images are decoded with Pillow under a pixel limit (a decompression bomb is refused before its
pixels are allocated), then re-encoded without metadata, and a thumbnail is made. PDFs must
parse with pypdf and may carry no scripts, launch actions or embedded files. The name and the
browser's claimed type are never consulted.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass

from PIL import Image, ImageOps
from pypdf import PdfReader

FORMATS = {
    # format: (kind, content type, extension)
    "jpeg": ("image", "image/jpeg", "jpg"),
    "png": ("image", "image/png", "png"),
    "webp": ("image", "image/webp", "webp"),
    "pdf": ("pdf", "application/pdf", "pdf"),
}
THUMB_BOX = (480, 480)
THUMB_CONTENT_TYPE = "image/webp"
DEFAULT_MAX_PIXELS = 40_000_000

_EXECUTABLE_MAGIC = (
    b"\x7fELF",  # Linux, BSD
    b"MZ",  # Windows PE/DOS
    b"\xca\xfe\xba\xbe",  # Mach-O universal / Java class
    b"\xfe\xed\xfa\xce",
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",  # Mach-O
    b"#!",  # scripts
    b"PK\x03\x04",  # ZIP, JAR, Office documents
)
# Markup a browser would run if it ever sniffed the file as a page. (Not `<?xml`: photos and
# PDFs legitimately carry XMP metadata, which is XML.)
_MARKUP = re.compile(
    rb"<\s*(html|script|svg|body|iframe|object|embed|!doctype)|javascript:", re.IGNORECASE
)
# PDF names for active content; `#xx` escapes in names are decoded before matching.
_PDF_NAME = re.compile(rb"/[A-Za-z0-9#]+")
_PDF_ACTIVE = {b"/JavaScript", b"/JS", b"/Launch", b"/EmbeddedFile", b"/RichMedia", b"/XFA"}
_SCRIPT_ACTIONS = ("/JavaScript", "/Launch", "/ImportData", "/SubmitForm")
MAX_PDF_PAGES_CHECKED = 500


class Refused(Exception):
    """The content is not accepted; `reason` is a stable code, `params` fill its message."""

    def __init__(self, reason: str, **params):
        super().__init__(reason)
        self.reason = reason
        self.params = params


@dataclass(frozen=True)
class Accepted:
    """What to store: the (re-encoded) bytes, and a thumbnail for images."""

    fmt: str
    data: bytes
    thumb: bytes | None = None
    width: int | None = None
    height: int | None = None

    @property
    def kind(self) -> str:
        return FORMATS[self.fmt][0]

    @property
    def content_type(self) -> str:
        return FORMATS[self.fmt][1]

    @property
    def extension(self) -> str:
        return FORMATS[self.fmt][2]

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def sniff(data: bytes) -> str | None:
    """The format named by the file's first bytes, or None."""
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if data.startswith(b"%PDF-"):
        return "pdf"
    return None


def _unknown_reason(data: bytes) -> str:
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(_EXECUTABLE_MAGIC):
        return "executable"
    if head.startswith(b"<") or _MARKUP.search(head):
        return "markup"
    return "unknown_type"


def judge(data: bytes, allowed: frozenset[str], max_pixels: int = DEFAULT_MAX_PIXELS) -> Accepted:
    """Accept `data` as one of the `allowed` formats, or raise `Refused` saying why."""
    if not data:
        raise Refused("empty")
    fmt = sniff(data)
    if fmt is None:
        raise Refused(_unknown_reason(data))
    if fmt not in allowed:
        raise Refused("not_allowed", found=fmt)
    # Markup near the start of a "JPEG" or "PDF" is a polyglot aimed at content sniffing.
    if _MARKUP.search(data[:1024]):
        raise Refused("polyglot", found=fmt)
    if fmt == "pdf":
        check_pdf(data)
        return Accepted("pdf", data)
    return reencode_image(data, fmt, max_pixels)


def _open_image(data: bytes, fmt: str, max_pixels: int) -> Image.Image:
    pil_format = {"jpeg": "JPEG", "png": "PNG", "webp": "WEBP"}[fmt]
    try:
        img = Image.open(io.BytesIO(data), formats=[pil_format])
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise Refused("too_many_pixels", limit=max_pixels) from None
    except Exception:  # decoders of untrusted bytes raise many types: all mean "damaged"
        raise Refused("damaged_image") from None
    if img.width < 1 or img.height < 1 or img.width * img.height > max_pixels:
        img.close()
        raise Refused("too_many_pixels", limit=max_pixels)
    try:
        img.seek(0)  # animated images keep their first frame only
        img.load()
    except Exception:
        img.close()
        raise Refused("damaged_image") from None
    return img


def _clean_copy(img: Image.Image) -> Image.Image:
    """Upright pixels with no metadata but the colour profile (and PNG transparency)."""
    keep = {k: img.info[k] for k in ("icc_profile", "transparency") if k in img.info}
    clean = ImageOps.exif_transpose(img)
    clean.info = keep
    return clean


def _encode(img: Image.Image, fmt: str) -> bytes:
    out = io.BytesIO()
    icc = img.info.get("icc_profile")
    extra = {"icc_profile": icc} if icc else {}
    if fmt == "jpeg":
        if img.mode not in ("RGB", "L"):
            img = img.convert("RGB")
        img.save(out, "JPEG", quality=88, **extra)
    elif fmt == "png":
        if img.mode not in ("1", "L", "LA", "P", "RGB", "RGBA", "I", "I;16"):
            img = img.convert("RGBA")
        if "transparency" in img.info:
            extra["transparency"] = img.info["transparency"]
        img.save(out, "PNG", **extra)
    else:
        img = img.convert("RGBA" if _has_alpha(img) else "RGB")
        img.save(out, "WEBP", quality=85, **extra)
    return out.getvalue()


def _has_alpha(img: Image.Image) -> bool:
    return img.mode in ("RGBA", "LA", "PA") or "transparency" in img.info


def _thumbnail(img: Image.Image) -> bytes:
    thumb = img.convert("RGBA" if _has_alpha(img) else "RGB")
    thumb.thumbnail(THUMB_BOX)
    out = io.BytesIO()
    thumb.save(out, "WEBP", quality=80)
    return out.getvalue()


def reencode_image(data: bytes, fmt: str, max_pixels: int = DEFAULT_MAX_PIXELS) -> Accepted:
    """Decode under the pixel limit and re-encode without metadata; make a thumbnail."""
    with _open_image(data, fmt, max_pixels) as img:
        clean = _clean_copy(img)
    try:
        encoded = _encode(clean, fmt)
        thumb = _thumbnail(clean)
    except Exception:
        raise Refused("damaged_image") from None
    return Accepted(fmt, encoded, thumb, clean.width, clean.height)


def _decoded_names(data: bytes) -> set[bytes]:
    names = set()
    for raw in _PDF_NAME.findall(data):
        if b"#" in raw:
            raw = re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), raw)
        names.add(raw)
    return names


def _resolve(obj):
    return obj.get_object() if obj is not None else None


def _catalog_is_active(reader: PdfReader) -> bool:
    """Document-level scripts, automatic actions, XFA forms or embedded files."""
    root = reader.trailer["/Root"].get_object()
    names = _resolve(root.get("/Names")) or {}
    if "/JavaScript" in names or "/EmbeddedFiles" in names or "/AA" in root:
        return True
    if "/XFA" in (_resolve(root.get("/AcroForm")) or {}):
        return True
    return _is_script_action(_resolve(root.get("/OpenAction")))


def _is_script_action(action) -> bool:
    return isinstance(action, dict) and action.get("/S") in _SCRIPT_ACTIONS


def _page_is_active(page) -> bool:
    """Page-level automatic actions, or links and widgets that run scripts or programs."""
    if "/AA" in page:
        return True
    for annotation in _resolve(page.get("/Annots")) or []:
        annotation = _resolve(annotation)
        if "/AA" in annotation or _is_script_action(_resolve(annotation.get("/A"))):
            return True
    return False


def check_pdf(data: bytes) -> None:
    """Refuse a PDF that does not parse, is encrypted, or carries active content."""
    if _PDF_ACTIVE & _decoded_names(data):
        raise Refused("pdf_active")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise Refused("pdf_encrypted")
        if len(reader.pages) < 1:
            raise Refused("damaged_pdf")
        reader.pages[0].mediabox  # noqa: B018 - forces the first page to parse
        pages = reader.pages[:MAX_PDF_PAGES_CHECKED]
        active = _catalog_is_active(reader) or any(_page_is_active(p) for p in pages)
    except Refused:
        raise
    except Exception:  # pypdf raises many types on broken input: all mean "damaged"
        raise Refused("damaged_pdf") from None
    if active:
        raise Refused("pdf_active")
