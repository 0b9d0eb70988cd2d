"""Reminders (issue 15 item 5): her program on her phone's calendar, email, the invitation's
QR code.

- The private calendar subscription: a secret address (no login), her program as iCalendar
  with one reminder alarm (VALARM) per session, ``Cache-Control: no-store``, 404 once revoked
  or replaced, the address never in a log line; empty while a stop rule pauses her program
  (R32); shown with copy buttons to her and to her coach.
- Email through Django's email framework: the invitation link reaches a real (local) SMTP
  server; a coach's stop alert (R32) reaches her coach and says nothing about her health.
- The invitation page: a copy button and the link as a QR code in inline SVG.
"""

from __future__ import annotations

import logging
import re
import socket
from collections.abc import Iterator
from datetime import time, timedelta
from email import message_from_bytes, policy
from typing import Any

import pytest
from django.core import mail as outbox
from django.test import override_settings
from django.urls import reverse
from icalendar import Calendar

from osteoload.services import calendar_feed, client_programs, mail, training_log
from osteoload.services.access import NotFound
from osteoload.services.errors import InputError
from osteoload.web.security import scrub
from tests.conftest import TODAY

from .conftest import World


def feed_url(token: str) -> str:
    return reverse("calendar-feed", args=[token])


def sessions_of(world: World) -> list[dict[str, Any]]:
    document = client_programs.assigned_program(world.alice.user, world.bob_id)
    assert document is not None
    return [s for w in document["weeks"] for s in w["sessions"]]


# --- the calendar feed ------------------------------------------------------------------


def test_the_feed_parses_and_carries_one_reminder_alarm_per_session(world: World) -> None:
    info = calendar_feed.create_feed(world.bob.user, world.bob_id, session_time="18:30")
    response = world.anonymous.browser().get(feed_url(info.token))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "no-store" in response["Cache-Control"]
    cal = Calendar.from_ical(response.content)
    events = cal.walk("VEVENT")
    sessions = sessions_of(world)
    assert len(events) == len(sessions) > 0
    for event, session in zip(events, sessions, strict=True):
        alarms = event.walk("VALARM")
        assert len(alarms) == 1
        assert str(alarms[0]["action"]) == "DISPLAY"
        trigger = alarms[0].decoded("trigger")
        assert trigger == -timedelta(minutes=calendar_feed.REMINDER_MINUTES)
        start = event.decoded("dtstart")
        assert start.date().isoformat() == session["date"]
        assert start.time() == time(18, 30) and start.tzinfo is None  # her own clock
        assert event.decoded("dtend") > start
    # the doses come from the same builder as the downloaded calendar (the wording layer)
    assert "About " in str(events[0]["description"])
    assert "PT12H" in response.content.decode()


def test_the_downloaded_calendar_keeps_its_all_day_events_without_alarms(world: World) -> None:
    response = world.bob.browser().get(reverse("client-calendar"))
    cal = Calendar.from_ical(response.content)
    event = cal.walk("VEVENT")[0]
    assert not event.walk("VALARM")
    assert not hasattr(event.decoded("dtstart"), "hour")


def test_the_feed_answers_404_after_revocation_and_for_a_replaced_or_unknown_token(
    world: World,
) -> None:
    anonymous = world.anonymous.browser()
    first = calendar_feed.create_feed(world.alice.user, world.bob_id)
    assert anonymous.get(feed_url(first.token)).status_code == 200
    second = calendar_feed.create_feed(world.bob.user, world.bob_id)
    assert second.token != first.token
    assert anonymous.get(feed_url(first.token)).status_code == 404
    assert anonymous.get(feed_url(second.token)).status_code == 200
    assert calendar_feed.revoke_feed(world.bob.user, world.bob_id)
    assert anonymous.get(feed_url(second.token)).status_code == 404
    assert anonymous.get(feed_url("x" * 43)).status_code == 404
    assert anonymous.get(feed_url("x" * 200)).status_code == 404
    assert calendar_feed.feed_of(world.bob.user, world.bob_id) is None


def test_another_coach_cannot_see_or_make_her_calendar_address(world: World) -> None:
    calendar_feed.create_feed(world.bob.user, world.bob_id)
    with pytest.raises(NotFound):
        calendar_feed.feed_of(world.carol.user, world.bob_id)
    with pytest.raises(NotFound):
        calendar_feed.revoke_feed(world.dave.user, world.bob_id)
    response = world.carol.browser().post(reverse("coach-feed-create", args=[world.bob_id]))
    assert response.status_code == 404


def test_the_feed_token_never_reaches_a_log_line(world: World, caplog) -> None:
    info = calendar_feed.create_feed(world.bob.user, world.bob_id)
    calendar_feed.revoke_feed(world.bob.user, world.bob_id)
    with caplog.at_level(logging.INFO):
        response = world.anonymous.browser().get(feed_url(info.token) + "?x=1")
    assert response.status_code == 404
    assert caplog.records, "the 404 is logged (by django.request)"
    assert not [r for r in caplog.records if info.token in r.getMessage()]
    assert any("/calendar/[redacted]" in r.getMessage() for r in caplog.records)
    # the same filter on the server's request log lines (runserver, gunicorn)
    line = f'"GET /calendar/{info.token}.ics HTTP/1.1" 200 4512'
    assert info.token not in scrub(line) and "/calendar/[redacted]" in scrub(line)


def test_r32_the_feed_has_no_sessions_while_her_program_is_paused(world: World) -> None:
    """R32: a stop-rule symptom pauses her program; no reminder tells her to train then."""
    info = calendar_feed.create_feed(world.bob.user, world.bob_id)
    training_log.report_symptoms(
        world.bob.user,
        world.bob_id,
        {"date": TODAY.isoformat(), "symptoms": ["chest_pain"]},
        today=TODAY,
    )
    response = world.anonymous.browser().get(feed_url(info.token))
    assert response.status_code == 200  # the subscription stays, with nothing in it
    assert Calendar.from_ical(response.content).walk("VEVENT") == []


def test_a_bad_training_time_is_refused_naming_the_field(world: World) -> None:
    with pytest.raises(InputError) as caught:
        calendar_feed.create_feed(world.bob.user, world.bob_id, session_time="25:99")
    assert caught.value.issues[0].path == "session_time"
    assert calendar_feed.feed_of(world.bob.user, world.bob_id) is None
    info = calendar_feed.create_feed(world.bob.user, world.bob_id)
    assert info.session_time == calendar_feed.DEFAULT_TIME
    assert calendar_feed.set_time(world.bob.user, world.bob_id, "07:15").session_time == time(7, 15)
    assert calendar_feed.feed_of(world.bob.user, world.bob_id).token == info.token  # type: ignore[union-attr]


def test_she_makes_copies_times_and_revokes_her_address_on_her_page(world: World) -> None:
    bob = world.bob.browser()
    page = bob.get(reverse("client-documents")).content.decode()
    assert 'id="calendar-h"' in page and 'action="/booklet/calendar-link/"' in page
    response = bob.post(reverse("client-feed-create"), {"session_time": "08:00"})
    assert response.status_code == 302
    info = calendar_feed.feed_of(world.bob.user, world.bob_id)
    assert info is not None and info.session_time == time(8, 0)
    page = bob.get(reverse("client-documents")).content.decode()
    assert f"webcal://testserver/calendar/{info.token}.ics" in page
    assert f"http://testserver/calendar/{info.token}.ics" in page
    assert 'data-copy="feed-webcal"' in page and 'data-copy="feed-https"' in page
    assert "osteoload/js/copy.js" in page
    bob.post(reverse("client-feed-time"), {"session_time": "17:45"})
    assert calendar_feed.feed_of(world.bob.user, world.bob_id).session_time == time(17, 45)  # type: ignore[union-attr]
    bob.post(reverse("client-feed-revoke"))
    assert calendar_feed.feed_of(world.bob.user, world.bob_id) is None
    assert world.anonymous.browser().get(feed_url(info.token)).status_code == 404


def test_her_coach_sees_and_regenerates_the_address_on_the_client_page(world: World) -> None:
    alice = world.alice.browser()
    alice.post(reverse("coach-feed-create", args=[world.bob_id]))
    first = calendar_feed.feed_of(world.alice.user, world.bob_id)
    assert first is not None
    page = alice.get(reverse("coach-client", args=[world.bob_id])).content.decode()
    assert f"webcal://testserver/calendar/{first.token}.ics" in page
    assert 'data-copy="feed-webcal"' in page and "osteoload/js/copy.js" in page
    alice.post(reverse("coach-feed-create", args=[world.bob_id]))
    second = calendar_feed.feed_of(world.bob.user, world.bob_id)
    assert second is not None and second.token != first.token
    alice.post(reverse("coach-feed-revoke", args=[world.bob_id]))
    assert calendar_feed.feed_of(world.bob.user, world.bob_id) is None


# --- email ------------------------------------------------------------------------------


class Inbox:
    """What the local SMTP server received: one parsed message per envelope."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], Any]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        parsed = message_from_bytes(envelope.original_content, policy=policy.default)
        self.messages.append((list(envelope.rcpt_tos), parsed))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture
def smtp_server() -> Iterator[tuple[Inbox, int]]:
    """A real SMTP server on this machine (aiosmtpd) for the app's SMTP backend."""
    from aiosmtpd.controller import Controller

    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


def smtp_settings(port: int) -> Any:
    return override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=port,
        EMAIL_USE_TLS=False,
        EMAIL_HOST_USER="",
        EMAIL_HOST_PASSWORD="",
        DEFAULT_FROM_EMAIL="clinic@example.org",
    )


def test_the_invitation_email_reaches_a_local_smtp_server_with_the_link(
    world: World, smtp_server: tuple[Inbox, int]
) -> None:
    inbox, port = smtp_server
    from osteoload.services import clients

    client_id = clients.create_client(world.alice.user, {"age": 66, "sex": "female"}, today=TODAY)
    with smtp_settings(port):
        response = world.alice.browser().post(
            reverse("coach-invite", args=[client_id]), {"email": " new.client@example.org "}
        )
    assert response.status_code == 200
    page = response.content.decode()
    link = re.search(r'id="invite-link" class="link-box" value="([^"]+)"', page)
    assert link is not None
    assert 'id="invite-mailed"' in page and "new.client@example.org" in page
    assert len(inbox.messages) == 1
    recipients, message = inbox.messages[0]
    assert recipients == ["new.client@example.org"]
    assert message["From"] == "clinic@example.org"
    assert message["Subject"] == "Your invitation to osteoload"
    body = message.get_body().get_content()
    assert link.group(1) in body and "/invite/" in link.group(1)
    assert "Alice has invited you" in body
    # the link in the email works: it opens the page where she chooses her login
    path = link.group(1).split("testserver", 1)[1]
    assert world.anonymous.browser().get(path).status_code == 200


def test_a_password_reset_link_is_emailed_with_reset_words(world: World) -> None:
    response = world.alice.browser().post(
        reverse("coach-invite", args=[world.bob_id]), {"email": "bob@example.org"}
    )
    assert response.status_code == 200
    assert len(outbox.outbox) == 1
    sent = outbox.outbox[0]
    assert sent.to == ["bob@example.org"]
    assert sent.subject == "Choose a new password for osteoload"
    assert "/invite/" in sent.body


def test_a_bad_email_address_is_refused_naming_the_field_and_makes_no_link(
    world: World,
) -> None:
    alice = world.alice.browser()
    response = alice.post(
        reverse("coach-invite", args=[world.bob_id]), {"email": "not an address"}, follow=True
    )
    assert "email: is not an email address" in response.content.decode()
    assert not outbox.outbox
    with pytest.raises(InputError) as caught:
        mail.check_address("a@b@c")
    assert caught.value.issues[0].path == "email"


def test_a_mail_server_that_is_down_still_shows_the_link(world: World) -> None:
    with smtp_settings(free_port()):
        response = world.alice.browser().post(
            reverse("coach-invite", args=[world.bob_id]), {"email": "bob@example.org"}
        )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="invite-mail-failed"' in page and 'id="invite-link"' in page


def test_the_console_backend_redacts_the_links_it_writes(capsys) -> None:
    from django.core.mail import EmailMessage

    from osteoload.web.security import ScrubbedConsoleEmailBackend

    backend = ScrubbedConsoleEmailBackend()
    token = "Zq9" * 14
    EmailMessage(
        "Invitation", f"Open https://clinic.example/invite/{token}/ now", "a@b.org", ["c@d.org"],
        connection=backend,
    ).send()  # fmt: skip
    written = capsys.readouterr().out
    assert "Open https://clinic.example/invite/[redacted]/ now" in written
    assert token not in written


def test_r32_the_stop_alert_email_reaches_her_coach(
    world: World, smtp_server: tuple[Inbox, int], django_capture_on_commit_callbacks
) -> None:
    """R32: her stop-rule symptom pauses her program and her coach is emailed (once the
    pause is saved); the email names her and nothing about her health."""
    inbox, port = smtp_server
    mail.set_own_email(world.alice.user, "alice@clinic.example")
    with smtp_settings(port), django_capture_on_commit_callbacks(execute=True) as callbacks:
        paused = training_log.report_symptoms(
            world.bob.user,
            world.bob_id,
            {"date": TODAY.isoformat(), "symptoms": ["chest_pain"]},
            today=TODAY,
        )
    assert paused and callbacks
    assert len(inbox.messages) == 1
    recipients, message = inbox.messages[0]
    assert recipients == ["alice@clinic.example"]
    assert message["Subject"] == "osteoload: Bob Client's program is paused"
    body = message.get_body().get_content()
    assert "Bob Client" in body and "chest" not in body.lower()
    assert not re.search(r"\d", body)  # no clinical number restated


def test_r32_no_alert_without_an_address_nor_for_a_stop_her_coach_recorded(
    world: World, django_capture_on_commit_callbacks
) -> None:
    """R32/R32a: without an address nothing is sent; a stop her coach records herself (a red
    flag on the profile form) sends her no email either."""
    from osteoload.services import clients

    with django_capture_on_commit_callbacks(execute=True):
        training_log.report_symptoms(
            world.bob.user, world.bob_id, {"date": TODAY.isoformat(), "symptoms": ["dizziness"]},
            today=TODAY,
        )  # fmt: skip
    assert not outbox.outbox  # Alice has no email address
    assert mail.send_stop_alert(world.bob_id) is False
    mail.set_own_email(world.carol.user, "carol@clinic.example")
    world.carol.user.refresh_from_db()
    document = clients.profile_document(world.carol.user, world.dave_id)
    with django_capture_on_commit_callbacks(execute=True):
        paused = clients.update_profile(
            world.carol.user, world.dave_id, {**document, "symptoms": ["chest_pain"]},
            today=TODAY,
        )  # fmt: skip
    assert paused
    assert not outbox.outbox
    assert mail.send_stop_alert(world.dave_id)  # (her address works)
    assert outbox.outbox[0].to == ["carol@clinic.example"]


def test_a_coach_sets_her_alert_address_on_the_settings_page(world: World) -> None:
    alice = world.alice.browser()
    page = alice.get(reverse("settings")).content.decode()
    assert 'name="email"' in page
    alice.post(reverse("settings-email"), {"email": "alice@clinic.example"})
    assert mail.own_email(world.alice.user) == ""  # (the object in memory is stale)
    world.alice.user.refresh_from_db()
    assert mail.own_email(world.alice.user) == "alice@clinic.example"
    response = alice.post(reverse("settings-email"), {"email": "nope"}, follow=True)
    assert "email: is not an email address" in response.content.decode()
    assert (
        world.bob.browser().post(reverse("settings-email"), {"email": "b@x.org"}).status_code == 403
    )


# --- the invitation page ----------------------------------------------------------------


def test_the_invitation_page_offers_a_copy_button_and_a_qr_code_in_svg(world: World) -> None:
    response = world.alice.browser().post(reverse("coach-invite", args=[world.bob_id]))
    page = response.content.decode()
    assert 'data-copy="invite-link"' in page and "osteoload/js/copy.js" in page
    svg = re.search(
        r'<figure class="qr-figure" id="invite-qr">\s*(<svg[^>]*>.*?</svg>)', page, re.S
    )
    assert svg is not None
    element = svg.group(1)
    assert 'role="img"' in element and "viewBox" in element and "<title>" in element
    assert "style" not in element  # the strict CSP allows no inline style
    assert "<path" in element
    assert response["Content-Security-Policy"].startswith("default-src 'self'")
