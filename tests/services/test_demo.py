from __future__ import annotations

import pytest

from osteoload.devtools.demo import DEMO_CLIENTS, seed_demo
from osteoload.services import clients
from osteoload.services.training_log import log_rows
from tests.conftest import TODAY

pytestmark = pytest.mark.django_db


def test_demo_clinic_has_a_coach_clients_logs_tests_and_scans():
    logins = seed_demo(today=TODAY)
    assert logins.created
    from django.contrib.auth import get_user_model

    coach = get_user_model().objects.get(username=logins.coach)
    roster = clients.roster(coach, today=TODAY)
    assert len(roster) == len(DEMO_CLIENTS)
    ready = [r for r in roster if r.program_status == "ready"]
    assert len(ready) >= 6
    assert all(r.has_login for r in roster)
    # Eight weeks of logs with plausible misses: adherence is high but not perfect.
    adherence = [r.adherence_pct for r in ready if r.adherence_pct is not None]
    assert adherence and 60 <= sum(adherence) / len(adherence) < 100
    rows = log_rows(coach, roster[1].client_id)
    assert len(rows) > 50
    assert seed_demo(today=TODAY).created is False
