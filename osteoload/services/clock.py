"""The only place that reads the clock. Engine functions take the date as an argument."""

from __future__ import annotations

from datetime import date


def today() -> date:
    return date.today()
