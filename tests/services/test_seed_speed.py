"""The synthetic clinic without per-set overhead (issue 19 item 3): the same clinic, the same
engine and validation, fewer reads and cheaper commits."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from datetime import timedelta
from typing import TypeVar

import pytest
from django.db import connection
from hypothesis import given
from hypothesis import strategies as st

from osteoload.devtools import seed
from osteoload.domain.equipment import equipment_profile
from osteoload.domain.progression import working_maxes_on
from osteoload.services import client_programs, training_log
from osteoload.services.untrusted import _ALLOWED_CONTROLS, _control
from osteoload.store import records
from osteoload.store.models import Client, ProgramRecord
from tests.conftest import TODAY

T = TypeVar("T")

ONE = {"clients": 1, "years": 0.5, "coaches": 1, "seed": 3, "today": TODAY}


def _reference_control(text: str) -> str | None:
    """The definition: the first character of category Cc that is not a tab or line break."""
    for char in text:
        if unicodedata.category(char) == "Cc" and char not in _ALLOWED_CONTROLS:
            return char
    return None


@given(st.text(alphabet=st.characters(max_codepoint=0x2FF)) | st.text())
def test_control_check_matches_the_unicode_definition(text):
    assert _control(text) == _reference_control(text)


@given(st.floats(min_value=0, max_value=500, allow_nan=False) | st.integers(0, 500))
def test_a_value_as_stored_reads_back_as_the_float_rounded_to_two_places(value):
    """Sets logged as records skip the decimal a stored set is written as: the float read
    back from it is the value rounded to two places, for every load, effort and reserve."""
    stored = training_log._dec(value)
    assert stored is not None and float(stored) == training_log._float(value)


def _client_with_login() -> Client:
    found = Client.objects.exclude(user=None).filter(paused=False).first()
    assert found is not None, "the one-client clinic of seed 3 has a login"
    return found


@pytest.mark.django_db
def test_sets_logged_as_records_are_what_reading_her_log_gives():
    seed.seed_clinic(**ONE)
    client = _client_with_login()
    day = TODAY - timedelta(days=1)
    entries = [
        {"date": day.isoformat(), "exercise_id": "goblet_squat", "set_number": 1, "reps": 8,
         "load_kg": 12.345, "rpe": 7.5, "pain": 1, "note": "  heavy  "},
        {"date": day.isoformat(), "exercise_id": "goblet_squat", "set_number": 2, "reps": 6,
         "load_kg": 0, "rir": 2.5},
        {"date": day.isoformat(), "exercise_id": "wall_plank", "set_number": 1, "hold_s": 30},
        {"date": day.isoformat(), "exercise_id": "wall_plank", "set_number": 2, "hold_s": 0},
    ]  # fmt: skip
    returned = training_log.log_sets_as_records(client.user, client.pk, entries, today=TODAY)
    read_back = [s for s in records.set_logs_of_client(client.pk) if s.date == day]
    assert returned == read_back
    assert len(returned) >= 3


@pytest.mark.django_db
def test_a_program_from_a_log_in_memory_is_the_one_read_from_the_store():
    """R22a: the working maxes carried into the next block are the same whether her log is
    read from the store or handed over by the caller that wrote it."""
    seed.seed_clinic(**{**ONE, "years": 1.0})
    client = _client_with_login()
    coach = client.coach
    log = records.set_logs_of_client(client.pk)
    assert log
    kwargs = {"today": TODAY, "start": TODAY}
    read = client_programs.generate_for_client(coach, client.pk, **kwargs)
    given_log = client_programs.generate_for_client(coach, client.pk, log=log, **kwargs)
    documents = [ProgramRecord.objects.get(pk=pk).document for pk in (read, given_log)]
    assert documents[0] == documents[1]
    assert documents[0]["after_weeks"] > 0


@pytest.mark.django_db
def test_the_seed_never_reads_her_whole_log_back(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the seed keeps her log in memory")

    monkeypatch.setattr(records, "set_logs_of_client", refuse)
    summary = seed.seed_clinic(**{**ONE, "years": 1.0})
    assert summary.programs >= 4 and summary.sets > 0


@pytest.mark.django_db(transaction=True)
def test_what_a_write_stores_is_made_before_its_write_transaction(monkeypatch):
    """On SQLite a write transaction holds the database's one write lock: a new program's
    document (tens of thousands of values) and a batch of sets' statements are made
    before it, not while other writers wait."""
    inside: dict[str, list[bool]] = {"program_document": [], "prepare_set_logs": []}
    for module, name in ((client_programs, "program_document"),
                         (training_log, "prepare_set_logs")):  # fmt: skip
        real = getattr(module, name)

        def watching(*args, _real=real, _seen=inside[name], **kwargs):
            _seen.append(connection.in_atomic_block)
            return _real(*args, **kwargs)

        monkeypatch.setattr(module, name, watching)
    summary = seed.seed_clinic(**ONE)
    assert summary.programs >= 2 and len(inside["program_document"]) == summary.programs
    assert len(inside["prepare_set_logs"]) >= summary.programs
    assert not any(inside["program_document"]) and not any(inside["prepare_set_logs"])


def _synchronous() -> int:
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous")
        return int(cursor.fetchone()[0])


def _checkpoint_pages() -> int:
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_autocheckpoint")
        return int(cursor.fetchone()[0])


def _seen_while_seeding(monkeypatch: pytest.MonkeyPatch, probe: Callable[[], T]) -> list[T]:
    """What ``probe`` reads on the seed's connection each time it logs a block of sets."""
    seen: list[T] = []
    real = training_log.log_sets_as_records

    def watching(*args, **kwargs):
        seen.append(probe())
        return real(*args, **kwargs)

    monkeypatch.setattr(training_log, "log_sets_as_records", watching)
    seed.seed_clinic(**ONE)
    return seen


@pytest.mark.django_db(transaction=True)
def test_sqlite_syncs_every_commit_again_after_the_seed(monkeypatch):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    assert (_synchronous(), _checkpoint_pages()) == (2, 1000)  # FULL; SQLite's default
    seen = _seen_while_seeding(monkeypatch, lambda: (_synchronous(), _checkpoint_pages()))
    # NORMAL while the seed writes, and the WAL copied into the database every 20,000 pages
    assert seen and set(seen) == {(1, seed.SEED_CHECKPOINT_PAGES)}
    assert (_synchronous(), _checkpoint_pages()) == (2, 1000)


def _synchronous_commit() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        return str(cursor.fetchone()[0])


@pytest.mark.django_db(transaction=True)
def test_postgresql_waits_for_every_commit_again_after_the_seed(monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    before = _synchronous_commit()
    assert before != "off"
    seen = _seen_while_seeding(monkeypatch, _synchronous_commit)
    assert seen and set(seen) == {"off"}  # while the seed writes, commits do not wait
    assert _synchronous_commit() == before


@given(
    st.recursive(
        st.text() | st.integers() | st.none(),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
        max_leaves=12,
    )
)
def test_control_characters_found_by_the_quick_scan_are_all_named(data):
    """The quick scan says "none" exactly when the named walk finds none."""
    from osteoload.services.untrusted import _texts, control_character_issues

    named = [w for w, text in _texts(data, "") if _reference_control(text) is not None]
    issues = control_character_issues(data)
    assert [i.path for i in issues] == named[: len(issues)]
    assert bool(issues) == bool(named)


def test_deeply_nested_input_is_scanned_without_recursion():
    data: object = "ok"
    for _ in range(5000):
        data = [data]
    from osteoload.services.untrusted import control_character_issues

    assert control_character_issues(data) == []
    assert control_character_issues([data, "bad\x00"])[0].path == "[1]"


@pytest.mark.django_db
def test_r22a_a_new_block_carries_the_maxes_of_her_whole_stored_program(monkeypatch):
    """R22a: the maxes a new block carries on from are read from her assigned program's
    working maxes alone (taken out of its document by the database), and are exactly those
    of her whole stored program rebuilt, on every day of her last block and after it."""
    seed.seed_clinic(**{**ONE, "clients": 3, "years": 1.0})
    catalogue = client_programs.get_catalogue()
    checked = 0
    rebuilt: list[object] = []
    for client in Client.objects.all():
        record = client.programs.get(assigned=True)
        whole = records.program_of(record)
        log = records.set_logs_of_client(client.pk)
        profile = client_programs.client_profile(client, today=TODAY)
        monkeypatch.setattr(records, "program_of", rebuilt.append)
        for first in (record.start + timedelta(days=d) for d in range(1, 15 * 7, 5)):
            carried = client_programs.carried_maxes(client, profile, first, log=log)
            expected = working_maxes_on(
                whole, [s for s in log if s.date < first], as_of=first - timedelta(days=1),
                catalogue=catalogue, units=profile.units, profile=profile,
                equipment=equipment_profile(profile),
            )  # fmt: skip
            if log and any(s.date < first for s in log):
                assert carried == {w.exercise_id: w.one_rm_kg for w in expected}, first
                checked += bool(carried)
        assert rebuilt == []  # no program rebuilt from its whole document
        monkeypatch.undo()
    assert checked > 10
