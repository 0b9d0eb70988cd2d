"""The audit log: who viewed or changed a client's clinical data, and when.

Front ends call :func:`record` after each read or change of a client's record: the API on
every endpoint that touches one (``via`` ``token`` or ``session``), the pages on every page
that shows her health data and every change made on them (``via`` ``web``). So her
access-log export holds both. A coach reads the entries about her own clients with
:func:`entries_for_coach`. Summaries carry no clinical values and no names: the entry says
what was done, the record itself holds the data.

:func:`record` is the way in; :func:`entry` builds an entry for the one writer that stores it
with its change in one statement (a set logged over the API,
``store.bulk.insert_set_log_with_audit``). The entry of a change costs one INSERT in the
change's own transaction (her coach, the entry's owner, is read by the same statement): it is
written if and only if the change is. The entry of a read (``view``) is queued in memory instead and
written by a background thread, every ``OSTEOLOAD_READ_AUDIT_MS`` milliseconds (100) or
sooner when :data:`BATCH` entries wait, all in one transaction: a read never waits for the
database's write lock (on SQLite one writer at a time), and a hundred reads cost one commit.
Whatever reads the log (:func:`entries_for_coach`, her export, erasure, a backup) writes the
queue first, and a process that stops normally writes it before it exits. A process killed
outright (power cut, ``kill -9``, out of memory) loses the read entries of its last
``OSTEOLOAD_READ_AUDIT_MS`` at most; never the entry of a change (docs/deployment.md).
"""

from __future__ import annotations

import atexit
import logging
import os
import threading
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import close_old_connections, transaction

from osteoload.store import hot
from osteoload.store.models import AuditAction, AuditEntry, Client

from . import clock
from .access import AnyUser, NotFound, require_coach, user_id

Action = AuditAction
SUMMARY_MAX = 300


@dataclass(frozen=True, slots=True, kw_only=True)
class AuditRow:
    entry_id: int
    timestamp: datetime
    actor: str
    action: str
    client_id: int | None
    object_type: str
    object_id: int | None
    summary: str
    via: str


def entry(
    actor: AnyUser,
    action: AuditAction | str,
    *,
    client_id: int | None,
    object_type: str,
    object_id: int | None = None,
    summary: str = "",
    via: str = "",
    owner_id: int | None = None,
) -> dict[str, Any]:
    """The fields of one entry (``hot.AUDIT_FIELDS``), not written: :func:`record` writes
    them; a change whose writer stores the entry with it takes them as they are (a logged
    set, ``training_log``). ``owner_id`` (the client's coach), when not given, is read by
    the INSERT from her record, on either path."""
    name = actor.get_username() if actor.is_authenticated else ""
    return {
        "timestamp": clock.now(),
        "actor_id": actor.pk if actor.is_authenticated else None,
        "actor_name": name[:150],
        "owner_id": owner_id,
        "client_id": client_id,
        "action": AuditAction(action).value,
        "object_type": object_type[:30],
        "object_id": object_id,
        "summary": summary[:SUMMARY_MAX],
        "via": via[:10],
    }


def record(
    actor: AnyUser,
    action: AuditAction | str,
    *,
    client_id: int | None,
    object_type: str,
    object_id: int | None = None,
    summary: str = "",
    via: str = "",
    owner_id: int | None = None,
) -> None:
    """One entry (the fields as :func:`entry` takes them), written: a change's with one
    INSERT, in the caller's transaction; a read's (``view``) queued for the background writer
    (no statement here)."""
    found = entry(
        actor, action, client_id=client_id, object_type=object_type, object_id=object_id,
        summary=summary, via=via, owner_id=owner_id,
    )  # fmt: skip
    if found["action"] == AuditAction.VIEW and _interval_seconds() > 0:
        _queue(found)
    else:
        hot.insert_audit(**found)


# --- read entries: queued, written in batches by a background thread ----------------------

BATCH = 200
"""Queued read entries that wake the writer before its interval is up."""

_log = logging.getLogger(__name__)
_pending: list[dict[str, Any]] = []
_pending_lock = threading.Lock()
_flush_lock = threading.Lock()
_wake = threading.Event()
_writer: threading.Thread | None = None


def _interval_seconds() -> float:
    return int(getattr(settings, "OSTEOLOAD_READ_AUDIT_MS", 100)) / 1000


def _queue(entry: dict[str, Any]) -> None:
    with _pending_lock:
        _pending.append(entry)
        waiting = len(_pending)
    if getattr(settings, "OSTEOLOAD_READ_AUDIT_WRITER", True):
        _start_writer()
        if waiting >= BATCH:
            _wake.set()


def pending() -> int:
    """Read entries queued in this process, not written yet."""
    with _pending_lock:
        return len(_pending)


def flush() -> int:
    """Write this process's queued read entries now (one transaction); how many. On a
    database error they stay queued (oldest first) and the error propagates."""
    with _flush_lock:
        with _pending_lock:
            batch = list(_pending)
            _pending.clear()
        if not batch:
            return 0
        try:
            with transaction.atomic():
                hot.insert_audits(batch)
        except BaseException:
            with _pending_lock:
                _pending[:0] = batch
            raise
        return len(batch)


def discard_pending() -> None:
    """Forget the queued read entries (tests: a rolled-back world's entries)."""
    with _pending_lock:
        _pending.clear()


def _start_writer() -> None:
    global _writer
    if _writer is not None and _writer.is_alive():
        return
    with _pending_lock:
        if _writer is not None and _writer.is_alive():
            return
        _writer = threading.Thread(target=_write_forever, name="osteoload-audit", daemon=True)
        _writer.start()


def _write_forever() -> None:
    while True:
        _wake.wait(_interval_seconds())
        _wake.clear()
        try:
            flush()
        except Exception:  # the database is busy or away: the entries wait for the next turn
            _log.exception("read audit entries not written yet; retrying")
            close_old_connections()


def _flush_at_exit() -> None:
    if _writer is None:  # no server here (or the tests' settings): nothing queued to keep
        return
    try:
        flush()
    except Exception:
        _log.exception("read audit entries could not be written at exit")


def _forked() -> None:
    """A forked server worker starts with no writer and no queue of its parent's."""
    global _writer, _pending_lock, _flush_lock, _wake
    _writer = None
    _pending.clear()
    _pending_lock, _flush_lock, _wake = threading.Lock(), threading.Lock(), threading.Event()


atexit.register(_flush_at_exit)
os.register_at_fork(after_in_child=_forked)


def entries_for_coach(
    coach: AnyUser,
    *,
    client_id: int | None = None,
    since: datetime | None = None,
    offset: int = 0,
    limit: int = 50,
) -> tuple[int, list[AuditRow]]:
    """Entries about the coach's clients (erased ones included), newest first; with the count.

    ``client_id`` narrows to one client: one that is not hers (and not an erased client of
    hers) is :class:`NotFound`.
    """
    require_coach(coach)
    flush()
    owner = user_id(coach)
    rows = AuditEntry.objects.filter(owner_id=owner)
    if client_id is not None:
        rows = rows.filter(client_id=client_id)
        if not (Client.objects.filter(pk=client_id, coach_id=owner).exists() or rows.exists()):
            raise NotFound
    if since is not None:
        rows = rows.filter(timestamp__gte=since)
    total = rows.count()
    page = rows.order_by("-timestamp", "-id")[offset : offset + limit]
    return total, [_row(e) for e in page]


def forget_actor(user_pk: int, *, label: str) -> None:
    """Erasure: keep the entries a person made but replace her name by ``label``."""
    flush()
    AuditEntry.objects.filter(actor_id=user_pk).update(actor_name=label)


def _row(e: AuditEntry) -> AuditRow:
    return AuditRow(
        entry_id=e.pk,
        timestamp=e.timestamp,
        actor=e.actor_name,
        action=e.action,
        client_id=e.client_id,
        object_type=e.object_type,
        object_id=e.object_id,
        summary=e.summary,
        via=e.via,
    )
