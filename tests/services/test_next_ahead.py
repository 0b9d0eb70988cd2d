"""Her next session prepared ahead (issue 19): after she logs, her prescription for her next
planned session is computed in the background and kept under the key that day's first view
asks for, so the view is a cache read; anything changed meanwhile is never shown stale."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import override_settings

from osteoload.services import coaching, next_ahead, training_log
from osteoload.store.models import PlannedSession
from tests.services import test_coaching
from tests.services.test_coaching import START, follow

#: Her coach, her intake and her assigned program (the coaching tests' fixture).
beatriz = test_coaching.beatriz
pytestmark = pytest.mark.django_db


@pytest.fixture
def rosa(beatriz, monkeypatch):
    """A client with an assigned 12-week program who has trained one week (test_coaching's
    beatriz); her user, her id and the last day of that week. No background thread (the
    tests call run_due)."""
    monkeypatch.setattr(next_ahead, "_ensure_thread", lambda: None)
    next_ahead.forget()
    _coach, user, client_id = beatriz
    follow(user, client_id, 7)
    yield user, client_id, START + timedelta(days=6)
    next_ahead.forget()


def next_session(client_id: int, after: date) -> date:
    found = (
        PlannedSession.objects.filter(client_id=client_id, date__gt=after)
        .order_by("date")
        .values_list("date", flat=True)
        .first()
    )
    assert found is not None
    return found


def no_replay(monkeypatch):
    def replay(*args, **kwargs):
        raise AssertionError("her log was replayed at her first view")

    monkeypatch.setattr(coaching, "compute_next", replay)


@override_settings(OSTEOLOAD_NEXT_AHEAD=True)
def test_her_next_sessions_first_view_is_read_from_the_cache(rosa, monkeypatch):
    user, client_id, day = rosa
    coming = next_session(client_id, day)
    next_ahead.after_logging(user, client_id, today=day)
    assert next_ahead.run_due() == [], "nothing before her quiet time is over"
    assert next_ahead.run_due(now=float("inf")) == [client_id]

    fresh = coaching.compute_next  # what a first view computes without the prepared answer
    no_replay(monkeypatch)
    shown = coaching.next_for_client(user, client_id, today=coming)
    assert shown is not None and shown.prescriptions.as_of == coming

    monkeypatch.setattr(coaching, "compute_next", fresh)
    from django.core.cache import cache

    cache.clear()
    assert coaching.next_for_client(user, client_id, today=coming) == shown


@override_settings(OSTEOLOAD_NEXT_AHEAD=True)
def test_a_set_logged_after_the_preparation_is_never_hidden(rosa, monkeypatch):
    """A prepared answer is kept under a key of her log: one more set gives her next session
    a new key, so its first view computes afresh and shows that set."""
    user, client_id, day = rosa
    coming = next_session(client_id, day)
    next_ahead.after_logging(user, client_id, today=day)
    next_ahead.run_due(now=float("inf"))
    prepared = coaching.next_for_client(user, client_id, today=coming)
    training_log.log_set(
        user, client_id,
        {"date": day.isoformat(), "exercise_id": "goblet_squat", "set_number": 9, "reps": 5,
         "load_kg": 4, "rpe": 9},
        today=day,
    )  # fmt: skip
    shown = coaching.next_for_client(user, client_id, today=coming)
    assert shown is not None and prepared is not None
    assert shown.last_sets["goblet_squat"][-1].set == 9
    assert prepared.last_sets.get("goblet_squat", ())[-1:] != shown.last_sets["goblet_squat"][-1:]


@override_settings(OSTEOLOAD_NEXT_AHEAD=True)
def test_many_sets_prepare_her_next_session_once(rosa, monkeypatch):
    user, client_id, day = rosa
    calls = []
    real = coaching.compute_and_keep
    monkeypatch.setattr(
        coaching, "compute_and_keep", lambda *a, **k: calls.append(a[3]) or real(*a, **k)
    )
    for _ in range(5):
        next_ahead.after_logging(user, client_id, today=day)
    assert next_ahead.run_due(now=float("inf")) == [client_id]
    assert next_ahead.run_due(now=float("inf")) == []
    assert calls == [next_session(client_id, day)]
    # already kept: noted again with nothing changed, nothing is computed again
    next_ahead.after_logging(user, client_id, today=day)
    assert next_ahead.run_due(now=float("inf")) == []
    assert len(calls) == 1


def test_turned_off_it_notes_nothing(rosa):
    user, client_id, day = rosa
    with override_settings(OSTEOLOAD_NEXT_AHEAD=False):
        next_ahead.after_logging(user, client_id, today=day)
    assert next_ahead.run_due(now=float("inf")) == []


@override_settings(OSTEOLOAD_NEXT_AHEAD=True)
def test_nothing_is_prepared_for_a_paused_program_or_an_erased_client(rosa):
    user, client_id, day = rosa
    from osteoload.store.models import Client

    Client.objects.filter(pk=client_id).update(paused=True)
    assert next_ahead.prepare(user, client_id, today=day) is None
    Client.objects.filter(pk=client_id).delete()
    next_ahead.after_logging(user, client_id, today=day)
    assert next_ahead.run_due(now=float("inf")) == []


@override_settings(OSTEOLOAD_NEXT_AHEAD=True)
def test_logging_through_the_phone_and_the_api_notes_her(rosa, monkeypatch):
    """Logging through the API (one set, and a batch as her phone syncs) asks for her next
    session ahead (her Today page's two logging views make the same call)."""
    from django.test import Client as Browser

    user, client_id, day = rosa
    noted = []
    monkeypatch.setattr(
        next_ahead, "after_logging", lambda u, cid, *, today: noted.append((cid, today))
    )
    from osteoload.services import api_tokens, clock

    monkeypatch.setattr(clock, "today", lambda: day)
    _, token = api_tokens.create_token(user, "phone")
    api = Browser(HTTP_AUTHORIZATION=f"Bearer {token}")
    body = {"date": day.isoformat(), "exercise_id": "goblet_squat", "set_number": 7, "reps": 8}
    url = f"/api/v1/clients/{client_id}/sets"
    assert api.post(url, body, content_type="application/json").status_code == 201
    batch = {"sets": [{**body, "set_number": 8}]}
    assert api.post(url + "/batch", batch, content_type="application/json").status_code == 201
    assert noted == [(client_id, day), (client_id, day)]


@override_settings(OSTEOLOAD_NEXT_AHEAD=True)
@pytest.mark.parametrize("set_on", ["her record", "her account"])
def test_her_next_session_is_prepared_in_her_language(rosa, monkeypatch, set_on):
    """The background thread speaks the default language; a client who reads Spanish (set by
    her coach on her record, or by herself on her account) gets her prepared answer worded in
    Spanish, so her first view is a cache read with no rewording."""
    from django.utils import translation

    from osteoload.store.models import Account, Client

    user, client_id, day = rosa
    if set_on == "her record":
        Client.objects.filter(pk=client_id).update(language="es")
    else:
        Account.objects.filter(user=user).update(language="es")
    coming = next_session(client_id, day)
    next_ahead.after_logging(user, client_id, today=day)
    with translation.override("en"):  # as the thread: not her language
        assert next_ahead.run_due(now=float("inf")) == [client_id]

    no_replay(monkeypatch)
    words = coaching.in_words
    monkeypatch.setattr(coaching, "in_words", lambda *a: pytest.fail("reworded at her view"))
    with translation.override("es"):
        shown = coaching.next_for_client(user, client_id, today=coming)
        assert shown is not None and shown.language == "es" and shown.decided is not None
        razones = {i.reason for i in shown.prescriptions.items if i.reason}
        assert razones == {i.reason for i in words(shown.decided, shown.units).items if i.reason}
    with translation.override("en"):
        reasons = {i.reason for i in words(shown.decided, shown.units).items if i.reason}
    assert razones and not razones & reasons
