"""The text analysis behind search: folding, words, stems and query building (no database)."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crm.search.text import (
    MAX_QUERY_WORDS,
    QueryWord,
    document_terms,
    fold,
    fts5_match,
    query_words,
    tsquery_text,
    variants,
    words,
)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Café", "cafe"),
        ("ZÜRICH", "zurich"),
        ("naïve", "naive"),
        ("Straße", "strasse"),
        ("ﬁets", "fiets"),
        ("Øresund", "øresund"),
    ],
)
def test_fold_strips_accents_and_case(text, folded):
    assert fold(text) == folded


def test_words_split_on_every_operator_character_and_drop_emoji():
    assert words('"design" AND (museum*) NEAR/2 ^title:x -y 🎨 e_mail') == [
        "design",
        "and",
        "museum",
        "near",
        "2",
        "title",
        "x",
        "y",
        "e",
        "mail",
    ]


def test_words_drop_absurdly_long_words():
    assert words("a" * 65 + " ok") == ["ok"]


def test_variants_hold_the_word_and_its_english_and_dutch_stems():
    assert variants("fietsen") == ("fietsen", "fiets")
    assert variants("cycling") == ("cycling", "cycl")
    assert variants("design") == ("design",)


def test_document_terms_index_every_form():
    assert document_terms("Fietsen, cycling!") == "fietsen fiets cycling cycl"
    assert document_terms(None) == ""


def test_query_words_prefix_the_last_word_only():
    assert query_words("bicycle mobi") == [
        QueryWord(("bicycle", "bicycl"), prefix=False),
        QueryWord(("mobi",), prefix=True),
    ]


def test_query_words_keep_stems_not_covered_by_the_prefix():
    assert query_words("fietsen") == [QueryWord(("fietsen", "fiets"), prefix=True)]


def test_a_single_letter_is_not_a_prefix():
    assert query_words("m") == [QueryWord(("m",), prefix=False)]


def test_stop_words_are_dropped_unless_last_or_alone():
    assert [w.forms[0] for w in query_words("the design of de stad")] == ["design", "stad"]
    assert [w.forms[0] for w in query_words("design the")] == ["design", "the"]
    assert [w.forms[0] for w in query_words("the and")] == ["the", "and"]


def test_query_words_are_capped_and_deduplicated():
    assert len(query_words(" ".join(f"w{i}" for i in range(100)))) == MAX_QUERY_WORDS
    assert len(query_words("museum museum museum")) == 1


@pytest.mark.parametrize("query", ["", "   ", "!!!", "🎨🚲", '"()"', None])
def test_nothing_searchable_gives_no_words(query):
    assert query_words(query) == []


def test_fts5_match_quotes_every_form():
    match = fts5_match("question", query_words("NEAR fietsen"))
    assert match == (
        'kind : "question" AND {title_terms body_terms} : (("near") AND ("fietsen"* OR "fiets"))'
    )


def test_tsquery_text_uses_only_its_own_operators():
    assert tsquery_text(query_words("NOT & fietsen")) == "(not) & (fietsen:* | fiets)"


@pytest.fixture(scope="module")
def fts5():
    connection = sqlite3.connect(":memory:")
    connection.execute(
        "CREATE VIRTUAL TABLE t USING fts5(kind, title_terms, body_terms, "
        "tokenize=\"unicode61 remove_diacritics 0 tokenchars '_'\")"
    )
    connection.execute("INSERT INTO t VALUES ('question', 'x', ?)", (document_terms("fietsen"),))
    yield connection
    connection.close()


@given(st.text(max_size=300))
def test_any_text_gives_a_valid_fts5_expression(fts5, text):
    found = query_words(text)
    if found:
        fts5.execute("SELECT rowid FROM t WHERE t MATCH ?", (fts5_match("question", found),))
