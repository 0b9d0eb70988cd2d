"""Pages of a list (services/export.py): any offset and limit give exactly the slice of the
whole list by id, whether the page is read forwards or, near the end, backwards from the
newest; her sets are counted from the day counts, and agree with her rows (issue 19).

These run on SQLite and again on PostgreSQL in CI.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from osteoload.services import clients, export
from osteoload.store.models import Client, Role, SetLogRow

pytestmark = pytest.mark.django_db

DAY = date(2026, 11, 26)


@pytest.fixture
def logged():
    coach = clients.create_user("pages-coach", "a-long-password-1", role=Role.COACH)
    client = Client.objects.create(coach=coach, name="Ada", profile={"age": 60})
    SetLogRow.objects.bulk_create(
        SetLogRow(
            client=client,
            date=DAY - timedelta(days=i % 9),
            exercise_id="goblet_squat",
            set_number=1 + i % 3,
            reps=8,
        )  # fmt: skip
        for i in range(37)
    )
    return coach, client


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    offset=st.integers(0, 45),
    limit=st.integers(1, 45),
    since=st.none() | st.integers(0, 10).map(lambda n: DAY - timedelta(days=n)),
)
def test_a_page_of_her_sets_is_the_slice_of_her_sets_by_id(logged, offset, limit, since):
    coach, client = logged
    rows = client.set_logs.all() if since is None else client.set_logs.filter(date__gte=since)
    ids = sorted(rows.values_list("id", flat=True))
    page = export.sets_page(coach, client.pk, since=since, offset=offset, limit=limit)
    assert page.count == len(ids)
    assert [item.id for item in page.items] == ids[offset : offset + limit]  # type: ignore[attr-defined]


def test_a_page_asked_with_updated_since_counts_the_rows_changed(logged):
    coach, client = logged
    cut = datetime(2099, 1, 1, tzinfo=UTC)  # after every row was written
    changed = list(client.set_logs.order_by("id")[:5])
    SetLogRow.objects.filter(pk__in=[r.pk for r in changed]).update(updated=cut)
    page = export.sets_page(coach, client.pk, updated_since=cut, offset=0, limit=3)
    assert page.count == 5
    assert [item.id for item in page.items] == [r.pk for r in changed][:3]  # type: ignore[attr-defined]
