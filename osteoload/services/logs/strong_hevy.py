"""Strong and Hevy exports: recognised from their header, their rows mapped onto our fields.

Their exercise names are mapped to catalogue ids by :mod:`.names`; names that cannot be
mapped are reported with their counts and their rows skipped, as are warm-up sets, drop
sets and rest-timer rows.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from osteoload.domain.catalogue import Catalogue
from osteoload.domain.logs import SetLog
from osteoload.domain.vocabulary import Units
from osteoload.wording import _, gettext_noop

from ..catalogue import get_catalogue
from ..errors import InputError, Issue, format_value
from .names import exercise_aliases, map_exercise_name
from .rows import LogFormat, LogImport, Unmapped, Where, raise_issues, validate_row
from .table import Table, cell_value, norm_header, row_cells


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
    return next((h for h in header if norm_header(h) in wanted), None)


# Why rows were skipped: English keys of the JSON's ``skipped`` (stable for programs),
# marked for translation where a person reads them.
_SKIP_WARMUP = gettext_noop("warm-up sets")
_SKIP_DROP = gettext_noop("drop sets")
_SKIP_REST = gettext_noop("rest-timer rows")
_SKIP_UNMAPPED = gettext_noop("exercise names not mapped to the catalogue")
_SKIP_NO_WEIGHT = gettext_noop("no weight for an exercise done with a weight")
_SKIP_EMPTY = gettext_noop("no reps or time recorded")
_SKIP_OTHER = gettext_noop("set types not understood")


def parse_strong(table: Table, *, source: str, today: date, weight_unit: Units | None) -> LogImport:
    h = table.header
    weight = _find(h, "weight", "weight (kg)", "weight (kgs)", "weight (lb)", "weight (lbs)")
    unit = None
    if weight is not None and "(" in weight:
        unit = Units.LB if "lb" in norm_header(weight) else Units.KG
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


def parse_hevy(table: Table, *, source: str, today: date, weight_unit: Units | None) -> LogImport:
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
    table: Table, export: _Export, *, source: str, today: date, weight_unit: Units | None
) -> LogImport:
    needed = ("date", "exercise", "reps")
    missing = [n for n in needed if n not in export.columns]
    if missing:
        raise InputError(
            [
                Issue(
                    f"{source} line 1",
                    _("looks like a %(app)s export but has no %(columns)s column")
                    % {"app": export.format.value.title(), "columns": ", ".join(missing)},
                )
            ]
        )
    index = {h: i for i, h in enumerate(table.header)}
    reading = _Reading(
        export=export,
        col={field: index[header] for field, header in export.columns.items()},
        labels=_labels(export),
        source=source,
        today=today,
        weight_unit=weight_unit,
        catalogue=get_catalogue(),
        aliases=exercise_aliases(),
        decimal_comma=table.delimiter == ";",
        controls_checked=table.controls_checked,
    )
    for line, raw_cells in table.rows:
        cells, problem = row_cells(table, line, raw_cells, source)
        if problem is not None:
            reading.issues.append(problem)
            continue
        _read_row(reading, line, cells)
    raise_issues(reading.issues)
    return _export_import(reading)


def _labels(export: _Export) -> dict[str, str]:
    """Our field -> the export's column, to name the place of a problem."""
    return {
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


@dataclass(slots=True, kw_only=True)
class _Reading:
    """One export being read: what it is read with, and what has been gathered so far."""

    export: _Export
    col: Mapping[str, int]
    labels: Mapping[str, str]
    source: str
    today: date
    weight_unit: Units | None
    catalogue: Catalogue
    aliases: Mapping[str, str]
    decimal_comma: bool
    controls_checked: bool = False
    issues: list[Issue] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    unmapped: Counter[str] = field(default_factory=Counter)
    set_numbers: Counter[tuple[date, str]] = field(default_factory=Counter)
    accepted: list[tuple[SetLog, str, str]] = field(default_factory=list)
    units_seen: set[Units] = field(default_factory=set)
    unit_problem: bool = False


Cell = Callable[[str], str]
"""One of a row's cells by our field name (empty when the export has no such column)."""


def _set_kind(export_format: LogFormat, cell: Cell) -> tuple[str | None, bool]:
    """Why a row is skipped (``None``: it is a working set), and whether it went to failure."""
    if export_format is LogFormat.STRONG:
        marker = cell("set_order").lower()
        if marker in _STRONG_MARKERS:
            return _STRONG_MARKERS[marker], False
        failure = marker == "f"
        if not failure and not re.fullmatch(r"\d+(\.0+)?", marker):
            return _SKIP_OTHER, False
        return None, failure
    kind = cell("set_type").lower() or "normal"
    if kind in _HEVY_TYPES:
        return _HEVY_TYPES[kind], False
    if kind not in ("normal", "failure"):
        return _SKIP_OTHER, False
    return None, kind == "failure"


def _read_row(reading: _Reading, line: int, cells: tuple[str, ...]) -> None:
    """Skip, map and date one row of the export, then accept it (:func:`_accept_row`)."""

    def cell(field: str) -> str:
        return cells[reading.col[field]].strip() if field in reading.col else ""

    def where(fields: Sequence[str]) -> str:
        names = [reading.labels.get(f, f) for f in fields]
        if not names:
            return f"{reading.source} line {line}"
        if len(names) == 1:
            return f"{reading.source} line {line}, column {names[0]}"
        return f"{reading.source} line {line}, columns {' and '.join(names)}"

    reason, failure = _set_kind(reading.export.format, cell)
    if reason is not None:
        reading.skipped[reason] += 1
        return
    name = cell("exercise")
    exercise_id = map_exercise_name(name, aliases=reading.aliases, catalogue=reading.catalogue)
    if exercise_id is None:
        reading.unmapped[name or "(no name)"] += 1
        reading.skipped[_SKIP_UNMAPPED] += 1
        return
    day = _export_date(cell("date"))
    if day is None:
        reading.issues.append(
            Issue(
                where(["date"]),
                _(
                    "%(value)s is not a date this reader understands; expected for example "
                    "2026-10-05 18:02:11 or 5 Oct 2026, 18:02"
                )
                % {"value": format_value(cell("date"))},
                cell("date"),
            )
        )
        return
    _accept_row(reading, cell, where, line=line, day=day, exercise_id=exercise_id, failure=failure)


def _accept_row(
    reading: _Reading,
    cell: Cell,
    where: Where,
    *,
    line: int,
    day: date,
    exercise_id: str,
    failure: bool,
) -> None:
    """The numbers and unit of a working set, validated as one of our rows."""
    load, reps, hold, rpe = _numbers(cell, decimal_comma=reading.decimal_comma)
    if reps in (0, 0.0, None) and hold is None:
        reading.skipped[_SKIP_EMPTY] += 1
        return
    if reading.catalogue[exercise_id].loadable and load is None:
        reading.skipped[_SKIP_NO_WEIGHT] += 1
        return
    if rpe is None and failure:
        rpe = 10  # a set taken to failure
    unit: Units | None = None
    if load is not None:
        unit = _row_unit(cell("unit"), reading.export.unit_by_column, reading.weight_unit)
        if unit is None:
            if not reading.unit_problem:
                reading.issues.append(
                    Issue(
                        where(["load_kg"]),
                        _(
                            "the export does not say whether weights are kg or lb; give the "
                            "unit the app was set to (--weight-unit kg or --weight-unit lb)"
                        ),
                    )
                )
                reading.unit_problem = True
            return
        reading.units_seen.add(unit)
    reading.set_numbers[(day, exercise_id)] += 1
    row: dict[str, Any] = {
        "date": day.isoformat(),
        "exercise_id": exercise_id,
        "set": reading.set_numbers[(day, exercise_id)],
        "reps": reps if reps is not None else 0,
        "rpe": rpe,
        "hold_s": hold,
        "note": cell("note"),
    }
    if load is not None:
        row["load_lb" if unit is Units.LB else "load_kg"] = load
    row = {k: v for k, v in row.items() if v is not None}
    catalogue = reading.catalogue
    s = validate_row(
        row,
        where,
        today=reading.today,
        catalogue=catalogue,
        issues=reading.issues,
        controls_checked=reading.controls_checked,
    )
    if s is not None:
        reading.accepted.append((s, where(["set"]), f"line {line}"))


def _numbers(cell: Cell, *, decimal_comma: bool) -> tuple[Any, Any, Any, Any]:
    """A row's load, reps, hold seconds and RPE as values (a zero load, hold or RPE: none)."""
    load = cell_value(cell("load"), numeric=True, decimal_comma=decimal_comma)
    if load in (0, 0.0):
        load = None
    reps = cell_value(cell("reps"), numeric=True, decimal_comma=decimal_comma)
    hold = cell_value(cell("hold_s"), numeric=True, decimal_comma=decimal_comma)
    if isinstance(hold, float):
        hold = round(hold)
    if hold in (0, None):
        hold = None
    rpe = cell_value(cell("rpe"), numeric=True, decimal_comma=decimal_comma)
    if rpe in (0, 0.0):
        rpe = None
    return load, reps, hold, rpe


def _export_import(reading: _Reading) -> LogImport:
    order = (_SKIP_WARMUP, _SKIP_DROP, _SKIP_REST, _SKIP_UNMAPPED, _SKIP_NO_WEIGHT, _SKIP_EMPTY,
             _SKIP_OTHER)  # fmt: skip
    units_seen, skipped = reading.units_seen, reading.skipped
    return LogImport(
        source=reading.source,
        format=reading.export.format,
        sets=tuple(s for s, _, _ in reading.accepted),
        unit=Units.LB if units_seen == {Units.LB} else Units.KG if units_seen else None,
        unmapped=tuple(
            Unmapped(name=n, count=c)
            for n, c in sorted(reading.unmapped.items(), key=lambda x: (-x[1], x[0]))
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
