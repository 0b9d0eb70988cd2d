"""Progress series for the coach's and the client's charts (and the API).

Every series is plain data (dates and numbers) so the web pages, the PDF report and the API
draw or return the same thing. A fixed number of queries per call, whatever the log length.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from django.core.cache import cache
from django.db.models import Count, Max, Sum

from osteoload.domain.assessment import dxa_change, evaluate_tests
from osteoload.domain.errors import DomainError
from osteoload.domain.one_rm import estimate_one_rm
from osteoload.domain.profile import ClientProfile
from osteoload.domain.programming import balance_minutes, balance_work_seconds
from osteoload.domain.projection import project_bmd
from osteoload.domain.serialize import jsonable
from osteoload.domain.vocabulary import KEY_LIFT_IDS, Component, ScannerMake, Site
from osteoload.store.models import Client
from osteoload.store.records import log_stamp
from osteoload.wording import pronouns_for
from osteoload.wording.dxa import dxa_verdict
from osteoload.wording.function_tests import word_result
from osteoload.wording.projection import assumptions

from .access import AnyUser, client_for
from .catalogue import get_catalogue
from .clients import client_profile
from .errors import InputError
from .profiles import stored_profile

#: Lifts whose estimated maximum is charted (the key moves and their common versions).
CHARTED_LIFTS = frozenset(KEY_LIFT_IDS)


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def progress_series(
    user: AnyUser, client_id: int, *, today: date, weeks: int = 26
) -> dict[str, Any]:
    """All chart series for one client, over the last ``weeks`` weeks (scans: all of them).

    Kept in the cache under a key that changes with anything the series is computed from
    (:func:`_cache_key`): a warm answer costs the access check and three aggregate queries,
    and a set logged, changed or deleted gives a new key at once (issue 19).

    The cached series holds the engine's codes; the sentences beside them (the projection's
    ``assumptions``, each scan change's ``message``) are said afresh in the active language
    (:func:`_with_words`)."""
    client = client_for(user, client_id)
    key = _cache_key(client, today, weeks)
    cached = cache.get(key)
    if isinstance(cached, dict):
        return _with_words(cached)
    series = _series(client, today=today, weeks=weeks)
    cache.set(key, series, timeout=SERIES_CACHE_SECONDS)
    return _with_words(series)


def _with_words(series: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``series`` with the projection's assumptions and each scan change's verdict
    in words (R29, R30), about her with the pronoun her profile implies."""
    scans = {
        site: [
            {**p, "change": {**p["change"], "message": dxa_verdict(p["change"])}}
            if p.get("change")
            else p
            for p in points
        ]
        for site, points in series.get("scans", {}).items()
    }
    projection = dict(series.get("projection") or {})
    if projection:
        pronouns = pronouns_for(str(projection.get("sex") or ""))
        projection["assumptions"] = assumptions(projection.get("notes") or [], pronouns)
    return {**series, "scans": scans, "projection": projection}


#: How long a computed series is kept. Any change to what it was computed from gives a new
#: key, so this only bounds memory, never staleness.
SERIES_CACHE_SECONDS = 6 * 3600


def _cache_key(client: Client, today: date, weeks: int) -> str:
    """A key that changes whenever anything :func:`_series` reads changes: her log in the
    window (:func:`~osteoload.store.records.log_stamp`), her
    recorded tests and scans (number, newest id, last correction), her profile (its version
    and last change), the day and the number of weeks. Read before the rows, so a series is
    never older than its key: one computed while a set is being logged may hold that set
    under the key from before it, never the reverse."""
    since = monday(today) - timedelta(weeks=weeks - 1)
    log = log_stamp(client.pk, since=since, until=today)
    records = [
        rows.aggregate(n=Count("id"), top=Max("id"), changed=Max("updated"), v=Sum("version"))
        for rows in (client.test_records.all(), client.scans.all())
    ]
    text = "|".join(
        (str(client.pk), str(client.version), str(client.updated), today.isoformat(),
         str(weeks), repr(log), repr([sorted(r.items()) for r in records]))
    )  # fmt: skip
    return "osteoload:progress:v2:" + hashlib.sha256(text.encode()).hexdigest()


def _series(client: Client, *, today: date, weeks: int) -> dict[str, Any]:
    since = monday(today) - timedelta(weeks=weeks - 1)
    rows = list(
        client.set_logs.filter(date__gte=since, date__lte=today)
        .order_by("date", "id")
        .values_list("date", "exercise_id", "reps", "load_kg", "rpe", "rir", "impacts", "hold_s")
    )
    profile = client_profile(client, today=today)
    return {
        "schema_version": 1,
        "client_id": client.pk,
        "as_of": today.isoformat(),
        "week_starts": [(since + timedelta(weeks=i)).isoformat() for i in range(weeks)],
        "one_rm": _one_rm_series(rows),
        "weekly_sets_by_region": _weekly_sets(rows, since, weeks),
        "weekly_impacts": _weekly_impacts(rows, since, weeks),
        "weekly_balance_minutes": _weekly_balance(rows, since, weeks),
        "tests": _test_series(client, profile, today),
        "scans": _scan_series(client),
        "projection": jsonable(project_bmd(profile, months=12, as_of=today)),
    }


def _one_rm_series(rows: list[tuple[Any, ...]]) -> dict[str, list[dict[str, Any]]]:
    """Best reliable estimated 1RM per charted lift per day (R20-R22)."""
    best: dict[str, dict[date, float]] = defaultdict(dict)
    # Most sets repeat a load, reps and effort: each combination is estimated once.
    estimates: dict[tuple[Any, ...], float | None] = {}
    for day, exercise, reps, load, rpe, rir, _impacts, _hold in rows:
        if exercise not in CHARTED_LIFTS or not reps or load is None or float(load) <= 0:
            continue
        key = (load, reps, rpe, rir)
        if key not in estimates:
            estimates[key] = _reliable_one_rm(load, reps, rpe, rir)
        one_rm = estimates[key]
        if one_rm is not None:
            best[exercise][day] = max(best[exercise].get(day, 0.0), one_rm)
    return {
        exercise: [
            {"date": d.isoformat(), "one_rm_kg": round(v, 1)} for d, v in sorted(days.items())
        ]
        for exercise, days in sorted(best.items())
    }


def _reliable_one_rm(load: Any, reps: Any, rpe: Any, rir: Any) -> float | None:
    """The estimated 1RM of a set when it is reliable (R20, R21), else None."""
    try:
        estimate = estimate_one_rm(
            float(load), int(reps),
            rpe=float(rpe) if rpe is not None else None,
            rir=float(rir) if rir is not None and rpe is None else None,
        )  # fmt: skip
    except DomainError:
        return None
    return estimate.one_rm_kg if estimate.reliable else None


def _week_index(day: date, since: date) -> int:
    return (day - since).days // 7


def _weekly_sets(rows: list[tuple[Any, ...]], since: date, weeks: int) -> dict[str, list[int]]:
    catalogue = get_catalogue()
    out: dict[str, list[int]] = {r: [0] * weeks for r in ("hips", "spine", "legs", "arms", "core")}
    for day, exercise, *_ in rows:
        e = catalogue.get(exercise)
        if e is None or e.component is not Component.RESISTANCE:
            continue
        i = _week_index(day, since)
        if 0 <= i < weeks:
            for region in e.regions:
                out[region.value][i] += 1
    return out


def _weekly_impacts(rows: list[tuple[Any, ...]], since: date, weeks: int) -> list[int]:
    out = [0] * weeks
    for day, _exercise, _reps, _load, _rpe, _rir, impacts, _hold in rows:
        i = _week_index(day, since)
        if impacts and 0 <= i < weeks:
            out[i] += int(impacts)
    return out


def _weekly_balance(rows: list[tuple[Any, ...]], since: date, weeks: int) -> list[int]:
    """Minutes of balance logged per week: hold seconds, or reps at the catalogue's pace
    (the engine's :func:`balance_work_seconds`, as the program's weekly minutes)."""
    catalogue = get_catalogue()
    seconds = [0.0] * weeks
    for day, exercise, reps, _load, _rpe, _rir, _impacts, hold in rows:
        e = catalogue.get(exercise)
        if e is None or e.component is not Component.BALANCE:
            continue
        i = _week_index(day, since)
        if not 0 <= i < weeks:
            continue
        if hold or reps:
            # One logged set, counted as the program counts its balance minutes (R23a).
            seconds[i] += balance_work_seconds(
                e, sets=1, reps=None if hold else reps, hold_s=hold or None, minutes=None
            )
    return [balance_minutes(s) for s in seconds]


def _test_series(client: Client, profile: ClientProfile, today: date) -> list[dict[str, Any]]:
    """Every recorded functional test, each with its norm band and status at that date."""

    records = list(client.test_records.order_by("date", "id"))
    out = []
    for record in records:
        document = {**client.profile, "tests": {**record.values, "date": record.date.isoformat()}}
        try:
            dated = stored_profile(document)  # read as stored, not re-judged (issue 16)
        except InputError:  # a record that no longer validates is skipped, not fatal
            continue
        dated = replace(dated, age=profile.age)
        for result in map(word_result, evaluate_tests(dated)):
            out.append({"date": record.date.isoformat(), **jsonable(result)})
    return out


def _scan_series(client: Client) -> dict[str, list[dict[str, Any]]]:
    """Scans per site, each with the change from the first scan judged against the LSC (R29)."""
    by_site: dict[str, list[dict[str, Any]]] = defaultdict(list)
    first: dict[str, Any] = {}
    for scan in client.scans.order_by("date", "id"):
        point: dict[str, Any] = {
            "date": scan.date.isoformat(),
            "bmd_g_cm2": float(scan.bmd_g_cm2) if scan.bmd_g_cm2 is not None else None,
            "t_score": float(scan.t_score) if scan.t_score is not None else None,
            "scanner": scan.scanner or None,
        }
        base = first.get(scan.site)
        if scan.bmd_g_cm2 is not None:
            if base is None:
                first[scan.site] = scan
            else:
                change = dxa_change(
                    site=Site(scan.site),
                    baseline_g_cm2=float(base.bmd_g_cm2),
                    followup_g_cm2=float(scan.bmd_g_cm2),
                    precision_g_cm2=float(scan.precision_g_cm2) if scan.precision_g_cm2 else None,
                    baseline_scanner=ScannerMake(base.scanner) if base.scanner else None,
                    followup_scanner=ScannerMake(scan.scanner) if scan.scanner else None,
                )
                point["change"] = jsonable(change)
        by_site[scan.site].append(point)
    return dict(by_site)
