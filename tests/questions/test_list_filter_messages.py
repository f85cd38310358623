"""The list filters explain bad parameters in the reader's language."""

from __future__ import annotations

from flask_babel import force_locale

from crm.questions.queries import parse_filters, reference_codes

BAD = {"country": "XX", "owner": "someone", "sort": "size", "dir": "up", "page": "0"}


def test_bad_list_parameters_are_explained_in_dutch(app):
    with app.test_request_context("/"), force_locale("nl"):
        errors = parse_filters(BAD, reference_codes()).errors
    assert errors == {
        "country": ["onbekende code"],
        "owner": ['een gebruikersnummer, of "none" voor vragen zonder eigenaar'],
        "sort": ["een van updated, value, decision, stage"],
        "dir": ["asc of desc"],
        "page": ["een geheel getal vanaf 1"],
    }
