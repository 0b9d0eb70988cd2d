"""What every page shares: role checks, error mapping, the clock."""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date
from typing import Concatenate, ParamSpec, TypeAlias

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from osteoload.services import access, clock

P = ParamSpec("P")
View: TypeAlias = Callable[Concatenate[HttpRequest, P], HttpResponse]
ClientView: TypeAlias = Callable[Concatenate[HttpRequest, int, P], HttpResponse]

COACH = "coach"
CLIENT = "client"


def today() -> date:
    return clock.today()


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

    return wrapper


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

    return wrapper
