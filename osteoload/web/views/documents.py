"""Documents to download: the booklet (normal and large print), the calendar, the report.

The files come from :mod:`osteoload.services.documents.downloads` (the services behind
``osteoload plan --format pdf|ics`` and ``osteoload report``); these views only check the
role, send the bytes with their type and file name, and say why when there is nothing to
send. A coach downloads her own clients' documents (another coach's client is 404); a
client downloads her own booklet and calendar (no id in her URLs).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from osteoload.services import audit, client_programs, clients
from osteoload.services.documents import downloads
from osteoload.services.documents.downloads import DocumentsPaused, Download
from osteoload.services.errors import InputError

from .calendar import feed_context
from .common import audited, client_view, coach_view, today


def _send(download: Download, request: HttpRequest, client_id: int) -> HttpResponse:
    """The file, after the audit entry that says it left (``export``: booklet, calendar or
    report, by file name)."""
    audited(request, audit.Action.EXPORT, client_id, "document", None,
            f"downloaded {download.filename}"[:300])  # fmt: skip
    response = HttpResponse(download.data, content_type=download.content_type)
    response["Content-Disposition"] = content_disposition_header(True, download.filename)
    return response


# --- coach ------------------------------------------------------------------------------


@coach_view
@require_safe
@never_cache
def coach_booklet(request: HttpRequest, client_id: int, large_print: bool = False) -> HttpResponse:
    return _send(
        downloads.booklet(request.user, client_id, today=today(), large_print=large_print),
        request, client_id,
    )  # fmt: skip


@coach_view
@require_safe
@never_cache
def coach_calendar(request: HttpRequest, client_id: int) -> HttpResponse:
    return _send(downloads.calendar(request.user, client_id, today=today()), request, client_id)


@coach_view
@require_safe
@never_cache
def coach_report(request: HttpRequest, client_id: int) -> HttpResponse:
    try:
        return _send(
            downloads.doctor_report(request.user, client_id, today=today()),
            request, client_id,
        )  # fmt: skip
    except InputError as exc:  # nothing logged yet: say so on a page
        return render(
            request,
            "osteoload/coach/report_unavailable.html",
            {
                "client_id": client_id,
                "name": clients.client_name(request.user, client_id),
                "reasons": [issue.message for issue in exc.issues],
            },
            status=409,
        )


# --- client -----------------------------------------------------------------------------


def _documents_page(request: HttpRequest, client_id: int, *, status: int = 200) -> HttpResponse:
    view = client_programs.today_session(request.user, client_id, today=today())
    context = {"view": view, **feed_context(request, client_id, coach=False)}
    return render(request, "osteoload/client/documents.html", context, status=status)


@client_view
@require_safe
def client_documents_page(request: HttpRequest, client_id: int) -> HttpResponse:
    return _documents_page(request, client_id)


@client_view
@require_safe
@never_cache
def client_booklet(request: HttpRequest, client_id: int, large_print: bool = False) -> HttpResponse:
    try:
        download = downloads.booklet(
            request.user, client_id, today=today(), large_print=large_print
        )
    except DocumentsPaused:
        return _documents_page(request, client_id, status=409)
    return _send(download, request, client_id)


@client_view
@require_safe
@never_cache
def client_calendar(request: HttpRequest, client_id: int) -> HttpResponse:
    try:
        download = downloads.calendar(request.user, client_id, today=today())
    except DocumentsPaused:
        return _documents_page(request, client_id, status=409)
    return _send(download, request, client_id)
