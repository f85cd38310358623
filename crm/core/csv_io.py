"""CSV shared by the exports and imports of every feature: safe cells, a streamed download
with a BOM, and reading a spreadsheet program's file whatever its encoding and separator."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from datetime import datetime

from flask import Response, stream_with_context
from flask_babel import gettext as _

BOM = "\ufeff"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    """A cell a spreadsheet will not run as a formula (CSV injection)."""
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_START) and not re.fullmatch(r"-?\d+(\.\d+)?", text):
        return "'" + text
    return text


def csv_lines(rows: Iterable[Iterable], header: Iterable[str]) -> Iterator[str]:
    """The export as text chunks: a BOM (spreadsheet programs then read UTF-8), the header,
    then the rows, a few hundred per chunk."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    buffer.write(BOM)
    writer.writerow(header)
    for count, row in enumerate(rows, start=1):
        writer.writerow([safe_cell(v) for v in row])
        if count % 500 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM); files saved by older spreadsheet programs as Windows-1252."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    sample = text[:4096]
    try:
        return csv.Sniffer().sniff(sample.splitlines()[0] if sample else "", delimiters=",;\t")
    except (csv.Error, IndexError):
        return csv.excel


def read_rows(text: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Header and (line number, cells) rows of a CSV text (comma, semicolon or tab
    separated); blank lines are skipped."""
    reader = csv.reader(io.StringIO(text), _dialect(text))
    header: list[str] = []
    rows: list[tuple[int, list[str]]] = []
    try:
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            if not header:
                header = [h.strip() for h in row]
            else:
                rows.append((reader.line_num, row))
    except csv.Error as exc:
        raise ValueError(
            _("line %(line)s: %(message)s", line=reader.line_num, message=exc)
        ) from None
    return header, rows


def csv_download(rows: Iterable[Iterable], header: Iterable[str], name: str) -> Response:
    """A streamed CSV attachment called `<name>-<YYYYmmdd-HHMM>.csv`.

    Rows are read while the response is sent (inside the request context), so an export of
    any size never sits in memory; the view must commit before returning.
    """
    filename = f"{name}-{datetime.now():%Y%m%d-%H%M}.csv"
    return Response(
        stream_with_context(line.encode("utf-8") for line in csv_lines(rows, header)),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
