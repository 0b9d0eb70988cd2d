"""``manage.py purge_idempotency_keys``: forget idempotency keys older than their window.

Keys are kept for ``osteoload.services.idempotency.WINDOW`` (7 days) so that a phone that
was offline can replay what it sent without storing it twice. A user's own expired keys are
purged whenever she stores a new one; run this daily (cron, a systemd timer) to purge the
keys of everyone else.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from osteoload.services import idempotency


class Command(BaseCommand):
    help = "Delete idempotency keys older than their window (7 days)."

    def handle(self, *args: Any, **options: Any) -> None:
        deleted = idempotency.purge_expired()
        self.stdout.write(f"Purged {deleted} expired idempotency keys.")
