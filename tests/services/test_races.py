"""Races between requests, run in threads against the database (issue 16, items 4 and 5):
each answers as if it came alone (404 or 409 when it lost), never a server error; one
invitation gives one login; erasure always wins over a write at the same moment.

Run on SQLite (a file copy of the test database, as the clinic runs it) and again on
PostgreSQL in CI (``DATABASE_URL``). The hooks that hold one side inside its transaction
for a moment make the overlap certain instead of lucky; each test takes about a second."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction

from osteoload.services import audit, client_programs, clients, export, training_log, versions
from osteoload.services.access import NotFound
from osteoload.services.concurrency import Collision
from osteoload.store.models import (
    Account,
    AuditEntry,
    Client,
    PlannedSession,
    ProgramRecord,
    SetLogRow,
)
from tests import races
from tests.conftest import TODAY
from tests.services.test_clinic import PASSWORD, example

pytestmark = pytest.mark.django_db(transaction=True)
NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
#: How long a hook holds its side inside the transaction so that the other side arrives.
HOLD_S = 0.4


def _clinic(*, login: bool) -> tuple[Any, int, Any]:
    alice = clients.create_coach("alice", PASSWORD, display_name="Alice")
    data = example("02-early")
    data["schedule"]["start_date"] = "2026-10-05"
    bob_id = clients.create_client(alice, data, today=TODAY)
    bob = None
    if login:
        bob = clients.accept_invite(
            clients.create_invite(alice, bob_id, now=NOW), "bob", PASSWORD, now=NOW
        )
    return alice, bob_id, bob


def _held(real: Callable[..., Any], inside: threading.Event) -> Callable[..., Any]:
    """``real``, called inside a transaction: says so, then holds the transaction open."""

    def hold(*args: Any, **kwargs: Any) -> Any:
        result = real(*args, **kwargs)
        inside.set()
        time.sleep(HOLD_S)
        return result

    return hold


def _after(event: threading.Event, call: Callable[[], Any]) -> Callable[[], Any]:
    def wait_then_call() -> Any:
        assert event.wait(10), "the other side never got inside its transaction"
        return call()

    return wait_then_call


SET = {"date": "2026-11-26", "exercise_id": "goblet_squat", "set_number": 1, "reps": 10}


# --- erasure against her logging -----------------------------------------------------------


def test_erasure_waits_for_a_set_being_logged_and_deletes_it_too(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Issue 16: erasure racing with her logging left her data in place (PostgreSQL). Her
    set is being written when her coach erases her record: the erasure waits for it and
    deletes it with the rest; nothing of hers is left."""
    alice, bob_id, bob = _clinic(login=True)
    inside = threading.Event()
    monkeypatch.setattr(
        training_log,
        "insert_prepared_set_logs",
        _held(training_log.insert_prepared_set_logs, inside),
    )
    with races.on_disk():
        logged, erased = races.at_once(
            lambda: training_log.log_set(bob, bob_id, SET, today=TODAY),
            _after(inside, lambda: export.erase_client(alice, bob_id)),
        )
        assert isinstance(logged, int), logged
        assert isinstance(erased, dict), erased
        assert erased["sets"] == 1
        assert not Client.objects.filter(pk=bob_id).exists()
        assert not SetLogRow.objects.exists()
        assert not get_user_model().objects.filter(username="bob").exists()


@pytest.mark.parametrize("audited", [False, True], ids=["set", "the API's audited set"])
def test_a_set_logged_while_she_is_being_erased_is_not_found_and_not_stored(
    monkeypatch: pytest.MonkeyPatch, audited: bool
) -> None:
    """The other order: the erasure is under way when her set arrives. The set waits, finds
    her record gone and answers 404 (not a server error); nothing is stored, and the API's
    set leaves no entry of its logging either."""
    alice, bob_id, bob = _clinic(login=True)
    inside = threading.Event()
    monkeypatch.setattr(
        export.idempotency,
        "forget_client_answers",
        _held(export.idempotency.forget_client_answers, inside),
    )
    log: Callable[[], Any] = (
        (lambda: _log_audited(bob, bob_id)) if audited
        else (lambda: training_log.log_set(bob, bob_id, SET, today=TODAY))
    )  # fmt: skip
    with races.on_disk():
        erased, logged = races.at_once(
            lambda: export.erase_client(alice, bob_id), _after(inside, log)
        )
        assert isinstance(erased, dict), erased
        assert isinstance(logged, NotFound), logged
        assert not Client.objects.filter(pk=bob_id).exists()
        assert not SetLogRow.objects.exists()
        assert not AuditEntry.objects.filter(object_type="set").exists()


def _log_audited(bob: Any, bob_id: int) -> int:
    """Her set as the API logs it: with its audit entry, written together
    (``insert_set_log_with_audit``: one statement on PostgreSQL)."""
    entry = audit.entry(bob, audit.Action.CREATE, client_id=bob_id, object_type="set",
                        summary="logged a set", via="token")  # fmt: skip
    row = training_log.log_set_returning(bob, bob_id, SET, today=TODAY, audit=entry)
    return int(row["id"])


def test_erasure_waits_for_an_audited_set_in_an_open_transaction_and_deletes_it_too() -> None:
    """The API's set and its entry, written inside a transaction that stays open a moment (as
    under an Idempotency-Key): her erasure waits for it and deletes the set with the rest."""
    alice, bob_id, bob = _clinic(login=True)
    inside = threading.Event()

    def log_and_hold() -> int:
        with transaction.atomic():
            pk = _log_audited(bob, bob_id)
            inside.set()
            time.sleep(HOLD_S)
        return pk

    with races.on_disk():
        logged, erased = races.at_once(
            log_and_hold, _after(inside, lambda: export.erase_client(alice, bob_id))
        )
        assert isinstance(logged, int), logged
        assert isinstance(erased, dict), erased
        assert erased["sets"] == 1
        assert not SetLogRow.objects.exists()
        assert AuditEntry.objects.filter(object_type="set", object_id=logged).count() == 1


def test_a_symptom_report_during_erasure_is_not_found_and_not_stored(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from osteoload.store.models import SymptomReport

    alice, bob_id, bob = _clinic(login=True)
    inside = threading.Event()
    monkeypatch.setattr(
        export.idempotency,
        "forget_client_answers",
        _held(export.idempotency.forget_client_answers, inside),
    )
    report = {"date": "2026-11-26", "symptoms": [], "note": "fine"}
    with races.on_disk():
        erased, reported = races.at_once(
            lambda: export.erase_client(alice, bob_id),
            _after(inside, lambda: training_log.report_symptoms(bob, bob_id, report, today=TODAY)),
        )
        assert isinstance(erased, dict), erased
        assert isinstance(reported, NotFound), reported
        assert not SymptomReport.objects.exists()


def test_a_program_generated_during_erasure_is_not_found_and_not_stored(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    alice, bob_id, _ = _clinic(login=False)
    inside = threading.Event()
    monkeypatch.setattr(
        export.idempotency,
        "forget_client_answers",
        _held(export.idempotency.forget_client_answers, inside),
    )
    with races.on_disk():
        erased, generated = races.at_once(
            lambda: export.erase_client(alice, bob_id),
            _after(inside, lambda: client_programs.generate_for_client(alice, bob_id, today=TODAY)),
        )
        assert isinstance(erased, dict), erased
        assert isinstance(generated, NotFound), generated
        assert not ProgramRecord.objects.exists()


# --- two assignments at once -----------------------------------------------------------------


def test_two_programs_assigned_at_once_leave_exactly_one_assigned(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Issue 16: on PostgreSQL assigning two programs at once answered 500 (a unique
    constraint broken mid-way). Now they queue: each is assigned or refused with 409, and
    she ends with one assigned program whose calendar is the only one."""
    alice, bob_id, _ = _clinic(login=False)
    first = client_programs.generate_for_client(alice, bob_id, today=TODAY)
    second = client_programs.generate_for_client(alice, bob_id, today=TODAY)
    inside = threading.Event()
    monkeypatch.setattr(versions, "claim", _held(versions.claim, inside))
    with races.on_disk():
        results = races.at_once(
            lambda: client_programs.assign_program(alice, bob_id, first, version=1),
            lambda: client_programs.assign_program(alice, bob_id, second, version=1),
        )
        for result in results:
            assert result is None or isinstance(result, versions.Conflict | Collision), result
        assigned = list(ProgramRecord.objects.filter(client_id=bob_id, assigned=True))
        assert len(assigned) == 1
        programs = set(PlannedSession.objects.values_list("program_id", flat=True))
        assert programs == {assigned[0].pk}


def test_one_program_assigned_twice_at_once_is_assigned_once_and_refused_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    alice, bob_id, _ = _clinic(login=False)
    program = client_programs.generate_for_client(alice, bob_id, today=TODAY)
    inside = threading.Event()
    monkeypatch.setattr(versions, "claim", _held(versions.claim, inside))
    with races.on_disk():
        results = races.at_once(
            lambda: client_programs.assign_program(alice, bob_id, program, version=1),
            lambda: client_programs.assign_program(alice, bob_id, program, version=1),
        )
        assert sorted(type(r).__name__ for r in results) == ["Conflict", "NoneType"], results
        assert ProgramRecord.objects.get(pk=program).version == 2


# --- one-time links --------------------------------------------------------------------------


def test_one_invitation_accepted_twice_at_once_makes_one_login(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Issue 16: one invitation accepted twice at once created two logins (PostgreSQL, 5 of
    5). Now exactly one use succeeds; the other finds the link used (404)."""
    alice, bob_id, _ = _clinic(login=False)
    token = clients.create_invite(alice, bob_id, now=NOW)
    inside = threading.Event()
    monkeypatch.setattr(clients, "create_user", _held(clients.create_user, inside))
    with races.on_disk():
        results = races.at_once(
            lambda: clients.accept_invite(token, "bob", PASSWORD, now=NOW),
            lambda: clients.accept_invite(token, "bobby", PASSWORD, now=NOW),
        )
        winners = [r for r in results if not isinstance(r, BaseException)]
        losers = [r for r in results if isinstance(r, BaseException)]
        assert len(winners) == 1 and len(losers) == 1
        assert isinstance(losers[0], NotFound), losers[0]
        assert Account.objects.filter(role="client").count() == 1
        assert get_user_model().objects.filter(username__in=["bob", "bobby"]).count() == 1
        assert Client.objects.get(pk=bob_id).user_id == winners[0].pk


def test_one_password_reset_link_used_twice_at_once_sets_one_password(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Item 5: a password-reset link is single use under concurrency too: of two uses at
    once one sets her password, the other is 404 and changes nothing."""
    alice, bob_id, bob = _clinic(login=True)
    token = clients.create_invite(alice, bob_id, now=NOW)
    inside = threading.Event()
    User = get_user_model()
    real_save = User.save

    def save_and_hold(self: Any, *args: Any, **kwargs: Any) -> None:
        real_save(self, *args, **kwargs)
        if kwargs.get("update_fields") == ["password"]:
            inside.set()
            time.sleep(HOLD_S)

    monkeypatch.setattr(User, "save", save_and_hold)
    with races.on_disk():
        results = races.at_once(
            lambda: clients.accept_invite(token, "bob", "first-new-passphrase", now=NOW),
            lambda: clients.accept_invite(token, "bob", "second-new-passphrase", now=NOW),
        )
        failed = [r for r in results if isinstance(r, BaseException)]
        assert len(failed) == 1 and isinstance(failed[0], NotFound), results
        winner = 0 if failed[0] is results[1] else 1
        stored = User.objects.get(pk=bob.pk)
        assert stored.check_password(("first-new-passphrase", "second-new-passphrase")[winner])
