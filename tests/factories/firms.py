"""Firm, portfolio item and portfolio file factories (they commit, like every factory)."""

from __future__ import annotations

import io
import itertools

import pytest
from PIL import Image
from werkzeug.datastructures import FileStorage

from crm.extensions import db
from crm.firms.models import Firm, PortfolioItem
from crm.reference.models import Discipline, Theme

_counter = itertools.count(1)


def png_bytes(size=(40, 30), color=(30, 140, 90)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def make_firm(app):
    """make_firm(**fields) -> a committed Firm (disciplines and countries as code lists)."""

    def _make(disciplines=(), countries=(), **fields) -> Firm:
        from crm.firms.models import FirmCountry

        values = {
            "name": f"Studio {next(_counter)}",
            "city": "Rotterdam",
            "size_code": "small",
            "description": "",
            "languages": ["nl", "en"],
        }
        values.update(fields)
        firm = Firm(**values)
        db.session.add(firm)
        firm.disciplines = [db.session.get(Discipline, code) for code in disciplines]
        firm.countries = [FirmCountry(country_code=code) for code in countries]
        db.session.add(firm)
        db.session.commit()
        return firm

    return _make


@pytest.fixture
def make_item(app, make_firm):
    """make_item(firm=None, themes=(), disciplines=(), **fields) -> a committed PortfolioItem."""

    def _make(firm=None, themes=(), disciplines=(), **fields) -> PortfolioItem:
        firm = firm or make_firm()
        values = {
            "title": f"Project {next(_counter)}",
            "description": "A project.",
            "client": "",
            "visibility": "programme",
            "position": next(_counter),
        }
        values.update(fields)
        item = PortfolioItem(firm=firm, **values)
        db.session.add(item)
        item.themes = [db.session.get(Theme, code) for code in themes]
        item.disciplines = [db.session.get(Discipline, code) for code in disciplines]
        db.session.add(item)
        db.session.commit()
        return item

    return _make


@pytest.fixture
def make_portfolio_file(app, make_item):
    """make_portfolio_file(item=None, data=PNG, name) -> a committed PortfolioFile, stored."""

    def _make(item=None, data: bytes | None = None, name: str = "picture.png"):
        from crm.firms.portfolio import add_file

        item = item or make_item()
        upload = FileStorage(io.BytesIO(data or png_bytes()), filename=name)
        with app.test_request_context():
            portfolio_file = add_file(item, upload, None)
            db.session.commit()
        return portfolio_file

    return _make


@pytest.fixture
def reindex(app):
    """reindex(*firms): refresh the search index (factories write rows directly)."""

    def _reindex(*firms):
        from crm.firms.service import reindex_firm

        for firm in firms:
            db.session.refresh(firm)
            reindex_firm(firm)
        db.session.commit()

    return _reindex
