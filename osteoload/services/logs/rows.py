"""A read log's records, and the validation of one row that every format shares.

Every problem is reported at once, naming the line and column (``log.csv line 7, column rpe:
11 is out of range; allowed 1 to 10``) or the item and field of a JSON log; nothing is
partially accepted.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Annotated, Any

from pydantic import Field, ValidationInfo, field_validator

from osteoload.domain.catalogue import Catalogue
from osteoload.domain.logs import SetLog
from osteoload.domain.units import lb_to_kg
from osteoload.domain.vocabulary import Symptom, Units
from osteoload.wording import _

from ..errors import InputError, Issue, did_you_mean
from ..schema_types import IsoDate, Strict, not_in_future
from ..untrusted import control_character_issues
from ..validation import validate, validate_all

#: Our CSV columns, in the order they are written.
COLUMNS: tuple[str, ...] = (
    "date", "exercise_id", "set", "reps", "load_kg", "load_lb", "rpe", "rir", "pain", "note",
    "impacts", "hold_s", "symptoms",
)  # fmt: skip
#: Columns every log must have.
REQUIRED_COLUMNS: tuple[str, ...] = ("date", "exercise_id", "set", "reps")
#: The header of a log written in kg (``load_lb`` replaces ``load_kg`` in pounds).
STANDARD_HEADER: tuple[str, ...] = (
    "date", "exercise_id", "set", "reps", "load_kg", "rpe", "pain", "note",
)  # fmt: skip

#: Limits that keep a bad file from flooding the screen or the memory.
MAX_ROWS = 50_000
MAX_ISSUES = 50


class LogFormat(StrEnum):
    """Where a log came from."""

    CSV = "osteoload_csv"
    JSON = "osteoload_json"
    STRONG = "strong"
    HEVY = "hevy"


@dataclass(frozen=True, slots=True, kw_only=True)
class Unmapped:
    """An exercise name from an export that matches no catalogue exercise, and its rows."""

    name: str
    count: int


@dataclass(frozen=True, slots=True, kw_only=True)
class LogImport:
    """A validated log.

    ``sets`` are the accepted sets (loads in kg). ``unit`` is the unit the loads were written
    in (``None`` when no set has a load). ``unmapped`` lists export names that matched no
    exercise; ``skipped`` counts rows left out, by reason (both empty for our own formats).
    """

    source: str
    format: LogFormat
    sets: tuple[SetLog, ...]
    unit: Units | None = None
    unmapped: tuple[Unmapped, ...] = ()
    skipped: tuple[tuple[str, int], ...] = ()


# --- Row validation (shared by every format) ----------------------------------------------------


class SetRowIn(Strict):
    """One logged set as accepted from a file or an HTTP body (our column names)."""

    date: IsoDate
    exercise_id: Annotated[str, Field(min_length=1, max_length=80)]
    set: Annotated[int, Field(ge=1, le=50)]
    reps: Annotated[int, Field(ge=0, le=200)] | None = None
    load_kg: Annotated[float, Field(ge=0.1, le=500)] | None = None
    load_lb: Annotated[float, Field(ge=0.25, le=1100)] | None = None
    rpe: Annotated[float, Field(ge=1, le=10, multiple_of=0.5)] | None = None
    rir: Annotated[float, Field(ge=0, le=10, multiple_of=0.5)] | None = None
    pain: Annotated[int, Field(ge=0, le=10)] | None = None
    note: Annotated[str, Field(max_length=500)] = ""
    impacts: Annotated[int, Field(ge=0, le=500)] | None = None
    hold_s: Annotated[int, Field(ge=1, le=3600)] | None = None
    symptoms: list[Symptom] = Field(default_factory=list, max_length=10)

    _past = field_validator("date")(not_in_future)

    @field_validator("exercise_id")
    @classmethod
    def _known(cls, value: str, info: ValidationInfo) -> str:
        ids: frozenset[str] = frozenset()
        if isinstance(info.context, dict):
            ids = info.context.get("exercise_ids", frozenset())
        if ids and value not in ids:
            raise ValueError(
                _("%(value)s is not an exercise in the catalogue%(hint)s")
                % {"value": repr(value), "hint": did_you_mean(value, ids)}
            )
        return value


Where = Callable[[Sequence[str]], str]
"""Names the place of a problem from the fields involved (none: the whole row)."""


def validate_row(
    data: Mapping[str, Any],
    where: Where,
    *,
    today: date,
    catalogue: Catalogue,
    issues: list[Issue],
    controls_checked: bool = False,
) -> SetLog | None:
    """Validate one row; add every problem to ``issues`` (naming its place) or return the set.
    ``controls_checked``: see :func:`~osteoload.services.validation.validate`."""
    try:
        row = validate(
            SetRowIn,
            data,
            today=today,
            context={"exercise_ids": _ids(catalogue)},
            controls_checked=controls_checked,
        )
    except InputError as exc:
        for issue in exc.issues:
            field = re.split(r"[.\[]", issue.path, maxsplit=1)[0]
            issues.append(Issue(where([field] if field else []), issue.message, issue.value))
        return None
    return _set_of(row, where, catalogue=catalogue, issues=issues)


def _set_of(
    row: SetRowIn, where: Where, *, catalogue: Catalogue, issues: list[Issue]
) -> SetLog | None:
    """What :func:`validate_row` checks of a row its model accepted, and the set it makes."""
    before = len(issues)
    if row.load_kg is not None and row.load_lb is not None:
        issues.append(Issue(where(["load_kg", "load_lb"]), _("give load_kg or load_lb, not both")))
    if row.rpe is not None and row.rir is not None:
        issues.append(Issue(where(["rpe", "rir"]), _("give rpe or rir, not both")))
    exercise = catalogue[row.exercise_id]
    if exercise.loadable and row.load_kg is None and row.load_lb is None:
        issues.append(
            Issue(
                where(["load_kg"]),
                _(
                    "is empty, but %(id)s (%(name)s) is done with a weight: give load_kg or "
                    "load_lb (per dumbbell or kettlebell)"
                )
                % {"id": row.exercise_id, "name": exercise.name},
            )
        )
    reps = row.reps
    if reps is None:
        if row.hold_s is None and row.impacts is None:
            issues.append(
                Issue(
                    where(["reps"]), _("is required (leave it empty only with hold_s or impacts)")
                )
            )
        reps = 0
    if len(issues) > before:
        return None
    load = row.load_kg if row.load_kg is not None else _kg(row.load_lb)
    return SetLog(
        date=row.date,
        exercise_id=row.exercise_id,
        set=row.set,
        reps=reps,
        load_kg=load,
        rpe=row.rpe,
        rir=row.rir,
        pain=row.pain,
        note=row.note.strip(),
        impacts=row.impacts,
        hold_s=row.hold_s,
        symptoms=tuple(dict.fromkeys(row.symptoms)),
    )


#: A row to validate (its values, where it is, its place as a duplicate check names it), or
#: a problem already found with the line it came from, reported in the rows' order.
Pending = tuple[Mapping[str, Any], Where, str] | Issue


def validate_rows(
    pending: Sequence[Pending],
    *,
    today: date,
    catalogue: Catalogue,
    issues: list[Issue],
    controls_checked: bool = False,
) -> list[tuple[SetLog, Where, str]]:
    """:func:`validate_row` of each row in order (a problem in ``pending`` goes to
    ``issues`` in its place); the accepted sets with their place.

    Where nothing is wrong (the usual log, tens of thousands of rows for years of training)
    the rows are validated :data:`ROWS_AT_ONCE` at a time in one call into pydantic: a call
    per row cost more than the validation itself. A part with a problem is validated row
    by row, as before, so that every problem is named in the rows' order."""
    accepted: list[tuple[SetLog, Where, str]] = []
    for first in range(0, len(pending), ROWS_AT_ONCE):
        part = pending[first : first + ROWS_AT_ONCE]
        batch = _valid_part(part, today, catalogue, controls_checked)
        if batch is not None:
            for row, where, place in batch:
                s = _set_of(row, where, catalogue=catalogue, issues=issues)
                if s is not None:
                    accepted.append((s, where, place))
            continue
        for p in part:
            if isinstance(p, Issue):
                issues.append(p)
                continue
            data, where, place = p
            s = validate_row(
                data, where, today=today, catalogue=catalogue, issues=issues,
                controls_checked=controls_checked,
            )  # fmt: skip
            if s is not None:
                accepted.append((s, where, place))
    return accepted


#: Rows validated in one call (a bound on the models alive at once).
ROWS_AT_ONCE = 500


def _valid_part(
    part: Sequence[Pending], today: date, catalogue: Catalogue, controls_checked: bool
) -> list[tuple[SetRowIn, Where, str]] | None:
    """Every row of ``part`` as its model (with its place), in one call; ``None`` when
    ``part`` holds a problem, a control character or a row its model refuses."""
    rows = [p for p in part if not isinstance(p, Issue)]
    if len(rows) != len(part):
        return None
    values = [data for data, _, _ in rows]
    if not controls_checked and control_character_issues(values):
        return None
    models = validate_all(SetRowIn, values, today=today, context={"exercise_ids": _ids(catalogue)})
    if models is None:
        return None
    return [(m, where, place) for m, (_, where, place) in zip(models, rows, strict=True)]


_IDS: dict[int, frozenset[str]] = {}


def _ids(catalogue: Catalogue) -> frozenset[str]:
    """The catalogue's ids, computed once per catalogue object."""
    key = id(catalogue)
    if key not in _IDS:
        _IDS[key] = frozenset(catalogue)
    return _IDS[key]


def _kg(lb: float | None) -> float | None:
    return lb_to_kg(lb) if lb is not None else None


def check_duplicates(sets: Sequence[tuple[SetLog, Where, str]], issues: list[Issue]) -> None:
    """Each (date, exercise, set) once. ``sets`` holds (set, its row's places, row name)."""
    first: dict[tuple[date, str, int], str] = {}
    for s, where, name in sets:
        key = (s.date, s.exercise_id, s.set)
        if key in first:
            issues.append(
                Issue(
                    where(["set"]),
                    _("set %(set)s of %(exercise)s on %(date)s is already on %(where)s")
                    % {
                        "set": s.set,
                        "exercise": s.exercise_id,
                        "date": s.date.isoformat(),
                        "where": first[key],
                    },
                    s.set,
                )
            )
        else:
            first[key] = name


def raise_issues(issues: list[Issue]) -> None:
    if not issues:
        return
    if len(issues) > MAX_ISSUES:
        more = len(issues) - MAX_ISSUES
        issues = issues[:MAX_ISSUES] + [Issue("", _("... and %(n)s more problems") % {"n": more})]
    raise InputError(issues)


def split_symptoms(text: str) -> list[str]:
    """The symptoms of a ``;``-separated cell."""
    return [w.strip() for w in text.split(";") if w.strip()]
