"""Turn engine records into plain JSON-ready values (dicts, lists, str, numbers)."""

from __future__ import annotations

import dataclasses
from datetime import date
from enum import Enum
from typing import Any

# What jsonable does with a value depends only on its class, so each class is classified
# once (``_kind_of``) and looked up by ``type(obj)`` afterwards: a 12-week program has tens
# of thousands of values, and isinstance chains and dataclasses.fields() per value add up.
_AS_IS, _FLOAT, _RECORD, _ENUM, _DATE, _MAPPING, _SEQUENCE = range(7)
_KINDS: dict[type, int] = {
    str: _AS_IS,
    int: _AS_IS,
    bool: _AS_IS,
    type(None): _AS_IS,
    float: _FLOAT,
    tuple: _SEQUENCE,
    list: _SEQUENCE,
    dict: _MAPPING,
    date: _DATE,
}
#: Field names of each dataclass met so far, in definition order.
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _kind_of(cls: type) -> int:
    """Classify ``cls`` in the order the conversion rules apply (subclasses included)."""
    if dataclasses.is_dataclass(cls) and not issubclass(cls, type):
        _FIELD_NAMES[cls] = tuple(f.name for f in dataclasses.fields(cls))
        kind = _RECORD
    elif issubclass(cls, Enum):
        kind = _ENUM
    elif issubclass(cls, date):
        kind = _DATE
    elif issubclass(cls, dict):
        kind = _MAPPING
    elif issubclass(cls, list | tuple | set | frozenset):
        kind = _SEQUENCE
    elif issubclass(cls, float):
        kind = _FLOAT
    else:
        kind = _AS_IS
    _KINDS[cls] = kind
    return kind


def jsonable(obj: Any) -> Any:
    """Recursively convert dataclasses, enums, dates, tuples and dicts to JSON-ready values.

    Floats are rounded to 4 decimals so that output is stable and readable.
    """
    cls = type(obj)
    kind = _KINDS.get(cls)
    if kind is None:
        kind = _kind_of(cls)
    if kind == _AS_IS:
        return obj
    # Records and sequences convert the commonest values (str, int, None, bool, enums)
    # inline rather than by a recursive call: most fields and list entries are such values.
    if kind == _RECORD:
        out = {}
        for name in _FIELD_NAMES[cls]:
            value = getattr(obj, name)
            value_cls = type(value)
            if value_cls is str or value_cls is int or value is None or value_cls is bool:
                out[name] = value
            elif _KINDS.get(value_cls) == _ENUM:
                out[name] = value._value_
            else:
                out[name] = jsonable(value)
        return out
    if kind == _SEQUENCE:
        items = []
        for value in obj:
            value_cls = type(value)
            if value_cls is str or value_cls is int or value is None or value_cls is bool:
                items.append(value)
            elif _KINDS.get(value_cls) == _ENUM:
                items.append(value._value_)
            else:
                items.append(jsonable(value))
        return items
    if kind == _ENUM:
        return obj._value_  # what .value returns, without the property call
    if kind == _FLOAT:
        return round(obj, 4)
    if kind == _DATE:
        return obj.isoformat()
    return {str(jsonable(k)): jsonable(v) for k, v in obj.items()}  # _MAPPING
