"""Paper documents: the program booklet (PDF), the calendar (.ics) and the doctor's report.

Many clients train from paper, so the booklet is the main product: a cover page with the
screening in plain words, one section per kind of session with a picture, cues, the dose
week by week in her units and why each exercise is there, and a log sheet per week to fill
in by hand. The HTML comes from Django templates in ``services/templates/paper/`` rendered
with a standalone :class:`django.template.Engine` (no settings needed, so the CLI works
without a database); the web app can point its template ``DIRS`` at the same folder and call
:func:`program_context` / :func:`report_context`. WeasyPrint turns the HTML into PDF with a
URL fetcher that refuses every request: the documents are self-contained.

Calendar: every session is an all-day event on its date (no clock time, so it never lands
on the wrong day in another time zone), with a UID that stays the same when the same
program is printed again, so calendar apps update events instead of duplicating them. Her
calendar subscription (:mod:`.calendar_feed`) asks the same builder for timed events at
her usual training time (floating: her phone's own clock) with a reminder alarm before each.
"""

from __future__ import annotations

import base64
import hashlib
import math
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from django.template import Context, Engine
from django.utils.safestring import SafeString, mark_safe

from osteoload.domain.assessment import (
    DxaChange,
    FunctionalResult,
    NormStatus,
    dxa_change,
    evaluate_tests,
    site_words,
)
from osteoload.domain.errors import DomainError
from osteoload.domain.logs import SetLog
from osteoload.domain.one_rm import estimate_one_rm
from osteoload.domain.profile import BoneScan, ClientProfile
from osteoload.domain.program import Program, ProgramItem, Screening, Session, SessionKind
from osteoload.domain.projection import SCENARIOS, BmdProjection, project_bmd
from osteoload.domain.units import format_load
from osteoload.domain.vocabulary import (
    Component,
    ImpactLevel,
    ProgramStatus,
    Severity,
    Site,
    Track,
    Units,
)
from osteoload.wording import Audience, gettext_noop, pronouns_for
from osteoload.wording.catalogue import exercise_words
from osteoload.wording.dose import column_lines, dose_text
from osteoload.wording.dxa import dxa_verdict
from osteoload.wording.notes import note_words
from osteoload.wording.projection import assumptions
from osteoload.wording.stops import day_in_words

from . import clock, i18n
from .assessment import SCENARIO_TITLES
from .catalogue import get_catalogue
from .errors import InputError, Issue
from .illustrations import exercise_alt, exercise_svg, position_words
from .logs import program_start_for_log
from .plans import MAX_WEEKS, plan_program, screen_client

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"


def _(message: str) -> str:
    """``message`` in the active language (Django's translation, set up on demand: the paper
    commands also run from files, without a database)."""
    i18n.ensure_ready()
    from django.utils.translation import gettext

    return gettext(message)


DAY_NAMES = ("", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("", "January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip

# =========================================================================================
# Shared plumbing: templates, PDF, files
# =========================================================================================


@cache
def template_engine() -> Engine:
    """Django's template engine on ``services/templates`` (autoescaping on, the i18n tags:
    the documents speak the active language)."""
    return Engine(
        dirs=[str(TEMPLATE_DIR)],
        autoescape=True,
        debug=False,
        libraries={"i18n": "django.templatetags.i18n"},
    )


def render_template(name: str, context: dict[str, Any]) -> str:
    i18n.ensure_ready()
    return template_engine().get_template(name).render(Context(context))


def _fetcher() -> Any:
    from weasyprint.urls import URLFetcher

    class NoFetcher(URLFetcher):  # type: ignore[misc]
        """Refuse every URL but ``data:``: our documents carry everything they show."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("data:"):
                return super().fetch(url, headers)
            raise ValueError(f"osteoload documents load nothing from outside ({url})")

    return NoFetcher(fail_on_errors=True)


def pdf_layout(html: str) -> Any:
    """Lay the HTML out as pages (a ``weasyprint.Document``); used for PDFs and layout tests."""
    from weasyprint import HTML

    return HTML(string=html, base_url=str(TEMPLATE_DIR), url_fetcher=_fetcher()).render()


def html_to_pdf(html: str) -> bytes:
    data: bytes = pdf_layout(html).write_pdf()
    return data


def write_atomically(path: Path, data: bytes, *, mode: int = 0o600) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename,
    so that a reader never sees half a file and a failure leaves nothing behind.

    ``mode`` whatever the umask: by default the owner's only (booklets and reports are
    health data); public files such as the illustrations pass ``0o644``.

    Raises ``IsADirectoryError`` when ``path`` is a directory, ``FileNotFoundError`` when its
    folder does not exist.
    """
    if path.is_dir():
        raise IsADirectoryError(f"{path} is a directory")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise FileNotFoundError(f"folder {folder} does not exist")
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def long_date(day: date) -> str:
    """``"Monday 4 January 2027"``, in the active language."""
    return day_in_words(day)


def short_date(day: date) -> str:
    """``"4 Jan"``."""
    return f"{day.day} {_(MONTHS[day.month])[:3]}"


# =========================================================================================
# Doses in words
# =========================================================================================


def _g(value: float) -> str:
    return f"{value:g}"


def _loadable(item: ProgramItem) -> bool:
    catalogue = get_catalogue()
    return item.exercise_id in catalogue and catalogue[item.exercise_id].loadable


# =========================================================================================
# The program booklet
# =========================================================================================


@dataclass(frozen=True, slots=True)
class DoseColumn:
    weeks: str
    lines: tuple[str, ...]


@dataclass(slots=True)
class ExerciseCard:
    number: str
    exercise_id: str
    name: str
    img_start: str
    img_end: str
    alt_start: str
    alt_end: str
    alt: str
    cues: tuple[str, ...]
    why: str
    notes: list[str]
    dose_rows: list[list[DoseColumn]]
    sides: bool


@dataclass(slots=True)
class SessionType:
    title: str
    kind: SessionKind
    days: str
    minutes: str
    weeks: str
    cards: list[ExerciseCard] = field(default_factory=list)


@dataclass(slots=True)
class _Slot:
    kind: SessionKind
    sessions: list[tuple[int, Session]] = field(default_factory=list)

    def signature(self) -> tuple[tuple[int, tuple[str, ...]], ...]:
        return tuple((w, tuple(i.exercise_id for i in s.items)) for w, s in self.sessions)


def _slots(program: Program) -> list[_Slot]:
    """Sessions grouped by kind and order in the week: the first strength session of every
    week is day A, the second day B; home sessions whose contents match week by week merge."""
    slots: dict[tuple[SessionKind, int], _Slot] = {}
    for week in program.weeks:
        seen: dict[SessionKind, int] = {}
        for session in week.sessions:
            n = seen.get(session.kind, 0)
            seen[session.kind] = n + 1
            slots.setdefault((session.kind, n), _Slot(kind=session.kind)).sessions.append(
                (week.week, session)
            )
    merged: list[_Slot] = []
    first = SessionKind.RESISTANCE
    for (kind, _n), slot in sorted(slots.items(), key=lambda kv: (kv[0][0] != first, kv[0])):
        if kind != SessionKind.RESISTANCE:
            twin = next(
                (m for m in merged if m.kind == kind and _same_by_week(m, slot)),
                None,
            )
            if twin is not None:
                twin.sessions = sorted(twin.sessions + slot.sessions, key=lambda ws: ws[1].date)
                continue
        merged.append(slot)
    return merged


def _same_by_week(a: _Slot, b: _Slot) -> bool:
    ids_a = {w: tuple(i.exercise_id for i in s.items) for w, s in a.sessions}
    ids_b = {w: tuple(i.exercise_id for i in s.items) for w, s in b.sessions}
    common = set(ids_a) & set(ids_b)
    return bool(common) and all(ids_a[w] == ids_b[w] for w in common)


def _ordered_union(lists: Iterable[Sequence[str]]) -> list[str]:
    """Every id once, keeping each list's order (a new id goes after its predecessor)."""
    out: list[str] = []
    for ids in lists:
        previous: str | None = None
        for x in ids:
            if x not in out:
                where = out.index(previous) + 1 if previous is not None else 0
                out.insert(where, x)
            previous = x
    return out


def _week_label(weeks: Sequence[int]) -> str:
    if len(weeks) == 1:
        return _("Week %(week)s") % {"week": weeks[0]}
    return _("Weeks %(first)s–%(last)s") % {"first": weeks[0], "last": weeks[-1]}


def _day_list(days: Iterable[int]) -> str:
    names = [_(_DAYS_PLURAL[d]) for d in sorted(set(days))]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + _(" and ") + names[-1]


_DAYS_PLURAL = ("", gettext_noop("Mondays"), gettext_noop("Tuesdays"),
                gettext_noop("Wednesdays"), gettext_noop("Thursdays"), gettext_noop("Fridays"),
                gettext_noop("Saturdays"), gettext_noop("Sundays"))  # fmt: skip


def _dose_columns(cells: list[tuple[int, tuple[str, ...]]]) -> list[DoseColumn]:
    """Merge consecutive weeks with the same dose into one column."""
    runs: list[tuple[list[int], tuple[str, ...]]] = []
    for week, lines in cells:
        if runs and runs[-1][1] == lines and runs[-1][0][-1] == week - 1:
            runs[-1][0].append(week)
        else:
            runs.append(([week], lines))
    return [DoseColumn(weeks=_week_label(w), lines=lines) for w, lines in runs]


def _card(
    number: int, exercise_id: str, items: list[tuple[int, ProgramItem]], units: Units, per_row: int
) -> ExerciseCard:
    catalogue = get_catalogue()
    exercise = catalogue[exercise_id]
    first = items[0][1]
    cells: list[tuple[int, tuple[str, ...]]] = []
    done: set[int] = set()
    notes: list[str] = []
    engine_notes: list[str] = []  # as the engine wrote them (notes: in the active language)
    for week, item in items:
        repeat = (
            bool(item.note)
            and str(item.note).startswith("Choose a weight")
            and any(n.startswith("Choose a weight") for n in engine_notes)
        )
        if item.note and item.note not in engine_notes and not repeat:
            engine_notes.append(item.note)
            notes.append(note_words(item.note))
        if week in done:
            continue
        done.add(week)
        cells.append((week, tuple(column_lines(item, units, loadable=_loadable(item)))))
    columns = _dose_columns(cells)
    rows = [columns[i : i + per_row] for i in range(0, len(columns), per_row)]
    return ExerciseCard(
        number=str(number),
        exercise_id=exercise_id,
        name=exercise_words(exercise.name),
        img_start=svg_data_uri(exercise_svg(exercise_id, "start")),
        img_end=svg_data_uri(exercise_svg(exercise_id, "end")),
        alt_start=_("%(name)s, start: %(position)s")
        % {"name": exercise_words(exercise.name), "position": position_words(exercise_id, "start")},
        alt_end=_("%(name)s, end: %(position)s")
        % {"name": exercise_words(exercise.name), "position": position_words(exercise_id, "end")},
        alt=exercise_alt(exercise_id),
        cues=tuple(exercise_words(cue) for cue in exercise.cues),
        why=exercise_words(first.why or exercise.why),
        notes=notes,
        dose_rows=rows,
        sides="each side" in " ".join(exercise.cues).lower() or _one_sided(exercise_id),
    )


def _one_sided(exercise_id: str) -> bool:
    words = ("single_leg", "split", "lunge", "step_up", "one_arm", "dumbbell_row",
             "kettlebell_row", "suitcase", "side_plank", "landmine", "clock")  # fmt: skip
    return any(w in exercise_id for w in words)


def svg_data_uri(svg: str) -> str:
    """An SVG document as a ``data:`` URI for ``<img src>``: self-contained, and much faster
    for WeasyPrint to lay out than inline ``<svg>`` (no page styles cascade into it)."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def session_types(
    program: Program, units: Units, *, large_print: bool = False
) -> list[SessionType]:
    """One entry per kind of session (Strength day A, B, ..., home days) with its cards."""
    per_row = 4 if large_print else 6
    slots = _slots(program)
    out: list[SessionType] = []
    letters = "ABCDEFG"
    strength = [s for s in slots if s.kind is SessionKind.RESISTANCE]
    home = [s for s in slots if s.kind is not SessionKind.RESISTANCE]
    for index, slot in enumerate(strength):
        title = (
            _("Strength day %(letter)s") % {"letter": letters[index]}
            if len(strength) > 1
            else _("Strength day")
        )
        out.append(_session_type(slot, title, units, per_row))
    for index, slot in enumerate(home):
        impact = any(i.component is Component.IMPACT for _w, s in slot.sessions for i in s.items)
        base = _("Home impact and balance day") if impact else _("Home balance day")
        same = [h for h in home if h is not slot]
        title = f"{base} {letters[index]}" if same else base
        out.append(_session_type(slot, title, units, per_row))
    return out


def _session_type(slot: _Slot, title: str, units: Units, per_row: int) -> SessionType:
    order = _ordered_union(tuple(i.exercise_id for i in s.items) for _w, s in slot.sessions)
    by_id: dict[str, list[tuple[int, ProgramItem]]] = {x: [] for x in order}
    for week, session in slot.sessions:
        for item in session.items:
            by_id[item.exercise_id].append((week, item))
    weeks = sorted({w for w, _s in slot.sessions})
    minutes = sorted({s.minutes for _w, s in slot.sessions})
    return SessionType(
        title=title,
        kind=slot.kind,
        days=_day_list(s.day for _w, s in slot.sessions),
        minutes=(
            _("about %(minutes)s minutes") % {"minutes": minutes[0]}
            if len(minutes) == 1
            else _("about %(low)s to %(high)s minutes") % {"low": minutes[0], "high": minutes[-1]}
        ),
        weeks=_week_label(weeks) if weeks == list(range(weeks[0], weeks[-1] + 1)) else "",
        cards=[_card(n, x, by_id[x], units, per_row) for n, x in enumerate(order, start=1)],
    )


_TRACK_WORDS = {
    Track.STANDARD: gettext_noop(
        "Strength training that builds up step by step: 6 to 12 repetitions, 2 to 3 sets, "
        "getting heavier over the weeks."
    ),
    Track.HIGH_INTENSITY: gettext_noop(
        "Heavy strength training (5 sets of 5) - only with your qualified trainer present."
    ),
    Track.GENTLE: gettext_noop(
        "Gentle exercise for now: balance, posture and light strengthening."
    ),
}
_IMPACT_WORDS = {
    ImpactLevel.NONE: gettext_noop("No jumping or hopping for now."),
    ImpactLevel.LOW: gettext_noop(
        "Low-impact work only: walking, marching, stairs and heel drops."
    ),
    ImpactLevel.MODERATE: gettext_noop("Impact work up to hops, stamps, skipping and low jumps."),
    ImpactLevel.HIGH: gettext_noop("Impact work including bigger jumps, with supervision."),
}
_TAG_WORDS = {
    "loaded_spinal_flexion": gettext_noop(
        "bending the back forward against a load (sit-ups, crunches)"
    ),
    "end_range_flexion": gettext_noop("bending the back as far as it goes (toe touches)"),
    "end_range_rotation": gettext_noop("twisting the trunk as far as it goes"),
    "rotation_feet_planted": gettext_noop(
        "twisting hard with the feet planted (golf-style swings)"
    ),
}
_CLEARANCE_WORDS = {
    "medical": gettext_noop("your doctor, to say that exercise is safe for you"),
    "physio": gettext_noop("a physiotherapist, to approve the exercises marked for approval"),
    "impact": gettext_noop("your doctor, to approve impact work (hops and jumps)"),
    "high_intensity": gettext_noop("your doctor, to approve heavy lifting"),
}
_STATUS_WORDS = {
    ProgramStatus.READY: (gettext_noop("Ready to start"), "ready"),
    ProgramStatus.NEEDS_CLEARANCE: (gettext_noop("Needs clearance first"), "clearance"),
    ProgramStatus.WITHHELD: (gettext_noop("On hold: gentle exercise only"), "hold"),
}
SAFETY_LINE = gettext_noop(
    "Stop and call your doctor or coach if you feel chest pain, dizziness, unusual "
    "breathlessness or new severe back pain, or if you fall and hurt yourself."
)


_BONE_WORDS = {
    "normal": gettext_noop("normal"),
    "low_bone_mass": gettext_noop("low bone mass"),
    "osteoporosis": gettext_noop("osteoporosis"),
    "severe_osteoporosis": gettext_noop("severe osteoporosis"),
    "unknown": gettext_noop("not known"),
}
_RISK_WORDS = {
    "low": gettext_noop("low"),
    "intermediate": gettext_noop("intermediate"),
    "high": gettext_noop("high"),
    "unknown": gettext_noop("not known"),
}
#: The phases as the booklet and the calendar name them.
PHASE_WORDS = {
    "familiarisation": gettext_noop("familiarisation"),
    "build": gettext_noop("build"),
    "strength": gettext_noop("strength"),
    "deload": gettext_noop("deload"),
}


def phase_words(phase: str) -> str:
    return _(PHASE_WORDS[phase]) if phase in PHASE_WORDS else phase


def screening_words(screening: Screening) -> dict[str, Any]:
    """The screening in plain words: what she may do, what to avoid and why, whom to call."""
    may = [
        _(_TRACK_WORDS[screening.track]),
        _(_IMPACT_WORDS[screening.max_impact]),
        _("Balance practice: about %(hours)s hours a week, in short bouts.")
        % {"hours": _g(round(screening.balance_minutes_target / 60, 1))},
    ]
    if not screening.resistance_allowed:
        may[0] = _("No strength training with weights until the steps below are done.")
    if not screening.free_weights_allowed:
        may.append(_("Machines, bands and body weight instead of free weights when on your own."))
    avoid = [
        {"rule": f.rule, "severity": f.severity.value, "message": f.message}
        for f in screening.findings
        if f.severity in (Severity.MUST, Severity.SHOULD)
    ]
    notes = [
        {"rule": f.rule, "message": f.message}
        for f in screening.findings
        if f.severity is Severity.INFO
    ]
    avoid_moves = [
        _(_TAG_WORDS[t.value]) if t.value in _TAG_WORDS else t.value.replace("_", " ")
        for t in screening.excluded_tags
    ]
    call = [
        _("Ask %(whom)s.")
        % {"whom": _(_CLEARANCE_WORDS[c]) if c in _CLEARANCE_WORDS else c.replace("_", " ")}
        for c in screening.clearances_needed
    ]
    call += list(screening.next_steps)
    if screening.review_date:
        call.append(
            _("Review your program on or after %(day)s.")
            % {"day": long_date(screening.review_date)}
        )
    title, css = _STATUS_WORDS[screening.status]
    return {
        "status": screening.status.value,
        "status_title": _(title),
        "status_class": css,
        "bone": _(_BONE_WORDS.get(screening.bone_category.value, ""))
        or screening.bone_category.value.replace("_", " "),
        "falls_risk": _(_RISK_WORDS.get(screening.falls_risk.value, ""))
        or screening.falls_risk.value,
        "may": may,
        "avoid": avoid,
        "avoid_moves": avoid_moves,
        "notes": notes,
        "call": call,
        "passport": screening.vivifrail_passport,
        "safety": _(SAFETY_LINE),
    }


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
    for slot, kind in zip(_slots(program), types, strict=True):
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
                    load=_loadable(item) or bool(item.load_kg),
                    effort=_g(item.target_rpe) if item.target_rpe is not None else "",
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
            order = _ordered_union(tuple(i.exercise_id for i in s.items) for s in home)
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
    return html_to_pdf(program_html(program, profile, large_print=large_print))


# =========================================================================================
# Calendar
# =========================================================================================

PRODID = "-//osteoload//program calendar//EN"


def session_uid(profile: ClientProfile, program: Program, session: Session) -> str:
    """Stable per session: the same program printed again gives the same UIDs."""
    key = "|".join(
        (
            profile.name or "client",
            program.start.isoformat(),
            session.date.isoformat(),
            session.kind,
        )
    )
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:24] + "@osteoload"


def program_ics(
    program: Program | None,
    profile: ClientProfile,
    *,
    stamp: datetime | None = None,
    at: time | None = None,
    remind_minutes: int | None = None,
    refresh_hours: int | None = None,
) -> bytes:
    """Every session as an event on its date; the doses in the description.

    All-day events by default. With ``at`` each session starts at that time of day as a
    floating time (her own clock wherever she is) and lasts its estimated minutes; with
    ``remind_minutes`` each event carries a reminder alarm (VALARM) that many minutes before
    it starts; ``refresh_hours`` tells a subscribing calendar how often to fetch it again.
    ``program`` ``None`` gives the calendar without sessions (a subscription whose program
    is paused or not assigned yet).
    """
    from icalendar import Alarm, Calendar, Event

    stamp = stamp or clock.now()
    units = profile.units
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add(
        "x-wr-calname",
        _("Exercise program - %(name)s") % {"name": profile.name}
        if profile.name
        else _("Exercise program"),
    )
    if refresh_hours is not None:
        cal.add(
            "refresh-interval", timedelta(hours=refresh_hours), parameters={"VALUE": "DURATION"}
        )
        cal.add("x-published-ttl", f"PT{refresh_hours}H")
    for week in program.weeks if program is not None else ():
        for session in week.sessions:
            kind = (
                _("Strength session")
                if session.kind is SessionKind.RESISTANCE
                else _("Home balance session")
            )
            event = Event()
            assert program is not None  # (the loop runs only over a program's weeks)
            event.add("uid", session_uid(profile, program, session))
            event.add("dtstamp", stamp)
            if at is None:
                event.add("dtstart", session.date)
                event.add("dtend", session.date + timedelta(days=1))
            else:
                start = datetime.combine(session.date, at)
                event.add("dtstart", start)
                event.add("dtend", start + timedelta(minutes=max(session.minutes, 1)))
            summary = _("%(kind)s (week %(week)s, %(phase)s)") % {
                "kind": kind,
                "week": week.week,
                "phase": phase_words(week.phase.value),
            }
            event.add("summary", summary)
            lines = [_("About %(minutes)s minutes.") % {"minutes": session.minutes}]
            lines += [
                f"- {exercise_words(item.name)}: {dose_text(item, units, Audience.PRINT)}"
                for item in session.items
            ]
            lines.append("")
            lines.append(_(SAFETY_LINE))
            event.add("description", "\n".join(lines))
            event.add("transp", "TRANSPARENT")
            if remind_minutes is not None:
                alarm = Alarm()
                alarm.add("action", "DISPLAY")
                alarm.add("description", summary)
                alarm.add("trigger", timedelta(minutes=-remind_minutes))
                event.add_component(alarm)
            cal.add_component(event)
    data: bytes = cal.to_ical()
    return data


# =========================================================================================
# The progress report for her doctor
# =========================================================================================

REPORT_SITE_TITLES = {
    Site.LUMBAR_SPINE: gettext_noop("Lower spine (L1-L4)"),
    Site.FEMORAL_NECK: gettext_noop("Hip (femoral neck)"),
    Site.TOTAL_HIP: gettext_noop("Whole hip"),
    Site.FOREARM: gettext_noop("Forearm"),
}


@dataclass(slots=True, kw_only=True)
class ScanRow:
    site: str
    first: str
    latest: str
    change: str
    lsc: str
    verdict: str
    significant: bool
    source: str


@dataclass(slots=True, kw_only=True)
class TestRow:
    name: str
    value: str
    norm: str
    status: str
    interpretation: str
    date: str
    source: str


@dataclass(slots=True, kw_only=True)
class StrengthRow:
    name: str
    first: str
    latest: str
    change: str
    source: str


@dataclass(slots=True, kw_only=True)
class ProgressReport:
    """Everything ``paper/report.html`` shows; every number carries its date and source."""

    name: str
    about: str
    as_of: date
    log_source: str
    period: str
    scans: list[ScanRow]
    scan_note: str
    tests: list[TestRow]
    tests_note: str
    adherence: list[tuple[str, str, str]]
    adherence_note: str
    strength: list[StrengthRow]
    strength_note: str
    projection_svg: SafeString
    projection_notes: list[str]
    findings: list[dict[str, str]]
    next_steps: list[str]
    units: str


def _scan_text(scan: BoneScan) -> str:
    parts = [f"{scan.bmd_g_cm2:.3f} g/cm\u00b2" if scan.bmd_g_cm2 is not None else _("no g/cm²")]
    if scan.t_score is not None:
        parts.append(f"T {scan.t_score:+.1f}")
    when = scan.date.isoformat() if scan.date else _("date not given")
    maker = f", {scan.scanner.value}" if scan.scanner else ""
    return f"{', '.join(parts)} ({when}{maker})"


def scan_rows(profile: ClientProfile) -> tuple[list[ScanRow], str]:
    """First and latest scan per site, judged against the least significant change (R29)."""
    rows: list[ScanRow] = []
    for site in (Site.LUMBAR_SPINE, Site.TOTAL_HIP, Site.FEMORAL_NECK, Site.FOREARM):
        scans = sorted(
            (s for s in profile.bone.scans if s.site is site and s.bmd_g_cm2 is not None),
            key=lambda s: s.date or date.min,
        )
        if not scans:
            continue
        first, latest = scans[0], scans[-1]
        if len(scans) == 1:
            rows.append(
                ScanRow(
                    site=_(REPORT_SITE_TITLES[site]),
                    first=_scan_text(first),
                    latest="-",
                    change="-",
                    lsc="-",
                    verdict=_("One scan only: a change needs a second scan on the same scanner."),
                    significant=False,
                    source=_("profile: %(field)s") % {"field": "bone.scans"},
                )
            )
            continue
        assert first.bmd_g_cm2 is not None and latest.bmd_g_cm2 is not None
        change: DxaChange = dxa_change(
            site=site,
            baseline_g_cm2=first.bmd_g_cm2,
            followup_g_cm2=latest.bmd_g_cm2,
            precision_g_cm2=latest.precision_g_cm2 or first.precision_g_cm2,
            baseline_scanner=first.scanner,
            followup_scanner=latest.scanner,
        )
        lsc_source = (
            _("centre precision") if change.lsc_source == "precision" else _("ISCD default")
        )
        rows.append(
            ScanRow(
                site=_(REPORT_SITE_TITLES[site]),
                first=_scan_text(first),
                latest=_scan_text(latest),
                change=f"{change.change_g_cm2:+.3f} g/cm\u00b2 ({change.change_pct:+.1f} %)",
                lsc=f"{change.lsc_g_cm2:.3f} g/cm\u00b2 ({change.lsc_pct:.1f} %, {lsc_source})",
                verdict=dxa_verdict(change),
                significant=change.significant,
                source=_("profile: %(field)s; least significant change R29")
                % {"field": "bone.scans"},
            )
        )
    if rows:
        note = _(
            "Least significant change: a change smaller than this is within measurement error."
        )
    else:
        reported = ", ".join(
            f"{site_words(site)} T {t:+.1f}" for site, t in profile.bone.t_scores.items()
        )
        note = (
            _("No scans with g/cm² in the profile; reported T-scores: %(reported)s.")
            % {"reported": reported}
            if reported
            else _("No bone density results in the profile.")
        )
    return rows, note


def test_rows(profile: ClientProfile) -> tuple[list[TestRow], str]:
    results: tuple[FunctionalResult, ...] = evaluate_tests(profile)
    when = profile.tests.date.isoformat() if profile.tests.date else _("date not given")
    words = {
        NormStatus.OK: _("within norms"),
        NormStatus.BELOW: _("below the age norm"),
        NormStatus.RISK: _("at risk"),
    }
    rows = [
        TestRow(
            name=r.name,
            value=f"{_g(round(r.value, 2))} {r.unit}",
            norm=r.norm,
            status=words.get(r.status, r.status),
            interpretation=r.interpretation,
            date=when,
            source=_("profile: %(field)s") % {"field": f"tests.{r.key}"},
        )
        for r in results
    ]
    note = "" if rows else _("No functional tests recorded in the profile.")
    return rows, note


def _adherence(
    profile: ClientProfile, log: Sequence[SetLog], *, today: date
) -> tuple[list[tuple[str, str, str]], str]:
    days = sorted({s.date for s in log})
    first, last = days[0], days[-1]
    start, start_note = program_start_for_log(profile, log, as_of=today)
    weeks = max(1, min(MAX_WEEKS, (max(last, start) - start).days // 7 + 1))
    program = plan_program(profile, today=today, start=start, weeks=weeks)
    planned = [s for w in program.weeks for s in w.sessions if first <= s.date <= last]
    logged = set(days)
    rows: list[tuple[str, str, str]] = []
    for label, kinds in (
        (gettext_noop("All planned sessions"), set(SessionKind)),
        (gettext_noop("Strength sessions"), {SessionKind.RESISTANCE}),
        (gettext_noop("Home sessions"), {SessionKind.IMPACT_BALANCE}),
    ):
        sessions = [s for s in planned if s.kind in kinds]
        if not sessions and label != "All planned sessions":
            continue
        done = sum(1 for s in sessions if s.date in logged)
        pct = f"{100 * done / len(sessions):.0f} %" if sessions else "-"
        rows.append(
            (_(label), _("%(done)s of %(planned)s") % {"done": done, "planned": len(sessions)}, pct)
        )
    extra = len(logged - {s.date for s in planned})
    rows.append((_("Days with any training logged"), str(len(days)), ""))
    dates = {"today": today.isoformat(), "start": start.isoformat(),
             "first": first.isoformat(), "last": last.isoformat(), "extra": extra}  # fmt: skip
    note = (
        _("Planned sessions: the program regenerated on %(today)s for this profile, starting "
          "%(start)s, counted over the log's dates %(first)s to %(last)s. A planned session "
          "counts as done when the log has a set on its date; %(extra)s logged day(s) fell on "
          "days without a planned session.") % dates if extra
        else _("Planned sessions: the program regenerated on %(today)s for this profile, "
               "starting %(start)s, counted over the log's dates %(first)s to %(last)s. A "
               "planned session counts as done when the log has a set on its date.") % dates
    )  # fmt: skip
    if start_note:
        note += f" {start_note.split('; give --start')[0].rstrip('.')}."
    return rows, note


def _strength_rows(log: Sequence[SetLog], units: Units) -> tuple[list[StrengthRow], str]:
    catalogue = get_catalogue()
    best: dict[str, dict[date, tuple[float, SetLog]]] = {}
    for s in log:
        if s.load_kg is None or s.reps < 1 or s.exercise_id not in catalogue:
            continue
        if not catalogue[s.exercise_id].loadable:
            continue
        try:
            estimate = estimate_one_rm(s.load_kg, s.reps, rpe=s.rpe, rir=s.rir)
        except DomainError:
            continue
        if not estimate.reliable:
            continue
        days = best.setdefault(s.exercise_id, {})
        if s.date not in days or estimate.one_rm_kg > days[s.date][0]:
            days[s.date] = (estimate.one_rm_kg, s)
    rows: list[StrengthRow] = []
    for ex_id, by_day in best.items():
        ordered = sorted(by_day.items())
        (d0, (e0, s0)), (d1, (e1, s1)) = ordered[0], ordered[-1]
        several = len(ordered) > 1
        rows.append(
            StrengthRow(
                name=exercise_words(catalogue[ex_id].name),
                first=_describe_set(d0, e0, s0, units),
                latest=_describe_set(d1, e1, s1, units) if several else "-",
                change=f"{100 * (e1 - e0) / e0:+.0f} %" if several else _("one day only"),
                source=(
                    _("log %(date)s set %(set)s") % {"date": d0.isoformat(), "set": s0.set}
                    + (
                        "; " + _("%(date)s set %(set)s") % {"date": d1.isoformat(), "set": s1.set}
                        if several
                        else ""
                    )
                ),
            )
        )
    note = _(
        "Estimated one-repetition maximum (R20-R22), from the best reliable set on the first "
        "and on the latest day each lift was logged (3 to 12 repetitions at effort 7 or "
        "more; a set without an effort rating is taken as near failure, so its estimate may "
        "run high). Nobody lifted a true maximum."
    )
    if not rows:
        note = _("No loaded sets in the log give a reliable estimate (R20-R21).")
    return sorted(rows, key=lambda r: r.name), note


def _describe_set(day: date, e1rm: float, s: SetLog, units: Units) -> str:
    assert s.load_kg is not None
    values = {
        "estimate": format_load(e1rm, units, digits=1),
        "date": day.isoformat(),
        "load": format_load(s.load_kg, units, digits=1),
        "reps": s.reps,
    }
    if s.rpe is not None:
        return _("%(estimate)s estimated on %(date)s (from %(load)s × %(reps)s at effort "
                 "%(effort)s)") % {**values, "effort": _g(s.rpe)}  # fmt: skip
    if s.rir is not None:
        return _("%(estimate)s estimated on %(date)s (from %(load)s × %(reps)s with "
                 "%(reserve)s in reserve)") % {**values, "reserve": _g(s.rir)}  # fmt: skip
    return _("%(estimate)s estimated on %(date)s (from %(load)s × %(reps)s (effort not "
             "logged))") % values  # fmt: skip


def progress_report(
    profile: ClientProfile, log: Sequence[SetLog], *, today: date, log_source: str
) -> ProgressReport:
    """Build the doctor's report from a profile and her training log (read with
    :func:`osteoload.services.logs.read_log`)."""
    if not log:
        raise InputError([Issue("log", "has no logged sets")], source=log_source)
    units = profile.units
    scans, scan_note = scan_rows(profile)
    tests, tests_note = test_rows(profile)
    adherence, adherence_note = _adherence(profile, log, today=today)
    strength, strength_note = _strength_rows(log, units)
    screening = screen_client(profile, as_of=today)
    try:
        bone = project_bmd(profile, months=12, as_of=today)
        chart = projection_band_svg(bone)
        projection_notes = assumptions(bone.notes, pronouns_for(profile.sex.value))
    except DomainError as exc:
        chart = mark_safe("")
        projection_notes = [_("No projection: %(reason)s") % {"reason": exc}]
    about = ", ".join(
        x
        for x in (
            _("%(age)s years") % {"age": profile.age},
            profile.sex.value,
            f"{profile.menopause.value}menopausal" if profile.menopause else "",
            f"bone: {screening.bone_category.value.replace('_', ' ')}",
        )
        if x
    )
    return ProgressReport(
        name=profile.name or _("Client"),
        about=about,
        as_of=today,
        log_source=log_source,
        period=(
            _("%(first)s to %(last)s")
            % {
                "first": min(s.date for s in log).isoformat(),
                "last": max(s.date for s in log).isoformat(),
            }  # fmt: skip
        ),
        scans=scans,
        scan_note=scan_note,
        tests=tests,
        tests_note=tests_note,
        adherence=adherence,
        adherence_note=adherence_note,
        strength=strength,
        strength_note=strength_note,
        projection_svg=chart,
        projection_notes=projection_notes,
        findings=[
            {"rule": f.rule, "severity": f.severity.value, "message": f.message}
            for f in screening.findings
        ],
        next_steps=list(screening.next_steps)
        + [
            _("Clearance needed: %(clearance)s") % {"clearance": c}
            for c in screening.clearances_needed
        ],  # fmt: skip
        units=units.value,
    )


def report_context(report: ProgressReport) -> dict[str, Any]:
    return {
        "r": report,
        "as_of": long_date(report.as_of),
        "title": _("Progress report: %(name)s") % {"name": report.name},
    }


def report_html(report: ProgressReport) -> str:
    return render_template("paper/report.html", report_context(report))


def report_pdf(report: ProgressReport) -> bytes:
    return html_to_pdf(report_html(report))


# --- the projection chart: three small band charts side by side ------------------------

_SCENARIO_COLOURS = {
    "none": "#555555",
    "exercise": "#0072B2",
    "medication": "#D55E00",
    "combined": "#009E73",
}
_SCENARIO_DASH = {"none": "6 4", "exercise": "", "medication": "2 4", "combined": ""}


def projection_band_svg(bone: BmdProjection) -> SafeString:
    """Projected % change per site as band charts (range shaded, central line), with the
    site's least significant change as a dotted band. Self-contained SVG, text >= 11 px."""
    sites = list(bone.sites)
    panel_w, panel_h, gap, left, top = 200.0, 190.0, 34.0, 44.0, 34.0
    width = left + len(sites) * (panel_w + gap)
    height = top + panel_h + 40 + 24 * 3
    values = [0.0]
    for proj in bone.sites.values():
        values += [proj.lsc_pct, -proj.lsc_pct]
        for sc in proj.scenarios.values():
            values += [p.low for p in sc.points] + [p.high for p in sc.points]
    step = next((s for s in (0.5, 1, 2, 2.5, 5, 10) if (max(values) - min(values)) / s <= 7), 20)
    lo = step * math.floor(min(values) / step)
    hi = step * math.ceil(max(values) / step)
    hi = hi if hi > lo else lo + step
    font = "font-family='DejaVu Sans, Arial, sans-serif'"
    out = [
        f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {width:.0f} {height:.0f}' "
        f"class='chart' role='img' aria-label='Projected change in bone density over "
        f"{bone.months} months' {font}>",
        f"<title>Projected change in bone density over {bone.months} months</title>",
    ]
    for i, site in enumerate(sites):
        proj = bone.sites[site]
        x0 = left + i * (panel_w + gap)

        def x(month: float, x0: float = x0) -> float:
            return x0 + panel_w * month / bone.months

        def y(pct: float) -> float:
            return top + panel_h * (hi - pct) / (hi - lo)

        out.append(
            f"<text x='{x0:.1f}' y='{top - 12:.1f}' font-size='13' font-weight='bold'>"
            f"{escape(REPORT_SITE_TITLES.get(site, site.value))}</text>"
        )
        out.append(
            f"<rect x='{x0:.1f}' y='{top:.1f}' width='{panel_w:.1f}' height='{panel_h:.1f}' "
            "fill='none' stroke='#999999'/>"
        )
        tick = lo
        while tick <= hi + 1e-9:
            colour = "#444444" if abs(tick) < 1e-9 else "#e0e0e0"
            out.append(
                f"<line x1='{x0:.1f}' x2='{x0 + panel_w:.1f}' y1='{y(tick):.1f}' "
                f"y2='{y(tick):.1f}' stroke='{colour}'/>"
            )
            if i == 0:
                out.append(
                    f"<text x='{x0 - 5:.1f}' y='{y(tick) + 4:.1f}' font-size='11' "
                    f"text-anchor='end'>{_g(tick)}%</text>"
                )
            tick += step
        lsc = proj.lsc_pct
        out.append(
            f"<rect x='{x0:.1f}' y='{y(lsc):.1f}' width='{panel_w:.1f}' "
            f"height='{y(-lsc) - y(lsc):.1f}' fill='none' stroke='#777777' "
            "stroke-dasharray='2 3'/>"
        )
        for name in SCENARIOS:
            pts = proj.scenarios[name].points
            upper = " ".join(f"{x(p.month):.1f},{y(p.high):.1f}" for p in pts)
            lower = " ".join(f"{x(p.month):.1f},{y(p.low):.1f}" for p in reversed(pts))
            out.append(
                f"<polygon points='{upper} {lower}' fill='{_SCENARIO_COLOURS[name]}' "
                "fill-opacity='0.12' stroke='none'/>"
            )
        for name in ("none", "exercise", "combined", "medication"):
            pts = proj.scenarios[name].points
            line = " ".join(f"{x(p.month):.1f},{y(p.pct):.1f}" for p in pts)
            dash = f" stroke-dasharray='{_SCENARIO_DASH[name]}'" if _SCENARIO_DASH[name] else ""
            out.append(
                f"<polyline points='{line}' fill='none' stroke='{_SCENARIO_COLOURS[name]}' "
                f"stroke-width='2.5'{dash}/>"
            )
        for m in (0, bone.months // 2, bone.months):
            out.append(
                f"<text x='{x(m):.1f}' y='{top + panel_h + 15:.1f}' font-size='11' "
                f"text-anchor='middle'>{m}</text>"
            )
        out.append(
            f"<text x='{x0 + panel_w / 2:.1f}' y='{top + panel_h + 30:.1f}' font-size='11' "
            f"text-anchor='middle'>months from {bone.as_of.isoformat()}</text>"
        )
    legend_y = top + panel_h + 52
    for j, name in enumerate(SCENARIOS):
        lx = left + (j % 2) * 300
        ly = legend_y + (j // 2) * 22
        dash = f" stroke-dasharray='{_SCENARIO_DASH[name]}'" if _SCENARIO_DASH[name] else ""
        out.append(
            f"<line x1='{lx:.1f}' x2='{lx + 34:.1f}' y1='{ly:.1f}' y2='{ly:.1f}' "
            f"stroke='{_SCENARIO_COLOURS[name]}' stroke-width='3'{dash}/>"
        )
        out.append(
            f"<text x='{lx + 42:.1f}' y='{ly + 4:.1f}' font-size='12'>"
            f"{escape(SCENARIO_TITLES[name])}</text>"
        )
    out.append(
        f"<rect x='{left:.1f}' y='{legend_y + 38:.1f}' width='34' height='12' fill='none' "
        "stroke='#777777' stroke-dasharray='2 3'/>"
    )
    out.append(
        f"<text x='{left + 42:.1f}' y='{legend_y + 48:.1f}' font-size='12'>Dotted box: a change "
        "inside it is too small for a scan to confirm (least significant change)</text>"
    )
    out.append("</svg>")
    return mark_safe("\n".join(out))
