"""Read-only mappings inside frozen records.

A frozen dataclass stops ``record.field = x`` but not ``record.mapping[key] = x``. The records
that hold a mapping (:class:`~osteoload.domain.program.Program`'s working maxes, a
:class:`~osteoload.domain.program.Finding`'s data, ...) call :func:`freeze_mappings` from
``__post_init__``: each named field becomes a :class:`types.MappingProxyType` over a private
copy, so neither the record's users nor whoever built the dict can change it afterwards.

A mapping proxy cannot be pickled, and Django's cache pickles what it keeps; such a record
takes :func:`getstate` and :func:`setstate` as its ``__getstate__``/``__setstate__``, which
pickle the mappings as plain dicts and freeze them again on the way back.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, TypeVar

_K = TypeVar("_K")
_V = TypeVar("_V")


def frozen_mapping(mapping: Mapping[_K, _V]) -> Mapping[_K, _V]:
    """A read-only view of a copy of ``mapping`` (same keys, values and order)."""
    return MappingProxyType(dict(mapping))


def freeze_mappings(record: Any, *names: str) -> None:
    """Replace each named field of the frozen ``record`` by a read-only copy of it."""
    for name in names:
        object.__setattr__(record, name, frozen_mapping(getattr(record, name)))


def getstate(record: Any) -> list[Any]:
    """The record's field values for pickling, read-only mappings as plain dicts."""
    return [
        dict(value) if isinstance(value, MappingProxyType) else value
        for value in (getattr(record, f.name) for f in dataclasses.fields(record))
    ]


def setstate(record: Any, state: list[Any]) -> None:
    """Restore a record pickled with :func:`getstate`, its mappings read-only again."""
    for f, value in zip(dataclasses.fields(record), state, strict=True):
        object.__setattr__(record, f.name, value)
    record.__post_init__()
