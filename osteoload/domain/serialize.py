"""Turn engine records into plain JSON-ready values (dicts, lists, str, numbers)."""

from __future__ import annotations

import dataclasses
from datetime import date
from enum import Enum
from types import UnionType
from typing import Any, TypeVar, Union, get_args, get_origin, get_type_hints

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


_T = TypeVar("_T")


def from_jsonable(cls: type[_T], data: Any) -> _T:
    """Rebuild an engine record of type ``cls`` from what :func:`jsonable` made of it.

    The inverse of :func:`jsonable` for the engine's frozen dataclasses: fields are read by
    their type hints (nested records, enums, dates, tuples, ``X | None``, ``dict[str, X]``);
    keys the record does not have are ignored (documents only ever gain fields), and a
    missing field takes its default. Raises ``ValueError``/``TypeError``/``KeyError`` when
    the data does not fit the type.
    """
    value: _T = _rebuild(cls, data)
    return value


_HINTS: dict[type, dict[str, Any]] = {}


def _rebuild(tp: Any, data: Any) -> Any:
    origin = get_origin(tp)
    if origin is Union or origin is UnionType:
        args = get_args(tp)
        if data is None and type(None) in args:
            return None
        options = [a for a in args if a is not type(None)]
        return _rebuild(options[0], data) if len(options) == 1 else data
    if origin in (tuple, list):
        args = get_args(tp)
        inner = args[0] if args else Any
        items = [_rebuild(inner, v) for v in data]
        return tuple(items) if origin is tuple else items
    if origin is dict:
        _key, inner = get_args(tp)
        return {k: _rebuild(inner, v) for k, v in data.items()}
    if tp is Any:
        return data
    if isinstance(tp, type):
        if dataclasses.is_dataclass(tp):
            hints = _HINTS.get(tp)
            if hints is None:
                hints = _HINTS[tp] = get_type_hints(tp)
            names = {f.name for f in dataclasses.fields(tp) if f.init}
            kwargs = {k: _rebuild(hints[k], v) for k, v in data.items() if k in names}
            return tp(**kwargs)
        if issubclass(tp, Enum):
            return tp(data)
        if issubclass(tp, date):
            return date.fromisoformat(data)
        if tp is float and isinstance(data, int | float):
            return float(data)
    return data
