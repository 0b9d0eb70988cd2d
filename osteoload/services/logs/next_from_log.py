"""Her next session from a log file: the program regenerated from her profile, then the
engine's next prescriptions from what she logged (``osteoload next``, ``POST /next``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from osteoload.domain.equipment import equipment_profile
from osteoload.domain.logs import SetLog
from osteoload.domain.profile import ClientProfile
from osteoload.domain.progression import NextPrescriptions, next_prescriptions
from osteoload.domain.serialize import jsonable
from osteoload.wording import _
from osteoload.wording.progression import with_reasons

from ..catalogue import get_catalogue
from ..plans import MAX_WEEKS, next_monday, plan_program
from .rows import LogImport


@dataclass(frozen=True, slots=True, kw_only=True)
class NextSession:
    """The next prescriptions with what they were computed from."""

    prescriptions: NextPrescriptions
    program_start: date
    notes: tuple[str, ...]


def program_start_for_log(
    profile: ClientProfile, sets: Sequence[SetLog], *, as_of: date, start: date | None = None
) -> tuple[date, str | None]:
    """The program's first day for progression, and a note when it is not the profile's.

    ``start`` if given; else the profile's ``schedule.start_date`` when it is on or before
    ``as_of``; else the Monday on or before the first logged set; else the profile's start
    date or the Monday after ``as_of``.
    """
    if start is not None:
        return start, None
    planned = profile.schedule.start_date
    if planned is not None and planned <= as_of:
        return planned, None
    days = [s.date for s in sets if s.date <= as_of]
    if days:
        first = min(days)
        monday = first - timedelta(days=first.weekday())
        values = {
            "monday": monday.isoformat(),
            "planned": planned.isoformat() if planned is not None else "",
            "as_of": as_of.isoformat(),
        }
        note = (
            _(
                "The program is taken to start on %(monday)s, the Monday of the first logged "
                "session (the profile's start date %(planned)s is after %(as_of)s); give "
                "--start to choose another day."
            )
            % values
            if planned is not None
            else _(
                "The program is taken to start on %(monday)s, the Monday of the first logged "
                "session; give --start to choose another day."
            )
            % values
        )
        return monday, note
    return planned or next_monday(as_of), None


def next_session(
    profile: ClientProfile, log: LogImport, *, as_of: date, start: date | None = None
) -> NextSession:
    """Regenerate the client's program and compute her next prescriptions from the log."""
    first, note = program_start_for_log(profile, log.sets, as_of=as_of, start=start)
    week_of_as_of = (as_of - first).days // 7 + 1
    weeks = min(MAX_WEEKS, max(12, week_of_as_of + 1))
    program = plan_program(profile, today=as_of, start=first, weeks=weeks)
    catalogue = get_catalogue()
    result = next_prescriptions(
        program,
        log.sets,
        as_of=as_of,
        catalogue=catalogue,
        units=profile.units,
        profile=profile,
        equipment=equipment_profile(profile),
    )
    result = with_reasons(result, profile.units, {k: e.name for k, e in catalogue.items()})
    notes = tuple(n for n in (note,) if n) + program.notes
    return NextSession(prescriptions=result, program_start=first, notes=notes)


def next_document(session: NextSession, log: LogImport) -> dict[str, Any]:
    """The ``next`` JSON contract (``schema_version`` 1)."""
    p = session.prescriptions
    return {
        "schema_version": 1,
        "status": p.status.value,
        "as_of": p.as_of.isoformat(),
        "program_start": session.program_start.isoformat(),
        "week": p.week,
        "phase": p.phase.value if p.phase is not None else None,
        "last_logged": p.last_logged.isoformat() if p.last_logged else None,
        "items": jsonable(p.items),
        "findings": jsonable(p.findings),
        "working_maxes": jsonable(p.working_maxes),
        "notes": list(session.notes),
        "log": {"source": log.source, "format": log.format.value, "sets": len(log.sets)},
        "unmapped": [{"name": u.name, "count": u.count} for u in log.unmapped],
        "skipped": {reason: count for reason, count in log.skipped},
    }
