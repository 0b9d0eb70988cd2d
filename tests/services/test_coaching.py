"""The coaching loop in the app (issue 14): her Today page, the API's ``next`` and the
command line's ``next`` give the same prescription for the same stored data, and a client
who logs what Today asks sees heavier loads within two weeks."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
import yaml
from typer.testing import CliRunner

from osteoload.cli.main import app
from osteoload.devtools import simulation
from osteoload.domain.vocabulary import Units
from osteoload.services import client_programs, clients, coaching, training_log
from osteoload.services.catalogue import get_catalogue
from osteoload.services.logs import write_log_csv
from osteoload.wording.progression import reason_text
from tests.conftest import EXAMPLES

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-enough-passphrase"
#: The Monday after example 02's newest strength set (2026-11-18).
START = date(2026, 11, 23)


def example(name: str) -> dict:
    path = next(p for p in EXAMPLES if name in p.name)
    return json.loads(json.dumps(yaml.safe_load(path.read_text()), default=str))


@pytest.fixture
def beatriz():
    """Her coach, her intake (example 02, program from START), an assigned 12-week program
    and her login. Returns (coach, client user, client id)."""
    coach = clients.create_coach("coach", PASSWORD)
    data = example("02-early")
    data["schedule"]["start_date"] = START.isoformat()
    client_id = clients.create_client(coach, data, today=START)
    program_id = client_programs.generate_for_client(
        coach, client_id, today=START, start=START, weeks=12
    )
    client_programs.assign_program(coach, client_id, program_id)
    now = datetime.combine(START, datetime.min.time(), tzinfo=UTC)
    token = clients.create_invite(coach, client_id, now=now)
    user = clients.accept_invite(token, "beatriz", PASSWORD, now=now)
    return coach, user, client_id


def loads(session: dict) -> dict[str, float]:
    return {i["exercise_id"]: i["load_kg"] for i in session["items"] if i.get("load_kg")}


def follow(user, client_id: int, days: int) -> list[tuple[date, dict]]:
    shown = []
    for offset in range(days):
        day = START + timedelta(days=offset)
        session = simulation.log_as_prescribed(user, client_id, day)
        if session is not None:
            shown.append((day, session))
    return shown


def test_logging_what_today_asks_brings_heavier_loads_within_two_weeks(beatriz):
    """R18 / R34: after two weeks of sessions logged as prescribed, Today prescribes a
    heavier load on at least one lift, and no lift lighter than in week 1."""
    _coach, user, client_id = beatriz
    shown = follow(user, client_id, 14)  # weeks 1 and 2
    first = {}
    for _day, session in shown:
        for exercise_id, load in loads(session).items():
            first.setdefault(exercise_id, load)
    assert first, "week 1 prescribes loads from her strength sets"
    later = follow_one_day(user, client_id, START + timedelta(days=14))  # week 3, Monday
    now = loads(later)
    heavier = {e: (first[e], kg) for e, kg in now.items() if e in first and kg > first[e]}
    assert heavier, f"no heavier load after two weeks: {now} vs {first}"


def follow_one_day(user, client_id: int, day: date) -> dict:
    """Today on ``day`` (a session day), dosed by the coaching loop, without logging."""
    session = coaching.dosed_today(user, client_id, today=day).session
    assert session is not None
    return session


def test_app_api_and_command_line_prescribe_the_same(beatriz, client, settings, tmp_path):
    """R22a: the app's Today, ``GET /api/v1/clients/{id}/next`` and ``osteoload next`` on
    the same profile and log agree on every item's dose."""
    coach, user, client_id = beatriz
    follow(user, client_id, 10)
    day = START + timedelta(days=11)  # a Friday session day in week 2
    nxt = coaching.next_for_client(coach, client_id, today=day)
    assert nxt is not None
    app_doc = coaching.next_document(nxt)

    settings.ROOT_URLCONF = "osteoload.urls"
    client.force_login(coach)
    response = client.get(f"/api/v1/clients/{client_id}/next", {"as_of": day.isoformat()})
    assert response.status_code == 200, response.content[:300]
    api_doc = response.json()
    assert api_doc["items"] == app_doc["items"]

    profile = clients.profile_document(coach, client_id)
    log = coaching.stored_log(clients_model(client_id), before=day)
    (tmp_path / "profile.json").write_text(json.dumps(profile))
    (tmp_path / "log.csv").write_text(write_log_csv(log, unit=Units.KG))
    result = CliRunner().invoke(
        app,
        ["next", str(tmp_path / "profile.json"), "--log", str(tmp_path / "log.csv"),
         "--as-of", day.isoformat(), "--start", START.isoformat(), "--format", "json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    cli_doc = json.loads(result.stdout)
    fields = ("exercise_id", "sets", "reps", "load_kg", "target_rpe", "impacts", "hold_s")
    pick = lambda items: [{k: i.get(k) for k in fields} for i in items]  # noqa: E731
    assert pick(cli_doc["items"]) == pick(api_doc["items"])

    today = follow_one_day(user, client_id, day)
    by_id = {i["exercise_id"]: i for i in api_doc["items"]}
    for item in today["items"]:
        if item["exercise_id"] in by_id:
            assert item["load_kg"] == by_id[item["exercise_id"]]["load_kg"], item["exercise_id"]
            assert item["reps"] == by_id[item["exercise_id"]]["reps"], item["exercise_id"]


def test_r18_every_next_item_is_worded_by_the_wording_layer(beatriz):
    """R18: the coaching loop gives every item a reason, and it is the wording layer's words
    for the engine's decision and notes (the engine itself writes none)."""
    coach, user, client_id = beatriz
    follow(user, client_id, 10)
    nxt = coaching.next_for_client(coach, client_id, today=START + timedelta(days=11))
    assert nxt is not None and nxt.prescriptions.items
    names = {k: e.name for k, e in get_catalogue().items()}
    for item in nxt.prescriptions.items:
        assert item.decision is not None, item.exercise_id
        assert item.reason, item.exercise_id
        assert item.reason == reason_text(replace(item, reason=""), nxt.units, names)


def clients_model(client_id: int):
    from osteoload.store.models import Client

    return Client.objects.get(pk=client_id)


def test_next_without_an_assigned_program_is_a_clear_409(client, settings):
    settings.ROOT_URLCONF = "osteoload.urls"
    coach = clients.create_coach("coach", PASSWORD)
    client_id = clients.create_client(coach, example("02-early"), today=START)
    client.force_login(coach)
    response = client.get(f"/api/v1/clients/{client_id}/next")
    assert response.status_code == 409
    assert "no assigned program" in response.json()["detail"]


def test_a_new_block_continues_her_plan_and_her_loads(beatriz):
    """R14 / R18 / R18c: after four weeks trained without a break, the next block continues
    the plan (no second familiarisation), and Today's loads carry on from her log."""
    coach, user, client_id = beatriz
    follow(user, client_id, 28)
    day = START + timedelta(weeks=4)
    before = loads(follow_one_day(user, client_id, day))
    new_id = client_programs.generate_for_client(coach, client_id, today=day, start=day)
    new = client_programs.program_for(coach, client_id, new_id)
    assert new["after_weeks"] == 4
    assert new["weeks"][0]["phase"] != "familiarisation"
    client_programs.assign_program(coach, client_id, new_id)
    after = loads(follow_one_day(user, client_id, day))
    common = set(before) & set(after)
    assert common, (before, after)
    assert all(after[e] >= before[e] for e in common), (before, after)


def test_a_third_block_counts_the_weeks_of_both_before_it(beatriz):
    """R14 / R18c: a block that continues one which itself continued her plan counts every
    week she followed (what the second block stored, plus the weeks trained in it), read
    from the stored program without parsing its whole document."""
    coach, user, client_id = beatriz
    follow(user, client_id, 21)
    second_start = START + timedelta(weeks=3)
    second = client_programs.generate_for_client(
        coach, client_id, today=second_start, start=second_start
    )
    client_programs.assign_program(coach, client_id, second)
    for offset in range(21, 35):
        simulation.log_as_prescribed(user, client_id, START + timedelta(days=offset))
    third_start = START + timedelta(weeks=5)
    third = client_programs.generate_for_client(
        coach, client_id, today=third_start, start=third_start
    )
    assert client_programs.program_for(coach, client_id, second)["after_weeks"] == 3
    assert client_programs.program_for(coach, client_id, third)["after_weeks"] == 3 + 2


def test_after_a_long_break_a_new_block_starts_with_familiarisation(beatriz):
    """R18c: more than four weeks with nothing logged: the new block starts again (R14)."""
    coach, user, client_id = beatriz
    follow(user, client_id, 7)
    day = START + timedelta(weeks=7)
    new_id = client_programs.generate_for_client(coach, client_id, today=day, start=day)
    new = client_programs.program_for(coach, client_id, new_id)
    assert new["after_weeks"] == 0
    assert new["weeks"][0]["phase"] == "familiarisation"


def test_next_is_computed_once_and_recomputed_when_her_log_changes(beatriz, monkeypatch):
    """The coaching loop keeps its answer until anything it reads changes: a second Today
    view on the same day does not replay her log again; a set logged before today does."""
    coach, user, client_id = beatriz
    follow(user, client_id, 8)
    calls = []
    real = coaching.compute_next

    def counting(*args, **kwargs):
        calls.append(kwargs.get("as_of"))
        return real(*args, **kwargs)

    monkeypatch.setattr(coaching, "compute_next", counting)
    day = START + timedelta(days=10)
    first = coaching.next_for_client(user, client_id, today=day)
    again = coaching.next_for_client(user, client_id, today=day)
    assert len(calls) == 1 and first == again
    # a set logged today leaves today's prescription as it is
    from osteoload.services import training_log

    row = {"date": day.isoformat(), "exercise_id": "leg_press", "set_number": 1, "reps": 5,
           "load_kg": 40, "rpe": 9}  # fmt: skip
    training_log.log_set(user, client_id, row, today=day)
    coaching.next_for_client(user, client_id, today=day)
    assert len(calls) == 1
    # the same set on an earlier day changes what she is prescribed next
    earlier = {**row, "date": (day - timedelta(days=1)).isoformat()}
    training_log.log_set(user, client_id, earlier, today=day)
    coaching.next_for_client(user, client_id, today=day)
    assert len(calls) == 2


def test_r22a_a_new_block_is_stored_with_loads_from_her_log_not_her_intake(beatriz):
    """R22a: after 12 weeks of logging, the next block's working maxes (and so its stored
    loads, her booklet) are the ones the coaching loop re-estimated from her log, not her
    intake's: never lower, and known for the lifts her intake never measured."""
    coach, user, client_id = beatriz
    follow(user, client_id, 12 * 7)
    day = START + timedelta(weeks=12)
    first_id = coaching.next_for_client(user, client_id, today=day).program_id
    first = client_programs.program_for(coach, client_id, first_id)
    held = coaching.next_for_client(user, client_id, today=day - timedelta(days=1))
    new_id = client_programs.generate_for_client(coach, client_id, today=day, start=day)
    new = client_programs.program_for(coach, client_id, new_id)
    assert new["after_weeks"] == 12
    carried, intake = new["working_max_kg"], first["working_max_kg"]
    assert carried == pytest.approx(held.prescriptions.working_max_kg, rel=1e-3)
    lower = {e: (carried.get(e), intake[e]) for e in intake if carried.get(e, 0) < intake[e]}
    assert not lower, lower
    assert set(carried) > set(intake), (carried, intake)  # lifts her intake never measured


def test_r18b_a_lift_stepped_back_after_two_failures_is_flagged_on_the_roster(beatriz):
    """R18b on the roster: when the coaching loop finds a lift failed twice in a row (a step
    back, or held at the floor), her coach's roster says so ("setback")."""
    coach, user, client_id = beatriz
    shown = follow(user, client_id, 14)
    lift, load = next(
        (i["exercise_id"], i["load_kg"])
        for _day, session in shown
        for i in session["items"]
        if i.get("load_kg") and i.get("reps") and i["load_kg"] >= 20
    )
    day = START + timedelta(days=14)
    for offset in (0, 3):
        rows = [
            {"date": (day + timedelta(days=offset)).isoformat(), "exercise_id": lift,
             "set_number": n, "reps": 3, "load_kg": load, "rpe": 10}
            for n in (1, 2, 3)
        ]  # fmt: skip
        training_log.log_sets(user, client_id, rows, today=day + timedelta(days=offset))
    later = day + timedelta(days=5)
    nxt = coaching.next_for_client(user, client_id, today=later)
    assert nxt is not None
    stepped = nxt.item(lift)
    assert stepped is not None and stepped.decision is not None
    assert stepped.decision.outcome in ("step_back", "at_floor"), stepped.decision
    (row,) = clients.roster(coach, today=later, client_id=client_id)
    assert "setback" in row.flags


# --- the shared cache (issue 19) ------------------------------------------------------------


def another_process_cache():
    """The cache as another worker process of the server sees it: a new instance over the
    configured location, nothing shared in memory with this one."""
    from django.conf import settings
    from django.core.cache.backends.filebased import FileBasedCache

    config = settings.CACHES["default"]
    return FileBasedCache(config["LOCATION"], {"OPTIONS": config.get("OPTIONS", {})})


def test_her_first_view_of_the_day_is_computed_once_for_every_worker(beatriz, monkeypatch):
    """Today's prescription is kept where every worker process (and a restarted server)
    finds it: another process reads the same answer instead of replaying her log again."""
    _coach, user, client_id = beatriz
    follow(user, client_id, 7)
    day = START + timedelta(days=7)
    first = coaching.next_for_client(user, client_id, today=day)
    assert first is not None

    other = another_process_cache()
    monkeypatch.setattr(coaching, "cache", other)

    def replay(*args, **kwargs):
        raise AssertionError("her log was replayed again in another process")

    monkeypatch.setattr(coaching, "compute_next", replay)
    again = coaching.next_for_client(user, client_id, today=day)
    assert again == first


def test_the_cache_folder_is_private(beatriz, tmp_path):
    """Health data computed from her records lies in the cache: its folder is 0700 and each
    entry 0600, like the database."""
    import stat
    from pathlib import Path

    from django.conf import settings

    _coach, user, client_id = beatriz
    follow(user, client_id, 3)
    assert coaching.next_for_client(user, client_id, today=START + timedelta(days=3))
    folder = Path(settings.CACHES["default"]["LOCATION"])
    entries = list(folder.glob("*.djcache"))
    assert entries
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert {stat.S_IMODE(p.stat().st_mode) for p in entries} == {0o600}


@pytest.mark.django_db(transaction=True)
def test_erasing_her_record_empties_the_cache(beatriz):
    """Right to erasure: no answer computed from her records outlives them in the cache."""
    from osteoload.services import export

    coach, user, client_id = beatriz
    follow(user, client_id, 3)
    assert coaching.next_for_client(user, client_id, today=START + timedelta(days=3))
    other = another_process_cache()
    assert other._list_cache_files()
    export.erase_client(coach, client_id)
    assert other._list_cache_files() == []


@pytest.mark.parametrize(
    ("stored_load", "engine_load", "kept"),
    [(None, 6.0, False), (None, None, True), (8.0, 6.0, True)],
    ids=["the loop gives a weight", "she still chooses", "the plan's own load"],
)
def test_r18_the_plans_words_for_choosing_a_weight_go_once_the_loop_gives_one(
    stored_load, engine_load, kept
):
    """One truth on Today: a plan item without a load says "Choose a weight ... (effort 6
    out of 10)"; once the coaching loop prescribes her a weight, those words (and the
    plan's effort in them) are no longer shown beside it."""
    from osteoload.domain.progression import Change, NextItem
    from osteoload.domain.vocabulary import Component

    note = (
        "Choose a weight you could lift about 4 more times at the end of each set (effort 6 "
        "out of 10)."
    )
    stored = {"exercise_id": "dumbbell_row", "load_kg": stored_load, "note": note}
    nxt = NextItem(exercise_id="dumbbell_row", name="One-arm dumbbell row",
                   component=Component.RESISTANCE, sets=2, reps=10, load_kg=engine_load,
                   load_display=None, target_rpe=7.0, hold_s=None, impacts=None, minutes=None,
                   change=Change.HOLD)  # fmt: skip
    assert (coaching.with_next(stored, nxt)["note"] == note) is kept
