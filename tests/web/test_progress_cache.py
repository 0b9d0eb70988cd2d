"""Issue 19 item 3: the progress series is kept in the cache under a key that changes with
her log, tests, scans and profile, so a warm answer is cheap and never stale: a set logged,
changed or deleted shows at once, also while others log and read at the same moment."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from osteoload.services import clients, progress, training_log
from osteoload.services.catalogue import get_catalogue
from osteoload.store.models import SetLogRow
from tests import races
from tests.conftest import TODAY

from .conftest import PASSWORD, make_client

pytestmark = pytest.mark.django_db

SQUAT = {"exercise_id": "goblet_squat", "reps": 10, "load_kg": 12, "rpe": 7}


def _sets(series: dict[str, Any]) -> int:
    """Region-weeks of resistance sets in the series (each goblet squat counts its regions)."""
    return sum(sum(weeks) for weeks in series["weekly_sets_by_region"].values())


def test_a_set_logged_changed_or_deleted_changes_the_series_at_once(world):
    coach, bob = world.alice.user, world.bob.user
    first = progress.progress_series(coach, world.bob_id, today=TODAY)
    assert progress.progress_series(coach, world.bob_id, today=TODAY) == first  # warm
    set_id = training_log.log_set(bob, world.bob_id, {**SQUAT, "date": TODAY.isoformat()},
                                  today=TODAY)  # fmt: skip
    logged = progress.progress_series(coach, world.bob_id, today=TODAY)
    assert _sets(logged) > _sets(first)
    assert progress.progress_series(bob, world.bob_id, today=TODAY) == logged
    SetLogRow.objects.filter(pk=set_id).update(load_kg=20)  # a correction, whatever path
    heavier = progress.progress_series(coach, world.bob_id, today=TODAY)
    assert heavier["one_rm"] != logged["one_rm"]
    training_log.delete_set(bob, world.bob_id, set_id)
    assert progress.progress_series(coach, world.bob_id, today=TODAY) == first


def test_a_warm_series_costs_a_few_queries_whatever_the_log(world, django_assert_max_num_queries):
    coach = world.alice.user
    progress.progress_series(coach, world.bob_id, today=TODAY)
    with django_assert_max_num_queries(4):  # the access check and three aggregates
        progress.progress_series(coach, world.bob_id, today=TODAY)


def test_another_day_or_window_is_another_series(world):
    coach = world.alice.user
    week = progress.progress_series(coach, world.bob_id, today=TODAY, weeks=4)
    half = progress.progress_series(coach, world.bob_id, today=TODAY, weeks=26)
    assert len(week["week_starts"]) == 4 and len(half["week_starts"]) == 26


@pytest.mark.django_db(transaction=True)
def test_two_loggers_reading_as_they_log_never_see_a_series_without_their_set():
    """Two clients' phones log sets while each reads her series after each answer (and her
    coach reads both): a read that starts after a write returned always holds that write."""
    coach = clients.create_coach("pc-coach", PASSWORD)
    members = [make_client(coach, f"Member {i}", f"pc-member-{i}") for i in range(2)]
    rounds = 6
    failures: list[str] = []
    lock = threading.Lock()

    def logger(client_id: int, user: Any) -> None:
        base = _sets(progress.progress_series(user, client_id, today=TODAY))
        step = len(get_catalogue().get("goblet_squat").regions)  # type: ignore[union-attr]
        for n in range(1, rounds + 1):
            training_log.log_set(user, client_id, {**SQUAT, "date": TODAY.isoformat()},
                                 today=TODAY)  # fmt: skip
            seen = _sets(progress.progress_series(user, client_id, today=TODAY))
            by_coach = _sets(progress.progress_series(coach, client_id, today=TODAY))
            if seen < base + n * step or by_coach < base + n * step:
                with lock:
                    failures.append(f"client {client_id}: set {n} missing ({seen}, {by_coach})")

    with races.on_disk():
        results = races.at_once(*(lambda c=c, u=u: logger(c, u) for c, _p, u in members))
    assert [r for r in results if isinstance(r, BaseException)] == []
    assert failures == []
