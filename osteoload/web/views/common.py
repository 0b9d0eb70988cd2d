"""What every page shares: role checks, error mapping, the clock."""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date
from typing import Concatenate, ParamSpec, TypeAlias

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, OperationalError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from osteoload.services import access, audit, clock, concurrency

P = ParamSpec("P")
View: TypeAlias = Callable[Concatenate[HttpRequest, P], HttpResponse]
ClientView: TypeAlias = Callable[Concatenate[HttpRequest, int, P], HttpResponse]

COACH = "coach"
CLIENT = "client"


def today() -> date:
    return clock.today()


def audited(
    request: HttpRequest,
    action: audit.Action,
    client_id: int,
    object_type: str,
    object_id: int | None = None,
    summary: str = "",
) -> None:
    """One audit entry for a page that showed her health data or a change made on a page
    (``via`` ``web``), written by the same service as the API's (one INSERT)."""
    audit.record(
        request.user, action, client_id=client_id, object_type=object_type,
        object_id=object_id, summary=summary, via="web",
    )  # fmt: skip


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def coach_view(view: View[P]) -> View[P]:
    """Logged in (else the login page), role coach (else 403); others' objects are 404."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, /, *args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if access.role_of(request.user) != COACH:
            raise PermissionDenied("This page is for coaches.")
        try:
            return view(request, *args, **kwargs)
        except access.NotFound:
            raise Http404 from None
        except access.Forbidden:
            raise PermissionDenied from None
        except (concurrency.Collision, IntegrityError, OperationalError) as exc:
            return collision_page(request, exc)

    return wrapper


def collision_page(request: HttpRequest, exc: Exception) -> HttpResponse:
    """409: another request changed the same record at the same moment and this one wrote
    nothing (:mod:`osteoload.services.concurrency`). Any other database error propagates."""
    if isinstance(exc, OperationalError) and not concurrency.is_busy(exc):
        raise exc
    message = (
        exc.issues[0].message
        if isinstance(exc, concurrency.Collision)
        else str(concurrency.Collision())
    )
    back = request.path if request.method in ("GET", "HEAD") else reverse("home")
    return render(request, "409.html", {"message": message, "back": back}, status=409)


def client_view(view: ClientView[P]) -> View[P]:
    """Logged in, role client; the view receives her own client id (no id in the URL)."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, /, *args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if access.role_of(request.user) != CLIENT:
            raise PermissionDenied("This page is for clients.")
        try:
            client_id = int(access.own_client(request.user).pk)
            return view(request, client_id, *args, **kwargs)
        except access.NotFound:
            raise Http404 from None
        except access.Forbidden:
            raise PermissionDenied from None
        except (concurrency.Collision, IntegrityError, OperationalError) as exc:
            return collision_page(request, exc)

    return wrapper
