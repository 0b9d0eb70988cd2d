"""Our own log formats: the CSV of docs/session-log.md and its JSON form.

Our CSV has the header ``date,exercise_id,set,reps,load_kg,rpe,pain,note`` and may add
``rir``, ``load_lb``, ``impacts``, ``hold_s`` and ``symptoms``; the JSON form is a list of
the same objects, or ``{"schema_version": 1, "sets": [...]}``. :func:`read_log` and
:func:`parse_log` are the way in for every format: a Strong or Hevy export is recognised by
its header and read by :mod:`.strong_hevy`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from osteoload.domain.vocabulary import Units
from osteoload.wording import _, ngettext

from ..catalogue import get_catalogue
from ..errors import InputError, Issue, did_you_mean, format_value
from ..untrusted import parse_text, read_bounded
from .rows import (
    COLUMNS,
    MAX_ROWS,
    REQUIRED_COLUMNS,
    STANDARD_HEADER,
    LogFormat,
    LogImport,
    Pending,
    check_duplicates,
    raise_issues,
    split_symptoms,
    validate_rows,
)
from .strong_hevy import parse_hevy, parse_strong
from .table import Table, cell_value, norm_header, read_table, row_cells

_NUMERIC = frozenset(
    {"set", "reps", "load_kg", "load_lb", "rpe", "rir", "pain", "impacts", "hold_s"}
)


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
        raise InputError([Issue(source, _("is not UTF-8 text"))]) from None
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
        raise InputError([Issue(source, _("is empty"))])
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
    data = _sets_of(data, source=source)
    catalogue = get_catalogue()
    issues: list[Issue] = []
    pending: list[Pending] = []
    for index, item in enumerate(data):
        place = f"{source} sets[{index}]"

        def where(fields: Sequence[str], place: str = place) -> str:
            if not fields:
                return place
            if len(fields) == 1:
                return f"{place}.{fields[0]}"
            return f"{place} ({', '.join(fields)})"

        if not isinstance(item, dict):
            pending.append(
                Issue(place, _("%(value)s is not an object") % {"value": format_value(item)})
            )
            continue
        row = dict(item)
        if isinstance(row.get("symptoms"), str):
            row["symptoms"] = split_symptoms(row["symptoms"])
        if row.get("note") is None:
            row.pop("note", None)
        pending.append((row, where, place))
    accepted = validate_rows(pending, today=today, catalogue=catalogue, issues=issues)
    check_duplicates(accepted, issues)
    raise_issues(issues)
    sets = tuple(s for s, _, _ in accepted)
    unit = _unit_of(data)
    return LogImport(source=source, format=LogFormat.JSON, sets=sets, unit=unit)


def _sets_of(data: Any, *, source: str) -> list[Any]:
    """The sets of a JSON log: the list itself, or the ``sets`` of a versioned object."""
    if isinstance(data, dict):
        allowed = ("schema_version", "sets", "source_format", "unmapped", "skipped")
        unknown = [k for k in data if k not in allowed]
        if unknown:
            raise InputError(
                [
                    Issue(
                        f"{source} {k}",
                        _("unknown field; allowed: %(allowed)s%(hint)s")
                        % {"allowed": ", ".join(allowed), "hint": did_you_mean(k, allowed)},
                    )
                    for k in unknown
                ]
            )
        if data.get("schema_version", 1) != 1:
            raise InputError(
                [
                    Issue(
                        f"{source} schema_version",
                        _("%(value)s is not allowed; allowed: %(allowed)s%(hint)s")
                        % {"value": format_value(data["schema_version"]), "allowed": 1, "hint": ""},
                        data["schema_version"],
                    )
                ]
            )
        if "sets" not in data:
            raise InputError([Issue(f"{source} sets", _("is required"))])
        data = data["sets"]
    if not isinstance(data, list):
        raise InputError(
            [
                Issue(
                    source,
                    _("expected a list of sets, or an object with schema_version and sets"),
                )
            ]
        )
    if len(data) > MAX_ROWS:
        raise InputError(
            [
                Issue(
                    source,
                    _("has %(n)s sets; at most %(max)s at a time")
                    % {"n": len(data), "max": MAX_ROWS},
                )
            ]
        )
    return data


def _unit_of(rows: Sequence[Any]) -> Units | None:
    lb = any(isinstance(r, dict) and r.get("load_lb") not in (None, "") for r in rows)
    kg = any(isinstance(r, dict) and r.get("load_kg") not in (None, "") for r in rows)
    if lb and not kg:
        return Units.LB
    return Units.KG if kg else None


def _parse_csv(text: str, *, source: str, today: date, weight_unit: Units | None) -> LogImport:
    table = read_table(text, source=source)
    names = {norm_header(h) for h in table.header}
    if "exercise_title" in names and ("set_index" in names or "start_time" in names):
        return parse_hevy(table, source=source, today=today, weight_unit=weight_unit)
    if "exercise name" in names and "set order" in names:
        return parse_strong(table, source=source, today=today, weight_unit=weight_unit)
    return _parse_ours(table, source=source, today=today)


def _parse_ours(table: Table, *, source: str, today: date) -> LogImport:
    issues: list[Issue] = []
    columns, seen = _our_columns(table, source=source, issues=issues)
    catalogue = get_catalogue()
    pending: list[Pending] = []
    decimal_comma = table.delimiter == ";"
    #: (cell index, column, numeric) of each known column: the loop below runs per row.
    wanted = [(i, c, c in _NUMERIC) for i, c in enumerate(columns) if c is not None]
    for line, raw_cells in table.rows:
        cells, problem = row_cells(table, line, raw_cells, source)
        if problem is not None:
            pending.append(problem)
            continue

        def where(fields: Sequence[str], line: int = line) -> str:
            if not fields:
                return f"{source} line {line}"
            if len(fields) == 1:
                return f"{source} line {line}, column {fields[0]}"
            return f"{source} line {line}, columns {' and '.join(fields)}"

        row: dict[str, Any] = {}
        for i, column, numeric in wanted:
            cell = cells[i]
            if not cell:
                continue  # most cells of a row are empty: spare them the call
            value = cell_value(cell, numeric=numeric, decimal_comma=decimal_comma)
            if value is None:
                continue
            row[column] = split_symptoms(value) if column == "symptoms" else value
        pending.append((row, where, f"line {line}"))
    accepted = validate_rows(
        pending,
        today=today,
        catalogue=catalogue,
        issues=issues,
        controls_checked=table.controls_checked,
    )
    check_duplicates(accepted, issues)
    raise_issues(issues)
    unit: Units | None = None
    if "load_lb" in seen and "load_kg" not in seen:
        unit = Units.LB
    elif any(s.load_kg is not None for s, _, _ in accepted):
        unit = Units.KG
    return LogImport(
        source=source, format=LogFormat.CSV, sets=tuple(s for s, _, _ in accepted), unit=unit
    )


def _our_columns(
    table: Table, *, source: str, issues: list[Issue]
) -> tuple[list[str | None], set[str]]:
    """Each header cell's column (``None`` when unknown or repeated) and the columns seen;
    a problem with a column goes to ``issues``, a missing required column raises."""
    columns: list[str | None] = []
    seen: set[str] = set()
    for cell in table.header:
        name = cell.strip().lower()
        if name not in COLUMNS:
            issues.append(
                Issue(
                    f"{source} line 1, column {cell or '(empty)'}",
                    _("unknown column; allowed: %(allowed)s%(hint)s")
                    % {"allowed": ", ".join(COLUMNS), "hint": did_you_mean(name, COLUMNS)},
                )
            )
            columns.append(None)
        elif name in seen:
            issues.append(Issue(f"{source} line 1, column {name}", _("appears twice")))
            columns.append(None)
        else:
            seen.add(name)
            columns.append(name)
    missing = [c for c in REQUIRED_COLUMNS if c not in seen]
    if missing:
        issues.append(
            Issue(
                f"{source} line 1",
                ngettext(
                    "missing column %(columns)s; a log starts with the header %(header)s",
                    "missing columns %(columns)s; a log starts with the header %(header)s",
                    len(missing),
                )
                % {"columns": ", ".join(missing), "header": ",".join(STANDARD_HEADER)},
            )
        )
        raise_issues(issues)
    return columns, seen
