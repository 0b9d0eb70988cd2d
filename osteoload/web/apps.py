from __future__ import annotations

from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "osteoload.web"
    label = "web"
    verbose_name = "osteoload web"

    def ready(self) -> None:
        # Compile the Spanish (and any other) catalogue when missing or older than its .po,
        # and let the wording layer speak the active language.
        from osteoload.services import i18n

        i18n.start()
