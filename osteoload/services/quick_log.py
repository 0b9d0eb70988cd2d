"""One tap for "done as prescribed": a balance or impact item of today's session logged with
every set (hold, landings) she was prescribed, exactly once.

Balance work comes as many short sets (ten one-leg stands of 20 seconds); one tap per set
makes a session of two dozen taps. This use case records the sets of the item she has not
logged yet, each at its prescribed dose, in one transaction: a second tap (or a retried
request) finds them all logged and records nothing more.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from osteoload.wording.dose import DoseKind, dose_of

from . import coaching, concurrency
from .access import AnyUser, NotFound, client_for
from .errors import InputError, Issue
from .training_log import ProgramPaused, log_sets

#: The components whose items are logged "as prescribed" with one tap.
ONE_TAP_COMPONENTS = frozenset({"balance", "impact"})


def takes_one_tap(item: dict[str, Any]) -> bool:
    """True when a session item can be logged with one tap for all its sets: a balance or
    impact item counted in holds, repetitions or landings."""
    if item.get("component") not in ONE_TAP_COMPONENTS:
        return False
    return dose_of(item).kind in (DoseKind.HOLD, DoseKind.REPS, DoseKind.IMPACTS)


def log_as_prescribed(user: AnyUser, client_id: int, exercise_id: str, *, today: date) -> list[int]:
    """Log every set of today's ``exercise_id`` she has not logged yet, at its prescribed
    dose (today's dose from the coaching loop). Returns the new sets' ids: none when all
    were logged already. Raises :class:`InputError` (the exercise is not a balance or
    impact item of today's session) or :class:`ProgramPaused` (R32: a stop rule is in force).
    """
    client = client_for(user, client_id)
    if client.user_id != user.pk:
        raise NotFound
    dosed = coaching.dosed_today(user, client_id, today=today)
    view = dosed.view
    if view.paused:
        raise ProgramPaused(view.stop_message or _("paused until your coach has reviewed it"))
    items = (dosed.session or {}).get("items", []) if view.is_today else []
    item = next((i for i in items if i["exercise_id"] == exercise_id), None)
    if item is None:
        raise InputError([Issue("exercise_id", _("That exercise is not in today's session."),
                                exercise_id)])  # fmt: skip
    if not takes_one_tap(item):
        raise InputError([Issue(
            "exercise_id", _("Only balance and impact exercises are logged all at once."),
            exercise_id,
        )])  # fmt: skip
    dose = dose_of(item)
    field = {DoseKind.HOLD: "hold_s", DoseKind.IMPACTS: "impacts", DoseKind.REPS: "reps"}[dose.kind]
    with transaction.atomic():
        concurrency.hold_client(client.pk)
        done = client.set_logs.filter(date=today, exercise_id=exercise_id).count()
        entries = [
            {
                "date": today.isoformat(),
                "exercise_id": exercise_id,
                "set_number": n,
                field: dose.set_per_set(n),
            }
            for n in range(done + 1, dose.sets + 1)
        ]
        return log_sets(user, client_id, entries, today=today) if entries else []
