"""Client pages: today's session, one-tap logging with htmx, the stop rule, her progress."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from osteoload.services import client_programs, clients, training_log
from tests.conftest import TODAY

from .conftest import make_client

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def session_items(world):
    view = client_programs.today_session(world.bob.user, world.bob_id, today=TODAY)
    assert view.is_today and view.session is not None
    return view.session["items"]


def strength(world):
    return next(i for i in session_items(world) if i["component"] == "resistance")


def test_today_shows_the_session_with_prescription_cues_and_why(world):
    page = world.bob.browser().get(reverse("client-today")).content.decode()
    item = strength(world)
    assert "Today's exercises" in page
    assert item["name"] in page and item["why"].replace("'", "&#x27;") in page
    assert "How to do it" in page  # cues
    assert "How hard was it?" in page and "RPE" not in page
    # the log form is pre-filled with the prescription
    assert f'name="reps" id="reps-{item["exercise_id"]}" value="{item["reps"]}"' in page
    assert "✓ I did this set" in page
    assert 'id="rest-timer"' in page and "rest-timer.js" in page
    assert 'hx-post="/today/log/"' in page


def test_logging_a_set_with_htmx_returns_the_row_and_starts_the_rest_timer(world):
    item = strength(world)
    browser = world.bob.browser()
    data = {"exercise_id": item["exercise_id"], "reps": "9", "load": "7.5", "rpe": "7",
            "pain": "0"}  # fmt: skip
    response = browser.post(reverse("client-log"), data, **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Set 1 · 9 reps · 7.5 kg · effort 7/10" in html
    assert f'data-rest-seconds="{item["rest_s"]}"' in html and 'hx-swap-oob="true"' in html
    assert f"1 of {item['sets']} done" in html
    rows = training_log.sets_on(world.bob.user, world.bob_id, TODAY)
    assert [(r["exercise_id"], r["set_number"], r["reps"], r["load_kg"], r["rpe"]) for r in rows] \
        == [(item["exercise_id"], 1, 9, 7.5, 7.0)]  # fmt: skip
    again = browser.post(reverse("client-log"), data, **HTMX).content.decode()
    assert "Set 2 ·" in again
    page = browser.get(reverse("client-today")).content.decode()
    assert "Set 1 · 9 reps" in page and "Set 2 · 9 reps" in page


def test_logging_without_htmx_redirects_back(world):
    item = strength(world)
    response = world.bob.browser().post(
        reverse("client-log"), {"exercise_id": item["exercise_id"], "reps": "10"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("client-today") + f"#item-{item['exercise_id']}"


def test_bad_log_values_are_named_in_plain_words(world):
    item = strength(world)
    response = world.bob.browser().post(
        reverse("client-log"), {"exercise_id": item["exercise_id"], "rpe": "11"}, **HTMX
    )
    assert response.status_code == 422
    assert response["HX-Retarget"] == f"#errors-{item['exercise_id']}"
    assert "How hard was it: 11 is above 10" in response.content.decode()
    response = world.bob.browser().post(
        reverse("client-log"), {"exercise_id": "deadlift_from_mars"}, **HTMX
    )
    assert response.status_code == 422
    assert training_log.sets_on(world.bob.user, world.bob_id, TODAY) == []


def test_impact_and_balance_items_are_ticked_with_counts_or_holds(world):
    browser = world.bob.browser()
    for item in session_items(world):
        if item.get("impacts"):
            data = {"exercise_id": item["exercise_id"], "impacts": str(item["impacts"])}
        elif item["component"] == "balance":
            key = "hold_s" if item.get("hold_s") else "reps"
            data = {"exercise_id": item["exercise_id"], key: str(item.get(key) or 5)}
        else:
            continue
        assert browser.post(reverse("client-log"), data, **HTMX).status_code == 200
    logged = training_log.sets_on(world.bob.user, world.bob_id, TODAY)
    assert logged and all(r["impacts"] or r["hold_s"] or r["reps"] for r in logged)


def test_undo_removes_the_set(world):
    item = strength(world)
    browser = world.bob.browser()
    html = browser.post(
        reverse("client-log"), {"exercise_id": item["exercise_id"], "reps": "8"}, **HTMX
    ).content.decode()
    set_id = int(re.search(r'id="set-(\d+)"', html).group(1))
    response = browser.post(reverse("client-undo", kwargs={"set_id": set_id}), **HTMX)
    assert response.status_code == 200
    assert f"0 of {item['sets']} done" in response.content.decode()
    assert training_log.sets_on(world.bob.user, world.bob_id, TODAY) == []


def test_stop_rule_symptom_pauses_and_the_roster_shows_needs_review(world):
    browser = world.bob.browser()
    page = browser.get(reverse("client-feeling")).content.decode()
    assert "Pain, pressure or tightness in my chest" in page
    response = browser.post(reverse("client-feeling"), {"symptoms": ["chest_pain"]})
    assert response.status_code == 302 and response["Location"] == reverse("client-today")
    page = browser.get(reverse("client-today")).content.decode()
    assert "Please stop exercising for now" in page
    assert "contact your doctor" in page
    assert "I did this set" not in page and "client-log" not in page and "/today/log/" not in page
    row = next(r for r in clients.roster(world.alice.user, today=TODAY) if r.name == "Bob Client")
    assert "needs_review" in row.flags
    roster = world.alice.browser().get(reverse("coach-roster")).content.decode()
    assert "Needs review" in roster
    item = strength(world)
    blocked = browser.post(reverse("client-log"), {"exercise_id": item["exercise_id"]}, **HTMX)
    assert blocked.status_code == 409
    assert training_log.sets_on(world.bob.user, world.bob_id, TODAY) == []


def test_feeling_fine_does_not_pause(world):
    browser = world.bob.browser()
    assert browser.post(reverse("client-feeling"), {"note": "all good"}).status_code == 302
    assert "I did this set" in browser.get(reverse("client-today")).content.decode()


def test_unknown_symptom_is_refused(world):
    response = world.bob.browser().post(reverse("client-feeling"), {"symptoms": ["hiccups"]})
    assert response.status_code == 422
    assert "I have or had: &#x27;hiccups&#x27; is not allowed" in response.content.decode()
    assert "symptoms[0]" not in response.content.decode()


def test_next_session_is_shown_with_its_date_when_none_is_today(world, monkeypatch):
    from osteoload.services import clock

    monkeypatch.setattr(clock, "today", lambda: TODAY.replace(day=29))  # a Sunday: rest day
    page = world.bob.browser().get(reverse("client-today")).content.decode()
    assert "Your next session" in page and "Monday 30 November" in page
    assert "I did this set" not in page


def test_client_without_program_sees_a_calm_note(world):
    from osteoload.services import clients as client_services

    coach = world.alice.user
    client_id = client_services.create_client(coach, {"age": 70, "sex": "female"}, today=TODAY)
    token = client_services.create_invite(coach, client_id, now=_now())
    user = client_services.accept_invite(token, "nell", "a-long-test-password-42", now=_now())
    from django.test import Client as Browser

    browser = Browser()
    browser.force_login(user)
    page = browser.get(reverse("client-today")).content.decode()
    assert "Your coach is preparing your program" in page


def _now():
    from django.utils import timezone

    return timezone.now()


def test_progress_page_has_accessible_charts(world):
    item = strength(world)
    training_log.log_set(
        world.bob.user, world.bob_id,
        {"date": TODAY.isoformat(), "exercise_id": item["exercise_id"], "reps": 10,
         "load_kg": 8, "rpe": 7},
        today=TODAY,
    )  # fmt: skip
    page = world.bob.browser().get(reverse("client-progress")).content.decode()
    assert "My progress" in page and "Your strength" in page
    assert page.count('role="img"') >= 4
    assert page.count("<title id=") == page.count("<desc id=") >= 4
    assert "Show the numbers" in page  # the text alternative


def test_pounds_client_logs_in_pounds(world):
    alice = world.alice.user
    client_id, _, user = make_client(alice, "Lou Pounds", "lou", units="lb")
    from django.test import Client as Browser

    browser = Browser()
    browser.force_login(user)
    view = client_programs.today_session(user, client_id, today=TODAY)
    item = next(i for i in view.session["items"] if i["component"] == "resistance")
    page = browser.get(reverse("client-today")).content.decode()
    assert "Weight (lb)" in page
    html = browser.post(
        reverse("client-log"), {"exercise_id": item["exercise_id"], "reps": "10", "load": "20"},
        **HTMX,
    ).content.decode()  # fmt: skip
    assert "20 lb" in html
    row = training_log.sets_on(user, client_id, TODAY)[0]
    assert row["load_kg"] == pytest.approx(9.07, abs=0.01)


# --- issue 13: her progress page speaks to her in plain words ----------------------------

PROGRESS_JARGON = re.compile(
    r"region-sets?|STEADI|EWGSOP2?|\b1RM\b|T-score|\bSPPB\b|\bLSC\b|Timed Up and Go"
    r"|\b(she|her|hers|herself)\b|LIFTMOR|MEDEX|g/cm2 \(",
)


def _record_results(coach, client_id):
    browser = _coach_browser(coach)
    tests_url = reverse("coach-tests", kwargs={"client_id": client_id})
    results = {"date": "2026-11-20", "tug_s": "14", "chair_stand_30s": "5", "five_sts_s": "17",
               "single_leg_stance_s": "3", "gait_speed_m_s": "0.7", "grip_kg": "12",
               "sppb": "7"}  # fmt: skip
    assert browser.post(tests_url, results).status_code == 302
    scan_url = reverse("coach-scan", kwargs={"client_id": client_id})
    for day, bmd in (("2025-11-01", "0.800"), ("2026-11-01", "0.700")):
        data = {"site": "total_hip", "date": day, "bmd_g_cm2": bmd, "scanner": "hologic"}
        assert browser.post(scan_url, data).status_code == 302
    return browser


def _coach_browser(coach):
    from django.test import Client as Browser

    browser = Browser()
    browser.force_login(coach)
    return browser


def test_R29_progress_page_speaks_to_her_without_jargon(world):
    """Her progress page: tests named by what she did (R9: "Taking 14 seconds to stand up,
    walk 3 metres and back ..."), scans judged against the scanner's variation in words
    (R29), no region-sets, STEADI, EWGSOP2, 1RM or "she"; the coach's page keeps the terms."""
    client_id, _, user = make_client(
        world.alice.user, "Pia Progress", "pia", medications=["bisphosphonate"]
    )
    coach_browser = _record_results(world.alice.user, client_id)
    item = next(
        i
        for i in client_programs.today_session(user, client_id, today=TODAY).session["items"]
        if i["component"] == "resistance"
    )
    training_log.log_set(
        user, client_id,
        {"date": TODAY.isoformat(), "exercise_id": item["exercise_id"], "reps": 10,
         "load_kg": 8, "rpe": 7},
        today=TODAY,
    )  # fmt: skip
    from django.test import Client as Browser

    browser = Browser()
    browser.force_login(user)
    page = browser.get(reverse("client-progress")).content.decode()
    assert "Taking 14 seconds to stand up, walk 3 metres and back" in page
    assert "A real loss at your whole hip" in page
    assert "your sets worked a body region" in page
    assert "The medicine lines show your bisphosphonate" in page
    found = PROGRESS_JARGON.search(page)
    assert found is None, page[found.start() - 200 : found.end() + 50]
    coach = coach_browser.get(
        reverse("coach-client-progress", kwargs={"client_id": client_id})
    ).content.decode()
    assert "Timed Up and Go" in coach and "STEADI" in coach and "region-sets" in coach
    assert "which she takes" in coach


def test_coach_progress_page_says_he_for_a_man(world):
    """The coach's progress page words a man's medicine and test results with "he"/"his"."""
    client_id, _, _ = make_client(
        world.alice.user, "Max Meds", None, sex="male", menopause=None,
        years_since_menopause=None, medications=["bisphosphonate"],
    )  # fmt: skip
    browser = _record_results(world.alice.user, client_id)
    page = browser.get(
        reverse("coach-client-progress", kwargs={"client_id": client_id})
    ).content.decode()
    assert "which he takes" in page and "which she takes" not in page
    assert "for her age" not in page


def test_r18a_mixed_loads_on_today_heavier_last_set_is_said_and_prefilled(world, monkeypatch):
    """R18a mixed loads reach her phone: the dose says the heavier last set, and once the
    other sets are logged the logger is pre-filled with its load and reps."""
    from dataclasses import replace

    from osteoload.services import coaching

    real = coaching.compute_next
    item = strength(world)

    def with_mixed(*args, **kwargs):
        result = real(*args, **kwargs)
        items = tuple(
            replace(i, load_kg=20.0, load_display="20 kg", heavier_sets=1,
                    heavier_load_kg=25.0, heavier_load_display="25 kg", heavier_reps=6)
            if i.exercise_id == item["exercise_id"] else i
            for i in result.items
        )  # fmt: skip
        return replace(result, items=items)

    monkeypatch.setattr(coaching, "compute_next", with_mixed)
    browser = world.bob.browser()
    page = browser.get(reverse("client-today")).content.decode()
    sets_n = item["sets"]
    assert "Then 1 set of 6 at 25 kg" in page
    assert f'id="load-{item["exercise_id"]}" value="20"' in page
    html = ""
    for _n in range(sets_n - 1):
        data = {"exercise_id": item["exercise_id"], "reps": str(item["reps"]), "load": "20",
                "rpe": "7", "pain": "0"}  # fmt: skip
        html = browser.post(reverse("client-log"), data, **HTMX).content.decode()
    # the next set's fields come out of band, pre-filled with the heavier set
    assert f'id="fields-{item["exercise_id"]}" hx-swap-oob="true"' in html
    assert f'id="load-{item["exercise_id"]}" value="25"' in html
    assert f'id="reps-{item["exercise_id"]}" value="6"' in html
    page = browser.get(reverse("client-today")).content.decode()
    assert f'id="load-{item["exercise_id"]}" value="25"' in page
