"""Shared plumbing for CLI commands: output formats, the clock, and the error contract."""

from __future__ import annotations

import gc
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from enum import StrEnum
from functools import cache
from typing import TYPE_CHECKING, Any, NoReturn

import typer

from osteoload.domain.errors import DomainError
from osteoload.services import clock
from osteoload.services.errors import InputError
from osteoload.services.profile_schema import START_DATE_WINDOW_DAYS
from osteoload.wording import _

if TYPE_CHECKING:
    from rich.console import Console


# The consoles are made (and rich imported, ~50 ms) on first use: a command that prints JSON
# or a plain line never pays for them.
@cache
def console() -> Console:
    """Standard output, for text a person reads."""
    from rich.console import Console

    return Console(highlight=False, soft_wrap=True)


@cache
def err_console() -> Console:
    """Standard error: problems, progress and status lines."""
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


#: Python's collector thresholds as the process started.
_USUAL_GC_THRESHOLD = gc.get_threshold()


def collect_less_often() -> None:
    """A young-generation collection every 100,000 new objects instead of every 700, for a
    command: one short process whose objects mostly live to its end (the catalogue, her log,
    the engine's records), which frequent collections walk again and again for nothing
    (~70 ms of a one-second ``osteoload next``, issue 19)."""
    gc.set_threshold(100_000, 20, 100)


def collect_as_usual() -> None:
    """Python's own thresholds again: for a process that runs for days (the web server)."""
    gc.set_threshold(*_USUAL_GC_THRESHOLD)


def freeze_what_is_loaded() -> None:
    """Move every object alive now out of the collector's sight for good (``gc.freeze``):
    for the server, right before its workers are forked, once the app is loaded. A full
    collection in a worker walks every object it can see; with the app's modules, views and
    API schemas among them it paused the worker for about 60 ms (125,000 objects), in the
    middle of a request and while the other worker served the queue alone; without them,
    about 15 ms (33,000). The frozen objects live as long as the server anyway, and the
    workers share their memory pages with the server instead of copying them when a
    collection touches them."""
    gc.collect()
    gc.freeze()


class TextOrJson(StrEnum):
    TEXT = "text"
    JSON = "json"


def fail(message: str) -> NoReturn:
    """Print an input error on stderr and exit 2 (the CLI's error contract)."""
    err_console().print(f"error: {message}", markup=False)
    raise typer.Exit(code=2)


def fail_out_of_range(option: str, value: object, low: object, high: object) -> NoReturn:
    """``--weeks: 60 is out of range; allowed 1 to 52``, in the active language."""
    fail(
        f"{option}: "
        + _("%(value)s is out of range; allowed %(low)s to %(high)s")
        % {"value": value, "low": low, "high": high}
    )


@contextmanager
def input_errors() -> Iterator[None]:
    """Turn every input problem into a clear message and exit status 2, never a traceback."""
    try:
        yield
    except InputError as exc:
        fail(exc.render())
    except DomainError as exc:
        fail(str(exc))


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def parse_date_option(value: str | None, option: str) -> date | None:
    """A YYYY-MM-DD option within five years of today (exit 2 otherwise)."""
    if value is None:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        fail(
            f"{option}: "
            + _("%(value)s is not a date; write it as YYYY-MM-DD") % {"value": repr(value)}
        )
    now = clock.today()
    window = timedelta(days=START_DATE_WINDOW_DAYS)
    if not now - window <= day <= now + window:
        fail(
            f"{option}: "
            + _("%(value)s is too far from today; allowed %(low)s to %(high)s")
            % {
                "value": value,
                "low": (now - window).isoformat(),
                "high": (now + window).isoformat(),
            }
        )
    return day


def as_of_or_today(value: str | None, option: str = "--as-of") -> date:
    return parse_date_option(value, option) or clock.today()


Renderer = Callable[[Any], None]
