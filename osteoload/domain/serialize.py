"""Turn engine records into plain JSON-ready values (dicts, lists, str, numbers)."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable, Mapping
from datetime import date
from enum import Enum
from types import MappingProxyType, UnionType
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
    MappingProxyType: _MAPPING,  # a frozen record's read-only mapping (domain/frozen.py)
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
    their type hints (nested records, enums, dates, tuples, ``X | None``, ``dict[str, X]``,
    ``Mapping[str, X]``); keys the record does not have are ignored (documents only ever
    gain fields), and a missing field takes its default. Raises
    ``ValueError``/``TypeError``/``KeyError`` when the data does not fit the type.
    """
    value: _T = _rebuild(cls, data)
    return value


#: One decoder per type hint met so far: reading a type's hints (``get_origin``,
#: ``get_type_hints``, the dataclass's fields) once, not once per value, makes rebuilding a
#: stored program several times faster (a 3-year client's Today reads a dozen of them).
_DECODERS: dict[Any, Callable[[Any], Any]] = {}
#: Decoders under construction (a record's decoder is known before its fields' are, so that
#: a record type that holds itself resolves); published to ``_DECODERS`` only when complete,
#: so another thread never uses a half-built one.
_BUILDING: dict[Any, Callable[[Any], Any]] = {}
_BUILD_LOCK = threading.RLock()


def _rebuild(tp: Any, data: Any) -> Any:
    return _decoder(tp)(data)


def _as_is(data: Any) -> Any:
    return data


def _decoder(tp: Any) -> Callable[[Any], Any]:
    found = _DECODERS.get(tp)
    if found is not None:
        return found
    with _BUILD_LOCK:
        found = _DECODERS.get(tp) or _BUILDING.get(tp)
        if found is not None:
            return found
        outermost = not _BUILDING
        found = _BUILDING[tp] = _make_decoder(tp)
        if outermost:
            _DECODERS.update(_BUILDING)
            _BUILDING.clear()
        return found


def _make_decoder(tp: Any) -> Callable[[Any], Any]:
    origin = get_origin(tp)
    if origin is Union or origin is UnionType:
        options = [a for a in get_args(tp) if a is not type(None)]
        if len(options) != 1:
            return _as_is
        inner = _decoder(options[0])
        return lambda data: None if data is None else inner(data)
    if origin in (tuple, list):
        args = get_args(tp)
        item = _decoder(args[0]) if args else _as_is
        if origin is tuple:
            return lambda data: tuple([item(v) for v in data])
        return lambda data: [item(v) for v in data]
    if origin is dict or origin is Mapping:  # a record freezes its Mapping in __post_init__
        value = _decoder(get_args(tp)[1])
        return lambda data: {k: value(v) for k, v in data.items()}
    if tp is Any or not isinstance(tp, type):
        return _as_is
    if dataclasses.is_dataclass(tp):
        return _record_decoder(tp)
    if issubclass(tp, Enum):
        return tp
    if issubclass(tp, date):
        return date.fromisoformat
    if tp is float:
        return lambda data: float(data) if isinstance(data, int | float) else data
    return _as_is


def _record_decoder(cls: type) -> Callable[[Any], Any]:
    fields: dict[str, Callable[[Any], Any]] = {}

    def decode(data: Any) -> Any:
        return cls(**{k: fields[k](v) for k, v in data.items() if k in fields})

    _BUILDING[cls] = decode  # known before its fields, for a record that holds itself
    hints = get_type_hints(cls)
    for f in dataclasses.fields(cls):
        if f.init:
            fields[f.name] = _decoder(hints[f.name])
    return decode
