"""The booklet's session pages: one entry per kind of session (strength day A, B, ..., home
days) with a card per exercise: its pictures, cues, why it is there and the dose week by week
in her units."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from osteoload.domain.program import Program, ProgramItem, Session, SessionKind
from osteoload.domain.vocabulary import Component, Units
from osteoload.wording import gettext_noop
from osteoload.wording.catalogue import exercise_words
from osteoload.wording.dose import column_lines
from osteoload.wording.notes import note_words

from ..catalogue import get_catalogue
from ..illustrations import exercise_alt, exercise_svg, position_words
from .rendering import _, svg_data_uri


def loadable(item: ProgramItem) -> bool:
    catalogue = get_catalogue()
    return item.exercise_id in catalogue and catalogue[item.exercise_id].loadable


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


def session_slots(program: Program) -> list[_Slot]:
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


def ordered_union(lists: Iterable[Sequence[str]]) -> list[str]:
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
        cells.append((week, tuple(column_lines(item, units, loadable=loadable(item)))))
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


def session_types(
    program: Program, units: Units, *, large_print: bool = False
) -> list[SessionType]:
    """One entry per kind of session (Strength day A, B, ..., home days) with its cards."""
    per_row = 4 if large_print else 6
    slots = session_slots(program)
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
    order = ordered_union(tuple(i.exercise_id for i in s.items) for _w, s in slot.sessions)
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
