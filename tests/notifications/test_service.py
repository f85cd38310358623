"""notify(): recipients as a user, a list or an Audience; rows flushed; mail after commit."""

from __future__ import annotations

import smtplib

import pytest
from sqlalchemy import func, select

from crm.extensions import db
from crm.notifications import mail
from crm.notifications.models import Notification
from crm.notifications.service import Audience, mark_all_read, notify, unread_count


def _count(user) -> int:
    return db.session.scalar(
        select(func.count(Notification.id)).where(Notification.user_id == user.id)
    )


def test_notify_one_user_records_kind_object_text_and_url(make_user):
    user = make_user("bd")
    other = make_user("admin")
    assert notify(user, "question.new", other, "A new question", "/questions/1") == 1
    note = db.session.scalar(select(Notification).where(Notification.user_id == user.id))
    assert (note.kind, note.object_type, note.object_id) == ("question.new", "users", str(other.id))
    assert (note.text, note.url, note.read_at) == ("A new question", "/questions/1", None)


def test_notify_a_list_skips_inactive_users_and_duplicates(make_user):
    active = make_user("bd")
    disabled = make_user("bd", active=False)
    assert notify([active, disabled, active], "x", text="hello") == 1
    assert _count(active) == 1 and _count(disabled) == 0


def test_notify_an_audience_by_role_and_scope(make_user):
    de_bd = make_user("bd")
    us_bd = make_user("bd", country_code="US", lab_code="lab-us")
    make_user("bd", active=False)
    post = make_user("post")
    firm_user = make_user("firm", firm_id=None)
    assert notify(Audience("bd", country="DE"), "question.new", text="New in DE") == 1
    assert _count(de_bd) == 1 and _count(us_bd) == 0
    assert notify(Audience("post", post="berlin-embassy"), "k", text="t") == 1
    assert _count(post) == 1
    assert notify(Audience("bd"), "k", text="all bds") == 2
    assert notify(Audience("firm", firm_id=123456), "k", text="nobody") == 0
    assert _count(firm_user) == 0


def test_notify_flushes_without_committing(make_user):
    user = make_user("bd")
    notify(user, "x", text="pending")
    assert _count(user) == 1
    db.session.rollback()
    assert _count(user) == 0


def test_unread_count_and_mark_all_read(make_user, make_notification):
    user = make_user("post")
    for _ in range(3):
        make_notification(user)
    make_notification()  # someone else's
    assert unread_count(user) == 3
    assert mark_all_read(user) == 3
    assert unread_count(user) == 0


class FakeSMTP:
    sent: list = []
    fail = False

    def __init__(self, host, port, timeout=None, **kwargs):
        self.host, self.port = host, port

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def ehlo(self):
        return None

    def has_extn(self, name):
        return False

    def login(self, user, password):
        self.credentials = (user, password)

    def send_message(self, message):
        if FakeSMTP.fail:
            raise smtplib.SMTPException("the server is away")
        FakeSMTP.sent.append(message)


@pytest.fixture
def smtp(app, monkeypatch):
    FakeSMTP.sent = []
    FakeSMTP.fail = False
    monkeypatch.setattr(mail.smtplib, "SMTP", FakeSMTP)
    monkeypatch.setitem(app.config, "SMTP_URL", "smtp://crm:secret@mail.example:2525")
    return FakeSMTP


def test_mail_goes_out_after_the_commit_only(smtp, make_user):
    user = make_user("bd")
    with pytest.MonkeyPatch.context():
        from flask import current_app

        with current_app.test_request_context("/"):
            notify(user, "question.new", text="A new question", url="/questions/7")
    assert smtp.sent == []
    db.session.commit()
    assert len(smtp.sent) == 1
    message = smtp.sent[0]
    assert message["To"] == user.email
    assert "A new question" in message.get_content()
    assert "http://localhost/questions/7" in message.get_content()


def test_rolled_back_notifications_send_no_mail(smtp, make_user):
    notify(make_user("bd"), "x", text="never")
    db.session.rollback()
    db.session.commit()
    assert smtp.sent == []


def test_a_failing_mail_server_never_fails_the_caller(smtp, make_user, monkeypatch):
    logged = []
    monkeypatch.setattr(mail.log, "exception", lambda msg, *args: logged.append(msg % args))
    smtp.fail = True
    user = make_user("bd")
    assert notify(user, "x", text="still recorded") == 1
    db.session.commit()
    assert _count(user) == 1
    assert logged == ["Sending 1 mail(s) failed"]


def test_smtp_url_forms():
    plain = mail.SmtpSettings.parse("smtp://user%40x:p%3Ass@mail.example:2525")
    assert (plain.host, plain.port, plain.user, plain.password, plain.tls) == (
        "mail.example",
        2525,
        "user@x",
        "p:ss",
        False,
    )
    tls = mail.SmtpSettings.parse("smtps://mail.example")
    assert (tls.port, tls.tls, tls.user) == (465, True, None)
    with pytest.raises(ValueError):
        mail.SmtpSettings.parse("http://mail.example")
