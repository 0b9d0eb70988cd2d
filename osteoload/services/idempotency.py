"""Exactly once: a POST sent again with the same idempotency key gets the same answer and
writes nothing more.

A phone double-taps, a request is retried after a lost answer, an offline queue replays what
it sent: each carries a key the client made (``Idempotency-Key`` header, or the
``idempotency_key`` field of a web form). The first request with a key runs; its answer
(status, headers, body) is stored **in the same transaction** as what it wrote, so a crash
leaves neither a key without its rows nor rows without their key. The same key from the
same user again answers the stored response (with ``Idempotent-Replayed: true``) and runs
nothing. The same key with another request (another path or body) is refused (422).

Only answers below 400 are kept: a refused request (bad input, no access) wrote nothing, so
sending it again simply runs it again. A server error (5xx) rolls everything back. Keys are
kept for :data:`WINDOW` (long enough for a phone that was offline for days); expired keys
are forgotten and purged (:func:`purge_expired`, ``manage.py purge_idempotency_keys``, and a
user's own expired keys whenever she stores a new one).

:class:`IdempotencyMiddleware` applies this to every POST of the API and of the web pages;
it is the only place the rule lives.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse, UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from django.http.request import RawPostDataException
from django.middleware.csrf import CsrfViewMiddleware

from osteoload.store.models import IdempotencyRecord

from . import api_tokens, clock, untrusted
from .errors import InputError

#: How long a key is remembered: a week covers a phone offline over a long weekend and more.
WINDOW = timedelta(days=7)
HEADER = "Idempotency-Key"
#: The form field carrying the key on the web pages' forms (set by ``idempotency.js``).
FORM_FIELD = "idempotency_key"
REPLAYED_HEADER = "Idempotent-Replayed"
KEY_MAX = 255
API_PREFIX = "/api/"
#: Form fields that differ between two sendings of the same form and are not its content.
_NOT_CONTENT = frozenset({FORM_FIELD, "csrfmiddlewaretoken"})
_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
#: Response headers not kept with a stored answer (recomputed when it is replayed).
_NOT_STORED = frozenset({"content-length", "date", "set-cookie"})

View = Callable[..., HttpResponse]


def key_problem(key: str) -> str | None:
    """Why ``key`` is not acceptable as an idempotency key, or ``None``."""
    if not key or len(key) > KEY_MAX:
        return f"must be 1 to {KEY_MAX} characters (a UUID made for each new request)"
    if not all(" " <= c <= "~" for c in key):
        return "must be printable ASCII characters (a UUID made for each new request)"
    return None


def fingerprint(method: str, path: str, content_type: str, content: bytes) -> str:
    """What makes two requests the same request: method, path with query, type and body."""
    digest = hashlib.sha256()
    for part in (method.upper().encode(), path.encode(), content_type.lower().encode()):
        digest.update(part + b"\0")
    digest.update(content)
    return digest.hexdigest()


def is_expired(created: datetime, *, now: datetime | None = None) -> bool:
    return created < (now or clock.now()) - WINDOW


def purge_expired(*, now: datetime | None = None, user_id: int | None = None) -> int:
    """Delete the keys older than :data:`WINDOW` (of one user, or everyone's); the number."""
    rows = IdempotencyRecord.objects.filter(created__lt=(now or clock.now()) - WINDOW)
    if user_id is not None:
        rows = rows.filter(user_id=user_id)
    deleted, _ = rows.delete()
    return deleted


def forget_client_answers(coach_id: int) -> int:
    """Right to erasure: delete her coach's stored answers about clients (their paths name
    ``/clients``), which may hold the erased client's data; her own go with her login."""
    deleted, _ = IdempotencyRecord.objects.filter(
        user_id=coach_id, path__contains="/clients"
    ).delete()
    return deleted


def run_once(
    user_id: int,
    key: str,
    print_: str,
    *,
    method: str,
    path: str,
    run: Callable[[], HttpResponse],
    as_json: bool = True,
) -> HttpResponse:
    """``run()`` once for this user's ``key``; the stored answer when it ran before.

    ``print_`` is the request's :func:`fingerprint`. The record of the key and whatever
    ``run`` writes commit together, or not at all.
    """
    now = clock.now()
    with transaction.atomic():
        found = _find(user_id, key, now=now)
        if found is not None:
            return _repeat(found, key, print_, as_json=as_json)
        try:
            with transaction.atomic():
                record = IdempotencyRecord.objects.create(
                    user_id=user_id, key=key, fingerprint=print_, method=method,
                    path=path[:2000], created=now,
                )  # fmt: skip
        except IntegrityError:  # the same key, committed by a request running alongside
            found = _find(user_id, key, now=now)
            if found is None:
                return _refuse(key, "a request with this key is still running; try again", 409,
                               as_json=as_json)  # fmt: skip
            return _repeat(found, key, print_, as_json=as_json)
        response = run()
        render = getattr(response, "render", None)
        if callable(render) and not getattr(response, "is_rendered", True):
            response = render()
        if response.status_code >= 500:
            transaction.set_rollback(True)
        elif response.status_code >= 400 or response.streaming:
            record.delete()
        else:
            # an update, not a save: a request that erased a client took her coach's records
            # with it (forget_client_answers), and then there is nothing to keep
            IdempotencyRecord.objects.filter(pk=record.pk).update(
                status=response.status_code,
                headers={
                    name: value
                    for name, value in response.items()
                    if name.lower() not in _NOT_STORED
                },
                body=response.content,
            )
            purge_expired(now=now, user_id=user_id)
    return response


def _find(user_id: int, key: str, *, now: datetime) -> IdempotencyRecord | None:
    record = IdempotencyRecord.objects.filter(user_id=user_id, key=key).first()
    if record is not None and is_expired(record.created, now=now):
        record.delete()
        return None
    return record


def _repeat(record: IdempotencyRecord, key: str, print_: str, *, as_json: bool) -> HttpResponse:
    if record.fingerprint != print_:
        return _refuse(
            key,
            f"was already used for another request ({record.method} {record.path} with other "
            f"content); send a new key with each new request",
            422,
            as_json=as_json,
        )
    if record.status is None:
        return _refuse(key, "a request with this key is still running; try again", 409,
                       as_json=as_json)  # fmt: skip
    response = HttpResponse(bytes(record.body), status=record.status)
    for name, value in (record.headers or {}).items():
        response[name] = value
    response[REPLAYED_HEADER] = "true"
    return response


def _refuse(key: str, message: str, status: int, *, as_json: bool) -> HttpResponse:
    if as_json:
        detail: Any = [{"field": HEADER, "value": key[:KEY_MAX], "message": message}]
        if status != 422:
            detail = f"{HEADER}: {message}"
        return JsonResponse({"detail": detail}, status=status)
    return HttpResponse(
        f"{HEADER}: {message}", status=status, content_type="text/plain; charset=utf-8"
    )


# --- the HTTP side: one middleware for the API and the web pages ----------------------------


class IdempotencyMiddleware:
    """Honour an idempotency key on every POST (API and web pages) of a logged-in caller.

    Runs as a view middleware, after Django's session, CSRF and authentication middleware:
    the caller is the API token's user (``Authorization: Bearer``, on the API) or the
    session's, and a session request must pass the CSRF check before a stored answer is
    given back. Requests without a key run as before.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: View, args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> HttpResponse | None:
        if request.method != "POST":
            return None
        key = _key_of(request)
        if key is None:
            return None
        as_json = request.path.startswith(API_PREFIX)
        user, by_token = _caller(request, api=as_json)
        if user is None:
            return None  # the view answers 401 or sends her to the login page
        content = _content(request)  # before the CSRF check parses a form: see _content
        if content is None:
            return None  # an unreadable or oversized body: the view says so
        if not by_token and not _csrf_passes(request):
            return None  # the view refuses it (403)
        problem = key_problem(key)
        if problem:
            return _refuse(key, problem, 422, as_json=as_json)
        content_type = (request.content_type or "").lower()
        print_ = fingerprint("POST", request.get_full_path(), content_type, content)
        return run_once(
            int(user.pk), key, print_, method="POST", path=request.get_full_path(),
            run=lambda: view(request, *args, **kwargs), as_json=as_json,
        )  # fmt: skip


def _key_of(request: HttpRequest) -> str | None:
    header = request.headers.get(HEADER)
    if header is not None:
        return header.strip()
    if (request.content_type or "") in _FORM_TYPES:
        try:
            value = request.POST.get(FORM_FIELD)
        except (RequestDataTooBig, UnreadablePostError, MultiPartParserError):
            return None
        if value is not None and value.strip():
            return value.strip()
    return None


def _caller(request: HttpRequest, *, api: bool) -> tuple[Any | None, bool]:
    """The user sending the request and whether she came with an API token."""
    if api:
        auth = request.headers.get("Authorization", "")
        scheme, _, token = auth.partition(" ")
        if scheme.lower() == "bearer" and token.strip():
            user = api_tokens.user_for_token(token.strip())
            if user is not None:
                return user, True
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None, False
    return user, False


def _csrf_passes(request: HttpRequest) -> bool:
    """Django's CSRF check, also for views exempt from the middleware (the API checks it in
    its session authentication)."""
    check = CsrfViewMiddleware(lambda r: HttpResponse())
    done = getattr(request, "csrf_processing_done", False)
    request.csrf_processing_done = False  # type: ignore[attr-defined]
    try:
        check.process_request(request)
        return check.process_view(request, _checked_view, (), {}) is None
    except (RequestDataTooBig, UnreadablePostError, MultiPartParserError):
        return False
    finally:
        request.csrf_processing_done = done  # type: ignore[attr-defined]


def _checked_view(request: HttpRequest) -> HttpResponse:  # pragma: no cover - never called
    return HttpResponse()


def _content(request: HttpRequest) -> bytes | None:
    """The request's content, normalised so that the same content gives the same bytes: a
    form without its CSRF token and key, JSON without its spacing; ``None`` if unreadable.

    The body is read (and kept by Django) before any form parsing, so that a view reading
    the raw body after this still can; a multipart form parsed earlier (by the CSRF check)
    is fingerprinted from its parsed fields and files.
    """
    content_type = (request.content_type or "").lower()
    try:
        raw: bytes | None = request.body
    except RawPostDataException:
        raw = None
    except (RequestDataTooBig, UnreadablePostError):
        return None
    try:
        if content_type in _FORM_TYPES:
            fields = sorted(
                (name, values) for name, values in request.POST.lists() if name not in _NOT_CONTENT
            )
            files = sorted(
                (name, f.name or "", hashlib.sha256(b"".join(f.chunks())).hexdigest())
                for name in request.FILES
                for f in request.FILES.getlist(name)
            )
            return json.dumps([fields, files], sort_keys=True).encode()
    except (RequestDataTooBig, UnreadablePostError, MultiPartParserError):
        return None
    if raw is None:
        return None
    if content_type == "application/json" or content_type.endswith("+json"):
        try:
            # bounded like every body (issue 16 item 9): too deep or too long is left raw
            parsed = untrusted.loads_json(raw)
        except InputError:
            return raw
        return json.dumps(parsed, sort_keys=True, separators=(",", ":")).encode()
    return raw
