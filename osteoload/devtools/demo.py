"""A demo clinic: one coach, the example clients, eight weeks of realistic training.

Everything goes through the same services the web app uses, so the demo exercises the real
code paths. Deterministic for a given ``today`` and seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from osteoload.services import client_programs, clients, training_log
from osteoload.services.plans import next_monday
from osteoload.store.models import Client

from .seed import bmd_from_t, logged_entries
from .synthetic import load_example

DEMO_COACH = "coach"
DEMO_PASSWORD = "osteoload-demo"
DEMO_WEEKS = 8

#: (example profile file, login name) for the demo clients.
DEMO_CLIENTS = (
    ("01-healthy-perimenopause.yaml", "anna"),
    ("02-early-postmenopause-osteopenia.yaml", "beatriz"),
    ("03-osteoporosis-supervised-heavy.yaml", "carol"),
    ("04-vertebral-fracture-history.yaml", "dorothy"),
    ("05-frail-recurrent-faller.yaml", "elsie"),
    ("06-recent-wrist-fracture.yaml", "fiona"),
    ("07-man-low-bone-mass.yaml", "george"),
    ("08-pounds-us-client.yaml", "helen"),
)


@dataclass(frozen=True, slots=True)
class DemoLogins:
    coach: str
    clients: tuple[str, ...]
    password: str
    created: bool


def _profile(name: str, today: date, start: date) -> dict[str, Any]:
    data = load_example(name)
    data.setdefault("schedule", {})["start_date"] = start.isoformat()
    # Keep the recorded sets, tests and fractures at the same distance before the program
    # start as in the example, so the demo looks the same whatever day it is seeded.
    for item in data.get("strength", []):
        item["date"] = (start - timedelta(days=3)).isoformat()
    if "tests" in data and "date" in data["tests"]:
        data["tests"]["date"] = (start - timedelta(days=10)).isoformat()
    for fracture in data.get("fractures", []):
        if "date" in fracture and date.fromisoformat(fracture["date"]) > today - timedelta(days=60):
            fracture["date"] = (today - timedelta(days=12)).isoformat()
    for scan in data.get("bone", {}).get("scans", []):
        scan["date"] = (start - timedelta(days=40)).isoformat()
    return data


def holds_other_data() -> bool:
    """Whether the clinic holds anything but the demo: a login or a client the demo did not
    create. The demo (a coach with a public password) is never added to a real clinic."""
    demo_names = {DEMO_COACH, *(login for _, login in DEMO_CLIENTS)}
    User = get_user_model()
    if User.objects.exclude(username__in=demo_names).exists():
        return True
    return Client.objects.exclude(coach__username=DEMO_COACH).exists()


def seed_demo(*, today: date, seed: int = 7) -> DemoLogins:
    """Create the demo clinic once; later calls change nothing and return the logins."""
    names = tuple(login for _, login in DEMO_CLIENTS)
    User = get_user_model()
    if User.objects.filter(username=DEMO_COACH).exists():
        return DemoLogins(DEMO_COACH, names, DEMO_PASSWORD, created=False)
    rng = random.Random(seed)
    now = datetime.combine(today, time(9), tzinfo=UTC)
    start = next_monday(today) - timedelta(weeks=DEMO_WEEKS + 1)
    with transaction.atomic():
        coach = clients.create_coach(DEMO_COACH, DEMO_PASSWORD, display_name="Demo coach")
        for filename, login in DEMO_CLIENTS:
            client_id = clients.create_client(coach, _profile(filename, today, start), today=today)
            token = clients.create_invite(coach, client_id, now=now)
            user = clients.accept_invite(token, login, DEMO_PASSWORD, now=now)
            program_id = client_programs.generate_for_client(
                coach, client_id, today=today, start=start, weeks=12
            )
            client_programs.assign_program(coach, client_id, program_id)
            _seed_tests_and_scans(coach, client_id, today, start, rng)
            document = client_programs.program_for(coach, client_id, program_id)
            _seed_logs(user, client_id, document, today, rng)
    return DemoLogins(DEMO_COACH, names, DEMO_PASSWORD, created=True)


def _seed_tests_and_scans(
    coach: Any, client_id: int, today: date, start: date, rng: random.Random
) -> None:
    profile = clients.profile_for(coach, client_id, today=today)
    tests = profile.tests
    if tests.tug_s is not None:
        # A retest after eight weeks: a little quicker and stronger, as trials report.
        retest: dict[str, Any] = {"date": (today - timedelta(days=3)).isoformat()}
        retest["tug_s"] = round(max(4.0, tests.tug_s * rng.uniform(0.88, 0.97)), 1)
        if tests.chair_stand_30s is not None:
            retest["chair_stand_30s"] = tests.chair_stand_30s + rng.randint(1, 3)
        if tests.gait_speed_m_s is not None:
            retest["gait_speed_m_s"] = round(min(2.0, tests.gait_speed_m_s * 1.04), 2)
        if tests.single_leg_stance_s is not None:
            retest["single_leg_stance_s"] = round(tests.single_leg_stance_s * 1.2 + 1, 1)
        if tests.grip_kg is not None:
            retest["grip_kg"] = round(tests.grip_kg + rng.uniform(0.5, 2.0), 1)
        clients.record_tests(coach, client_id, retest, today=today)
    spine_t = profile.bone.lumbar_spine_t
    if spine_t is not None:
        bmd = bmd_from_t("lumbar_spine", spine_t)
        for years_back, drift in ((1, 0.012), (0, 0.0)):
            clients.record_scan(
                coach,
                client_id,
                {"site": "lumbar_spine", "date": (start - timedelta(days=365 * years_back + 40))
                 .isoformat(), "bmd_g_cm2": round(bmd + drift, 3), "t_score": spine_t,
                 "scanner": "hologic", "precision_g_cm2": 0.010},
                today=today,
            )  # fmt: skip


def _seed_logs(
    user: Any, client_id: int, document: dict[str, Any], today: date, rng: random.Random
) -> None:
    """Logs that follow the prescriptions, with plausible misses, effort and the odd ache."""
    entries = []
    for week in document.get("weeks", []):
        for session in week["sessions"]:
            day = date.fromisoformat(session["date"])
            if day >= today or rng.random() < 0.15:  # about one session in seven missed
                continue
            for item in session["items"]:
                entries += [{"date": day.isoformat(), **e} for e in logged_entries(item, rng)]
    if entries:
        training_log.log_sets(user, client_id, entries, today=today)
