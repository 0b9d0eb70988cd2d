"""Version 1 of the JSON API, mounted at /api/v1/ (OpenAPI at /api/v1/openapi.json, docs at
/api/v1/docs). Every operation is listed in docs/api.md."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse

from . import account, audit_log, clients, engine, errors
from .auth import SessionAuth, TokenAuth
from .base import BoundedParser, OsteoloadAPI
from .docs import OfflineDocs

DESCRIPTION = (
    "Bone-health strength training: the engine (validate, screen, plan, assess, project, "
    "next, one-rm) speaks the same JSON as the osteoload command line; coaches manage "
    "clients, programs, tests and scans; clients log their training. Authenticate with "
    "'Authorization: Bearer <token>' (a personal API token) or a logged-in browser session "
    "(with the X-CSRFToken header on POST, PUT and DELETE). Bad input answers 422 with "
    "{'detail': [{'field', 'value', 'message'}]}. Every POST takes an 'Idempotency-Key' "
    "header (a new UUID per request): the same key again within 7 days answers the first "
    "response and stores nothing more; the same key with another request answers 422."
)

api = OsteoloadAPI(
    title="osteoload API",
    version="1",
    description=DESCRIPTION,
    auth=[TokenAuth(), SessionAuth()],
    docs=OfflineDocs(),
    parser=BoundedParser(),
    urls_namespace="api-v1",
)
errors.install(api)
api.add_router("/engine", engine.router)
api.add_router("", clients.router)
api.add_router("", account.router)
api.add_router("", audit_log.router)


def unknown_path(request: HttpRequest, rest: str = "") -> JsonResponse:
    """Any other URL under /api/v1/: a JSON 404, like the API's own."""
    return JsonResponse({"detail": errors.not_found_detail()}, status=404)
