"""Writing a log: our CSV, and the JSON form of a read log."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from osteoload.domain.logs import SetLog
from osteoload.domain.units import kg_to_lb
from osteoload.domain.vocabulary import Units

from .rows import STANDARD_HEADER, LogImport


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
