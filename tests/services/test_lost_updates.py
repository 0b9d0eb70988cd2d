"""No lost updates (issue 16, item 3): two coaches open the same record, both save; the
second save is refused with a Conflict that says what changed, and nothing of it is
written. Profile, program swap, program assignment, recorded scans and tests."""

from __future__ import annotations

from typing import Any

import pytest

from osteoload.services import client_programs, clients, coaching, versions
from osteoload.services.errors import InputError
from osteoload.store.models import Client, ProgramRecord
from tests.conftest import TODAY
from tests.services.test_clinic import PASSWORD, example

pytestmark = pytest.mark.django_db

HIP = {"site": "total_hip", "date": "2026-11-02", "t_score": -2.7, "scanner": "hologic"}


@pytest.fixture
def alice() -> Any:
    return clients.create_coach("alice", PASSWORD, display_name="Alice")


@pytest.fixture
def bob_id(alice: Any) -> int:
    return clients.create_client(alice, example("02-early"), today=TODAY)


def _items(doc: dict[str, Any]) -> set[str]:
    return {i["exercise_id"] for w in doc["weeks"] for s in w["sessions"] for i in s["items"]}


def _resistance_with_options(alice: Any, bob_id: int, program_id: int) -> tuple[str, list[str]]:
    doc = client_programs.program_for(alice, bob_id, program_id)
    for item in (i for s in doc["weeks"][0]["sessions"] for i in s["items"]):
        if item["component"] != "resistance":
            continue
        options = client_programs.swap_options(
            alice, bob_id, program_id, item["exercise_id"], today=TODAY
        )
        if len(options) >= 2:
            return item["exercise_id"], [o["id"] for o in options]
    raise AssertionError("no resistance exercise with two alternatives")


# --- profile ---------------------------------------------------------------------------------


def test_a_stale_profile_save_is_refused_and_overwrites_nothing(alice: Any, bob_id: int) -> None:
    first, first_version = clients.profile_with_version(alice, bob_id)
    second, second_version = clients.profile_with_version(alice, bob_id)
    assert first_version == second_version == 1
    clients.update_profile(
        alice, bob_id, {**first, "weight_kg": 61}, today=TODAY, version=first_version
    )
    with pytest.raises(versions.Conflict) as caught:
        clients.update_profile(
            alice, bob_id, {**second, "height_cm": 150}, today=TODAY, version=second_version
        )
    assert isinstance(caught.value, InputError)
    [issue] = caught.value.issues
    assert issue.path == "version"
    assert issue.message.startswith("Changed by someone else since you opened it")
    # What changed: her weight (saved by the first coach) and the second coach's height.
    assert "weight_kg" in caught.value.changed and "height_cm" in caught.value.changed
    assert (caught.value.given, caught.value.current) == (1, 2)
    stored, version = clients.profile_with_version(alice, bob_id)
    assert stored["weight_kg"] == 61 and stored.get("height_cm") == first.get("height_cm")
    assert version == 2


def test_a_profile_save_from_the_current_version_goes_through(alice: Any, bob_id: int) -> None:
    document, version = clients.profile_with_version(alice, bob_id)
    clients.update_profile(alice, bob_id, {**document, "weight_kg": 61}, today=TODAY, version=1)
    clients.update_profile(alice, bob_id, {**document, "weight_kg": 62}, today=TODAY, version=2)
    assert clients.profile_with_version(alice, bob_id) == ({**document, "weight_kg": 62}, 3)


def test_a_profile_save_without_a_version_replaces_what_is_stored(alice: Any, bob_id: int) -> None:
    """Compatibility: without a version the last save wins, and still bumps the version."""
    document, _ = clients.profile_with_version(alice, bob_id)
    clients.update_profile(alice, bob_id, {**document, "weight_kg": 61}, today=TODAY)
    clients.update_profile(alice, bob_id, {**document, "weight_kg": 63}, today=TODAY)
    assert clients.profile_with_version(alice, bob_id) == ({**document, "weight_kg": 63}, 3)


def test_a_pause_or_an_invitation_does_not_change_the_profile_version(
    alice: Any, bob_id: int
) -> None:
    from datetime import UTC, datetime

    clients.create_invite(alice, bob_id, now=datetime(2026, 11, 26, tzinfo=UTC))
    assert clients.profile_with_version(alice, bob_id)[1] == 1


def test_two_saves_racing_from_the_same_read_write_only_one(alice: Any, bob_id: int) -> None:
    """The check and the bump are one UPDATE ... WHERE version = n: a save that read version
    1 cannot write once another save moved the row to 2, even if both passed the check in
    Python (simulated by claiming with the stale version read)."""
    clients.update_profile(
        alice, bob_id, clients.profile_with_version(alice, bob_id)[0], today=TODAY
    )
    with pytest.raises(versions.Conflict) as caught:
        versions.claim(Client, bob_id, read=1, given=None, what="The profile")
    assert caught.value.current == 2
    assert Client.objects.get(pk=bob_id).version == 2


# --- programs: swap and assign ----------------------------------------------------------------


def test_two_swaps_from_the_same_version_do_not_both_say_swapped(alice: Any, bob_id: int) -> None:
    program_id = client_programs.generate_for_client(alice, bob_id, today=TODAY)
    version = client_programs.program_for(alice, bob_id, program_id)["version"]
    old, options = _resistance_with_options(alice, bob_id, program_id)
    client_programs.swap_exercise(
        alice, bob_id, program_id, old, options[0], today=TODAY, version=version
    )
    after_first = client_programs.program_for(alice, bob_id, program_id)
    with pytest.raises(versions.Conflict) as caught:
        client_programs.swap_exercise(
            alice, bob_id, program_id, old, options[1], today=TODAY, version=version
        )
    assert "Changed by someone else since you opened it" in str(caught.value)
    now = client_programs.program_for(alice, bob_id, program_id)
    assert options[0] in _items(now) and options[1] not in _items(now) - _items(after_first)
    assert now["version"] == version + 1
    assert {k: v for k, v in now.items() if k != "version"} == {
        k: v for k, v in after_first.items() if k != "version"
    }


def test_a_swap_racing_another_is_refused_even_without_a_version(
    alice: Any, bob_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both swaps read the program; the other is written while this one is being computed.
    This one must fail, not write over it (the lost update of issue 16)."""
    program_id = client_programs.generate_for_client(alice, bob_id, today=TODAY)
    old, options = _resistance_with_options(alice, bob_id, program_id)
    real = client_programs._swapped
    raced = []

    def swapped_while_another_saves(record: ProgramRecord, *args: Any, **kw: Any) -> Any:
        if not raced:
            raced.append(True)
            client_programs.swap_exercise(alice, bob_id, program_id, old, options[1], today=TODAY)
        return real(record, *args, **kw)

    monkeypatch.setattr(client_programs, "_swapped", swapped_while_another_saves)
    with pytest.raises(versions.Conflict):
        client_programs.swap_exercise(alice, bob_id, program_id, old, options[0], today=TODAY)
    ids = _items(client_programs.program_for(alice, bob_id, program_id))
    assert options[1] in ids and old not in ids


def test_a_swap_changes_the_document_the_coaching_cache_is_keyed_by(
    alice: Any, bob_id: int
) -> None:
    program_id = client_programs.generate_for_client(alice, bob_id, today=TODAY)
    before = ProgramRecord.objects.get(pk=program_id).document
    old, options = _resistance_with_options(alice, bob_id, program_id)
    client_programs.swap_exercise(alice, bob_id, program_id, old, options[0], today=TODAY)
    after = ProgramRecord.objects.get(pk=program_id).document
    assert after != before and "version" not in after


def test_today_follows_a_swap_of_her_assigned_program(alice: Any, bob_id: int) -> None:
    """The coaching cache knows the program by its version and last change, so a swap made
    after her Today was computed (and cached) shows at once."""
    program_id = client_programs.generate_for_client(alice, bob_id, today=TODAY)
    client_programs.assign_program(alice, bob_id, program_id)
    old, options = _resistance_with_options(alice, bob_id, program_id)

    def exercises() -> set[str]:
        nxt = coaching.next_for_client(alice, bob_id, today=TODAY)
        assert nxt is not None
        return {item.exercise_id for item in nxt.prescriptions.items}

    assert old in exercises()
    client_programs.swap_exercise(alice, bob_id, program_id, old, options[0], today=TODAY)
    after = exercises()
    assert old not in after and options[0] in after


def test_a_stale_assignment_is_refused(alice: Any, bob_id: int) -> None:
    program_id = client_programs.generate_for_client(alice, bob_id, today=TODAY)
    version = client_programs.program_for(alice, bob_id, program_id)["version"]
    old, options = _resistance_with_options(alice, bob_id, program_id)
    client_programs.swap_exercise(alice, bob_id, program_id, old, options[0], today=TODAY)
    # The other coach reviewed the program before the swap: her assignment is refused.
    with pytest.raises(versions.Conflict):
        client_programs.assign_program(alice, bob_id, program_id, version=version)
    assert not ProgramRecord.objects.get(pk=program_id).assigned
    client_programs.assign_program(alice, bob_id, program_id, version=version + 1)
    assert ProgramRecord.objects.get(pk=program_id).assigned


def test_two_assignments_from_the_same_version_assign_once(alice: Any, bob_id: int) -> None:
    program_id = client_programs.generate_for_client(alice, bob_id, today=TODAY)
    other_id = client_programs.generate_for_client(alice, bob_id, today=TODAY)
    client_programs.assign_program(alice, bob_id, program_id, version=1)
    with pytest.raises(versions.Conflict):
        client_programs.assign_program(alice, bob_id, program_id, version=1)
    # Assigning another program unassigns this one and bumps its version too.
    client_programs.assign_program(alice, bob_id, other_id, version=1)
    record = ProgramRecord.objects.get(pk=program_id)
    assert not record.assigned and record.version == 3


# --- recorded scans and tests -------------------------------------------------------------------


def test_a_stale_scan_correction_is_refused_and_overwrites_nothing(alice: Any, bob_id: int) -> None:
    scan_id = clients.record_scan(alice, bob_id, HIP, today=TODAY)
    opened = clients.scan_of(alice, bob_id, scan_id)
    assert opened.version == 1
    clients.update_scan(
        alice, bob_id, scan_id, {**HIP, "t_score": -2.5}, today=TODAY, version=opened.version
    )
    with pytest.raises(versions.Conflict) as caught:
        clients.update_scan(
            alice, bob_id, scan_id, {**HIP, "bmd_g_cm2": 0.7}, today=TODAY,
            version=opened.version,
        )  # fmt: skip
    assert caught.value.changed == ("bmd_g_cm2", "t_score")
    with pytest.raises(versions.Conflict):
        clients.update_scan(
            alice, bob_id, scan_id, {"bmd_g_cm2": 0.7}, today=TODAY, partial=True,
            version=opened.version,
        )  # fmt: skip
    stored = clients.scan_of(alice, bob_id, scan_id)
    assert (stored.t_score, stored.bmd_g_cm2, stored.version) == (-2.5, None, 2)


def test_a_stale_tests_correction_is_refused_and_overwrites_nothing(
    alice: Any, bob_id: int
) -> None:
    tests_id = clients.record_tests(
        alice, bob_id, {"date": "2026-11-01", "tug_s": 9.0}, today=TODAY
    )
    opened = clients.tests_record_of(alice, bob_id, tests_id)
    clients.update_tests(
        alice, bob_id, tests_id, {"date": "2026-11-01", "tug_s": 10.0}, today=TODAY,
        version=opened.version,
    )  # fmt: skip
    with pytest.raises(versions.Conflict) as caught:
        clients.update_tests(
            alice, bob_id, tests_id, {"date": "2026-11-01", "tug_s": 12.5}, today=TODAY,
            version=opened.version,
        )  # fmt: skip
    assert caught.value.changed == ("tug_s",)
    stored = clients.tests_record_of(alice, bob_id, tests_id)
    assert (stored.values, stored.version) == ({"tug_s": 10.0}, 2)


@pytest.mark.parametrize(
    ("given", "expected"),
    [(None, None), ("", None), (" 3 ", 3), (7, 7)],
)
def test_versions_are_read_from_forms_and_headers(given: Any, expected: int | None) -> None:
    assert versions.parse(given) == expected


@pytest.mark.parametrize("given", ["abc", "-1", "0", "1.5", True, 2**40, "9" * 50])
def test_a_malformed_version_names_the_field(given: Any) -> None:
    with pytest.raises(InputError) as caught:
        versions.parse(given, field="If-Match")
    assert caught.value.issues[0].path == "If-Match"


# --- real threads: two saves at once ------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_two_swaps_in_threads_at_once_one_is_made_one_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Issue 16: two swaps at once both said "swapped" while one was lost. Two coaches opened
    version 1; two threads read the program, both compute their swap (held at a barrier
    until both have), then both write: exactly one is made and the other gets a Conflict.

    On PostgreSQL (``DATABASE_URL``) the second UPDATE waits for the first and matches no
    row. The SQLite test database is in memory with a shared cache, which answers "table is
    locked" at once instead of waiting like the clinic's file database (busy timeout): the
    thread then tries again, as the busy timeout would."""
    import threading
    import time

    from django.db import OperationalError, connection

    alice = clients.create_coach("alice", PASSWORD, display_name="Alice")
    bob_id = clients.create_client(alice, example("02-early"), today=TODAY)
    program_id = client_programs.generate_for_client(alice, bob_id, today=TODAY)
    old, options = _resistance_with_options(alice, bob_id, program_id)
    barrier = threading.Barrier(2, timeout=30)
    real = client_programs._swapped

    def both_read_first(record: ProgramRecord, *args: Any, **kw: Any) -> Any:
        document = real(record, *args, **kw)
        if not getattr(waited, "done", False):
            waited.done = True
            barrier.wait()
        return document

    waited = threading.local()

    monkeypatch.setattr(client_programs, "_swapped", both_read_first)
    outcomes: list[str] = []

    def swap(new_id: str) -> None:
        try:
            for _ in range(50):
                try:
                    client_programs.swap_exercise(
                        alice, bob_id, program_id, old, new_id, today=TODAY, version=1
                    )
                except OperationalError as exc:
                    if "locked" not in str(exc) or connection.vendor != "sqlite":
                        raise
                    time.sleep(0.05)
                else:
                    outcomes.append("swapped")
                    return
        except versions.Conflict:
            outcomes.append("conflict")
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            outcomes.append(f"error: {exc!r}")
        finally:
            connection.close()

    threads = [threading.Thread(target=swap, args=(o,)) for o in options[:2]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(outcomes) == ["conflict", "swapped"]
    record = ProgramRecord.objects.get(pk=program_id)
    ids = _items(record.document)
    assert record.version == 2 and old not in ids
    assert len({options[0], options[1]} & ids) == 1
