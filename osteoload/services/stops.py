"""Stopping and resuming her assigned program (R32, R32a), for every front end.

The stop rules themselves live in :mod:`osteoload.domain.stop_rules`; their words in
:mod:`osteoload.wording.stops`. Here they meet the store: a stop decision pauses her program
(``Client.paused`` with the coach-facing reason), and a pause is lifted only when a new
screening of her current profile allows it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from osteoload.domain.screening import screen
from osteoload.domain.stop_rules import StopDecision, screening_decision
from osteoload.store.models import Client
from osteoload.wording import stops as stop_words

from . import mail
from .access import AnyUser, client_for
from .accounts import clinic_details
from .clients import client_profile


class ResumeRefused(Exception):
    """Her coach asked to lift a pause that her current screening does not allow (R32a)."""


def sex_of(client: Client) -> str | None:
    sex = client.profile.get("sex") if isinstance(client.profile, dict) else None
    return sex if isinstance(sex, str) else None


def current_decision(client: Client, *, today: date) -> StopDecision:
    """R32a: the stop decision for a new screening of her current profile on ``today``."""
    profile = client_profile(client, today=today)
    return screening_decision(profile, screen(profile, as_of=today), as_of=today)


def suspend(client: Client, decision: StopDecision, *, alert: bool = True) -> bool:
    """Pause her program for ``decision`` (R32, R32a); returns True if this changed anything.

    A pause already in place keeps its reason and gains the new one (a coach's record after
    her own report, or the reverse), unless it already says it. The caller holds the
    transaction. With ``alert`` (the default; False when her coach recorded the stop
    herself) her coach is emailed once the pause is committed (:mod:`.mail`).
    """
    if not decision.suspend:
        return False
    reason = stop_words.for_coach(decision, sex_of(client))
    if client.paused and _same(client.paused_reason, reason):
        return False
    client.paused_reason = (
        f"{client.paused_reason} {reason}" if client.paused and client.paused_reason else reason
    )
    client.paused = True
    client.save(update_fields=["paused", "paused_reason", "updated"])
    if alert:
        mail.alert_after_commit(client.pk)
    return True


def _same(stored: str, reason: str) -> bool:
    # The reason without its date: saving the same profile twice adds nothing.
    tail = reason.split(":", 1)[-1]
    return tail in stored


def check_resume(client: Client, *, today: date) -> None:
    """Raise :class:`ResumeRefused`, naming what is missing and how to record it, unless a
    new screening of her current profile allows the program to run (R32a)."""
    decision = current_decision(client, today=today)
    if decision.suspend:
        raise ResumeRefused(stop_words.resume_refused(decision, sex_of(client)))


@dataclass(frozen=True, slots=True)
class Contact:
    """Whom she turns to while her program is stopped: her coach, and the clinic's phone
    (settings ``OSTEOLOAD_CLINIC_NAME`` and ``OSTEOLOAD_CLINIC_PHONE``) when one is set."""

    coach: str
    clinic: str
    phone: str
    """As the clinic writes it ("01632 960 123"); empty when none is configured."""
    tel: str
    """The ``tel:`` address to dial (digits and a leading +), or empty."""


def contact_for(user: AnyUser, client_id: int) -> Contact:
    client = client_for(user, client_id)
    coach = client.coach
    account = getattr(coach, "account", None)
    name = (account.display_name if account is not None else "") or coach.get_username()
    clinic = clinic_details()
    return Contact(coach=name, clinic=clinic.name, phone=clinic.phone, tel=clinic.tel)
