"""A CSV log as a table: its delimiter guessed, its header, and its rows with their lines."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from typing import Any

from osteoload.wording import _

from ..errors import InputError, Issue
from ..untrusted import has_control_characters
from .rows import MAX_ROWS, raise_issues


@dataclass(frozen=True, slots=True)
class Table:
    """A CSV file as header cells and data rows (with the line each row starts on)."""

    header: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]
    delimiter: str
    #: The whole text holds no refused control character, so no cell needs the check.
    controls_checked: bool = False


def read_table(text: str, *, source: str) -> Table:
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
                raise InputError(
                    [Issue(source, _("has more than %(max)s rows") % {"max": MAX_ROWS})]
                )
    except csv.Error as exc:
        issues.append(
            Issue(
                f"{source} line {reader.line_num}",
                _("is not valid CSV (%(problem)s)") % {"problem": exc},
            )
        )
    raise_issues(issues)
    if header is None:
        raise InputError([Issue(source, _("has no header line"))])
    return Table(
        header=header,
        rows=tuple(rows),
        delimiter=delimiter,
        controls_checked=not has_control_characters(text),
    )


def norm_header(cell: str) -> str:
    return re.sub(r"\s+", " ", cell.strip().strip('"').lower())


def row_cells(
    table: Table, line: int, cells: tuple[str, ...], source: str
) -> tuple[tuple[str, ...], Issue | None]:
    """Pad short rows; refuse rows with more (non-empty) values than the header."""
    width = len(table.header)
    if len(cells) == width:
        return cells, None  # the usual row: as wide as the header
    if len(cells) > width and any(c.strip() for c in cells[width:]):
        return cells, Issue(
            f"{source} line {line}",
            _("has %(n)s values but the header has %(width)s columns")
            % {"n": len(cells), "width": width},
        )
    return tuple(cells[:width]) + ("",) * max(0, width - len(cells)), None


def cell_value(cell: str, *, numeric: bool, decimal_comma: bool) -> Any:
    """A CSV cell as a value: ``None`` when empty, a number when it reads as one."""
    text = cell.strip()
    if not text:
        return None
    if not numeric:
        return text
    candidate = text.replace(",", ".") if decimal_comma else text
    if "." not in candidate:  # int() refuses every text with a point: spare it the attempt
        try:
            return int(candidate)
        except ValueError:
            pass
    try:
        return float(candidate)
    except ValueError:
        return text
