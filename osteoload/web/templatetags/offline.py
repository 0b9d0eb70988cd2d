"""Template tags for the installable, offline-first app (see ``views/pwa.py``).

``{% offline_user %}`` names who a page belongs to, for the service worker and the offline
queue: ``c-…`` for a client (her pages may be kept on her phone), ``s-…`` for anyone else
logged in (never kept), empty when nobody is. The value is a keyed hash of the user's id, so
a saved page never shows her database id, and it changes with the site's secret key.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.crypto import salted_hmac

from osteoload.services import access

from ..views.common import CLIENT
from ..views.pwa import theme_colours

register = template.Library()


def user_tag(user: Any) -> str:
    if user is None or not user.is_authenticated:
        return ""
    prefix = "c" if access.role_of(user) == CLIENT else "s"
    digest = salted_hmac("osteoload.offline.user", str(user.pk)).hexdigest()[:24]
    return f"{prefix}-{digest}"


@register.simple_tag(takes_context=True)
def offline_user(context: template.Context) -> str:
    return user_tag(context.get("user"))


@register.simple_tag
def theme_colour() -> str:
    return theme_colours()["theme"]
