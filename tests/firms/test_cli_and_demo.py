"""`crm create-user --role firm --firm ID`, and the demo step for firms."""

from __future__ import annotations

import random
from contextlib import contextmanager
from types import SimpleNamespace

from sqlalchemy import func, select

from crm.auth.models import User
from crm.demo import DemoContext, DemoOptions
from crm.extensions import db
from crm.firms import demo
from crm.firms.models import Firm, PortfolioFile, PortfolioItem, portfolio_item_themes
from crm.reference.models import FirmSize, Theme
from crm.search import ranked_ids


def test_create_user_with_role_firm_needs_an_existing_firm(app, make_firm):
    firm = make_firm()
    runner = app.test_cli_runner()
    base = ["crm", "create-user", "--password", "a-long-password-1", "--role", "firm"]
    ok = runner.invoke(args=[*base, "--email", "m@studio.example", "--firm", str(firm.id)])
    assert ok.exit_code == 0, ok.output
    user = db.session.scalar(select(User).where(User.email == "m@studio.example"))
    assert (user.role, user.firm_id, user.firm.name) == ("firm", firm.id, firm.name)
    missing = runner.invoke(args=[*base, "--email", "x@studio.example", "--firm", "999999"])
    assert missing.exit_code != 0 and "no firm" in missing.output
    none = runner.invoke(args=[*base, "--email", "y@studio.example"])
    assert none.exit_code != 0 and "firm" in none.output


class QuietContext(DemoContext):
    """No progress bar on stderr (click's get_text_stream warns in tests)."""

    @contextmanager
    def progress(self, label, length):
        yield SimpleNamespace(update=lambda n: None)


def test_demo_makes_firms_of_every_size_with_items_on_every_theme(app, disk):
    context = QuietContext(
        options=DemoOptions(firms=10), rng=random.Random(7), password_hash="not-used-here"
    )
    with app.test_request_context():
        demo.firms(context)
        db.session.flush()
    assert db.session.scalar(select(func.count(Firm.id))) == 10
    sizes = set(db.session.scalars(select(Firm.size_code).distinct()))
    assert sizes == set(db.session.scalars(select(FirmSize.code)))
    themes = set(db.session.scalars(select(portfolio_item_themes.c.theme_code).distinct()))
    assert themes == set(db.session.scalars(select(Theme.code)))
    assert db.session.scalar(select(func.count(PortfolioFile.id))) > 10
    logins = [email for email, role, _pw in context.logins if role == "firm"]
    assert logins == [f"firm{n}@demo.creativelab.example" for n in range(1, 6)]
    title = db.session.scalars(select(PortfolioItem.title)).first()
    hits = ranked_ids("firm", title.split(" for ")[0])
    assert db.session.execute(hits).first() is not None
