"""Her next session's prescription computed ahead, after she logs, so that her first view of
that day is a cache read instead of a replay of her whole log (issue 19).

Her Today page shows the prescription of the coaching loop (:mod:`.coaching`), cached under a
key of everything it reads, her sets before the day included: the first view of a day
replays her log (0.4 to 0.9 s for three years of sets). The sets she logs today are the last
thing that prescription reads, so once she has finished logging, the answer for her next
planned session can be computed and kept under the very key that day's first view will ask
for. Anything she changes afterwards (another set, a correction, her coach's swap) gives
that day a new key, never a stale answer.

:func:`after_logging` (called by the front ends after a set is stored) only notes her in a
table, an O(1) step on the hot path of logging a set. One background thread per server
process (started on the first note) computes each noted client :data:`QUIET_S` seconds after
her last set, once per client however many sets she logged, and closes its own database
connection. ``OSTEOLOAD_NEXT_AHEAD`` turns it off (the tests call :func:`run_due`).
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import connection

from osteoload.store.models import Client, PlannedSession

from . import coaching, i18n
from .access import AnyUser, NotFound, client_for

logger = logging.getLogger(__name__)

#: Seconds after her last logged set before her next session is computed: she logs a set
#: every minute or two, and only the answer after her last set is worth computing.
QUIET_S = 120.0
#: How far ahead her next planned session may be for it to be prepared (days).
HORIZON_DAYS = 7


@dataclass(frozen=True, slots=True)
class _Noted:
    user: AnyUser
    today: date
    due: float


_NOTED: dict[int, _Noted] = {}
_GUARD = threading.Lock()
_THREAD: list[threading.Thread] = []


def after_logging(user: AnyUser, client_id: int, *, today: date) -> None:
    """Note that she logged on ``today``: her next session is prepared :data:`QUIET_S`
    seconds after her last set (nothing when ``OSTEOLOAD_NEXT_AHEAD`` is off)."""
    if not getattr(settings, "OSTEOLOAD_NEXT_AHEAD", True):
        return
    with _GUARD:
        _NOTED[client_id] = _Noted(user, today, time.monotonic() + QUIET_S)
    # No wake-up: a note is due QUIET_S from now, never before the loop's next turn (it
    # sleeps at most QUIET_S), so logging a set costs the loop nothing.
    _ensure_thread()


def _ensure_thread() -> None:
    """Start this process's background thread unless it runs."""
    with _GUARD:
        if not _THREAD or not _THREAD[0].is_alive():
            thread = threading.Thread(target=_loop, name="next-ahead", daemon=True)
            _THREAD[:] = [thread]
            thread.start()


def _loop() -> None:
    while True:
        with _GUARD:
            soonest = min((n.due for n in _NOTED.values()), default=None)
        time.sleep(QUIET_S if soonest is None else max(0.0, soonest - time.monotonic()))
        try:
            run_due()
        except Exception:  # a failure costs her a replay at her next view, nothing else
            logger.exception("preparing next sessions ahead failed")
        finally:
            connection.close()  # this thread's own connection


def run_due(*, now: float | None = None) -> list[int]:
    """Prepare every noted client whose quiet time is over (all of them with ``now=inf``);
    the ids of the clients prepared."""
    moment = time.monotonic() if now is None else now
    with _GUARD:
        due = {cid: n for cid, n in _NOTED.items() if n.due <= moment}
        for cid in due:
            del _NOTED[cid]
    done = []
    for client_id, noted in due.items():
        if prepare(noted.user, client_id, today=noted.today) is not None:
            done.append(client_id)
    return done


def prepare(user: AnyUser, client_id: int, *, today: date) -> date | None:
    """Compute and keep her prescription for her next planned session after ``today`` (within
    :data:`HORIZON_DAYS`) under the key that day's first view asks for; the day, or ``None``
    when there is nothing to prepare (no assigned program or session ahead, paused, already
    kept, or her record gone)."""
    try:
        client = client_for(user, client_id)
    except NotFound:
        return None
    record = coaching.assigned_program(client)
    if client.paused or record is None:
        return None
    day = (
        PlannedSession.objects.filter(
            client_id=client.pk,
            date__gt=today,
            date__lte=today + timedelta(days=HORIZON_DAYS),
        )
        .order_by("date")
        .values_list("date", flat=True)
        .first()
    )
    if day is None:
        return None
    # kept until that day is over, then as long as any answer of the day
    timeout = (day - today).days * 86_400 + coaching.NEXT_CACHE_SECONDS
    # worded in her language, the one her first view of that day will most likely ask for
    # (another reader's words are made from the decisions kept with them)
    with i18n.language(_her_language(client)):
        _answer, computed = coaching.next_on(client, record, day, timeout=timeout)
    return day if computed else None


def _her_language(client: Client) -> str | None:
    """The language of her pages (``i18n.user_language``: her record's, else her account's;
    ``None``: the default)."""
    if client.user_id is None:
        return i18n.client_language(client)
    return i18n.user_language(client.user)


def forget() -> None:
    """Drop every note (tests)."""
    with _GUARD:
        _NOTED.clear()
