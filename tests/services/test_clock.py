"""The one clock (``osteoload.services.clock``): today is the calendar date in the clinic's
time zone once Django is set up, the machine's before (the engine-only commands)."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from typing import Any

import pytest

from osteoload.services import clock

#: 12:00 UTC on 5 December is already 6 December at UTC+14 and still 5 December at UTC-10.
NOON_UTC = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("zone", "day"),
    [("UTC", 5), ("Pacific/Kiritimati", 6), ("Pacific/Honolulu", 5), ("Europe/Madrid", 5)],
)
def test_today_is_the_date_in_the_clinics_time_zone(
    settings: Any, monkeypatch: pytest.MonkeyPatch, zone: str, day: int
) -> None:
    settings.TIME_ZONE = zone
    monkeypatch.setattr(clock, "now", lambda: NOON_UTC)
    assert clock.today().isoformat() == f"2026-12-{day:02d}"


def test_a_date_just_after_midnight_in_the_clinic_is_the_new_day(
    settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.TIME_ZONE = "Europe/Madrid"  # UTC+1 in December
    monkeypatch.setattr(clock, "now", lambda: datetime(2026, 12, 5, 23, 30, tzinfo=UTC))
    assert clock.today().isoformat() == "2026-12-06"


def test_before_django_is_set_up_today_is_the_machines_date_and_django_is_not_loaded() -> None:
    """``osteoload next`` never sets Django up: reading the clock must not import it (it
    costs a command about 35 ms) and must give the machine's own date."""
    script = (
        "import sys\n"
        "from datetime import datetime\n"
        "from osteoload.services import clock\n"
        "day = clock.today()\n"
        "print(day == datetime.now().astimezone().date(), 'django' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        env={"TZ": "Pacific/Kiritimati", "PATH": ""},
    )
    assert out.stdout.split() == ["True", "False"], out.stderr
