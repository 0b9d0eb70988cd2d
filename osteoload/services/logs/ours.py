"""Session logs: read what a client did (our CSV or JSON, or a Strong or Hevy export), write
our CSV, and work out her next session.

Our CSV (docs/session-log.md) has the header ``date,exercise_id,set,reps,load_kg,rpe,pain,note``
and may add ``rir``, ``load_lb``, ``impacts``, ``hold_s`` and ``symptoms``; the JSON form is a
list of the same objects, or ``{"schema_version": 1, "sets": [...]}``. Every problem is
reported at once, naming the line and column (``log.csv line 7, column rpe: 11 is out of
range; allowed 1 to 10``) or the item and field of a JSON log; nothing is partially accepted.

Strong and Hevy exports are recognised from their header. Their exercise names are mapped to
catalogue ids with ``osteoload/data/exercise_aliases.yaml`` and then by normalised catalogue
name; names that cannot be mapped are reported with their counts and their rows skipped, as
are warm-up sets, drop sets and rest-timer rows.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, ValidationInfo, field_validator

from osteoload.data.loader import read_yaml
from osteoload.domain.catalogue import Catalogue
from osteoload.domain.equipment import equipment_profile
from osteoload.domain.logs import SetLog
from osteoload.domain.profile import ClientProfile
from osteoload.domain.progression import NextPrescriptions, next_prescriptions
from osteoload.domain.serialize import jsonable
from osteoload.domain.units import kg_to_lb, lb_to_kg
from osteoload.domain.vocabulary import Symptom, Units
from osteoload.wording.progression import with_reasons

from .catalogue import get_catalogue
from .documents import parse_text
from .errors import InputError, Issue, did_you_mean, format_value
from .plans import MAX_WEEKS, next_monday, plan_program
from .schema_types import IsoDate, Strict, not_in_future
from .untrusted import read_bounded
from .validation import validate

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
_NUMERIC = frozenset(
    {"set", "reps", "load_kg", "load_lb", "rpe", "rir", "pain", "impacts", "hold_s"}
)

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
                f"{value!r} is not an exercise in the catalogue{did_you_mean(value, ids)}"
            )
        return value


Where = Callable[[Sequence[str]], str]
"""Names the place of a problem from the fields involved (none: the whole row)."""


def _validate_row(
    data: Mapping[str, Any],
    where: Where,
    *,
    today: date,
    catalogue: Catalogue,
    issues: list[Issue],
) -> SetLog | None:
    """Validate one row; add every problem to ``issues`` (naming its place) or return the set."""
    try:
        row = validate(SetRowIn, data, today=today, context={"exercise_ids": _ids(catalogue)})
    except InputError as exc:
        for issue in exc.issues:
            field = re.split(r"[.\[]", issue.path, maxsplit=1)[0]
            issues.append(Issue(where([field] if field else []), issue.message, issue.value))
        return None
    before = len(issues)
    if row.load_kg is not None and row.load_lb is not None:
        issues.append(Issue(where(["load_kg", "load_lb"]), "give load_kg or load_lb, not both"))
    if row.rpe is not None and row.rir is not None:
        issues.append(Issue(where(["rpe", "rir"]), "give rpe or rir, not both"))
    exercise = catalogue[row.exercise_id]
    if exercise.loadable and row.load_kg is None and row.load_lb is None:
        issues.append(
            Issue(
                where(["load_kg"]),
                f"is empty, but {row.exercise_id} ({exercise.name}) is done with a weight: "
                "give load_kg or load_lb (per dumbbell or kettlebell)",
            )
        )
    reps = row.reps
    if reps is None:
        if row.hold_s is None and row.impacts is None:
            issues.append(
                Issue(where(["reps"]), "is required (leave it empty only with hold_s or impacts)")
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


_IDS: dict[int, frozenset[str]] = {}


def _ids(catalogue: Catalogue) -> frozenset[str]:
    """The catalogue's ids, computed once per catalogue object."""
    key = id(catalogue)
    if key not in _IDS:
        _IDS[key] = frozenset(catalogue)
    return _IDS[key]


def _kg(lb: float | None) -> float | None:
    return lb_to_kg(lb) if lb is not None else None


def _check_duplicates(sets: Sequence[tuple[SetLog, str, str]], issues: list[Issue]) -> None:
    """Each (date, exercise, set) once. ``sets`` holds (set, place of its set field, row name)."""
    first: dict[tuple[date, str, int], str] = {}
    for s, place, name in sets:
        key = (s.date, s.exercise_id, s.set)
        if key in first:
            issues.append(
                Issue(
                    place,
                    f"set {s.set} of {s.exercise_id} on {s.date.isoformat()} is already on "
                    f"{first[key]}",
                    s.set,
                )
            )
        else:
            first[key] = name


def _raise(issues: list[Issue]) -> None:
    if not issues:
        return
    if len(issues) > MAX_ISSUES:
        more = len(issues) - MAX_ISSUES
        issues = issues[:MAX_ISSUES] + [Issue("", f"... and {more} more problems")]
    raise InputError(issues)


# --- Reading ------------------------------------------------------------------------------------


def read_log(path: Path, *, today: date, weight_unit: Units | None = None) -> LogImport:
    """Read a log file: our CSV or JSON, or a Strong or Hevy CSV export.

    ``today`` bounds the dates (no future sets). ``weight_unit`` is the unit of an export
    that does not say (Strong's current export); our own files name their unit per column.
    Raises :class:`InputError` naming every problem with its line and column.
    """
    source = str(path)
    # Read in chunks and refused once past MAX_DOCUMENT_BYTES, never held whole (issue 16).
    raw = read_bounded(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError([Issue(source, "is not UTF-8 text")]) from None
    return parse_log(
        text,
        source=source,
        today=today,
        weight_unit=weight_unit,
        as_json=path.suffix.lower() == ".json" or None,
    )


def parse_log(
    text: str,
    *,
    source: str,
    today: date,
    weight_unit: Units | None = None,
    as_json: bool | None = None,
) -> LogImport:
    """Parse log text (see :func:`read_log`). ``as_json``: ``None`` guesses from the text."""
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise InputError([Issue(source, "is empty")])
    if as_json is None:
        as_json = text.lstrip()[:1] in ("[", "{")
    if as_json:
        return _parse_json(text, source=source, today=today)
    return _parse_csv(text, source=source, today=today, weight_unit=weight_unit)


def _parse_json(text: str, *, source: str, today: date) -> LogImport:
    try:
        data = parse_text(text, source=source, as_json=True)
    except InputError as exc:
        raise InputError([Issue(source, i.message) for i in exc.issues]) from None
    if isinstance(data, dict):
        allowed = ("schema_version", "sets", "source_format", "unmapped", "skipped")
        unknown = [k for k in data if k not in allowed]
        if unknown:
            raise InputError(
                [
                    Issue(
                        f"{source} {k}",
                        f"unknown field; allowed: {', '.join(allowed)}{did_you_mean(k, allowed)}",
                    )
                    for k in unknown
                ]
            )
        if data.get("schema_version", 1) != 1:
            raise InputError(
                [
                    Issue(
                        f"{source} schema_version",
                        f"{format_value(data['schema_version'])} is not allowed; allowed: 1",
                        data["schema_version"],
                    )
                ]
            )
        if "sets" not in data:
            raise InputError([Issue(f"{source} sets", "is required")])
        data = data["sets"]
    if not isinstance(data, list):
        raise InputError(
            [Issue(source, "expected a list of sets, or an object with schema_version and sets")]
        )
    if len(data) > MAX_ROWS:
        raise InputError([Issue(source, f"has {len(data)} sets; at most {MAX_ROWS} at a time")])
    catalogue = get_catalogue()
    issues: list[Issue] = []
    accepted: list[tuple[SetLog, str, str]] = []
    for index, item in enumerate(data):
        place = f"{source} sets[{index}]"

        def where(fields: Sequence[str], place: str = place) -> str:
            if not fields:
                return place
            if len(fields) == 1:
                return f"{place}.{fields[0]}"
            return f"{place} ({', '.join(fields)})"

        if not isinstance(item, dict):
            issues.append(Issue(place, f"{format_value(item)} is not an object"))
            continue
        row = dict(item)
        if isinstance(row.get("symptoms"), str):
            row["symptoms"] = _split_symptoms(row["symptoms"])
        if row.get("note") is None:
            row.pop("note", None)
        s = _validate_row(row, where, today=today, catalogue=catalogue, issues=issues)
        if s is not None:
            accepted.append((s, where(["set"]), place))
    _check_duplicates(accepted, issues)
    _raise(issues)
    sets = tuple(s for s, _, _ in accepted)
    unit = _unit_of(data)
    return LogImport(source=source, format=LogFormat.JSON, sets=sets, unit=unit)


def _unit_of(rows: Sequence[Any]) -> Units | None:
    lb = any(isinstance(r, dict) and r.get("load_lb") not in (None, "") for r in rows)
    kg = any(isinstance(r, dict) and r.get("load_kg") not in (None, "") for r in rows)
    if lb and not kg:
        return Units.LB
    return Units.KG if kg else None


def _split_symptoms(text: str) -> list[str]:
    return [w.strip() for w in text.split(";") if w.strip()]


@dataclass(frozen=True, slots=True)
class _Table:
    """A CSV file as header cells and data rows (with the line each row starts on)."""

    header: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]
    delimiter: str


def _read_table(text: str, *, source: str) -> _Table:
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max((",", ";", "\t"), key=lambda d: (first.count(d), d == ","))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: tuple[str, ...] | None = None
    rows: list[tuple[int, tuple[str, ...]]] = []
    issues: list[Issue] = []
    line = 1
    try:
        for cells in reader:
            start = line
            line = reader.line_num + 1
            if not any(c.strip() for c in cells):
                continue
            if header is None:
                header = tuple(c.strip() for c in cells)
                continue
            rows.append((start, tuple(cells)))
            if len(rows) > MAX_ROWS:
                raise InputError([Issue(source, f"has more than {MAX_ROWS} rows")])
    except csv.Error as exc:
        issues.append(Issue(f"{source} line {reader.line_num}", f"is not valid CSV ({exc})"))
    _raise(issues)
    if header is None:
        raise InputError([Issue(source, "has no header line")])
    return _Table(header=header, rows=tuple(rows), delimiter=delimiter)


def _norm_header(cell: str) -> str:
    return re.sub(r"\s+", " ", cell.strip().strip('"').lower())


def _parse_csv(text: str, *, source: str, today: date, weight_unit: Units | None) -> LogImport:
    table = _read_table(text, source=source)
    names = {_norm_header(h) for h in table.header}
    if "exercise_title" in names and ("set_index" in names or "start_time" in names):
        return _parse_hevy(table, source=source, today=today, weight_unit=weight_unit)
    if "exercise name" in names and "set order" in names:
        return _parse_strong(table, source=source, today=today, weight_unit=weight_unit)
    return _parse_ours(table, source=source, today=today)


def _cells(
    table: _Table, line: int, cells: tuple[str, ...], source: str
) -> tuple[tuple[str, ...], Issue | None]:
    """Pad short rows; refuse rows with more (non-empty) values than the header."""
    width = len(table.header)
    if len(cells) > width and any(c.strip() for c in cells[width:]):
        return cells, Issue(
            f"{source} line {line}",
            f"has {len(cells)} values but the header has {width} columns",
        )
    return tuple(cells[:width]) + ("",) * max(0, width - len(cells)), None


def _value(cell: str, *, numeric: bool, decimal_comma: bool) -> Any:
    """A CSV cell as a value: ``None`` when empty, a number when it reads as one."""
    text = cell.strip()
    if not text:
        return None
    if not numeric:
        return text
    candidate = text.replace(",", ".") if decimal_comma else text
    try:
        return int(candidate)
    except ValueError:
        pass
    try:
        return float(candidate)
    except ValueError:
        return text


def _parse_ours(table: _Table, *, source: str, today: date) -> LogImport:
    issues: list[Issue] = []
    columns: list[str | None] = []
    seen: set[str] = set()
    for cell in table.header:
        name = cell.strip().lower()
        if name not in COLUMNS:
            issues.append(
                Issue(
                    f"{source} line 1, column {cell or '(empty)'}",
                    f"unknown column; allowed: {', '.join(COLUMNS)}{did_you_mean(name, COLUMNS)}",
                )
            )
            columns.append(None)
        elif name in seen:
            issues.append(Issue(f"{source} line 1, column {name}", "appears twice"))
            columns.append(None)
        else:
            seen.add(name)
            columns.append(name)
    missing = [c for c in REQUIRED_COLUMNS if c not in seen]
    if missing:
        issues.append(
            Issue(
                f"{source} line 1",
                f"missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)}; a log "
                f"starts with the header {','.join(STANDARD_HEADER)}",
            )
        )
        _raise(issues)
    catalogue = get_catalogue()
    accepted: list[tuple[SetLog, str, str]] = []
    decimal_comma = table.delimiter == ";"
    for line, raw_cells in table.rows:
        cells, problem = _cells(table, line, raw_cells, source)
        if problem is not None:
            issues.append(problem)
            continue

        def where(fields: Sequence[str], line: int = line) -> str:
            if not fields:
                return f"{source} line {line}"
            if len(fields) == 1:
                return f"{source} line {line}, column {fields[0]}"
            return f"{source} line {line}, columns {' and '.join(fields)}"

        row: dict[str, Any] = {}
        for column, cell in zip(columns, cells, strict=True):
            if column is None:
                continue
            value = _value(cell, numeric=column in _NUMERIC, decimal_comma=decimal_comma)
            if value is None:
                continue
            row[column] = _split_symptoms(value) if column == "symptoms" else value
        s = _validate_row(row, where, today=today, catalogue=catalogue, issues=issues)
        if s is not None:
            accepted.append((s, where(["set"]), f"line {line}"))
    _check_duplicates(accepted, issues)
    _raise(issues)
    unit: Units | None = None
    if "load_lb" in seen and "load_kg" not in seen:
        unit = Units.LB
    elif any(s.load_kg is not None for s, _, _ in accepted):
        unit = Units.KG
    return LogImport(
        source=source, format=LogFormat.CSV, sets=tuple(s for s, _, _ in accepted), unit=unit
    )


# --- Strong and Hevy exports -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Export:
    """How one app's export maps onto our fields."""

    format: LogFormat
    columns: Mapping[str, str]
    """Our field -> the export's header cell (as written in the file)."""
    unit_by_column: Units | None
    """The weight unit named by the weight column's header, if any."""


def _find(header: Sequence[str], *names: str) -> str | None:
    wanted = set(names)
    return next((h for h in header if _norm_header(h) in wanted), None)


_SKIP_WARMUP = "warm-up sets"
_SKIP_DROP = "drop sets"
_SKIP_REST = "rest-timer rows"
_SKIP_UNMAPPED = "exercise names not mapped to the catalogue"
_SKIP_NO_WEIGHT = "no weight for an exercise done with a weight"
_SKIP_EMPTY = "no reps or time recorded"
_SKIP_OTHER = "set types not understood"


def _parse_strong(
    table: _Table, *, source: str, today: date, weight_unit: Units | None
) -> LogImport:
    h = table.header
    weight = _find(h, "weight", "weight (kg)", "weight (kgs)", "weight (lb)", "weight (lbs)")
    unit = None
    if weight is not None and "(" in weight:
        unit = Units.LB if "lb" in _norm_header(weight) else Units.KG
    columns = {
        "date": _find(h, "date"),
        "exercise": _find(h, "exercise name"),
        "set_order": _find(h, "set order"),
        "load": weight,
        "unit": _find(h, "weight unit"),
        "reps": _find(h, "reps"),
        "rpe": _find(h, "rpe"),
        "hold_s": _find(h, "seconds"),
        "note": _find(h, "notes"),
    }
    export = _Export(
        format=LogFormat.STRONG,
        columns={k: v for k, v in columns.items() if v is not None},
        unit_by_column=unit,
    )
    return _parse_export(table, export, source=source, today=today, weight_unit=weight_unit)


def _parse_hevy(table: _Table, *, source: str, today: date, weight_unit: Units | None) -> LogImport:
    h = table.header
    kg = _find(h, "weight_kg")
    lb = _find(h, "weight_lbs", "weight_lb")
    columns = {
        "date": _find(h, "start_time"),
        "exercise": _find(h, "exercise_title"),
        "set_type": _find(h, "set_type"),
        "load": kg or lb,
        "reps": _find(h, "reps"),
        "rpe": _find(h, "rpe"),
        "hold_s": _find(h, "duration_seconds"),
        "note": _find(h, "exercise_notes"),
    }
    export = _Export(
        format=LogFormat.HEVY,
        columns={k: v for k, v in columns.items() if v is not None},
        unit_by_column=Units.KG if kg else Units.LB if lb else None,
    )
    return _parse_export(table, export, source=source, today=today, weight_unit=weight_unit)


_STRONG_MARKERS = {"w": _SKIP_WARMUP, "d": _SKIP_DROP, "rest timer": _SKIP_REST}
_HEVY_TYPES = {"warmup": _SKIP_WARMUP, "dropset": _SKIP_DROP}


def _parse_export(
    table: _Table, export: _Export, *, source: str, today: date, weight_unit: Units | None
) -> LogImport:
    issues: list[Issue] = []
    needed = ("date", "exercise", "reps")
    missing = [n for n in needed if n not in export.columns]
    if missing:
        raise InputError(
            [
                Issue(
                    f"{source} line 1",
                    f"looks like a {export.format.value.title()} export but has no "
                    f"{', '.join(missing)} column",
                )
            ]
        )
    index = {h: i for i, h in enumerate(table.header)}
    col = {field: index[header] for field, header in export.columns.items()}
    labels = {
        "date": export.columns["date"],
        "exercise_id": export.columns["exercise"],
        "reps": export.columns["reps"],
        "load_kg": export.columns.get("load", "weight"),
        "load_lb": export.columns.get("load", "weight"),
        "rpe": export.columns.get("rpe", "RPE"),
        "hold_s": export.columns.get("hold_s", "seconds"),
        "note": export.columns.get("note", "notes"),
        "set": export.columns.get("set_order", export.columns.get("set_type", "set")),
    }
    catalogue = get_catalogue()
    aliases = exercise_aliases()
    decimal_comma = table.delimiter == ";"
    skipped: Counter[str] = Counter()
    unmapped: Counter[str] = Counter()
    set_numbers: Counter[tuple[date, str]] = Counter()
    accepted: list[tuple[SetLog, str, str]] = []
    units_seen: set[Units] = set()
    unit_problem = False
    for line, raw_cells in table.rows:
        cells, problem = _cells(table, line, raw_cells, source)
        if problem is not None:
            issues.append(problem)
            continue

        def cell(field: str, cells: tuple[str, ...] = cells) -> str:
            return cells[col[field]].strip() if field in col else ""

        def where(fields: Sequence[str], line: int = line) -> str:
            names = [labels.get(f, f) for f in fields]
            if not names:
                return f"{source} line {line}"
            if len(names) == 1:
                return f"{source} line {line}, column {names[0]}"
            return f"{source} line {line}, columns {' and '.join(names)}"

        failure = False
        if export.format is LogFormat.STRONG:
            marker = cell("set_order").lower()
            if marker in _STRONG_MARKERS:
                skipped[_STRONG_MARKERS[marker]] += 1
                continue
            failure = marker == "f"
            if not failure and not re.fullmatch(r"\d+(\.0+)?", marker):
                skipped[_SKIP_OTHER] += 1
                continue
        else:
            kind = cell("set_type").lower() or "normal"
            if kind in _HEVY_TYPES:
                skipped[_HEVY_TYPES[kind]] += 1
                continue
            failure = kind == "failure"
            if kind not in ("normal", "failure"):
                skipped[_SKIP_OTHER] += 1
                continue

        name = cell("exercise")
        exercise_id = map_exercise_name(name, aliases=aliases, catalogue=catalogue)
        if exercise_id is None:
            unmapped[name or "(no name)"] += 1
            skipped[_SKIP_UNMAPPED] += 1
            continue
        day = _export_date(cell("date"))
        if day is None:
            issues.append(
                Issue(
                    where(["date"]),
                    f"{format_value(cell('date'))} is not a date this reader understands; "
                    "expected for example 2026-10-05 18:02:11 or 5 Oct 2026, 18:02",
                    cell("date"),
                )
            )
            continue
        load = _value(cell("load"), numeric=True, decimal_comma=decimal_comma)
        if load in (0, 0.0):
            load = None
        reps = _value(cell("reps"), numeric=True, decimal_comma=decimal_comma)
        hold = _value(cell("hold_s"), numeric=True, decimal_comma=decimal_comma)
        if isinstance(hold, float):
            hold = round(hold)
        if hold in (0, None):
            hold = None
        if reps in (0, 0.0, None) and hold is None:
            skipped[_SKIP_EMPTY] += 1
            continue
        exercise = catalogue[exercise_id]
        if exercise.loadable and load is None:
            skipped[_SKIP_NO_WEIGHT] += 1
            continue
        rpe = _value(cell("rpe"), numeric=True, decimal_comma=decimal_comma)
        if rpe in (0, 0.0):
            rpe = None
        if rpe is None and failure:
            rpe = 10  # a set taken to failure
        unit: Units | None = None
        if load is not None:
            unit = _row_unit(cell("unit"), export.unit_by_column, weight_unit)
            if unit is None:
                if not unit_problem:
                    issues.append(
                        Issue(
                            where(["load_kg"]),
                            "the export does not say whether weights are kg or lb; give the "
                            "unit the app was set to (--weight-unit kg or --weight-unit lb)",
                        )
                    )
                    unit_problem = True
                continue
            units_seen.add(unit)
        set_numbers[(day, exercise_id)] += 1
        row: dict[str, Any] = {
            "date": day.isoformat(),
            "exercise_id": exercise_id,
            "set": set_numbers[(day, exercise_id)],
            "reps": reps if reps is not None else 0,
            "rpe": rpe,
            "hold_s": hold,
            "note": cell("note"),
        }
        if load is not None:
            row["load_lb" if unit is Units.LB else "load_kg"] = load
        row = {k: v for k, v in row.items() if v is not None}
        s = _validate_row(row, where, today=today, catalogue=catalogue, issues=issues)
        if s is not None:
            accepted.append((s, where(["set"]), f"line {line}"))
    _raise(issues)
    order = (_SKIP_WARMUP, _SKIP_DROP, _SKIP_REST, _SKIP_UNMAPPED, _SKIP_NO_WEIGHT, _SKIP_EMPTY,
             _SKIP_OTHER)  # fmt: skip
    return LogImport(
        source=source,
        format=export.format,
        sets=tuple(s for s, _, _ in accepted),
        unit=Units.LB if units_seen == {Units.LB} else Units.KG if units_seen else None,
        unmapped=tuple(
            Unmapped(name=n, count=c)
            for n, c in sorted(unmapped.items(), key=lambda x: (-x[1], x[0]))
        ),
        skipped=tuple((reason, skipped[reason]) for reason in order if skipped[reason]),
    )


def _row_unit(cell: str, by_column: Units | None, given: Units | None) -> Units | None:
    word = cell.strip().lower()
    if word in ("kg", "kgs", "kilograms"):
        return Units.KG
    if word in ("lb", "lbs", "pounds"):
        return Units.LB
    return by_column or given


_EXPORT_DATE_FORMATS = (
    "%d %b %Y, %H:%M",
    "%d %b %Y %H:%M",
    "%d %B %Y, %H:%M",
    "%b %d, %Y, %I:%M %p",
    "%b %d, %Y %I:%M %p",
)


def _export_date(text: str) -> date | None:
    """The day of an export's timestamp (the local time the app wrote)."""
    text = text.strip().strip('"')
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})(?:$|[ T])", text)
    if match:
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return None
    for fmt in _EXPORT_DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


# --- Exercise names ------------------------------------------------------------------------------


def normalise_name(name: str) -> str:
    """An exercise name reduced for matching: lower case ASCII words, plural "s" dropped.

    ``"Bent-Over Rows (Dumbbells)"`` -> ``"bent over row dumbbell"``.
    """
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", text.lower().replace("'", ""))
    return " ".join(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w
                    for w in words)  # fmt: skip


@cache
def exercise_aliases() -> Mapping[str, str]:
    """Normalised export name -> catalogue id, from ``data/exercise_aliases.yaml``.

    Raises ``ValueError`` when the file names an exercise the catalogue does not have (a
    packaging error, caught by the tests).
    """
    raw = read_yaml("exercise_aliases.yaml")
    catalogue = get_catalogue()
    out: dict[str, str] = {}
    bad = []
    for name, exercise_id in raw["aliases"].items():
        if exercise_id not in catalogue:
            bad.append(f"{name!r} -> {exercise_id!r}")
        out[normalise_name(str(name))] = str(exercise_id)
    if bad:
        raise ValueError("exercise_aliases.yaml names unknown exercises: " + "; ".join(bad))
    return out


@cache
def _catalogue_names() -> Mapping[str, str]:
    catalogue = get_catalogue()
    out: dict[str, str] = {}
    for exercise in catalogue.values():
        out.setdefault(normalise_name(exercise.name), exercise.id)
        out.setdefault(normalise_name(exercise.id.replace("_", " ")), exercise.id)
    return out


def map_exercise_name(
    name: str,
    *,
    aliases: Mapping[str, str] | None = None,
    catalogue: Catalogue | None = None,
) -> str | None:
    """The catalogue id for an exercise name from another app, or ``None``.

    Tries, in order: a catalogue id as written; the alias table; the catalogue's names and
    ids, all after :func:`normalise_name`.
    """
    catalogue = catalogue or get_catalogue()
    text = name.strip()
    if text in catalogue:
        return text
    key = normalise_name(text)
    if not key:
        return None
    table = exercise_aliases() if aliases is None else aliases
    if key in table:
        return table[key]
    return _catalogue_names().get(key)


# --- Writing ------------------------------------------------------------------------------------


def _fmt(value: float, digits: int = 3) -> str:
    text = f"{value:.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def write_log_csv(sets: Sequence[SetLog], *, unit: Units = Units.KG) -> str:
    """Our CSV for ``sets`` (loads as ``load_kg``, or ``load_lb`` when ``unit`` is lb).

    The standard columns always appear; ``rir``, ``impacts``, ``hold_s`` and ``symptoms``
    only when a set uses them.
    """
    load_column = "load_lb" if unit is Units.LB else "load_kg"
    header = [c if c != "load_kg" else load_column for c in STANDARD_HEADER]
    for extra, used in (
        ("rir", any(s.rir is not None for s in sets)),
        ("impacts", any(s.impacts is not None for s in sets)),
        ("hold_s", any(s.hold_s is not None for s in sets)),
        ("symptoms", any(s.symptoms for s in sets)),
    ):
        if used:
            header.append(extra)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for s in sorted(sets, key=lambda x: (x.date, x.exercise_id, x.set)):
        load = ""
        if s.load_kg is not None:
            load = _fmt(kg_to_lb(s.load_kg) if unit is Units.LB else s.load_kg)
        values = {
            "date": s.date.isoformat(),
            "exercise_id": s.exercise_id,
            "set": str(s.set),
            "reps": str(s.reps),
            load_column: load,
            "rpe": _fmt(s.rpe) if s.rpe is not None else "",
            "rir": _fmt(s.rir) if s.rir is not None else "",
            "pain": str(s.pain) if s.pain is not None else "",
            "note": s.note,
            "impacts": str(s.impacts) if s.impacts is not None else "",
            "hold_s": str(s.hold_s) if s.hold_s is not None else "",
            "symptoms": ";".join(x.value for x in s.symptoms),
        }
        writer.writerow([values[c] for c in header])
    return out.getvalue()


def log_document(log: LogImport, *, include_sets: bool = True) -> dict[str, Any]:
    """The JSON form of a read log: itself a valid JSON log (``schema_version`` and ``sets``)."""
    doc: dict[str, Any] = {
        "schema_version": 1,
        "source_format": log.format.value,
        "unmapped": [{"name": u.name, "count": u.count} for u in log.unmapped],
        "skipped": {reason: count for reason, count in log.skipped},
    }
    if include_sets:
        doc["sets"] = [_set_json(s) for s in log.sets]
    return doc


def _set_json(s: SetLog) -> dict[str, Any]:
    data: dict[str, Any] = {
        "date": s.date.isoformat(),
        "exercise_id": s.exercise_id,
        "set": s.set,
        "reps": s.reps,
        "load_kg": round(s.load_kg, 4) if s.load_kg is not None else None,
        "rpe": s.rpe,
        "rir": s.rir,
        "pain": s.pain,
        "note": s.note,
        "impacts": s.impacts,
        "hold_s": s.hold_s,
        "symptoms": [x.value for x in s.symptoms],
    }
    return {k: v for k, v in data.items() if v not in (None, "", [])}


# --- The next session ------------------------------------------------------------------------


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
        note = (
            f"The program is taken to start on {monday.isoformat()}, the Monday of the first "
            "logged session"
            + (
                f" (the profile's start date {planned.isoformat()} is after {as_of.isoformat()})"
                if planned is not None
                else ""
            )
            + "; give --start to choose another day."
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
