"""What a search finds: stems in English and Dutch, accents, prefixes, kinds."""

from __future__ import annotations

import pytest

from crm.search import index


@pytest.mark.parametrize(
    ("document", "query"),
    [
        ("Fiets parkeren bij het station", "fietsen parkeren"),
        ("Fietsen voor ouderen", "fiets voor"),
        ("Een nieuw boek over design", "boeken design"),
        ("Huizen aan de gracht", "huis gracht"),
        ("Nieuwe scholen in Utrecht", "school utrecht"),
        ("Ontwerpen van een museum", "ontwerp museum"),
        ("Kunstenaars uit Rotterdam", "kunstenaar rotterdam"),
    ],
)
def test_dutch_words_find_their_other_forms(app, search, document, query):
    index("question", 1, document)
    assert search("question", query) == [1]


@pytest.mark.parametrize(
    ("document", "query"),
    [
        ("Cycle lanes for the city", "cycling city"),
        ("She cycled to work", "cycles work"),
        ("Designing public spaces", "designs spaces"),
        ("Two organisations joined", "organisation joined"),
        ("Mobile games studio", "mobility studio"),
        ("Running a festival", "runs festival"),
    ],
)
def test_english_words_find_their_other_forms(app, search, document, query):
    index("question", 1, document)
    assert search("question", query) == [1]


def test_unrelated_words_do_not_match(app, search):
    index("question", 1, "Fiets parkeren")
    assert search("question", "auto parkeren") == []


@pytest.mark.parametrize(
    ("document", "query"),
    [
        ("Café Rotterdam", "cafe"),
        ("cafe rotterdam", "CAFÉ"),
        ("Zürich office", "zurich"),
        ("naïve art", "NAIVE"),
        ("Straße", "strasse"),
        ("São Paulo", "sao paulo"),
    ],
)
def test_accents_and_case_are_ignored(app, search, document, query):
    index("question", 1, document)
    assert search("question", query) == [1]


@pytest.mark.parametrize("query", ["mo", "mobi", "mobilit", "rotterdam mobi", "Rotterd"])
def test_the_last_word_is_a_prefix(app, search, query):
    index("question", 1, "Mobility hub in Rotterdam")
    assert search("question", query) == [1]


def test_only_the_last_word_is_a_prefix(app, search):
    index("question", 1, "Mobility hub in Rotterdam")
    assert search("question", "mobi rotterdam") == []


def test_every_word_must_match(app, search):
    index("question", 1, "Mobility hub in Rotterdam")
    index("question", 2, "Mobility hub in Lagos")
    assert search("question", "mobility rotterdam") == [1]
    assert search("question", "mobility hub") == [1, 2]


def test_stop_words_do_not_have_to_occur(app, search):
    index("question", 1, "Mobility hub Rotterdam")
    assert search("question", "the mobility hub of Rotterdam") == [1]


def test_other_scripts_are_searchable(app, search):
    index("question", 1, {"title": "设计中心", "body": "مركز التصميم"})
    assert search("question", "设计中心") == [1]
    assert search("question", "التصميم") == [1]


def test_kinds_do_not_leak_into_each_other(app, search):
    index("question", 1, "museum")
    index("firm", 2, "museum")
    index("portfolio_item", 3, "museum")
    index("portfolio", 4, "museum")
    assert search("question", "museum") == [1]
    assert search("firm", "museum") == [2]
    assert search("portfolio_item", "museum") == [3]
    assert search("portfolio", "museum") == [4]
    assert search("organisation", "museum") == []


def test_the_kind_name_is_not_searchable_text(app, search):
    index("question", 1, "museum")
    assert search("question", "question") == []
