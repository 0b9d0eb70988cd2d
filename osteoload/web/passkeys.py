"""Passkeys (WebAuthn) as a second factor for coaches, through django-otp-webauthn (issue 16
item 7): the plugin's JSON endpoints for registering a passkey and for signing in with one
after the password, with two changes of ours:

- only coaches may register a passkey (clients sign in with a password only);
- the origin a ceremony may come from is the page's own (scheme and host, which Django has
  checked against ``ALLOWED_HOSTS``) when its host is the relying party id or under it, besides
  ``OTP_WEBAUTHN_ALLOWED_ORIGINS`` (docs/configuration.md), so a server on any port of
  ``localhost`` works.

The plugin's own JavaScript runs the ceremonies in the browser (served from its static files,
no inline script: the configuration is a JSON data block).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.http.request import split_domain_port
from django.urls import URLPattern, path
from django.utils.translation import gettext_lazy
from django.views.i18n import JavaScriptCatalog
from django_otp_webauthn import exceptions, views
from django_otp_webauthn.helpers import WebAuthnHelper

from osteoload.services import two_factor, untrusted
from osteoload.services.errors import InputError


class Helper(WebAuthnHelper):  # type: ignore[misc]
    def get_allowed_origins(self) -> list[str]:
        origins = list(super().get_allowed_origins())
        rp_id = str(self.get_relying_party_domain())
        host, _port = split_domain_port(self.request.get_host())
        if host == rp_id or host.endswith("." + rp_id):
            origins.append(f"{self.request.scheme}://{self.request.get_host()}")
        return origins


class CoachesOnly(exceptions.OTPWebAuthnApiError):  # type: ignore[misc]
    status_code = 403
    default_code = "coaches_only"
    default_detail = gettext_lazy("Two-factor sign-in is for coaches.")


class _BoundedJson:
    """The request body read with the app's JSON limits (depth, number length): hostile JSON
    answers the plugin's 400 ``malformed_request``, never a 500 (issue 16 item 9)."""

    def _parse_request_data(self, request: HttpRequest) -> Any:
        if (request.content_type or "").split(";", 1)[0] != "application/json":
            return request.POST
        if not request.body:
            return {}
        try:
            return untrusted.loads_json(request.body)
        except (InputError, ValueError) as exc:
            raise exceptions.MalformedRequest() from exc


class _CoachRegistration(_BoundedJson):
    request: Any

    def check_can_register(self) -> None:
        if not two_factor.offered_to(self.request.user):
            raise CoachesOnly()


class BeginRegistration(_CoachRegistration, views.BeginCredentialRegistrationView):  # type: ignore[misc]
    pass


class CompleteRegistration(_CoachRegistration, views.CompleteCredentialRegistrationView):  # type: ignore[misc]
    pass


class BeginAuthentication(_BoundedJson, views.BeginCredentialAuthenticationView):  # type: ignore[misc]
    pass


class CompleteAuthentication(_BoundedJson, views.CompleteCredentialAuthenticationView):  # type: ignore[misc]
    pass


#: The plugin's names (its template tags and scripts use them), under /webauthn/.
app_name = "otp_webauthn"
urlpatterns: list[URLPattern] = [
    path("registration/begin/", BeginRegistration.as_view(),
         name="credential-registration-begin"),
    path("registration/complete/", CompleteRegistration.as_view(),
         name="credential-registration-complete"),
    path("authentication/begin/", BeginAuthentication.as_view(),
         name="credential-authentication-begin"),
    path("authentication/complete/", CompleteAuthentication.as_view(),
         name="credential-authentication-complete"),
    path("jsi18n/", JavaScriptCatalog.as_view(packages=["django_otp_webauthn"]),
         name="js-i18n-catalog"),
]  # fmt: skip
