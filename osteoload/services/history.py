"""Her training history: the whole log, a page at a time, and a calendar of her sessions.

* :func:`log_page` pages her logged sets, newest day first, filtered by exercise and by a
  date range. A page holds whole training days (:data:`DAYS_PER_PAGE`), so a session is
  never cut in two. Two queries whatever the log's length: the distinct days (read from the
  ``(client, date, pain)`` index alone when no exercise is asked for) and the sets of the
  page's days (a range of that index).
* :func:`calendar_month` lays a month out as weeks, each planned session with its status and
  each logged day without a planned session as extra training.
* :func:`session_status` decides what a planned session became. A session counts as
  attended when a set was logged on its day (the roster's adherence measure,
  :func:`.clients.roster`); it is *done* when every exercise it planned has a set, *partial*
  when only some have. Templates show the status; they never decide it.

The coach reads her own clients' history; a client reads her own (:mod:`.access`).
"""

from __future__ import annotations

import calendar as _calendar
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from osteoload.store import records
from osteoload.store.models import PlannedSession, ProgramRecord, SetLogRow
from osteoload.wording.catalogue import exercise_words
from osteoload.wording.history import COMING, DONE, EXTRA, MISSED, PARTIAL, TODAY

from .access import AnyUser, client_for
from .catalogue import get_catalogue
from .errors import InputError, Issue
from .training_log import set_log_dict

#: Training days on one page of her log.
DAYS_PER_PAGE = 10
#: The calendar goes this far from today, either way (a bad address is an error, not a
#: query over centuries).
CALENDAR_YEARS = 20


# --- what a session became --------------------------------------------------------------


def session_status(day: date, *, today: date, planned: Iterable[str], logged: Iterable[str]) -> str:
    """What the session planned on ``day`` became, as of ``today``.

    ``planned``: the exercise ids the session prescribed; ``logged``: the exercise ids with a
    set logged that day. Before today: ``done`` (every planned exercise has a set),
    ``partial`` (some have) or ``missed`` (nothing logged that day). Today: ``done`` or
    ``partial`` once something is logged, else ``today``. After today: ``coming``.
    """
    planned_ids, logged_ids = set(planned), set(logged)
    if day > today:
        return COMING
    if not logged_ids:
        return TODAY if day == today else MISSED
    if planned_ids <= logged_ids:
        return DONE
    return PARTIAL


# --- the log, a page at a time ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LogFilter:
    """Which part of her log to show: one exercise, and a date range (both ends included)."""

    exercise_id: str = ""
    since: date | None = None
    until: date | None = None

    def query(self) -> dict[str, str]:
        """The filter as the page's query parameters (for the paging links)."""
        out = {}
        if self.exercise_id:
            out["exercise"] = self.exercise_id
        if self.since:
            out["from"] = self.since.isoformat()
        if self.until:
            out["to"] = self.until.isoformat()
        return out


def parse_filter(data: Mapping[str, str]) -> LogFilter:
    """A :class:`LogFilter` from a page's query (``exercise``, ``from``, ``to``); an
    :class:`~.errors.InputError` names each field that is wrong and what it allows."""
    issues: list[Issue] = []
    exercise = (data.get("exercise") or "").strip()
    if exercise and exercise not in get_catalogue():
        message = _("%(value)r is not an exercise in the catalogue") % {"value": exercise}
        issues.append(Issue("exercise", message, exercise))
    dates: dict[str, date | None] = {}
    for key in ("from", "to"):
        raw = (data.get(key) or "").strip()
        dates[key] = None
        if raw:
            try:
                dates[key] = date.fromisoformat(raw)
            except ValueError:
                issues.append(Issue(
                    key, _("%(value)r is not a date; allowed: a date as YYYY-MM-DD")
                    % {"value": raw}, raw,
                ))  # fmt: skip
    since, until = dates["from"], dates["to"]
    if since and until and since > until:
        issues.append(
            Issue("to", _("%(value)s is before the start of the range; allowed: a date on or "
                          "after %(start)s") % {"value": until, "start": since}, until.isoformat())
        )  # fmt: skip
    if issues:
        raise InputError(issues)
    return LogFilter(exercise, since, until)


@dataclass(frozen=True, slots=True)
class LoggedDay:
    """One training day of her log: its sets (as :func:`.training_log.set_log_dict`) and,
    when a session was planned that day, what it became."""

    day: date
    rows: list[dict[str, Any]]
    status: str


@dataclass(frozen=True, slots=True)
class LogPage:
    days: list[LoggedDay]
    page: Page[date]
    total_days: int
    exercises: list[tuple[str, str]]
    """Every exercise in her whole log, ``(id, name)`` by name: the filter's choices."""
    filter: LogFilter = field(default_factory=LogFilter)


def _sets(client_id: int, flt: LogFilter) -> QuerySet[SetLogRow]:
    rows = SetLogRow.objects.filter(client_id=client_id)
    if flt.since:
        rows = rows.filter(date__gte=flt.since)
    if flt.until:
        rows = rows.filter(date__lte=flt.until)
    if flt.exercise_id:
        rows = rows.filter(exercise_id=flt.exercise_id)
    return rows


def log_days_query(client_id: int, flt: LogFilter) -> QuerySet[SetLogRow, date]:
    """Her distinct training days under ``flt``, newest first (the pager's list)."""
    return _sets(client_id, flt).order_by("-date").values_list("date", flat=True).distinct()


def log_page(
    user: AnyUser,
    client_id: int,
    *,
    today: date,
    flt: LogFilter | None = None,
    page: str | int | None = 1,
    per_page: int = DAYS_PER_PAGE,
) -> LogPage:
    """One page of her log, newest day first; a page number out of range gives the nearest
    page (Django's :meth:`~django.core.paginator.Paginator.get_page`)."""
    client = client_for(user, client_id)
    flt = flt or LogFilter()
    days = list(log_days_query(client.pk, flt))
    pager = Paginator(days, per_page)
    current = pager.get_page(page)
    page_days = list(current.object_list)
    by_day: dict[date, list[dict[str, Any]]] = defaultdict(list)
    if page_days:
        rows = (
            _sets(client.pk, flt)
            .filter(date__gte=page_days[-1], date__lte=page_days[0])
            .order_by("-date", "id")
        )
        for row in rows:
            by_day[row.date].append(set_log_dict(row))
    statuses = _statuses(client.pk, page_days, today=today) if page_days else {}
    return LogPage(
        days=[LoggedDay(d, by_day[d], statuses.get(d, EXTRA)) for d in page_days],
        page=current,
        total_days=pager.count,
        exercises=_logged_exercises(client.pk),
        filter=flt,
    )


def _logged_exercises(client_id: int) -> list[tuple[str, str]]:
    catalogue = get_catalogue()
    ids = records.logged_exercise_ids(client_id)
    named = [(e, exercise_words(catalogue[e].name) if e in catalogue else e) for e in ids]
    return sorted(named, key=lambda pair: pair[1].casefold())


def _statuses(client_id: int, days: list[date], *, today: date) -> dict[date, str]:
    """The status of the sessions planned on ``days`` (a page's days)."""
    # only these days, not every day between the first and the last: one exercise's page
    # of ten days can span months of her other training
    when = on_days(days)
    planned = _planned(client_id, when)
    logged = _logged(client_id, when)
    return {
        d: session_status(d, today=today, planned=ids, logged=logged.get(d, ()))
        for d, (ids, _kind) in planned.items()
    }


# --- the calendar -----------------------------------------------------------------------


def on_days(days: Collection[date]) -> Q:
    """Rows of these days."""
    return Q(date__in=sorted(days))


def between(first: date, last: date) -> Q:
    """Rows of the days from ``first`` to ``last``."""
    return Q(date__gte=first, date__lte=last)


def _planned(client_id: int, when: Q) -> dict[date, tuple[set[str], str]]:
    """The sessions planned on the days ``when`` selects: the exercises of each day and the
    session's kind, from the programs that planned them (as stored, swaps included)."""
    sessions = list(
        PlannedSession.objects.filter(when, client_id=client_id)
        .order_by("date", "id")
        .values_list("date", "program_id", "kind")
    )
    # The programs' documents are read only when this process has not taken this part of
    # this version of them before (the largest values of the page otherwise).
    rows = ProgramRecord.objects.filter(pk__in={p for _d, p, _k in sessions}).defer("document")
    planned = records.program_parts(list(rows), "exercises-by-day", _exercises_by_day)
    out: dict[date, tuple[set[str], str]] = {}
    for day, program_id, kind in sessions:
        ids, _kind = out.get(day, (set(), kind))
        out[day] = (ids | planned.get(program_id, {}).get(day, frozenset()), kind)
    return out


def _exercises_by_day(document: dict[str, Any]) -> dict[date, frozenset[str]]:
    """The exercises of each session of a stored program, by day."""
    out: dict[date, set[str]] = defaultdict(set)
    for week in document.get("weeks", []):
        for session in week.get("sessions", []):
            out[date.fromisoformat(session["date"])].update(
                i["exercise_id"] for i in session.get("items", [])
            )
    return {day: frozenset(ids) for day, ids in out.items()}


def logged_query(client_id: int, when: Q) -> QuerySet[SetLogRow, tuple[date, str]]:
    """The (day, exercise) pairs she logged on the days ``when`` selects. Ordered by day so
    that SQLite reads those days through the (client, date, pain) index: unordered, it
    read every entry of the (client, exercise, date) index instead (4.5 ms -> 0.14 ms for a
    page of ten days of a client with 24,000 sets)."""
    return (
        SetLogRow.objects.filter(when, client_id=client_id)
        .order_by("date")
        .values_list("date", "exercise_id")
        .distinct()
    )


def _logged(client_id: int, when: Q) -> dict[date, set[str]]:
    """The exercises she logged on each of the days ``when`` selects."""
    out: dict[date, set[str]] = defaultdict(set)
    for day, exercise_id in logged_query(client_id, when):
        out[day].add(exercise_id)
    return out


@dataclass(frozen=True, slots=True)
class CalendarDay:
    day: date
    in_month: bool
    is_today: bool
    status: str
    """A session's status, ``extra`` for training on a day without a session, or empty."""
    kind: str
    """The planned session's kind (``resistance``, ``impact_balance``...), or empty."""
    planned: int
    logged: int


@dataclass(frozen=True, slots=True)
class CalendarMonth:
    year: int
    month: int
    weeks: list[list[CalendarDay]]
    previous: date
    next: date
    counts: dict[str, int]
    """How many of the month's days have each status."""


def parse_month(value: str | None, *, today: date) -> date:
    """The first day of the month ``value`` names (``YYYY-MM``; empty: this month)."""
    if not value:
        return today.replace(day=1)
    try:
        year_text, month_text = value.split("-")
        first = date(int(year_text), int(month_text), 1)
    except ValueError:
        raise InputError(
            [
                Issue(
                    "month",
                    _("%(value)r is not a month; allowed: a month as YYYY-MM") % {"value": value},
                    value,
                )
            ]  # fmt: skip
        ) from None
    if abs(first.year - today.year) > CALENDAR_YEARS:
        raise InputError(
            [
                Issue(
                    "month",
                    _("%(value)s is too far from today; allowed: within %(years)s years")
                    % {"value": value, "years": CALENDAR_YEARS},
                    value,
                )
            ]  # fmt: skip
        )
    return first


def calendar_month(user: AnyUser, client_id: int, *, month: date, today: date) -> CalendarMonth:
    """Her sessions in the month of ``month`` (weeks from Monday), as of ``today``."""
    client = client_for(user, client_id)
    first = month.replace(day=1)
    weeks = _calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    grid_first, grid_last = weeks[0][0], weeks[-1][-1]
    planned = _planned(client.pk, between(grid_first, grid_last))
    logged = _logged(client.pk, between(grid_first, grid_last))
    counts: dict[str, int] = defaultdict(int)
    out: list[list[CalendarDay]] = []
    for week in weeks:
        row = []
        for day in week:
            ids, kind = planned.get(day, (set(), ""))
            done = logged.get(day, set())
            if day in planned:
                status = session_status(day, today=today, planned=ids, logged=done)
            else:
                status = EXTRA if done else ""
            in_month = day.month == first.month
            if in_month and status:
                counts[status] += 1
            row.append(
                CalendarDay(day, in_month, day == today, status, kind, len(ids), len(ids & done))
            )
        out.append(row)
    last_day = date(first.year, first.month, _calendar.monthrange(first.year, first.month)[1])
    return CalendarMonth(
        year=first.year,
        month=first.month,
        weeks=out,
        previous=(first - timedelta(days=1)).replace(day=1),
        next=last_day + timedelta(days=1),
        counts=dict(counts),
    )
