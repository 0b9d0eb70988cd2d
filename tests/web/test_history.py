"""Issue 17 item 3: her whole training history, paged and filtered, and a calendar of her
sessions (done / partial / missed / coming), for her coach and for her.

A client with three years of log is seeded once per module through the services (the seed's
story: a program every 12 weeks, sessions logged or missed day by day).
"""

from __future__ import annotations

import random
import re
from datetime import date, timedelta
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client as Browser
from django.test.utils import CaptureQueriesContext

from osteoload.devtools.seed import logged_entries
from osteoload.services import history, training_log
from osteoload.services.errors import InputError
from osteoload.store.models import PlannedSession, ProgramRecord, SetLogRow
from osteoload.wording import history as words
from tests.conftest import TODAY
from tests.history_seed import SeededClient, seed_three_years

from .conftest import PASSWORD, World


@pytest.fixture(scope="module")
def three_years(django_db_setup: Any, django_db_blocker: Any) -> Any:
    with django_db_blocker.unblock():
        seeded = seed_three_years(today=TODAY, password=PASSWORD)
    yield seeded
    with django_db_blocker.unblock():
        get_user_model().objects.filter(pk__in=[seeded.coach.pk, seeded.user.pk]).delete()


@pytest.fixture
def her(three_years: SeededClient, db: Any) -> SeededClient:
    return three_years


def as_user(user: Any) -> Browser:
    browser = Browser()
    browser.force_login(user)
    return browser


def day_ids(html: str) -> list[date]:
    """The training days a log page shows, in page order."""
    return [date.fromisoformat(d) for d in re.findall(r'<time datetime="([0-9-]{10})"', html)]


def history_url(her: SeededClient) -> str:
    return f"/coach/clients/{her.client_id}/history/"


# --- the log, paged -------------------------------------------------------------------------


def test_coach_pages_three_years_newest_first(her: SeededClient) -> None:
    coach = as_user(her.coach)
    all_days = sorted(
        set(SetLogRow.objects.filter(client_id=her.client_id).values_list("date", flat=True)),
        reverse=True,
    )
    assert all_days[0] - all_days[-1] > timedelta(days=2 * 365), "three years of log"
    pages = -(-len(all_days) // history.DAYS_PER_PAGE)
    assert pages > 20

    first = coach.get(history_url(her))
    assert first.status_code == 200
    html = first.content.decode()
    assert day_ids(html) == all_days[: history.DAYS_PER_PAGE]  # newest first, whole days
    assert f"page 1 of {pages}" in html
    assert 'rel="next"' in html and 'rel="prev"' not in html

    second = day_ids(coach.get(history_url(her), {"page": 2}).content.decode())
    assert second == all_days[history.DAYS_PER_PAGE : 2 * history.DAYS_PER_PAGE]

    last = coach.get(history_url(her), {"page": pages}).content.decode()
    assert day_ids(last)[-1] == all_days[-1]  # her first day at the clinic
    assert 'rel="next"' not in last
    # A page out of range or not a number: the nearest page, never an error.
    assert day_ids(coach.get(history_url(her), {"page": 10_000}).content.decode()) == day_ids(last)
    assert day_ids(coach.get(history_url(her), {"page": "x"}).content.decode()) == all_days[:10]


def test_every_set_of_a_day_is_on_its_page(her: SeededClient) -> None:
    page = history.log_page(her.coach, her.client_id, today=TODAY, page=3)
    for day in page.days:
        assert (
            len(day.rows) == SetLogRow.objects.filter(client_id=her.client_id, date=day.day).count()
        )
        assert [r["id"] for r in day.rows] == sorted(r["id"] for r in day.rows)


def test_filter_by_exercise_and_dates(her: SeededClient) -> None:
    coach = as_user(her.coach)
    exercise = (
        SetLogRow.objects.filter(client_id=her.client_id, load_kg__isnull=False)
        .values_list("exercise_id", flat=True)
        .first()
    )
    assert exercise
    since, until = TODAY - timedelta(days=400), TODAY - timedelta(days=200)
    query = {"exercise": exercise, "from": since.isoformat(), "to": until.isoformat()}
    response = coach.get(history_url(her), query)
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<option value="{exercise}" selected>' in html
    expected = sorted(
        set(
            SetLogRow.objects.filter(
                client_id=her.client_id, exercise_id=exercise, date__gte=since, date__lte=until
            ).values_list("date", flat=True)
        ),
        reverse=True,
    )
    assert expected
    assert day_ids(html) == expected[: history.DAYS_PER_PAGE]
    # The paging links keep the filter.
    if len(expected) > history.DAYS_PER_PAGE:
        assert f"exercise={exercise}&amp;from={since}&amp;to={until}&amp;page=2" in html
    page = history.log_page(
        her.coach, her.client_id, today=TODAY, flt=history.parse_filter(query), page=1
    )
    rows = [r for d in page.days for r in d.rows]
    assert rows and {r["exercise_id"] for r in rows} == {exercise}
    assert all(since <= d.day <= until for d in page.days)


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"from": "3 March"}, "from"),
        ({"to": "2026-02-30"}, "to"),
        ({"from": "2026-05-01", "to": "2026-04-01"}, "to"),
        ({"exercise": "no_such_move"}, "exercise"),
    ],
)
def test_a_bad_filter_names_its_field(her: SeededClient, query: dict[str, str], field: str) -> None:
    with pytest.raises(InputError) as caught:
        history.parse_filter(query)
    assert [i.path for i in caught.value.issues] == [field]
    response = as_user(her.coach).get(history_url(her), query)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error-summary"' in html and f'href="#f-{field}"' in html
    assert day_ids(html), "the unfiltered log is still shown"


def test_the_log_queries_use_the_index(her: SeededClient) -> None:
    """Fast at three years: the pager's query and the page's sets are read through the
    (client, date, pain) index (one exercise's days through the (client, exercise, date)
    one), and the number of queries does not grow with the page."""
    if connection.vendor != "sqlite":
        pytest.skip("the query plan is SQLite's")
    flt = history.LogFilter()
    days = history.log_days_query(her.client_id, flt)
    rows = SetLogRow.objects.filter(
        client_id=her.client_id, date__gte=TODAY - timedelta(days=30), date__lte=TODAY
    ).order_by("-date", "id")
    squat = history.log_days_query(her.client_id, history.LogFilter("squat"))
    ten = [TODAY - timedelta(days=7 * n) for n in range(10)]  # a page of one exercise's days
    on_ten = history.logged_query(her.client_id, history.on_days(ten))
    month = history.logged_query(her.client_id, history.between(TODAY - timedelta(days=41), TODAY))
    for query, index in (
        (days, "setlog_client_date_pain"),
        (rows, "setlog_client_date_pain"),
        (squat, "setlog_client_exercise"),
        (on_ten, "setlog_client_date_pain"),  # not every entry of the exercise index
        (month, "setlog_client_date_pain"),
    ):
        sql, params = query.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            plan = " ".join(str(row[-1]) for row in cursor.fetchall())
        assert index in plan, plan
        assert "SCAN" not in plan.replace("SCAN osteoload_setlogrow USING", ""), plan

    coach = as_user(her.coach)
    coach.get(history_url(her))  # the session's first request reads a little more
    for page in (2, 20):  # and a program's first page in this process reads its document
        coach.get(history_url(her), {"page": page})
    counts = []
    for page in (2, 20):
        with CaptureQueriesContext(connection) as captured:
            assert coach.get(history_url(her), {"page": page}).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1], counts


# --- who sees it ----------------------------------------------------------------------------


def test_she_sees_her_own_history_and_calendar(her: SeededClient) -> None:
    mine = as_user(her.user)
    page = mine.get("/history/")
    assert page.status_code == 200
    assert day_ids(page.content.decode())[0] == (
        SetLogRow.objects.filter(client_id=her.client_id).order_by("-date").first().date
    )
    month = TODAY - timedelta(days=60)
    cal = mine.get("/history/calendar/", {"month": month.strftime("%Y-%m")})
    assert cal.status_code == 200
    assert "My calendar" in cal.content.decode()
    # Her pages have no id to change, and a coach's page is not hers.
    assert mine.get(history_url(her)).status_code == 403


def test_another_coach_sees_nothing(world: World, her: SeededClient) -> None:
    other = world.alice.browser()
    assert other.get(history_url(her)).status_code == 404
    assert other.get(f"/coach/clients/{her.client_id}/history/calendar/").status_code == 404
    assert world.anonymous.browser().get(history_url(her)).status_code == 302


# --- the calendar ---------------------------------------------------------------------------


def test_session_status_classification() -> None:
    day = date(2026, 11, 23)
    planned = {"goblet_squat", "dumbbell_row"}
    status = history.session_status
    assert status(day, today=day + timedelta(days=3), planned=planned, logged=planned) == "done"
    assert (
        status(day, today=day + timedelta(days=3), planned=planned, logged={"goblet_squat"})
        == "partial"
    )
    assert status(day, today=day + timedelta(days=3), planned=planned, logged=()) == "missed"
    assert status(day, today=day, planned=planned, logged=()) == "today"
    assert status(day, today=day, planned=planned, logged=planned | {"extra"}) == "done"
    assert status(day, today=day - timedelta(days=1), planned=planned, logged=()) == "coming"


def _log_items(world: World, day: date, keep: int | None = None) -> None:
    program = ProgramRecord.objects.get(pk=world.bob_program).document
    items = next(
        s["items"] for w in program["weeks"] for s in w["sessions"] if s["date"] == day.isoformat()
    )
    rng = random.Random(3)
    entries = [
        {"date": day.isoformat(), **e}
        for item in items[: keep if keep is not None else len(items)]
        for e in logged_entries(item, rng)
    ]
    training_log.log_sets(world.bob.user, world.bob_id, entries, today=TODAY)


def test_the_calendar_says_done_partial_missed_and_coming(world: World) -> None:
    """Bob's program starts Monday 23 November; TODAY is Thursday 26. He logs every item of
    Monday's session and one item of Tuesday's; Wednesday's is missed."""
    planned = list(
        PlannedSession.objects.filter(client_id=world.bob_id, date__lte=TODAY + timedelta(days=1))
        .order_by("date")
        .values_list("date", flat=True)
    )
    monday, tuesday, wednesday, thursday, friday = (date(2026, 11, d) for d in (23, 24, 25, 26, 27))
    assert planned == [monday, tuesday, wednesday, thursday, friday]
    _log_items(world, monday)
    _log_items(world, tuesday, keep=1)
    saturday = date(2026, 11, 21)
    training_log.log_sets(
        world.bob.user, world.bob_id,
        [{"date": saturday.isoformat(), "exercise_id": "brisk_walking", "set_number": 1,
          "note": "20 min"}],
        today=TODAY,
    )  # fmt: skip

    month = history.calendar_month(world.bob.user, world.bob_id, month=TODAY, today=TODAY)
    by_day = {d.day: d for week in month.weeks for d in week}
    assert by_day[monday].status == words.DONE
    assert by_day[tuesday].status == words.PARTIAL and by_day[tuesday].logged == 1
    assert by_day[wednesday].status == words.MISSED
    assert by_day[thursday].status == words.TODAY and by_day[thursday].is_today
    assert by_day[friday].status == words.COMING
    assert by_day[saturday].status == words.EXTRA
    assert by_day[date(2026, 11, 22)].status == ""
    assert month.weeks[0][0].day.weekday() == 0  # weeks from Monday

    html = (
        world.alice.browser()
        .get(f"/coach/clients/{world.bob_id}/history/calendar/", {"month": "2026-11"})
        .content.decode()
    )
    assert "<caption>November 2026</caption>" in html
    for status, label in [
        ("done", "Done"),
        ("partial", "Partly done"),
        ("missed", "Missed"),
        ("coming", "Coming"),
        ("extra", "Extra training"),
    ]:
        assert f"status-{status}" in html and label in html
    assert 'aria-current="date"' in html
    # A day with sets links to that day of the log; the status words are text, not colour.
    assert "?from=2026-11-23&amp;to=2026-11-23" in html
    assert "Partly done: 1 of 5 exercises logged" in html

    # The history page says what each day's session became.
    log = world.alice.browser().get(f"/coach/clients/{world.bob_id}/history/").content.decode()
    assert day_ids(log) == [tuesday, monday, saturday]
    assert re.search(r'status-partial">.*Partly done', log)


def test_a_bad_month_is_named(world: World) -> None:
    page = world.bob.browser().get("/history/calendar/", {"month": "2026-13"})
    assert page.status_code == 200
    assert "month: &#x27;2026-13&#x27; is not a month" in page.content.decode()
    with pytest.raises(InputError):
        history.parse_month("1200-01", today=TODAY)
