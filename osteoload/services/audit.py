"""The audit log: who viewed or changed a client's clinical data, and when.

Front ends call :func:`record` after each read or change of a client's record: the API on
every endpoint that touches one (``via`` ``token`` or ``session``), the pages on every page
that shows her health data and every change made on them (``via`` ``web``). So her
access-log export holds both. A coach reads the entries about her own clients with
:func:`entries_for_coach`. Summaries carry no clinical values and no names: the entry says
what was done, the record itself holds the data.

:func:`record` is the one way in and costs one INSERT (her coach, the entry's owner, is read
by the same statement), so the log can later move to a store of its own behind it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

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
    """Write one entry: one INSERT. ``owner_id`` (the client's coach), when not given, is
    read by that statement from her record."""
    name = actor.get_username() if actor.is_authenticated else ""
    hot.insert_audit(
        timestamp=clock.now(),
        actor_id=actor.pk if actor.is_authenticated else None,
        actor_name=name[:150],
        owner_id=owner_id,
        client_id=client_id,
        action=AuditAction(action).value,
        object_type=object_type[:30],
        object_id=object_id,
        summary=summary[:SUMMARY_MAX],
        via=via[:10],
    )


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
