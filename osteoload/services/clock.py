"""The only place that reads the clock. Engine functions take the date as an argument.

Two readings, one clock: :func:`now` is this instant (time-zone aware, in UTC, for
timestamps the database stores) and :func:`today` is the calendar date in the clinic's time
zone (``OSTEOLOAD_TIME_ZONE``), the date every clinical rule counts from. Before Django is
configured (the engine-only commands of the command line) the machine's own time zone
stands in for the clinic's. Tests freeze the clock by replacing these two functions.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from django.conf import settings
from django.utils import timezone


def now() -> datetime:
    """This instant, time-zone aware (UTC)."""
    return datetime.now(UTC)


def today() -> date:
    """Today's date in the clinic's time zone."""
    instant = now()
    if settings.configured:
        return timezone.localdate(instant)
    return instant.astimezone().date()
