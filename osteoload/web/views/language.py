"""Choosing a language: her own (the settings page) and, for a coach, her client's (the
client's pages, booklet, calendar and report)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from osteoload.services import access, i18n
from osteoload.services.errors import InputError

from .common import coach_view


@require_POST
def own_language(request: HttpRequest) -> HttpResponse:
    """Save the language of her own pages; the next page is in it."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    try:
        chosen = i18n.set_own_language(request.user, request.POST.get("language", ""))
    except InputError as exc:
        messages.error(request, exc.render())
        return redirect("settings")
    with translation.override(chosen or translation.get_language_from_request(request)):
        messages.success(request, _("Language saved."))
    return redirect("settings")


@coach_view
@require_http_methods(["GET", "POST"])
def client_language(request: HttpRequest, client_id: int) -> HttpResponse:
    """Her coach chooses the language of a client's pages and paper."""
    client = access.client_for_coach(request.user, client_id)
    if request.method == "POST":
        try:
            i18n.set_client_language(request.user, client_id, request.POST.get("language", ""))
        except InputError as exc:
            messages.error(request, exc.render())
        else:
            messages.success(request, _("Language saved."))
            return redirect("coach-client", client_id=client_id)
    return render(
        request,
        "osteoload/coach/language.html",
        {
            "client_id": client_id,
            "name": client.name,
            "selected": i18n.client_language(client) or "",
            "languages": i18n.languages(),
        },
    )
