"""Issue 13, end to end: she logs her impact work on a phone exactly as the program says.

The defect this guards: a 50-impact item showed "50 landings, 5 times" and pre-filled 50 in
each of 5 sets, so a client following her phone logged five times her dose. Here she taps
"Done" for every set the page asks for, and the stored total equals the program's.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from osteoload.devtools import simulation
from osteoload.services import client_programs, clients, coaching, training_log
from tests.conftest import TODAY

from .support import (
    PASSWORD,
    PageChecks,
    assert_phone_readable,
    coach_opens_her_next_session,
    log_in,
)

pytestmark = pytest.mark.django_db(transaction=True)

NAME = "Ines Client"
PROFILE: dict[str, Any] = {
    "name": NAME,
    "age": 56,
    "sex": "female",
    "menopause": "post",
    "years_since_menopause": 4,
    "bone": {"lumbar_spine_t": -1.4, "total_hip_t": -1.1},
    "falls_last_year": 0,
    "parq_yes": [],
    "clearance": {"medical": True, "impact": True},
    "experience": "novice",
    "equipment": ["dumbbells", "bodyweight", "chair", "step"],
    "schedule": {"resistance_days": [TODAY.isoweekday(), (TODAY.isoweekday() + 2) % 7 + 1]},
}


def ines_in_week_six() -> tuple[Any, int, dict[str, Any]]:
    """Her coach, her profile, a program that started five weeks ago, assigned, her login,
    and five weeks of sessions logged as her phone asked (so her impact work has grown to
    several sets, R10a). Returns (coach, client id, today's impact item as Today doses it)."""
    coach = clients.create_coach("coach", PASSWORD, display_name="Coach Ana")
    start = TODAY - timedelta(weeks=5)
    client_id = clients.create_client(coach, PROFILE, today=start)
    program_id = client_programs.generate_for_client(
        coach, client_id, today=start, start=start, weeks=8
    )
    client_programs.assign_program(coach, client_id, program_id)
    token = clients.create_invite(coach, client_id, now=timezone.now())
    user = clients.accept_invite(token, "ines", PASSWORD, now=timezone.now())
    for offset in range((TODAY - start).days):
        simulation.log_as_prescribed(user, client_id, start + timedelta(days=offset))
    dosed = coaching.dosed_today(user, client_id, today=TODAY)
    assert dosed.view.is_today, "the program has a session today"
    session = dosed.session
    assert session is not None
    impact = [i for i in session["items"] if i.get("impacts")]
    assert impact and impact[0]["sets"] > 1, f"a multi-set impact item today: {session}"
    return coach, client_id, impact[0]


def test_she_logs_exactly_the_impacts_the_program_prescribes(
    open_page: Any, checks: PageChecks
) -> None:
    coach, client_id, planned = ines_in_week_six()
    sets, per_set, total = planned["sets"], planned["reps"], planned["impacts"]
    assert sets * per_set == total

    phone = open_page("phone")
    log_in(phone, checks, "ines", PASSWORD)
    expect(phone.get_by_role("heading", level=1)).to_have_text("Today's exercises")
    item = phone.locator(f"#item-{planned['exercise_id']}")
    dose = item.locator(".dose")
    expect(dose).to_contain_text(f"{sets} sets of {per_set} landings ({total} in all)")
    field = item.get_by_label("How many landings in this set")
    expect(field).to_have_value(str(per_set))
    count = item.locator(f"#count-{planned['exercise_id']}")
    expect(count).to_have_text(re.compile(rf"^0 of {sets} done"))
    item.scroll_into_view_if_needed()
    checks.check(phone, "today-impact-item")
    assert_phone_readable(phone)

    button = item.get_by_role("button", name="✓ Done", exact=True)
    for done in range(1, sets + 1):
        button.tap()
        expect(count).to_have_text(re.compile(rf"^{done} of {sets} done"))
    expect(count).to_contain_text("✓ Well done")
    checks.check(phone, "today-impact-done")

    logged = [
        r
        for r in training_log.sets_on(coach, client_id, TODAY)
        if r["exercise_id"] == planned["exercise_id"]
    ]
    assert len(logged) == sets
    assert sum(r["impacts"] for r in logged) == total

    desktop = open_page("desktop")
    # Her next session, worked out from her log, is what her phone showed.
    panel = coach_opens_her_next_session(desktop, checks, "coach", PASSWORD, NAME)
    row = panel.get_by_role("row").filter(has_text=planned["name"]).first
    expect(row).to_contain_text(f"{sets} × {per_set} impacts ({total} a session)")
    row.scroll_into_view_if_needed()
    checks.check(desktop, "coach-program-impact-row")
