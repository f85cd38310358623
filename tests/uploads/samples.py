"""Files for upload tests, built in memory: real images and PDFs, and disguised ones."""

from __future__ import annotations

import io
import struct
import zlib

from PIL import ExifTags, Image, TiffImagePlugin
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject


def image_bytes(fmt: str = "PNG", size=(64, 48), color=(200, 40, 40), **save) -> bytes:
    out = io.BytesIO()
    mode = "RGBA" if fmt == "PNG" and save.pop("alpha", False) else "RGB"
    Image.new(mode, size, color).save(out, fmt, **save)
    return out.getvalue()


def jpeg_with_gps() -> bytes:
    """A JPEG whose EXIF carries a camera model and GPS coordinates (Amsterdam)."""
    exif = Image.Exif()
    exif[ExifTags.Base.Model] = "SpyCam 3000"
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: tuple(TiffImagePlugin.IFDRational(v, 1) for v in (52, 22, 1)),
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: tuple(TiffImagePlugin.IFDRational(v, 1) for v in (4, 53, 2)),
    }
    out = io.BytesIO()
    Image.new("RGB", (80, 60), (10, 120, 200)).save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def pdf_bytes(pages: int = 1, open_action: dict | None = None) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=200, height=200)
    if open_action:
        action = DictionaryObject(
            {
                NameObject(k): (NameObject(v) if v.startswith("/") else TextStringObject(v))
                for k, v in open_action.items()
            }
        )
        writer._root_object[NameObject("/OpenAction")] = action
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_with_javascript() -> bytes:
    return pdf_bytes(open_action={"/S": "/JavaScript", "/JS": "app.alert(1)"})


def pdf_with_launch_action() -> bytes:
    return pdf_bytes(open_action={"/S": "/Launch", "/F": "calc.exe"})


def pdf_with_escaped_javascript_name() -> bytes:
    """`/J#61vaScript` is `/JavaScript` written with a hex escape, to dodge naive scans."""
    return pdf_with_javascript().replace(b"/JavaScript", b"/J#61vaScript")


def _chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


def png_bomb(width: int = 30000, height: int = 30000) -> bytes:
    """A tiny PNG that declares a huge canvas: decoding it would take gigabytes."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    # The first rows of zeros, highly compressed: a real bomb would carry all of them.
    idat = zlib.compress(b"\x00" * (width * 3 + 1) * 4, 9)
    return (
        b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", idat) + _chunk(b"IEND", b"")
    )


HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
)
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 120
PE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 56 + b"PE\x00\x00" + b"\x00" * 64
JPEG_HEADER_THEN_HTML = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + HTML
PDF_HEADER_THEN_HTML = b"%PDF-1.7\n" + HTML


def pdf_with_link(action: dict) -> bytes:
    """A one-page PDF with a link annotation running `action` when clicked."""
    from pypdf.generic import ArrayObject, FloatObject

    writer = PdfWriter()
    page = writer.add_blank_page(width=200, height=200)
    annotation = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Link"),
            NameObject("/Rect"): ArrayObject([FloatObject(v) for v in (10, 10, 50, 50)]),
            NameObject("/A"): DictionaryObject(
                {
                    NameObject(k): (NameObject(v) if v.startswith("/") else TextStringObject(v))
                    for k, v in action.items()
                }
            ),
        }
    )
    page[NameObject("/Annots")] = ArrayObject([writer._add_object(annotation)])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
