"""Turn engine records into plain JSON-ready values (dicts, lists, str, numbers)."""

from __future__ import annotations

import dataclasses
from datetime import date
from enum import Enum
from typing import Any


def jsonable(obj: Any) -> Any:
    """Recursively convert dataclasses, enums, dates, tuples and dicts to JSON-ready values.

    Floats are rounded to 4 decimals so that output is stable and readable.
    """
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: jsonable(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, Enum):
        return obj.value
    if isinstance(obj, date):
        return obj.isoformat()
    if isinstance(obj, dict):
        return {str(jsonable(k)): jsonable(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple | set | frozenset):
        return [jsonable(v) for v in obj]
    if isinstance(obj, float):
        return round(obj, 4)
    return obj
