"""Optimistic concurrency: no lost updates on shared records.

A client's profile, a program (its swaps and its assignment), a recorded DXA scan and a
recorded functional tests session each carry a ``version`` number, starting at 1. Whoever
edits one says which version she opened (the web forms carry it in a hidden field, the API
takes it in the ``If-Match`` header); the edit is written only if that is still the stored
version, and the version goes up by one in the same transaction. Otherwise nothing is
written and :class:`Conflict` says so and what differs now.

The check and the bump are one ``UPDATE ... WHERE version = n``, so of two saves made at the
same moment from the same version exactly one is written, on SQLite and on PostgreSQL alike.
An edit that reads the stored record to change it (a swap, a partial correction) is checked
against the version it read even when no version was given, so it never writes over a
change it did not see.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from .errors import InputError, Issue

FIELD = "version"
MAX_VERSION = 2**31 - 1
CHANGED_ELSEWHERE = gettext_noop("Changed by someone else since you opened it")


class Conflict(InputError):
    """A save made from a version that is no longer the stored one: nothing was written.

    ``what`` names the record (an English message id, "The program", said in the active
    language); ``given`` is the version the editor opened, ``current`` the stored one,
    ``changed`` what now differs (field names), when it can be told."""

    def __init__(
        self, what: str, *, given: int | None, current: int | None, changed: Sequence[str] = ()
    ) -> None:
        self.what = what
        self.given = given
        self.current = current
        self.changed = tuple(changed)
        name = _(what)
        if current is None:
            detail = _("%(what)s no longer exists") % {"what": name}
        elif self.changed:
            detail = _("%(what)s now differs from yours in: %(fields)s") % {
                "what": name,
                "fields": ", ".join(self.changed),
            }
        else:
            detail = _(
                "%(what)s is now version %(current)s; look at it again before changing it"
            ) % {
                "what": name,
                "current": current,
            }
        message = _(
            "%(changed)s (you opened version %(given)s, it is now %(current)s); %(detail)s"
        ) % {
            "changed": _(CHANGED_ELSEWHERE),
            "given": given,
            "current": current,
            "detail": detail,
        }
        super().__init__([Issue(FIELD, message, given)])


def parse(value: Any, *, field: str = FIELD) -> int | None:
    """A version as sent with a form or a request: a whole number from 1, or ``None`` when
    empty. Anything else is an :class:`InputError` naming ``field``."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise InputError(
            [
                Issue(
                    field,
                    _("%(value)s is not a version; expected a whole number")
                    % {"value": repr(value)},
                )
            ]
        )
    if isinstance(value, int):
        number = value
    else:
        text = str(value).strip()
        if not text:
            return None
        if not (text.isascii() and text.isdigit() and len(text) <= 10):
            raise InputError(
                [Issue(field, _("is not a version; expected a whole number from 1"), text[:40])]
            )
        number = int(text)
    if not 1 <= number <= MAX_VERSION:
        raise InputError(
            [
                Issue(
                    field,
                    _("%(value)s is out of range; allowed %(low)s to %(high)s")
                    % {"value": number, "low": 1, "high": MAX_VERSION},
                )
            ]
        )
    return number


def claim(
    model: type[models.Model],
    pk: int,
    *,
    read: int,
    given: int | None,
    what: str,
    changed: Callable[[], Sequence[str]] = tuple,
) -> int:
    """Move the row from version ``read`` (the one this edit is based on) to the next one,
    or raise :class:`Conflict`. ``given`` is the version the editor opened (``None``: not
    said; the version read is used). Call inside the transaction that writes the change;
    returns the new version, to store with it."""
    if given is not None and given != read:
        raise Conflict(what, given=given, current=read, changed=changed())
    rows = model._default_manager.filter(pk=pk, version=read)
    if rows.update(version=read + 1) != 1:
        current = model._default_manager.filter(pk=pk).values_list("version", flat=True).first()
        raise Conflict(what, given=read, current=current, changed=changed())
    return read + 1


def differences(stored: Mapping[str, Any], submitted: Mapping[str, Any]) -> list[str]:
    """The fields (dotted paths) whose stored value differs from the submitted one."""
    return sorted(_walk(stored, submitted, ""))


def _walk(a: Any, b: Any, prefix: str) -> Iterable[str]:
    if isinstance(a, Mapping) and isinstance(b, Mapping):
        for key in sorted(set(a) | set(b), key=str):
            yield from _walk(a.get(key), b.get(key), f"{prefix}.{key}" if prefix else str(key))
    elif a != b:
        yield prefix or "(the whole record)"
