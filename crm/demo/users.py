"""Demo users: one or more per role, all with the demo password."""

from __future__ import annotations

from crm.auth.service import Scope, create_user
from crm.demo import DEMO_PASSWORD, DemoContext, demo_step

DEMO_USERS = [
    ("admin@demo.creativelab.example", "admin", Scope(), "Anna Admin"),
    ("topteam@demo.creativelab.example", "topteam", Scope(), "Tom Topteam"),
    ("bd.de@demo.creativelab.example", "bd", Scope(country="DE"), "Berit Brandt"),
    (
        "bd.cn@demo.creativelab.example",
        "bd",
        Scope(country="CN", lab="lab-cn-shanghai"),
        "Chen Bakker",
    ),
    ("bd.us@demo.creativelab.example", "bd", Scope(country="US"), "Ursula de Vries"),
    ("post.berlin@demo.creativelab.example", "post", Scope(post="berlin-embassy"), "Paul Berlin"),
    ("post.shanghai@demo.creativelab.example", "post", Scope(post="shanghai-cg"), "Pien Shanghai"),
    ("post.newyork@demo.creativelab.example", "post", Scope(post="newyork-cg"), "Pieter New York"),
]


@demo_step(10)
def users(context: DemoContext) -> None:
    created = []
    for email, role, scope, name in DEMO_USERS:
        user = create_user(
            email, DEMO_PASSWORD, role, scope, name=name, password_hash=context.password_hash
        )
        created.append(user)
        context.logins.append((email, role, DEMO_PASSWORD))
    context.created["users"] = created


def demo_login_lines(per_role: int = 3) -> list[str]:
    """Lines describing demo logins, a few per role, for `make run` to print."""
    from sqlalchemy import select

    from crm.auth.models import User
    from crm.extensions import db

    users = db.session.scalars(
        select(User).where(User.email.like("%@demo.creativelab.example")).order_by(User.id)
    ).all()
    if not users:
        return ["No demo users in this database."]
    shown: dict[str, int] = {}
    lines = [f"Demo logins (password for every demo user: {DEMO_PASSWORD}):"]
    for user in users:
        if shown.get(user.role, 0) < per_role:
            shown[user.role] = shown.get(user.role, 0) + 1
            lines.append(f"  {user.role:8} {user.email}")
    return lines
