"""Demo images and PDFs, drawn deterministically (Pillow; a hand-written one-page PDF)."""

from __future__ import annotations

import io
import random

from PIL import Image, ImageDraw

PALETTES = (
    ((236, 112, 20), (33, 70, 139), (250, 240, 220)),
    ((0, 122, 94), (242, 201, 76), (245, 245, 240)),
    ((183, 28, 28), (38, 50, 56), (255, 235, 238)),
    ((81, 45, 168), (0, 188, 212), (237, 231, 246)),
    ((46, 125, 50), (255, 143, 0), (241, 248, 233)),
    ((21, 101, 192), (255, 214, 0), (227, 242, 253)),
)


def demo_image(rng: random.Random, label: str, size=(640, 420)) -> bytes:
    """A small abstract poster: coloured blocks, circles and the project's initials."""
    accent, dark, light = rng.choice(PALETTES)
    img = Image.new("RGB", size, light)
    draw = ImageDraw.Draw(img)
    width, height = size
    for _ in range(rng.randint(3, 6)):
        x, y = rng.randrange(width), rng.randrange(height)
        w, h = rng.randint(60, 260), rng.randint(40, 200)
        colour = rng.choice((accent, dark))
        if rng.random() < 0.5:
            draw.rectangle((x, y, x + w, y + h), fill=colour)
        else:
            draw.ellipse((x, y, x + w, y + w), fill=colour)
    initials = "".join(word[0] for word in label.split()[:3]).upper()
    draw.rectangle((24, height - 84, 24 + 36 * max(len(initials), 1), height - 24), fill=dark)
    draw.text((36, height - 70), initials, fill=light, font_size=40)
    out = io.BytesIO()
    img.save(out, "JPEG", quality=80)
    return out.getvalue()


def _pdf_text(text: str) -> str:
    safe = text.encode("latin-1", "replace").decode("latin-1")
    return safe.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def demo_pdf(title: str, lines: list[str]) -> bytes:
    """A one-page A4 project sheet with a title and a few lines of Helvetica."""
    text = [f"BT /F1 20 Tf 56 780 Td ({_pdf_text(title)}) Tj ET"]
    for n, line in enumerate(lines[:30]):
        text.append(f"BT /F1 11 Tf 56 {740 - 18 * n} Td ({_pdf_text(line)}) Tj ET")
    stream = "\n".join(text).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n".encode())
    out.write(f"startxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()
