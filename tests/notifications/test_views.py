"""The counter, the list, marking read (HTMX and plain forms)."""

from __future__ import annotations

from crm.extensions import db


def test_counter_fragment_shows_the_unread_count(client, login, make_user, make_notification):
    user = make_user("firm", firm_id=None)
    login(user)
    assert "badge" not in client.get("/notifications/counter").get_data(as_text=True)
    make_notification(user)
    make_notification(user)
    html = client.get("/notifications/counter").get_data(as_text=True)
    assert 'id="notification-counter"' in html and ">2</span>" in html
    assert "every 60s" in html and "load," not in html


def test_list_page_and_fragment(client, login, make_user, make_notification):
    user = make_user("bd")
    login(user)
    assert "No notifications yet" in client.get("/notifications").get_data(as_text=True)
    make_notification(user, text="Question 12 was claimed")
    page = client.get("/notifications").get_data(as_text=True)
    assert "Question 12 was claimed" in page and "<h1>" in page
    fragment = client.get("/notifications", headers={"HX-Request": "true"}).get_data(as_text=True)
    assert fragment.lstrip().startswith('<section id="notification-list"')


def test_mark_read_with_htmx_swaps_the_item_and_refreshes_the_counter(
    client, login, make_user, make_notification
):
    user = make_user("bd")
    note = make_notification(user)
    login(user)
    response = client.post(f"/notifications/{note.id}/read", headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response.headers["HX-Trigger"] == "notifications-changed"
    assert f'id="notification-{note.id}"' in response.get_data(as_text=True)
    db.session.refresh(note)
    assert note.read_at is not None


def test_open_marks_read_and_follows_the_local_link(client, login, make_user, make_notification):
    user = make_user("bd")
    note = make_notification(user, url="/about")
    evil = make_notification(user, url="https://evil.example/")
    login(user)
    response = client.post(f"/notifications/{note.id}/read", data={"open": "1"})
    assert response.status_code == 303 and response.headers["Location"] == "/about"
    response = client.post(f"/notifications/{evil.id}/read", data={"open": "1"})
    assert response.headers["Location"] == "/notifications"


def test_mark_all_read(client, login, make_user, make_notification):
    user = make_user("bd")
    notes = [make_notification(user) for _ in range(3)]
    login(user)
    response = client.post("/notifications/read-all", headers={"HX-Request": "true"})
    assert response.status_code == 200 and "notifications-changed" in response.headers["HX-Trigger"]
    for note in notes:
        db.session.refresh(note)
        assert note.read_at is not None
    assert client.post("/notifications/read-all").status_code == 303


def test_nobody_marks_another_users_notification(client, login, make_user, make_notification):
    note = make_notification()
    login(make_user("admin"))
    assert client.post(f"/notifications/{note.id}/read").status_code == 403


def test_list_is_paginated_with_a_fixed_number_of_statements(
    client, login, make_user, make_notification, count_queries
):
    user = make_user("bd")
    login(user)
    counts = []
    for n in (5, 45):
        for _ in range(n):
            make_notification(user)
        with count_queries() as counter:
            assert client.get("/notifications").status_code == 200
        counts.append(counter.count)
    assert counts[0] == counts[1]
    page2 = client.get("/notifications?page=2").get_data(as_text=True)
    assert "Page 2 of 2" in page2
