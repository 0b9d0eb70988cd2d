"""The synthetic clinic generator (issue 8): realistic, deterministic, all or nothing."""

from __future__ import annotations

import hashlib
import json
import random
from datetime import timedelta

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.test import RequestFactory, override_settings

from osteoload.devtools import seed
from osteoload.devtools.synthetic import SPECTRUM, first_load_kg, synthetic_profile
from osteoload.services import clients, training_log
from osteoload.services.catalogue import get_catalogue
from osteoload.services.errors import InputError
from osteoload.services.logs.ours import parse_log
from osteoload.services.logs.writer import write_log_csv
from osteoload.store import records
from osteoload.store.models import (
    Account,
    Client,
    DxaScanRecord,
    FunctionalTestRecord,
    PlannedSession,
    ProgramRecord,
    SetLogRow,
    SymptomReport,
)
from tests.conftest import TODAY

pytestmark = pytest.mark.django_db

SMALL = {"clients": 6, "years": 0.75, "coaches": 2, "seed": 11, "today": TODAY}


def _content_digest() -> str:
    """Everything seeded, without database ids or wall-clock timestamps."""
    out = []
    for c in Client.objects.select_related("coach", "user").order_by("name", "id"):
        login = c.user.username if c.user else None
        sets = list(
            c.set_logs.order_by("date", "exercise_id", "set_number", "id").values_list(
                "date", "exercise_id", "set_number", "reps", "load_kg", "rpe", "pain", "impacts"
            )
        )
        programs = list(c.programs.order_by("start").values_list("start", "status", "assigned"))
        tests = list(c.test_records.order_by("date").values_list("date", "values"))
        scans = list(c.scans.order_by("date", "site").values_list("date", "site", "bmd_g_cm2"))
        reports = list(c.symptom_reports.order_by("date", "id").values_list("date", "symptoms"))
        out.append([c.coach.username, login, c.name, c.profile, c.paused, sets, programs,
                    tests, scans, reports])  # fmt: skip
    return hashlib.sha256(json.dumps(out, default=str).encode()).hexdigest()


def test_seed_builds_a_clinic_through_the_services():
    summary = seed.seed_clinic(**SMALL)
    assert summary.clients == Client.objects.count() == 6
    assert summary.coaches == 2
    assert Account.objects.filter(role="coach").count() == 2
    coach = get_user_model().objects.get(username="coach-001")
    # Clients are shared between the coaches.
    assert Client.objects.filter(coach=coach).count() == 3
    assert summary.sets == SetLogRow.objects.count() > 1000
    assert summary.programs == ProgramRecord.objects.count()
    assert summary.tests == FunctionalTestRecord.objects.count() > 0
    assert summary.scans == DxaScanRecord.objects.count() > 0
    for client in Client.objects.all():
        # A new 12-week program per block; the current one is assigned and on her calendar.
        assert client.programs.filter(assigned=True).count() == 1
        assert client.programs.count() >= 3
        assert PlannedSession.objects.filter(client=client).exists()
    # The roster shows every client with adherence from the seeded logs.
    roster = clients.roster(coach, today=TODAY)
    assert len(roster) == 3
    with_logins = [r for r in roster if r.has_login and r.program_status == "ready"]
    assert any(r.adherence_pct is not None and 40 <= r.adherence_pct <= 100 for r in with_logins)


def test_seeded_logs_follow_the_prescriptions():
    seed.seed_clinic(**SMALL)
    for client in Client.objects.exclude(user=None):
        prescribed: dict[tuple[str, str], float | None] = {}
        for program in client.programs.all():
            for week in program.document["weeks"]:
                for session in week["sessions"]:
                    for item in session["items"]:
                        prescribed[(session["date"], item["exercise_id"])] = item["load_kg"]
        for row in client.set_logs.all():
            key = (row.date.isoformat(), row.exercise_id)
            assert key in prescribed, f"{key} was never prescribed"
            if row.load_kg is not None:
                # the program's load, or where it leaves the weight to her, her light start
                wanted = prescribed[key]
                assert float(row.load_kg) == (
                    wanted if wanted is not None else first_load_kg(row.exercise_id)
                )
            assert row.date < TODAY


def test_every_seeded_log_reads_back_from_its_own_csv():
    """Every set of a weighted exercise has its weight, so a client's exported log imports
    again: our CSV reader refuses a weighted exercise without one."""
    seed.seed_clinic(**SMALL)
    catalogue = get_catalogue()
    checked = 0
    for client in Client.objects.exclude(user=None):
        sets = records.set_logs_of_client(client.pk)
        assert all(s.load_kg is not None for s in sets if catalogue[s.exercise_id].loadable)
        back = parse_log(write_log_csv(sets), source="log.csv", today=TODAY)
        assert back.sets == tuple(sorted(sets, key=lambda s: (s.date, s.exercise_id, s.set)))
        checked += len(sets)
    assert checked > 1000


def test_seed_is_deterministic_for_a_seed():
    seed.seed_clinic(**SMALL)
    first = _content_digest()
    seed.remove_clinic(["coach-001", "coach-002"])
    assert Client.objects.count() == 0
    seed.seed_clinic(**SMALL)
    assert _content_digest() == first
    seed.remove_clinic(["coach-001", "coach-002"])
    seed.seed_clinic(**{**SMALL, "seed": 12})
    assert _content_digest() != first


def test_seed_covers_the_example_spectrum():
    rng = random.Random(5)
    kinds = set()
    for _ in range(300):
        doc = synthetic_profile(rng, intake=TODAY - timedelta(days=7), start=TODAY)
        kinds.add((doc.get("sex"), doc.get("menopause"), bool(doc.get("fractures")),
                   bool(doc.get("parq_yes")), bool(doc.get("symptoms"))))  # fmt: skip
        # Every synthetic profile passes the same validation as an intake form.
        clients.validated_profile(doc, today=TODAY - timedelta(days=7))
    assert len(kinds) >= 6
    assert len(SPECTRUM) == 10


def test_stop_rule_symptoms_pause_and_the_coach_resumes():
    # Seed 12: a stop report is rare (about one resistance session in 700), and since R32a
    # no program runs while screening withholds, seed 11's clinic happens to have none.
    summary = seed.seed_clinic(**{**SMALL, "clients": 12, "years": 2.0, "coaches": 1, "seed": 12})
    reports = SymptomReport.objects.exclude(symptoms=[])
    assert summary.symptom_reports == SymptomReport.objects.count()
    assert reports.exists(), "a two-year clinic of 12 sees at least one stop-rule symptom"
    # R32: no set is logged while her program is paused (from the report to her coach's review).
    for report in reports:
        quiet = (report.date + timedelta(days=1), report.date + timedelta(days=6))
        assert not report.client.set_logs.filter(date__range=quiet).exists()
        # Resumed by her coach later (she logs again), unless the pause is still on today.
        if not report.client.paused:
            assert report.client.set_logs.filter(date__gt=quiet[1]).exists() or (
                report.client.symptom_reports.filter(date__gt=report.date).exists()
            )
    assert Client.objects.filter(paused=True).count() == summary.paused


def test_seed_refuses_a_database_that_already_has_clients():
    seed.seed_clinic(**{**SMALL, "clients": 1, "coaches": 1, "years": 0.1})
    with pytest.raises(InputError) as info:
        seed.seed_clinic(**SMALL)
    assert info.value.issues[0].path == "database"
    assert "already holds 1 clients" in info.value.issues[0].message


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"clients": 0}, "clients", "allowed 1 to 100000"),
        ({"years": 0}, "years", "allowed above 0 to 10"),
        ({"years": 11}, "years", "allowed above 0 to 10"),
        ({"coaches": 0}, "coaches", "allowed 1 to 10000"),
        ({"coaches": 7}, "coaches", "at most one coach per client"),
        ({"workers": 0}, "workers", "allowed 1 to 16"),
    ],
)
def test_seed_refuses_impossible_sizes(change, field, words):
    with pytest.raises(InputError) as info:
        seed.seed_clinic(**{**SMALL, **change})
    assert [i.path for i in info.value.issues] == [field]
    assert words in info.value.issues[0].message
    assert Client.objects.count() == 0
    assert not get_user_model().objects.exists()


def test_a_failed_seed_leaves_nothing_behind(monkeypatch):
    calls = {"n": 0}
    real = training_log.log_sets_as_records

    def failing(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 5:
            raise RuntimeError("disk full")
        return real(*args, **kwargs)

    monkeypatch.setattr(training_log, "log_sets_as_records", failing)
    with pytest.raises(RuntimeError, match="disk full"):
        seed.seed_clinic(**SMALL)
    assert calls["n"] == 5
    assert not get_user_model().objects.exists()
    for model in (Client, ProgramRecord, SetLogRow, PlannedSession, SymptomReport,
                  FunctionalTestRecord, DxaScanRecord, Account):  # fmt: skip
        assert not model.objects.exists(), model.__name__


def test_seeded_logins_work_and_get_full_strength_hashes_on_first_login():
    summary = seed.seed_clinic(**{**SMALL, "clients": 2, "coaches": 1})
    username = summary.client_usernames[0]
    user = get_user_model().objects.get(username=username)
    assert user.password.startswith("argon2$argon2id$v=19$m=1024,t=1,p=1$")
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.Argon2PasswordHasher"]):
        request = RequestFactory().post("/accounts/login/")
        assert authenticate(request, username=username, password=summary.password) is not None
        user.refresh_from_db()
        assert "m=1024,t=1,p=1" not in user.password


def test_one_year_brings_quarterly_tests_and_a_yearly_scan():
    seed.seed_clinic(**{**SMALL, "clients": 3, "years": 1.5, "coaches": 1, "seed": 2})
    for client in Client.objects.all():
        start = client.programs.order_by("start").first().start
        tests = client.test_records.filter(date__gt=start)
        if client.profile.get("tests"):
            assert tests.count() >= 4  # every 13 weeks over 1.5 years
        scans = client.scans.filter(date__gt=start)
        if client.scans.exists():
            assert scans.exists()  # one a year after the baseline
