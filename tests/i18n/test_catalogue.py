"""English and Dutch complete: every marked string has a Dutch translation, compiled.

When this fails after adding strings, refresh the catalogue:

    make translations-extract     # new strings arrive empty in crm/translations/nl/.../messages.po
    (translate the empty msgstr entries in that file)
    make translations-compile     # writes messages.mo next to it
"""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "crm" / "translations" / "nl" / "LC_MESSAGES"
METHODS = [("crm/**.py", "python"), ("templates/**.html", "jinja2")]
KEYWORDS = {**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None}


def _extracted() -> dict[str, tuple[str, ...]]:
    """msgid -> (msgid, plural...) for every marked string in crm/ and templates/."""
    found: dict[str, tuple[str, ...]] = {}
    for _filename, _lineno, message, _comments, _context in extract_from_dir(
        str(ROOT), METHODS, keywords=KEYWORDS
    ):
        ids = (message,) if isinstance(message, str) else tuple(m for m in message if m)
        if ids and ids[0]:
            found.setdefault(ids[0], ids)
    return found


@pytest.fixture(scope="module")
def po():
    with open(CATALOGUE / "messages.po", "rb") as f:
        return read_po(f, locale="nl")


def _translated(message) -> bool:
    if message is None or message.fuzzy:
        return False
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return all(s.strip() for s in strings)


def test_every_marked_string_has_a_dutch_translation(po):
    missing = sorted(msgid for msgid in _extracted() if not _translated(po.get(msgid)))
    assert missing == [], (
        f"{len(missing)} string(s) without Dutch translation; run `make translations-extract`, "
        "translate them in crm/translations/nl/LC_MESSAGES/messages.po, then "
        "`make translations-compile`. First ones: " + "; ".join(missing[:15])
    )


def test_dutch_translations_keep_the_placeholders(po):
    problems = [
        f"{message.id!r}: {', '.join(map(str, errors))}"
        for message, errors in po.check()
        if message.id and errors
    ]
    assert problems == []


def _strings(message) -> tuple[str, ...]:
    value = message.string
    return tuple(value) if isinstance(value, list | tuple) else (value,)


def test_the_compiled_catalogue_matches_the_po_file(po):
    with open(CATALOGUE / "messages.mo", "rb") as f:
        mo = read_mo(f)
    stale = [
        message.id
        for message in po
        if message.id
        and _translated(message)
        and (mo.get(message.id) is None or _strings(mo.get(message.id)) != _strings(message))
    ]
    assert stale == [], "messages.mo is out of date: run `make translations-compile`"


def test_dutch_pages_use_the_catalogue(client):
    client.post("/language", data={"locale": "nl"})
    html = client.get("/login").get_data(as_text=True)
    assert "Wachtwoord vergeten?" in html and "Forgot your password?" not in html
