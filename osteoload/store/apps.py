from __future__ import annotations

from django.apps import AppConfig


class StoreConfig(AppConfig):
    name = "osteoload.store"
    label = "store"
    verbose_name = "osteoload data"
    default_auto_field = "django.db.models.BigAutoField"
