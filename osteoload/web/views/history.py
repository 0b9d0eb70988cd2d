"""Her training history: the whole log a page at a time, and a month calendar of her sessions.

The coach reads a client's (``/coach/clients/<id>/history/``); the client reads her own
(``/history/``, no id in her URLs). What a planned session became (done, partial, missed)
comes from :mod:`osteoload.services.history`; the words from the wording layer.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode
from django.views.decorators.http import require_safe

from osteoload.domain.stop_rules import is_painful
from osteoload.services import audit, clients, history
from osteoload.services.catalogue import get_catalogue
from osteoload.services.errors import InputError
from osteoload.wording import history as words
from osteoload.wording import pronouns_for
from osteoload.wording.catalogue import exercise_words

from .. import present
from .common import audited, client_view, coach_view, today


def _day_rows(day: history.LoggedDay, units: str) -> list[dict[str, Any]]:
    catalogue = get_catalogue()
    names = {r["exercise_id"]: r["exercise_id"] for r in day.rows}
    names.update({e: exercise_words(catalogue[e].name) for e in names if e in catalogue})
    lines = present.log_summary(day.rows, units, names)
    return [{**line, "painful": is_painful(line["pain"])} for line in lines]


def _status(status: str) -> dict[str, str]:
    return {
        "code": status,
        "label": words.status_label(status) if status else "",
        "mark": words.MARKS.get(status, ""),
    }


def _log_context(request: HttpRequest, client_id: int, day: date) -> dict[str, Any]:
    """The log page's context: the filter (and its errors) and the page of days."""
    errors: list[tuple[str, str]] = []
    try:
        flt = history.parse_filter(request.GET)
    except InputError as exc:
        errors = [(i.path, f"{i.path}: {i.message}") for i in exc.issues]
        flt = history.LogFilter()
    units = clients.profile_for(request.user, client_id, today=day).units.value
    page = history.log_page(
        request.user, client_id, today=day, flt=flt, page=request.GET.get("page")
    )
    query = flt.query()
    return {
        "errors": errors,
        "filter": {
            "exercise": request.GET.get("exercise", ""),
            "from": request.GET.get("from", ""),
            "to": request.GET.get("to", ""),
        },
        "filter_query": urlencode(query),
        "filtered": bool(query),
        "exercises": page.exercises,
        "page": page.page,
        "total_days": page.total_days,
        "days": [
            {
                "date": d.day,
                "heading": present.long_date(d.day),
                "status": _status(d.status),
                "rows": _day_rows(d, units),
            }
            for d in page.days
        ],
    }


def _calendar_context(request: HttpRequest, client_id: int, day: date) -> dict[str, Any]:
    errors: list[tuple[str, str]] = []
    try:
        month = history.parse_month(request.GET.get("month"), today=day)
    except InputError as exc:
        errors = [(i.path, f"{i.path}: {i.message}") for i in exc.issues]
        month = day.replace(day=1)
    cal = history.calendar_month(request.user, client_id, month=month, today=day)
    weeks = [
        [
            {
                "date": d.day,
                "in_month": d.in_month,
                "is_today": d.is_today,
                "status": _status(d.status),
                "summary": words.day_summary(words.status_label(d.status), d.planned, d.logged)
                if d.planned and d.status in (words.DONE, words.PARTIAL, words.MISSED)
                else "",
                "link": d.status in (words.DONE, words.PARTIAL, words.EXTRA),
            }
            for d in week
        ]
        for week in cal.weeks
    ]
    return {
        "errors": errors,
        "month": date(cal.year, cal.month, 1),
        "previous": cal.previous.strftime("%Y-%m"),
        "next": cal.next.strftime("%Y-%m"),
        "this_month": day.strftime("%Y-%m"),
        "weeks": weeks,
        "weekdays": [d["date"] for d in weeks[0]],
        "legend": words.legend(),
        "counts": [
            (words.status_label(s), cal.counts[s])
            for s in (words.DONE, words.PARTIAL, words.MISSED, words.COMING, words.EXTRA)
            if cal.counts.get(s)
        ],
    }


# --- coach ------------------------------------------------------------------------------


def _coach_common(request: HttpRequest, client_id: int, day: date) -> dict[str, Any]:
    profile = clients.profile_for(request.user, client_id, today=day)
    return {
        "client_id": client_id,
        "name": clients.client_name(request.user, client_id),
        "pronouns": pronouns_for(profile.sex.value),
        "audience": "coach",
        "base_template": "osteoload/coach/base.html",
    }


@coach_view
@require_safe
def coach_history(request: HttpRequest, client_id: int) -> HttpResponse:
    day = today()
    context = {**_coach_common(request, client_id, day), **_log_context(request, client_id, day)}
    audited(request, audit.Action.VIEW, client_id, "log", None, "viewed the training history")
    return render(request, "osteoload/history/log.html", context)


@coach_view
@require_safe
def coach_calendar(request: HttpRequest, client_id: int) -> HttpResponse:
    day = today()
    context = {
        **_coach_common(request, client_id, day),
        **_calendar_context(request, client_id, day),
    }
    audited(request, audit.Action.VIEW, client_id, "log", None, "viewed the session calendar")
    return render(request, "osteoload/history/calendar.html", context)


# --- client -----------------------------------------------------------------------------

_CLIENT = {"audience": "client", "base_template": "osteoload/client/base.html"}


@client_view
@require_safe
def client_history(request: HttpRequest, client_id: int) -> HttpResponse:
    day = today()
    context = {**_CLIENT, **_log_context(request, client_id, day)}
    audited(request, audit.Action.VIEW, client_id, "log", None, "viewed her training history")
    return render(request, "osteoload/history/log.html", context)


@client_view
@require_safe
def client_calendar(request: HttpRequest, client_id: int) -> HttpResponse:
    day = today()
    context = {**_CLIENT, **_calendar_context(request, client_id, day)}
    audited(request, audit.Action.VIEW, client_id, "log", None, "viewed her session calendar")
    return render(request, "osteoload/history/calendar.html", context)
