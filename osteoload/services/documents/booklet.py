"""The program booklet (PDF): a cover page with the screening in plain words, one section per
kind of session (:mod:`.sessions`) and a log sheet per week to fill in by hand.

Many clients train from paper, so the booklet is the main product. The web app can point its
template ``DIRS`` at the same folder and call :func:`program_context`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from osteoload.domain.profile import ClientProfile
from osteoload.domain.program import Program, SessionKind
from osteoload.domain.vocabulary import Units
from osteoload.wording import Audience
from osteoload.wording.catalogue import exercise_words
from osteoload.wording.dose import dose_text
from osteoload.wording.notes import note_words

from . import rendering
from .rendering import DAY_NAMES, _, long_date, number_text, render_template, short_date
from .sessions import SessionType, loadable, ordered_union, session_slots, session_types
from .words import phase_words, screening_words


@dataclass(slots=True)
class LogRow:
    name: str
    plan: str
    boxes: range
    load: bool
    effort: str


@dataclass(slots=True)
class LogSession:
    heading: str
    rows: list[LogRow]


@dataclass(slots=True)
class HomeRow:
    name: str
    plan: str
    days: list[bool]


@dataclass(slots=True)
class LogWeek:
    title: str
    sessions: list[LogSession]
    home_title: str = ""
    home_days: list[str] = field(default_factory=list)
    home_rows: list[HomeRow] = field(default_factory=list)


def log_weeks(program: Program, units: Units, types: Sequence[SessionType]) -> list[LogWeek]:
    """A log sheet per week: each strength session with its plan and boxes for every set,
    then the home sessions of the week as one table with a tick box per day."""
    slot_titles: dict[date, str] = {}
    for slot, kind in zip(session_slots(program), types, strict=True):
        for _w, session in slot.sessions:
            slot_titles[session.date] = kind.title
    out: list[LogWeek] = []
    for week in program.weeks:
        if not week.sessions:
            continue
        first, last = week.sessions[0].date, week.sessions[-1].date
        log = LogWeek(
            title=(
                _("Week %(week)s log – %(phase)s (%(first)s to %(last)s %(year)s)")
                % {
                    "week": week.week,
                    "phase": phase_words(week.phase.value),
                    "first": short_date(first),
                    "last": short_date(last),
                    "year": last.year,
                }
            ),
            sessions=[],
        )
        home = [s for s in week.sessions if s.kind is not SessionKind.RESISTANCE]
        for session in week.sessions:
            if session.kind is not SessionKind.RESISTANCE:
                continue
            rows = [
                LogRow(
                    name=exercise_words(item.name),
                    plan=dose_text(item, units, Audience.PRINT, effort=False),
                    boxes=range(min(item.sets, 6) if item.minutes is None else 1),
                    load=loadable(item) or bool(item.load_kg),
                    effort=number_text(item.target_rpe) if item.target_rpe is not None else "",
                )
                for item in session.items
            ]
            log.sessions.append(
                LogSession(
                    heading=(
                        _("%(day)s – %(title)s, about %(minutes)s min")
                        % {
                            "day": long_date(session.date),
                            "title": slot_titles.get(session.date, ""),
                            "minutes": session.minutes,
                        }
                    ),
                    rows=rows,
                )
            )
        if home:
            log.home_title = ", ".join(sorted({slot_titles.get(s.date, "") for s in home}))
            log.home_days = [f"{_(DAY_NAMES[s.day])[:3]} {short_date(s.date)}" for s in home]
            order = ordered_union(tuple(i.exercise_id for i in s.items) for s in home)
            for ex_id in order:
                item = next(i for s in home for i in s.items if i.exercise_id == ex_id)
                log.home_rows.append(
                    HomeRow(
                        name=exercise_words(item.name),
                        plan=dose_text(item, units, Audience.PRINT),
                        days=[any(i.exercise_id == ex_id for i in s.items) for s in home],
                    )
                )
        out.append(log)
    return out


def program_context(
    program: Program, profile: ClientProfile, *, large_print: bool = False
) -> dict[str, Any]:
    """Everything ``paper/program.html`` shows (shared with the web app).

    Numbers are passed as text: the standalone engine has no settings for localising them.
    """
    units = profile.units
    types = session_types(program, units, large_print=large_print)
    last = (
        program.weeks[-1].sessions[-1].date
        if program.weeks and program.weeks[-1].sessions
        else None
    )
    return {
        "name": profile.name or "",
        "title": (
            _("Exercise program for %(name)s") % {"name": profile.name}
            if profile.name
            else _("Exercise program")
        ),
        "large_print": large_print,
        "units": units.value,
        "start": long_date(program.start),
        "end": long_date(last) if last else "",
        "weeks": str(len(program.weeks)) if program.weeks else "",
        "screening": screening_words(program.screening),
        "notes": [note_words(n) for n in program.notes],
        "types": types,
        "logs": log_weeks(program, units, types),
    }


def program_html(program: Program, profile: ClientProfile, *, large_print: bool = False) -> str:
    return render_template(
        "paper/program.html", program_context(program, profile, large_print=large_print)
    )


def program_pdf(program: Program, profile: ClientProfile, *, large_print: bool = False) -> bytes:
    """The program booklet as PDF bytes (A4; ``large_print``: 16 pt text, bigger pictures)."""
    return rendering.html_to_pdf(program_html(program, profile, large_print=large_print))
