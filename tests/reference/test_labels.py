"""Reference labels in the reader's language: shipped ones translated, admin edits as typed."""

from __future__ import annotations

from flask_babel import force_locale

from crm.extensions import db
from crm.reference import labels
from crm.reference.labels import country_name, ref_label
from crm.reference.loader import shipped_reference
from crm.reference.models import Country, Stage, Theme


def _shipped_labels() -> set[str]:
    data = shipped_reference()
    found = {
        row["label"]
        for kind in ("themes", "disciplines", "firm_sizes", "stages")
        for row in data[kind]
    }
    found |= {row["name"] for kind in ("posts", "labs") for row in data[kind]}
    found |= {post["city"] for post in data["posts"]}
    return found


def test_every_shipped_label_is_marked_for_translation():
    missing = sorted(_shipped_labels() - labels.SHIPPED_LABELS)
    assert missing == [], f"add these to crm/reference/labels.py: {missing}"


def test_every_shipped_country_has_a_babel_name():
    from babel import Locale

    for country in shipped_reference()["countries"]:
        assert country["code"] in Locale("nl").territories


def _in(app, locale, func, *args):
    with app.test_request_context(), force_locale(locale):
        return func(*args)


def _in_dutch(app, func, *args):
    return _in(app, "nl", func, *args)


def test_shipped_labels_are_translated_and_admin_edits_shown_as_typed(app):
    assert _in_dutch(app, ref_label, "Won") == "Gewonnen"
    assert _in_dutch(app, ref_label, "Creative Lab Germany") == "Creative Lab Duitsland"
    assert _in_dutch(app, ref_label, "Elderly care, my own words") == "Elderly care, my own words"
    assert _in_dutch(app, ref_label, "") == ""
    assert _in(app, "en", ref_label, "Won") == "Won"


def test_country_names_by_code_unless_an_admin_renamed_them(app):
    germany = db.session.get(Country, "DE")
    assert _in_dutch(app, country_name, "DE") == "Duitsland"
    assert _in_dutch(app, country_name, germany) == "Duitsland"
    assert _in(app, "en", country_name, germany) == "Germany"
    germany.name = "Deutschland (BRD)"
    db.session.flush()
    assert _in_dutch(app, country_name, germany) == "Deutschland (BRD)"


def test_a_dutch_user_sees_translated_stages_and_countries(client, login, make_user, make_question):
    user = make_user("bd", locale="nl")
    make_question(stage="proposal", country="DE", owner=user, themes=["mobility"])
    login(user)
    listing = client.get("/questions").get_data(as_text=True)
    assert "Voorstel" in listing and "Mobiliteit en vervoer" in listing
    assert "Duitsland" in listing
    assert ">Proposal<" not in listing and "Mobility and transport" not in listing
    board = client.get("/questions/board?country=DE").get_data(as_text=True)
    assert "Voorstel" in board and "Onderhandeling" in board and "Duitsland" in board
    assert ">Proposal<" not in board and ">Germany<" not in board


def test_an_edited_stage_label_shows_as_typed_in_dutch(client, login, make_user, make_question):
    db.session.get(Stage, "proposal").label = "Offerte verstuurd"
    db.session.get(Theme, "mobility").label = "Mobiliteit (eigen)"
    db.session.commit()
    user = make_user("bd", locale="nl")
    make_question(stage="proposal", country="DE", owner=user, themes=["mobility"])
    login(user)
    board = client.get("/questions/board?country=DE").get_data(as_text=True)
    assert "Offerte verstuurd" in board
