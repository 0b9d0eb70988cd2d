"""Issue 17 item 5: adherence runs on across blocks, fracture rows stay put after an error,
the clearance badge on her page agrees with her screening today, and labels read once."""

from __future__ import annotations

from datetime import timedelta

from django.http import QueryDict
from django.urls import reverse

from osteoload.services import client_programs, clients, training_log
from osteoload.services.errors import Issue
from osteoload.store.models import ProgramRecord
from osteoload.web import forms
from tests.conftest import TODAY

from .conftest import PROFILE, START, make_client


def _planned_dates(coach, client_id, program_id):
    document = client_programs.program_for(coach, client_id, program_id)
    return [s["date"] for w in document["weeks"] for s in w["sessions"]]


def test_adherence_over_4_weeks_survives_a_new_block(world):
    """A client's 4-week adherence does not disappear when her coach assigns a new block:
    the sessions the earlier block planned before the new one starts stay in her calendar."""
    alice, bob = world.alice.user, world.bob.user
    later = START + timedelta(days=28)
    done = [d for d in _planned_dates(alice, world.bob_id, world.bob_program) if d < str(later)]
    for day in done[:3]:
        item = {"date": day, "exercise_id": "goblet_squat", "reps": 8, "load_kg": 10}
        training_log.log_set(bob, world.bob_id, item, today=later)
    before = clients.roster(alice, today=later, client_id=world.bob_id)[0]
    assert before.sessions_planned > 0 and before.sessions_done == 3

    new_block = client_programs.generate_for_client(
        alice, world.bob_id, today=later, start=later, weeks=4
    )
    client_programs.assign_program(alice, world.bob_id, new_block)
    after = clients.roster(alice, today=later, client_id=world.bob_id)[0]
    assert (after.sessions_planned, after.sessions_done, after.adherence_pct) == (
        before.sessions_planned,
        before.sessions_done,
        before.adherence_pct,
    )


def _posted(values):
    post = QueryDict(mutable=True)
    for key, value in values.items():
        post[key] = value
    return post


def test_fracture_rows_do_not_multiply_after_a_form_error():
    """Posting the intake form with an error shows the same rows again, not one more each
    time; a filled last row still gets an empty one after it."""
    values = forms.raw_values(_posted({"age": "x"}), forms.INTAKE_SECTIONS, fractures=True)
    for _ in range(3):
        form = forms.bind(forms.INTAKE_SECTIONS, values, [Issue("age", "wrong")], fractures=True)
        assert len(form.fracture_rows) == forms.FRACTURE_ROWS
        posted = {f"fractures[{r.index}].{c.field.name.rsplit('.', 1)[1]}": c.value
                  for r in form.fracture_rows for c in r.cells}  # fmt: skip
        values = forms.raw_values(_posted(posted), forms.INTAKE_SECTIONS, fractures=True)
    filled = {f"fractures[{i}].site": "wrist" for i in range(forms.FRACTURE_ROWS)}
    values = forms.raw_values(_posted(filled), forms.INTAKE_SECTIONS, fractures=True)
    form = forms.bind(forms.INTAKE_SECTIONS, values, fractures=True)
    assert len(form.fracture_rows) == forms.FRACTURE_ROWS + 1


def _badges(world, client_id):
    page = world.alice.browser().get(reverse("coach-client", kwargs={"client_id": client_id}))
    return page.content.decode()


def test_clearance_badge_agrees_with_the_screening_today(world):
    """R1: a program stored while she needed clearance (before it was recorded) no longer
    puts "Needs clearance" next to a "Ready" screening on her page."""
    ProgramRecord.objects.filter(pk=world.bob_program).update(status="needs_clearance")
    text = _badges(world, world.bob_id)
    assert "<dt>Status</dt><dd>Ready</dd>" in text
    assert 'badge-warn">Needs clearance' not in text


def test_clearance_badge_shows_when_the_screening_today_needs_it(world):
    """R1: PAR-Q+ yes without a doctor's clearance: the badge and the screening agree."""
    changes = {"parq_yes": [1], "clearance": {"medical": False}}
    client_id, program_id, _ = make_client(world.alice.user, "Pat Parq", None, **changes)
    assert program_id is None
    text = _badges(world, client_id)
    assert "<dt>Status</dt><dd>Needs clearance</dd>" in text
    assert 'badge-warn">Needs clearance' in text


def test_roster_counts_a_client_without_a_program(world):
    client_id = clients.create_client(world.alice.user, {**PROFILE, "name": "New"}, today=TODAY)
    row = clients.roster(world.alice.user, today=TODAY, client_id=client_id)[0]
    assert row.sessions_planned == 0 and "no_program" in row.flags
