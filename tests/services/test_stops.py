"""R32 and R32a through the services: a coach's red flag stops her program exactly like her
own stop report; it resumes only when a new screening allows it; a program that screening
withholds or that needs clearance is never generated or assigned."""

from __future__ import annotations

import importlib
from datetime import timedelta
from typing import Any

import pytest
from django.apps import apps as django_apps

from osteoload.services import audit, client_programs, clients, training_log
from osteoload.services.errors import InputError
from osteoload.services.stops import ResumeRefused
from osteoload.services.training_log import ProgramPaused
from osteoload.store.models import Client, ProgramRecord
from tests.conftest import TODAY
from tests.web.conftest import PROFILE, START, make_client

pytestmark = pytest.mark.django_db

FIVE_DAYS_AGO = (TODAY - timedelta(days=5)).isoformat()


@pytest.fixture
def clinic() -> dict[str, Any]:
    coach = clients.create_coach("alice", "a-long-enough-passphrase")
    client_id, program_id, user = make_client(coach, "Bea Client", "bea")
    return {"coach": coach, "client_id": client_id, "program_id": program_id, "user": user}


def red_flag_profile() -> dict[str, Any]:
    """Her profile after the coach records a spine fracture 5 days ago and new back pain."""
    return {
        **PROFILE, "name": "Bea Client", "symptoms": ["new_severe_back_pain"],
        "fractures": [{"site": "vertebra", "date": FIVE_DAYS_AGO, "low_trauma": True}],
    }  # fmt: skip


def test_r32a_coach_red_flag_pauses_the_assigned_program(clinic):
    coach, client_id, user = clinic["coach"], clinic["client_id"], clinic["user"]
    assert clients.update_profile(coach, client_id, red_flag_profile(), today=TODAY) is True
    client = Client.objects.get(pk=client_id)
    assert client.paused
    assert "R32a" in client.paused_reason and FIVE_DAYS_AGO in client.paused_reason
    assert "new severe back pain" in client.paused_reason
    # The roster shows the stop first.
    other, _, _ = make_client(coach, "Aaron Early", None)
    rows = clients.roster(coach, today=TODAY)
    assert rows[0].client_id == client_id and rows[0].flags[0] == "needs_review"
    # Her phone: the stop screen, no session, in her words.
    view = client_programs.today_session(user, client_id, today=TODAY)
    assert view.paused and view.stop_source == "coach_record"
    assert "spine fracture" in view.stop_message and "contact your doctor" in view.stop_message
    # Logging is refused (R32 semantics).
    entry = {"date": TODAY.isoformat(), "exercise_id": "goblet_squat", "reps": 10}
    with pytest.raises(ProgramPaused):
        training_log.log_set(user, client_id, entry, today=TODAY)
    # Audited, without clinical values.
    _, entries = audit.entries_for_coach(coach, client_id=client_id)
    assert any("R32a" in e.summary for e in entries)


def test_r32a_saving_the_same_red_flag_twice_says_it_once(clinic):
    coach, client_id = clinic["coach"], clinic["client_id"]
    clients.update_profile(coach, client_id, red_flag_profile(), today=TODAY)
    assert clients.update_profile(coach, client_id, red_flag_profile(), today=TODAY) is False
    assert Client.objects.get(pk=client_id).paused_reason.count("R32a") == 1


def test_r32a_a_ready_profile_update_does_not_pause(clinic):
    coach, client_id = clinic["coach"], clinic["client_id"]
    changed = {**PROFILE, "name": "Bea Client", "age": 63}
    assert clients.update_profile(coach, client_id, changed, today=TODAY) is False
    assert not Client.objects.get(pk=client_id).paused


@pytest.mark.parametrize(
    "change",
    [
        {"blood_pressure": {"systolic": 165, "diastolic": 90}},
        {"symptoms": ["chest_pain"]},
        {"conditions": ["unstable_angina"]},
        {"fractures": [{"site": "wrist", "date": FIVE_DAYS_AGO}]},
        {"parq_yes": [2], "clearance": {}},
    ],
    ids=["R5-bp", "R32-symptom", "R2-contraindication", "R3-fracture", "R1-clearance"],
)
def test_r32a_each_red_flag_or_missing_clearance_pauses(clinic, change):
    coach, client_id = clinic["coach"], clinic["client_id"]
    assert clients.update_profile(coach, client_id, {**PROFILE, **change}, today=TODAY)
    assert Client.objects.get(pk=client_id).paused


def test_r32a_resume_is_refused_while_screening_still_withholds(clinic):
    coach, client_id, user = clinic["coach"], clinic["client_id"], clinic["user"]
    clients.update_profile(coach, client_id, red_flag_profile(), today=TODAY)
    with pytest.raises(ResumeRefused) as info:
        training_log.resume(coach, client_id, today=TODAY)
    message = str(info.value)
    assert "Seen and cleared by a physiotherapist" in message  # how to record what is missing
    assert "remove the symptoms" in message
    assert Client.objects.get(pk=client_id).paused
    # Thirteen weeks on, the back pain checked and a physiotherapist's sign-off recorded: resumes.
    later = TODAY + timedelta(weeks=13)
    healed = {**red_flag_profile(), "symptoms": [], "clearance": {"medical": True, "physio": True}}
    clients.update_profile(coach, client_id, healed, today=later)
    training_log.resume(coach, client_id, today=later)
    assert not Client.objects.get(pk=client_id).paused
    assert not client_programs.today_session(user, client_id, today=later).paused


def test_r32_resume_after_her_own_report_needs_only_the_review(clinic):
    coach, client_id, user = clinic["coach"], clinic["client_id"], clinic["user"]
    report = {"date": TODAY.isoformat(), "symptoms": ["dizziness"]}
    assert training_log.report_symptoms(user, client_id, report, today=TODAY)
    view = client_programs.today_session(user, client_id, today=TODAY)
    assert view.stop_source == "client_report" and "dizzy" in view.stop_message
    assert "reported dizziness" in Client.objects.get(pk=client_id).paused_reason
    training_log.resume(coach, client_id, today=TODAY)
    assert not Client.objects.get(pk=client_id).paused


def test_r32a_no_program_is_generated_while_screening_needs_clearance():
    coach = clients.create_coach("carol", "a-long-enough-passphrase")
    client_id = clients.create_client(coach, {**PROFILE, "clearance": {}, "parq_yes": [1]},
                                      today=TODAY)  # fmt: skip
    with pytest.raises(InputError) as info:
        client_programs.generate_for_client(coach, client_id, today=TODAY, start=START)
    paths = [i.path for i in info.value.issues]
    assert "clearance.medical" in paths
    assert "Cleared by her doctor to exercise" in str(info.value)
    assert not ProgramRecord.objects.filter(client_id=client_id).exists()
    blockers = client_programs.generation_blockers(
        clients.profile_for(coach, client_id, today=TODAY), today=TODAY
    )
    assert blockers and "needs clearance" in blockers[0]


def test_r32a_a_stored_program_that_is_not_ready_cannot_be_assigned(clinic):
    coach, client_id = clinic["coach"], clinic["client_id"]
    record = ProgramRecord.objects.create(
        client_id=client_id, start=START, weeks=12, status="needs_clearance",
        document={"status": "needs_clearance", "weeks": [], "screening": {}},
    )  # fmt: skip
    with pytest.raises(InputError, match="needs clearance"):
        client_programs.assign_program(coach, client_id, record.pk)
    assert not ProgramRecord.objects.get(pk=record.pk).assigned
    assert ProgramRecord.objects.get(pk=clinic["program_id"]).assigned
    # The programs table says what the stored program holds: 0 weeks, not the 12 asked for
    # (migration 0004 corrects programs stored before generation refused them).
    migration = importlib.import_module("osteoload.store.migrations.0004_program_weeks_as_stored")
    migration.weeks_as_stored(django_apps, None)
    weeks = {p.program_id: p.weeks for p in client_programs.programs_of(coach, client_id)}
    assert weeks[record.pk] == 0 and weeks[clinic["program_id"]] == 4


def test_r32a_what_is_missing_speaks_of_a_man_as_him():
    coach = clients.create_coach("dan", "a-long-enough-passphrase")
    man = {**PROFILE, "sex": "male", "clearance": {}, "parq_yes": [1]}
    man.pop("menopause"), man.pop("years_since_menopause")
    client_id = clients.create_client(coach, man, today=TODAY)
    blockers = client_programs.generation_blockers(
        clients.profile_for(coach, client_id, today=TODAY), today=TODAY
    )
    assert blockers and "Cleared by his doctor to exercise" in blockers[0]
    assert not any(" her " in b or b.startswith("Her") for b in blockers), blockers


def test_r32a_a_generated_program_stores_the_weeks_it_holds(clinic):
    coach, client_id = clinic["coach"], clinic["client_id"]
    program_id = client_programs.generate_for_client(coach, client_id, today=TODAY, weeks=3)
    stored = ProgramRecord.objects.get(pk=program_id)
    assert stored.weeks == len(stored.document["weeks"]) == 3
