from __future__ import annotations

from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "osteoload.web"
    label = "web"
    verbose_name = "osteoload web"
