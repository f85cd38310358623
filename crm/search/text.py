"""Text analysis shared by indexing and querying: pure Python, no Flask, no SQLAlchemy.

Both database engines receive text that this module has already normalised, so SQLite FTS5
and PostgreSQL behave the same way and neither needs a language-aware tokenizer:

- **Folding**: NFKD, combining marks dropped, `casefold()` (so "Café" == "cafe" and
  "Straße" == "strasse").
- **Words**: runs of Unicode letters and digits (`[^\\W_]+`); everything else, including every
  FTS5 or tsquery operator character a user might type, is a separator. Words longer than
  `MAX_WORD_LENGTH` are dropped (base64, URLs glued together: never searched for, and
  PostgreSQL refuses to index very long words anyway).
- **Stemming, English and Dutch**: texts in this CRM mix both languages, often within one
  record, and detecting the language of a short title is unreliable. So no detection: every
  word is indexed as the set {word, English stem, Dutch stem} (Snowball stemmers; duplicates
  collapsed), and every query word matches any of its own three forms. The two snowball
  stemmers are not always consistent with themselves ("fiets" -> "fiet" but "fietsen" ->
  "fiets"), and matching form *sets* against form sets bridges that: "fietsen" {fietsen,
  fiets} meets "fiets" {fiets, fiet} on "fiets". Keeping the unstemmed word also lets prefix
  search complete words the stemmers shortened ("mobilit" still finds "mobility"), and ranks
  an exact word form above a mere stem match (it matches more alternatives).
- **Queries**: AND of words; the last word is also matched as a prefix (search as you type);
  common English and Dutch stop words are dropped unless they are the last word or the only
  words.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass

import snowballstemmer

MAX_WORD_LENGTH = 64
MAX_FIELD_CHARS = 100_000
MAX_QUERY_CHARS = 1_000
MAX_QUERY_WORDS = 16
MIN_PREFIX_LENGTH = 2

_WORD = re.compile(r"[^\W_]+")

STOP_WORDS = frozenset(
    """
    a an and are as at be by for from in into is it of on or that the this to was were with
    de het een en van in is op te dat die voor met aan er om ook als bij of uit tot naar
    """.split()
)

_local = threading.local()


def _stemmers() -> tuple:
    """Snowball stemmer objects keep state while stemming: one pair per thread."""
    pair = getattr(_local, "stemmers", None)
    if pair is None:
        pair = (snowballstemmer.stemmer("english"), snowballstemmer.stemmer("dutch"))
        _local.stemmers = pair
    return pair


def fold(text: str) -> str:
    """Lower-case and strip accents: "Café Übersee" -> "cafe ubersee"."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return stripped.casefold()


class _Memo(dict):
    """`memo[key]` computes `function(key)` once. A plain dict lookup on a hit (no Python
    call at all: what makes indexing 100,000 documents take seconds); emptied when full;
    keys longer than `max_key` are computed but not kept."""

    def __init__(self, function, max_size: int = 200_000, max_key: int = 100):
        super().__init__()
        self.function, self.max_size, self.max_key = function, max_size, max_key

    def __missing__(self, key):
        value = self.function(key)
        if len(key) <= self.max_key:
            if len(self) >= self.max_size:
                self.clear()
            self[key] = value
        return value


def _split_chunk(chunk: str) -> tuple[str, ...]:
    return tuple(w for w in _WORD.findall(fold(chunk)) if len(w) <= MAX_WORD_LENGTH)


# No word spans whitespace, before or after folding (folding never turns whitespace into a
# letter), so analysing whitespace-separated chunks one by one equals analysing the whole
# text, and repeated chunks ("design,", "Museum") come from the memo.
_chunk_words = _Memo(_split_chunk)


def words(text: str) -> list[str]:
    """The folded words of `text`, in order, operator characters and emoji removed."""
    return [word for chunk in text.split() for word in _chunk_words[chunk]]


def _stem_variants(word: str) -> tuple[str, ...]:
    if len(word) < 3 or not word.isalpha():
        return (word,)  # the stemmers leave these alone: spare the cost ("2024", "mp3", "of")
    english, dutch = _stemmers()
    forms = [word]
    for stem in (english.stemWord(word), dutch.stemWord(word)):
        if stem and stem not in forms:
            forms.append(stem)
    return tuple(forms)


_variants = _Memo(_stem_variants)


def variants(word: str) -> tuple[str, ...]:
    """The forms a folded word is indexed and searched under: itself, its English and Dutch
    stems, without duplicates, the word first.

    Memoised: Snowball in pure Python costs ~50 µs a word, and real vocabularies are small.
    """
    return _variants[word]


def _analyse_chunk(chunk: str) -> str:
    return " ".join(form for word in _chunk_words[chunk] for form in _variants[word])


_chunk_terms = _Memo(_analyse_chunk)


def document_terms(text: str | None) -> str:
    """The space-separated index terms of a field (what the FTS engines store)."""
    if not text:
        return ""
    # split, map, filter and join all run in C; Python only runs on a memo miss
    return " ".join(filter(None, map(_chunk_terms.__getitem__, text[:MAX_FIELD_CHARS].split())))


def clear_caches() -> None:
    """Forget memoised analysis (benchmarks measure cold indexing with it)."""
    for memo in (_chunk_words, _variants, _chunk_terms):
        memo.clear()


@dataclass(frozen=True)
class QueryWord:
    """One word of a query: it matches a document having any of `forms`; when `prefix`,
    the first form also matches as the beginning of a longer word."""

    forms: tuple[str, ...]
    prefix: bool


def query_words(query: str | None) -> list[QueryWord]:
    """Parse what a user typed into the words to search for; [] when nothing is searchable.

    Never raises on any string: operator characters are separators, the length is capped.
    """
    if not query:
        return []
    found = list(dict.fromkeys(words(query[:MAX_QUERY_CHARS])))
    if len(found) > 1:
        kept = [w for w in found[:-1] if w not in STOP_WORDS] + found[-1:]
        if any(w not in STOP_WORDS for w in kept):
            found = kept
    found = found[:MAX_QUERY_WORDS]
    result = [QueryWord(variants(w), prefix=False) for w in found[:-1]]
    last = found[-1] if found else None
    if last is not None:
        prefix = len(last) >= MIN_PREFIX_LENGTH
        forms = variants(last)
        if prefix:
            # a stem that starts with the typed word is already covered by the prefix
            forms = (last, *(f for f in forms[1:] if not f.startswith(last)))
        result.append(QueryWord(forms, prefix=prefix))
    return result


def fts5_match(kind: str, query: list[QueryWord]) -> str:
    """An FTS5 MATCH expression: every form double-quoted (so no word is ever an operator),
    restricted to the document kind and to the title and body columns."""
    groups = []
    for word in query:
        alternatives = [f'"{form}"' for form in word.forms]
        if word.prefix:
            alternatives[0] += "*"
        groups.append("(" + " OR ".join(alternatives) + ")")
    return f'kind : "{kind}" AND {{title_terms body_terms}} : (' + " AND ".join(groups) + ")"


def tsquery_text(query: list[QueryWord]) -> str:
    """A `to_tsquery('simple', ...)` argument. Forms hold only letters and digits, so the only
    operators in it are the ones written here; it is still passed as a bind parameter."""
    groups = []
    for word in query:
        alternatives = list(word.forms)
        if word.prefix:
            alternatives[0] += ":*"
        groups.append("(" + " | ".join(alternatives) + ")")
    return " & ".join(groups)
