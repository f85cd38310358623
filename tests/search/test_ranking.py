"""Ranking: best match first with ORDER BY rank ASC, on both engines."""

from __future__ import annotations

from crm.search import bulk_index, index


def test_a_title_match_beats_a_body_match(app, search, filler):
    index("question", 1, {"title": "City plan", "body": "Bicycle parking near the station"})
    index("question", 2, {"title": "Bicycle parking", "body": "City plan near the station"})
    assert search("question", "bicycle") == [2, 1]


def test_name_counts_as_title(app, search, filler):
    index("firm", 1, {"name": "Studio North", "description": "We design bicycle racks"})
    index("firm", 2, {"name": "Bicycle Makers", "description": "We design studio racks"})
    assert search("firm", "bicycle") == [2, 1]


def test_more_matches_rank_higher(app, search, filler):
    index("question", 1, "museum guide tour plan")
    index("question", 2, "museum museum museum guide")
    assert search("question", "museum") == [2, 1]


def test_matching_more_query_words_ranks_higher(app, search, filler):
    index("question", 1, "museum lighting design for the city")
    index("question", 2, "museum lighting museum design museum city")
    assert search("question", "museum design") == [2, 1]


def test_the_exact_word_form_beats_a_stem_match(app, search, filler):
    bulk_index("question", [(1, "designs for schools"), (2, "designing for schools")])
    assert search("question", "designing schools") == [2, 1]
