"""Pure rules about organisations and contacts: no Flask, no database.

- `name_key`: an organisation name folded for comparison (case, accents, punctuation and
  legal suffixes such as GmbH, Inc., Ltd, Co. or 有限公司 removed);
- `similarity` / `similar_names`: how close two names are (difflib ratio or word overlap),
  used to warn about duplicates in the same country;
- `parse_phone` / `check_email`: contact data validated with maintained libraries
  (`phonenumbers`, `email-validator`), phones stored in E.164.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache

import phonenumbers
from babel import Locale
from email_validator import EmailNotValidError, validate_email

KINDS = (
    "municipality",
    "province",
    "company",
    "care-provider",
    "school",
    "university",
    "ngo",
    "other",
)
# Two names at least this close (0..1) in the same country are shown as possible duplicates.
SIMILAR_AT = 0.88
NAME_MAX = 200

# Legal forms dropped from the end of a name (after folding; dots and commas already gone).
_LEGAL_WORDS = frozenset(
    {
        # German
        "gmbh", "ggmbh", "mbh", "ag", "kg", "kgaa", "ug", "ohg", "gbr", "ev", "eg", "se",
        "haftungsbeschrankt", "co",
        # English / US / international
        "inc", "incorporated", "llc", "llp", "lp", "ltd", "limited", "corp", "corporation",
        "company", "plc", "pllc", "pc", "sa", "bv", "nv",
    }
)  # fmt: skip
# Chinese legal forms: no spaces to split on, so they are stripped from the end as strings.
_CJK_SUFFIXES = ("股份有限公司", "有限责任公司", "有限公司", "集团公司", "公司")
_AMPERSAND = re.compile(r"\s*[&+]\s*")
_NOT_WORD = re.compile(r"[^\w]+")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def fold(text: str) -> str:
    """Lower case without accents (ß -> ss, é -> e), compatibility forms unified."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.casefold()


def name_key(name: str) -> str:
    """The comparable form of an organisation name: folded, punctuation gone, legal suffixes
    dropped ("Pflegewerk Berlin GmbH" and "pflegewerk berlin" give the same key)."""
    text = fold(name).strip()
    text = _AMPERSAND.sub(" and ", text)
    text = text.replace(".", "")  # "e.V." -> "ev", "Inc." -> "inc"
    words = [w for w in _NOT_WORD.sub(" ", text).replace("_", " ").split() if w]
    while len(words) > 1 and words[-1] in _LEGAL_WORDS:
        words.pop()
    if words and words[-1] == "and":  # "Smith & Co." -> "smith and" -> "smith"
        words.pop()
    joined = " ".join(words)
    for suffix in _CJK_SUFFIXES:
        if joined.endswith(suffix) and len(joined) > len(suffix):
            joined = joined[: -len(suffix)].strip()
            break
    return (joined or fold(name).strip())[:NAME_MAX]


def _words(key: str) -> set[str]:
    if _CJK.search(key):  # no spaces between Chinese words: compare characters
        return {ch for ch in key if not ch.isspace()}
    return set(key.split())


def similarity(a: str, b: str) -> float:
    """How close two names are, from 0 to 1: the better of the character ratio of their keys
    and the overlap of their words (so word order and one extra word matter little)."""
    key_a, key_b = name_key(a), name_key(b)
    if not key_a or not key_b:
        return 0.0
    if key_a == key_b:
        return 1.0
    ratio = SequenceMatcher(None, key_a, key_b).ratio()
    words_a, words_b = _words(key_a), _words(key_b)
    overlap = len(words_a & words_b) / len(words_a | words_b) if words_a | words_b else 0.0
    return max(ratio, overlap)


@dataclass(frozen=True)
class Candidate:
    """An existing organisation a new name is compared with."""

    id: int
    name: str
    score: float = 0.0


def similar_names(
    name: str, existing: Iterable[tuple[int, str]], limit: int = 5
) -> list[Candidate]:
    """The existing (id, name) pairs close to `name`, closest first (at most `limit`)."""
    key = name_key(name)
    if not key:
        return []
    found = []
    for ident, other in existing:
        other_key = name_key(other)
        if not other_key:
            continue
        quick = SequenceMatcher(None, key, other_key)
        if other_key != key and quick.real_quick_ratio() < SIMILAR_AT / 2:
            continue
        score = similarity(name, other)
        if score >= SIMILAR_AT:
            found.append(Candidate(ident, other, round(score, 3)))
    found.sort(key=lambda c: (-c.score, c.id))
    return found[:limit]


def N_(message: str) -> str:
    """Marks a message for translation (extracted by Babel); the caller translates it."""
    return message


PHONE_TOO_LONG = N_("Phone number is too long.")
PHONE_UNREADABLE = N_("Not a phone number; write it with the country code, such as +49 30 1234567.")
PHONE_INVALID = N_("This phone number does not exist; check the digits.")


class ContactDataError(ValueError):
    """A phone number or email address that cannot be used; the message says why."""


def parse_phone(text: str, region: str | None) -> str:
    """A phone number in E.164 ("+4930123456"), read with the organisation's country as the
    region hint for numbers written without "+"; '' for an empty text."""
    text = (text or "").strip()
    if not text:
        return ""
    if len(text) > 40:
        raise ContactDataError(PHONE_TOO_LONG)
    try:
        number = phonenumbers.parse(text, region if not text.startswith("+") else None)
    except phonenumbers.NumberParseException:
        raise ContactDataError(PHONE_UNREADABLE) from None
    if not phonenumbers.is_valid_number(number):
        raise ContactDataError(PHONE_INVALID)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def display_phone(e164: str) -> str:
    """An E.164 number written for people (international format)."""
    if not e164:
        return ""
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def check_email(text: str) -> str:
    """A syntactically valid email address, normalised (domain lower-cased); '' for empty.
    No DNS look-up: deliverability is not checked."""
    text = (text or "").strip()
    if not text:
        return ""
    try:
        result = validate_email(text, check_deliverability=False)
    except EmailNotValidError as exc:
        raise ContactDataError(str(exc)) from None
    return result.normalized


def erased_name(contact_id: int) -> str:
    """The pseudonym an erased contact keeps (history stays readable, the person is gone)."""
    return f"Erased contact #{contact_id}"


@cache
def language_codes() -> frozenset[str]:
    """ISO 639-1 codes a contact's preferred language may take."""
    return frozenset(c for c in Locale("en").languages if len(c) == 2 and c.isalpha())
