"""Issue 8: no N+1 in the API. Each list endpoint and the progress series is read with a
small and a larger record behind it; the number of database queries must be the same for
both, and under a fixed ceiling. The pages are checked in ``tests/web/test_query_counts.py``,
whose record builders these tests share.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from osteoload.services import audit, client_programs, clients, training_log
from tests.conftest import TODAY
from tests.web.test_query_counts import (
    log_weeks,
    record_tests_and_scans,
    session_sets,
    training_days,
)

from .conftest import Api, example

pytestmark = pytest.mark.django_db

#: Most queries each endpoint may make, whatever the record behind it (token check, access
#: check, the page, its count, the audit entry). Measured; raise one only for a new fixed-cost
#: query, never because it grows with rows.
CEILING = {
    "clients": 5,
    "sets": 6,
    "programs": 6,
    "tests": 6,
    "scans": 6,
    # Issue 19: computed only when her data changed (11: the three aggregates of the cache
    # key; a read's audit entry is queued, no INSERT); from the cache, the access check and
    # the key.
    "progress": 11,
    "progress-warm": 5,
    "audit": 5,
}

CALLERS = ["alice", "bob"]  # her coach, and the client herself


def count_queries(api: Api, path: str, **query: Any) -> tuple[int, dict[str, Any]]:
    """The number of queries one GET makes, and its JSON body (which must be a 200)."""
    with CaptureQueriesContext(connection) as captured:
        response = api.get(path, **query)
    assert response.status_code == 200, response.content
    body: dict[str, Any] = response.json()
    return len(captured.captured_queries), body


def measure(api: Api, path: str, grow: Any, **query: Any) -> tuple[int, int, dict[str, Any]]:
    """Queries for ``path`` before and after ``grow()`` adds rows, and the larger body.

    A first call warms up what is written once in a while (the token's ``last_used``).
    """
    count_queries(api, path, **query)
    small, _ = count_queries(api, path, **query)
    grow()
    large, body = count_queries(api, path, **query)
    return small, large, body


def assert_flat(name: str, small: int, large: int) -> None:
    print(f"{name}: {small} queries small, {large} large")
    assert large == small, f"{name}: {small} queries for the small record, {large} for the large"
    assert small <= CEILING[name], f"{name}: {small} queries, ceiling {CEILING[name]}"


def test_issue8_client_list_queries_do_not_grow_with_clients(world, as_alice):
    """Issue 8: no N+1 in GET /clients. 31 clients cost the same queries as one."""

    def grow() -> None:
        for i in range(30):
            clients.create_client(
                world.alice.user, {**example("01-healthy"), "name": f"Client {i:02d}"},
                today=TODAY,
            )  # fmt: skip

    small, large, body = measure(as_alice, "/clients", grow, limit=200)
    assert body["count"] == 31 and len(body["items"]) == 31
    assert_flat("clients", small, large)


@pytest.mark.parametrize("caller", CALLERS)
def test_issue8_set_list_queries_do_not_grow_with_sets(world, caller):
    """Issue 8: no N+1 in GET /clients/{id}/sets. A full page of sets costs the same
    queries as three."""
    bob = world.bob.user
    few = session_sets(TODAY)[:3]
    training_log.log_sets(bob, world.bob_id, few, today=TODAY)
    days = list(training_days(9))[1:]  # TODAY (already logged) is the first
    many = [e for day in days for e in session_sets(day)]

    def grow() -> None:
        training_log.log_sets(bob, world.bob_id, many, today=TODAY)

    api = Api(getattr(world, caller))
    small, large, body = measure(api, f"/clients/{world.bob_id}/sets", grow, limit=200)
    assert body["count"] == len(few) + len(many) == len(body["items"]) <= 200
    assert len(body["items"]) > 150
    assert_flat("sets", small, large)


@pytest.mark.parametrize("caller", CALLERS)
def test_issue8_program_list_queries_do_not_grow_with_programs(world, caller):
    """Issue 8: no N+1 in GET /clients/{id}/programs. Six programs (one assigned) cost the
    same queries as one."""
    coach = world.alice.user

    def generate() -> int:
        return client_programs.generate_for_client(coach, world.bob_id, today=TODAY, weeks=4)

    client_programs.assign_program(coach, world.bob_id, generate())

    def grow() -> None:
        for _ in range(5):
            generate()

    api = Api(getattr(world, caller))
    small, large, body = measure(api, f"/clients/{world.bob_id}/programs", grow, limit=200)
    assert body["count"] == 6 and sum(p["assigned"] for p in body["items"]) == 1
    assert_flat("programs", small, large)


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize("kind", ["tests", "scans"])
def test_issue8_test_and_scan_lists_queries_do_not_grow_with_records(world, caller, kind):
    """Issue 8: no N+1 in GET /clients/{id}/tests and /scans. Ten test records and twenty
    scans cost the same queries as one and two."""
    record_tests_and_scans(world.alice.user, world.bob_id, 1)
    api = Api(getattr(world, caller))

    def grow() -> None:
        record_tests_and_scans(world.alice.user, world.bob_id, 10)

    small, large, body = measure(api, f"/clients/{world.bob_id}/{kind}", grow, limit=200)
    assert body["count"] == (11 if kind == "tests" else 22)
    assert_flat(kind, small, large)


@pytest.mark.parametrize("caller", CALLERS)
def test_issue8_progress_series_queries_do_not_grow_with_weeks_of_logs(world, caller):
    """Issue 8: no N+1 in GET /clients/{id}/progress. Two years of logged sets with tests
    and scans cost the same queries as a week of sets."""
    bob = world.bob.user
    log_weeks(bob, world.bob_id, 1, sets_per_lift=1)
    api = Api(getattr(world, caller))

    def grow() -> None:
        log_weeks(bob, world.bob_id, 104)
        record_tests_and_scans(world.alice.user, world.bob_id, 6)

    path = f"/clients/{world.bob_id}/progress"

    count_queries(api, path, weeks=104)  # the token's last_used; fills the cache
    warm_small, _ = count_queries(api, path, weeks=104)
    cache.clear()  # computed, not read from the cache (issue 19)
    small, _ = count_queries(api, path, weeks=104)
    grow()
    cache.clear()
    large, body = count_queries(api, path, weeks=104)
    warm_large, _ = count_queries(api, path, weeks=104)
    assert warm_small == warm_large <= CEILING["progress-warm"], (warm_small, warm_large)
    assert len(body["week_starts"]) == 104
    assert sum(body["weekly_impacts"]) == 20 * 2 * (104 + 1)  # the first week twice
    assert body["one_rm"] and body["tests"] and set(body["scans"]) == {"lumbar_spine", "total_hip"}
    assert_flat("progress", small, large)


def test_issue8_audit_log_queries_do_not_grow_with_entries(world, as_alice):
    """Issue 8: no N+1 in GET /audit. A full page of entries by her and her client costs the
    same queries as a few."""

    def add(entries: range) -> None:
        for i in entries:
            actor = world.bob.user if i % 2 else world.alice.user
            audit.record(
                actor, audit.Action.VIEW, client_id=world.bob_id, object_type="client",
                object_id=world.bob_id, summary=f"entry {i}", via="token",
            )  # fmt: skip
        audit.flush()  # written now (queued reads), not by the GET being measured

    add(range(3))
    small, large, body = measure(as_alice, "/audit", lambda: add(range(3, 180)), limit=200)
    assert len(body["items"]) == 180 and {e["actor"] for e in body["items"]} == {"alice", "bob"}
    assert_flat("audit", small, large)
