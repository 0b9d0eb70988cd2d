"""The audit log, for coaches: who viewed or changed her clients' records, and when."""

from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Query, Router

from osteoload.services import audit, export

from . import auth
from .params import responses
from .schemas import AuditPage, ErrorOut, Id, PageQuery

router = Router(tags=["audit"])


@router.get("/audit", response=responses({200: AuditPage, 404: ErrorOut}))
def list_audit_entries(
    request: HttpRequest,
    page: Query[PageQuery],
    client_id: Annotated[Id | None, Query(description="Only entries about this client")] = None,
) -> dict[str, Any]:
    """Entries about the coach's clients, erased ones included, newest first (coaches only).

    ``updated_since`` keeps entries written at or after that moment."""
    coach = auth.coach(request)
    export.check_page(page.offset, page.limit)
    since = page.updated_since
    total, rows = audit.entries_for_coach(
        coach, client_id=client_id, since=since, offset=page.offset, limit=page.limit
    )
    return {
        "count": total,
        "offset": page.offset,
        "limit": page.limit,
        "server_time": export.server_time(),
        "items": [
            {
                "id": r.entry_id,
                "timestamp": r.timestamp,
                "actor": r.actor,
                "action": r.action,
                "client_id": r.client_id,
                "object_type": r.object_type,
                "object_id": r.object_id,
                "summary": r.summary,
                "via": r.via,
            }
            for r in rows
        ],
    }
