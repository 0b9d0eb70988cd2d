"""The site's URL map: the pages (``osteoload.web.urls``) and the JSON API under /api/v1/.

``ROOT_URLCONF = "osteoload.urls"``. The web and API layers are independent; this module
is the one place that puts them side by side.
"""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, include, path, re_path

from osteoload.api.v1 import api, unknown_path

urlpatterns: list[URLPattern | URLResolver] = [
    path("api/v1/", api.urls),
    re_path(r"^api/v1/(?P<rest>.*)$", unknown_path),
    path("", include("osteoload.web.urls")),
]
