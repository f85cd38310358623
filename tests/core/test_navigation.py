"""Every role reaches every page its navigation and account menu offer, in both languages."""

from __future__ import annotations

import pytest
from flask import url_for

from crm.auth.roles import ROLES
from crm.core.templating import ACCOUNT_MENU, NAVIGATION


@pytest.mark.parametrize("locale", ["en", "nl"])
@pytest.mark.parametrize("role", ROLES)
def test_every_offered_page_opens(role, locale, app, client, login, make_user):
    user = make_user(role, locale=locale)
    login(user)
    with app.test_request_context():
        urls = [
            url_for(endpoint)
            for endpoint, _label, roles in NAVIGATION + ACCOUNT_MENU
            if role in roles
        ]
    assert urls, f"{role} has no navigation"
    for url in urls:
        response = client.get(url, follow_redirects=True)
        assert response.status_code == 200, f"{role} {url} -> {response.status_code}"
        assert f'lang="{locale}"' in response.get_data(as_text=True)
