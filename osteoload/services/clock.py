"""The only place that reads the clock. Engine functions take the date as an argument.

Two readings, one clock: :func:`now` is this instant (time-zone aware, in UTC, for
timestamps the database stores) and :func:`today` is the calendar date in the clinic's time
zone (``OSTEOLOAD_TIME_ZONE``), the date every clinical rule counts from. Before Django is
configured (the engine-only commands of the command line) the machine's own time zone
stands in for the clinic's. Tests freeze the clock by replacing these two functions.

Django is not imported here: a command that never sets it up (``osteoload next``) should
not pay for loading it, and Django cannot be configured before ``django.conf`` is imported.
"""

from __future__ import annotations

import sys
from datetime import UTC, date, datetime


def now() -> datetime:
    """This instant, time-zone aware (UTC)."""
    return datetime.now(UTC)


def today() -> date:
    """Today's date in the clinic's time zone."""
    instant = now()
    conf = sys.modules.get("django.conf")
    if conf is not None and conf.settings.configured:
        from django.utils import timezone

        return timezone.localdate(instant)
    return instant.astimezone().date()
