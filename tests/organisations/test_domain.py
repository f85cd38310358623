"""The pure rules: name keys, similarity, phone and email checks. No app, no database."""

from __future__ import annotations

import pytest

from crm.core.web_links import web_link_is_valid
from crm.organisations.domain import (
    SIMILAR_AT,
    ContactDataError,
    check_email,
    display_phone,
    erased_name,
    fold,
    name_key,
    parse_phone,
    similar_names,
    similarity,
)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Pflegewerk Berlin GmbH", "pflegewerk berlin"),
        ("  PFLEGEWERK   berlin  ", "pflegewerk berlin"),
        ("Stadt München", "stadt munchen"),
        ("Grünes Netz e.V.", "grunes netz"),
        ("Shanghai Meiya Design Co., Ltd.", "shanghai meiya design"),
        ("Acme, Inc.", "acme"),
        ("Müller & Co. KG", "muller"),
        ("Smith and Partners LLC", "smith and partners"),
        ("北京创意科技有限公司", "北京创意科技"),
        ("上海市卫生健康委员会", "上海市卫生健康委员会"),
        ("Straße der Pflege gGmbH", "strasse der pflege"),
        ("Ltd", "ltd"),  # a name that is only a legal form stays as it is
    ],
)
def test_name_key_folds_case_accents_punctuation_and_legal_suffixes(name, key):
    assert name_key(name) == key


def test_fold_removes_accents_and_case():
    assert fold("Élysée ÄÖÜ ß") == "elysee aou ss"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Pflegewerk Berlin GmbH", "pflegewerk berlin"),
        ("Stadt München", "Stadt Muenchen"),
        ("上海市卫生健康委员会", "上海市卫生健康委"),
        ("Chicago Department of Transportation", "Department of Transportation Chicago"),
        ("University of Michigan", "The University of Michigan"),
    ],
)
def test_close_names_are_similar(a, b):
    assert similarity(a, b) >= SIMILAR_AT


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Stadt Berlin", "Stadt Hamburg"),
        ("University of Michigan", "Michigan State University Extension"),
        ("City of Chicago", "Chicago Public Schools"),
        ("", "anything"),
    ],
)
def test_different_names_are_not_similar(a, b):
    assert similarity(a, b) < SIMILAR_AT


def test_similar_names_lists_the_closest_first_and_skips_the_rest():
    existing = [(1, "Stadt Hamburg"), (2, "Pflegewerk Berlin GmbH"), (3, "Pflegewerk Berlin")]
    found = similar_names("pflegewerk  berlin", existing)
    assert [c.id for c in found] == [2, 3]
    assert all(c.score == 1.0 for c in found)
    assert similar_names("", existing) == []
    assert similar_names("Pflegewerk Berlin", existing, limit=1)[0].id == 2


def test_phone_numbers_are_stored_in_e164_with_the_country_as_hint():
    assert parse_phone("030 1234567", "DE") == "+49301234567"
    assert parse_phone("+49 (0)30 123 4567", None) == "+49301234567"
    assert parse_phone("021 6279 8888", "CN") == "+862162798888"
    assert parse_phone("(312) 555-0142", "US") == "+13125550142"
    assert parse_phone("+1 312 555 0142", "DE") == "+13125550142"  # "+" wins over the hint
    assert parse_phone("", "DE") == ""


@pytest.mark.parametrize("text", ["12", "not a phone", "+49 1", "0" * 45, "+999 123456"])
def test_bad_phone_numbers_are_refused(text):
    with pytest.raises(ContactDataError):
        parse_phone(text, "DE")


def test_phone_display():
    assert display_phone("+862162798888") == "+86 21 6279 8888"
    assert display_phone("") == ""


def test_email_syntax_is_checked_and_normalised():
    assert check_email(" Anna.Schmidt@Example.DE ") == "Anna.Schmidt@example.de"
    assert check_email("") == ""
    for bad in ("anna", "anna@", "anna@@example.de", "an na@example.de", "a@b"):
        with pytest.raises(ContactDataError):
            check_email(bad)


def test_web_links():
    assert web_link_is_valid("https://www.muenchen.de/rathaus")
    assert not web_link_is_valid("javascript:alert(1)")
    assert not web_link_is_valid("ftp://example.org")
    assert not web_link_is_valid("https://user:pw@example.org")
    assert not web_link_is_valid("https://exa mple.org")


def test_erased_name():
    assert erased_name(12) == "Erased contact #12"
