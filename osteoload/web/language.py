"""The language of a page for a logged-in user: the one set on her account (or, for a
client, on her record) wins over the browser's ``Accept-Language``, which Django's
``LocaleMiddleware`` has applied before."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import translation

from osteoload.services.i18n import user_language


class AccountLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = user_language(getattr(request, "user", None))
        request.saved_language = chosen or ""  # type: ignore[attr-defined]
        if chosen is not None:
            translation.activate(chosen)
            request.LANGUAGE_CODE = chosen
        return self.get_response(request)
