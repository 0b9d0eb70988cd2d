"""A client with three years of training, told through the services by the seed's story
(:mod:`osteoload.devtools.seed`): programs every 12 weeks, sessions logged (or missed) day by
day. Shared by the history tests (web and browser)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from osteoload.devtools.seed import SeedSummary, coach_username, seed_share
from osteoload.devtools.seed_worker import SeedPlan
from osteoload.services import clients
from osteoload.store.models import Client

YEARS = 3


@dataclass
class SeededClient:
    coach: Any
    client_id: int
    user: Any
    """Her login (made here when the story left her invitation pending)."""
    login: str
    sets: int


def seed_three_years(*, today: date, password: str, seed: int = 17) -> SeededClient:
    """One coach (``coach-001``) and one client with :data:`YEARS` years of log up to
    ``today``, with her own login ``her-login``."""
    coach = clients.create_coach(coach_username(1), password, display_name="Coach History")
    weeks = YEARS * 52
    plan = SeedPlan(
        clients=1, coaches=1, seed=seed, today=today, password=password,
        first_monday=today - timedelta(days=today.weekday()) - timedelta(weeks=weeks),
        weeks=weeks,
    )  # fmt: skip
    summary = SeedSummary(password=password, coaches=1)
    seed_share(plan, 0, 1, summary, None)
    client = Client.objects.get(coach=coach)
    user = client.user
    if user is None:
        token = clients.create_invite(coach, client.pk, now=timezone.now())
        user = clients.accept_invite(token, "her-login", password, now=timezone.now())
    return SeededClient(coach, client.pk, user, user.get_username(), summary.sets)
