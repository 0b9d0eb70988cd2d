"""Her phone's logger (issue 15 item 1): each set shows itself and the same set last time,
the weight box is pre-filled with what she should lift and only where the item takes one,
effort is asked in words and never pre-set, a hold is never logged as done before she held
it, one tap logs a balance or impact item as prescribed (once), and "All done for today"
comes with the last logged set."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta
from html import unescape
from typing import Any

import pytest
from django.core.cache import cache
from django.urls import reverse

from osteoload.services import coaching, quick_log, training_log
from osteoload.services.catalogue import get_catalogue
from osteoload.wording.dose import dose_of
from tests.conftest import TODAY

from .conftest import Persona, make_client

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
BANDS = ["bands", "bodyweight", "chair", "wall"]


def items_of(persona: Persona, client_id: int) -> list[dict[str, Any]]:
    dosed = coaching.dosed_today(persona.user, client_id, today=TODAY)
    assert dosed.session is not None and dosed.view.is_today
    return list(dosed.session["items"])


def bob_items(world) -> list[dict[str, Any]]:
    return items_of(world.bob, world.bob_id)


def loaded_lift(world) -> dict[str, Any]:
    catalogue = get_catalogue()
    return next(i for i in bob_items(world) if catalogue[i["exercise_id"]].loadable
                and i.get("reps") and not i.get("hold_s"))  # fmt: skip


def one_tap_item(persona: Persona, client_id: int, kind: str) -> dict[str, Any]:
    return next(i for i in items_of(persona, client_id) if quick_log.takes_one_tap(i)
                and dose_of(i).kind.value == kind)  # fmt: skip


def fields_of(html: str, key: str) -> str:
    """The logger's fields of one item (the page's, or an answer's out-of-band copy)."""
    found = re.search(rf'<div class="set-fields" id="fields-{key}".*?\n</div>', html, re.S)
    assert found, f"no fields for {key}"
    return found.group(0)


def post(browser, name: str, data: dict[str, str]) -> Any:
    return browser.post(reverse(name), data, **HTMX)


@pytest.fixture
def rosa(world) -> tuple[Persona, int]:
    """A client with bands and her body weight only (no dumbbells, no machines), two falls
    last year: her session has timed balance holds (ten stands of some seconds)."""
    client_id, _program, user = make_client(
        world.alice.user, "Rosa Bands", "rosa", equipment=BANDS, experience="novice",
        falls_last_year=2, strength=[],
    )  # fmt: skip
    return Persona("rosa", user), client_id


# --- effort in words, never pre-set --------------------------------------------------------


def test_effort_is_asked_in_words_and_never_pre_set(world):
    page = world.bob.browser().get(reverse("client-today")).content.decode()
    key = loaded_lift(world)["exercise_id"]
    fields = fields_of(page, key)
    assert "How hard was it?" in fields
    words = re.findall(r'<span class="effort-word">([^<]+)</span>', fields)
    assert words == ["Easy", "Moderate", "Hard", "Very hard"]
    radios = re.findall(r'<input type="radio" name="rpe"[^>]*>', fields)
    assert len(radios) == 4 and not any("checked" in r for r in radios)
    assert '<select name="rpe"' not in page and " selected" not in fields.replace(
        '<option value="0" selected>', ""
    )


def test_r18_an_effort_word_is_stored_as_the_rpe_the_engine_reads(world):
    """Moderate is the item's target effort (a success, R18)."""
    item = loaded_lift(world)
    key = item["exercise_id"]
    page = world.bob.browser().get(reverse("client-today")).content.decode()
    moderate = re.search(
        r'value="([^"]+)"> <span class="effort-word">Moderate', fields_of(page, key)
    ).group(1)  # type: ignore[union-attr]
    assert float(moderate) == item["target_rpe"]
    post(world.bob.browser(), "client-log", {"exercise_id": key, "reps": "8", "rpe": moderate})
    rows = training_log.sets_on(world.bob.user, world.bob_id, TODAY)
    assert [r["rpe"] for r in rows] == [item["target_rpe"]]


def test_after_a_set_the_next_set_asks_effort_again_and_pain_is_back_at_0(world):
    key = loaded_lift(world)["exercise_id"]
    data = {"exercise_id": key, "reps": "8", "rpe": "7", "pain": "3"}
    html = post(world.bob.browser(), "client-log", data).content.decode()
    fields = fields_of(html, key)
    assert 'hx-swap-oob="true"' in fields.split(">", 1)[0]
    assert "checked" not in fields
    assert '<option value="0" selected>' in fields and "Set 2 of" in fields


# --- the weight box ------------------------------------------------------------------------


def test_no_weight_box_on_band_and_body_weight_items(rosa):
    persona, client_id = rosa
    page = persona.browser().get(reverse("client-today")).content.decode()
    catalogue = get_catalogue()
    strength = [i for i in items_of(persona, client_id) if i["component"] == "resistance"]
    assert strength and not any(catalogue[i["exercise_id"]].loadable for i in strength)
    for item in strength:
        assert f'id="reps-{item["exercise_id"]}"' in page
        assert f'id="load-{item["exercise_id"]}"' not in page
    assert 'name="load"' not in page


def test_a_loaded_lift_has_a_weight_box(world):
    page = world.bob.browser().get(reverse("client-today")).content.decode()
    key = loaded_lift(world)["exercise_id"]
    assert f'id="load-{key}"' in fields_of(page, key)


def test_the_weight_box_holds_the_engines_load_and_keeps_it_after_a_set_and_a_reload(
    world, monkeypatch
):
    """The engine's next-session dose fills the box (never the template): 20 kg here."""
    item = loaded_lift(world)
    key = item["exercise_id"]
    real = coaching.compute_next

    def with_load(*args, **kwargs):
        result = real(*args, **kwargs)
        items = tuple(
            replace(i, load_kg=20.0, load_display="20 kg") if i.exercise_id == key else i
            for i in result.items
        )
        return replace(result, items=items)

    monkeypatch.setattr(coaching, "compute_next", with_load)
    cache.clear()  # the coaching loop's answer computed above, before the patch
    browser = world.bob.browser()
    page = browser.get(reverse("client-today")).content.decode()
    assert f'id="load-{key}" value="20"' in fields_of(page, key)
    assert "Set 1 of" in fields_of(page, key) and "at 20 kg" in fields_of(page, key)
    html = post(browser, "client-log", {"exercise_id": key, "reps": "10", "load": "20"})
    assert f'id="load-{key}" value="20"' in fields_of(html.content.decode(), key)
    again = browser.get(reverse("client-today")).content.decode()
    assert f'id="load-{key}" value="20"' in fields_of(again, key)


def test_a_weight_she_chose_herself_fills_her_next_set_and_stays_after_a_reload(world):
    item = loaded_lift(world)
    key = item["exercise_id"]
    browser = world.bob.browser()
    page = browser.get(reverse("client-today")).content.decode()
    if item.get("load_kg"):
        pytest.skip("the program gives this lift a load")
    assert f'id="load-{key}" value=""' in fields_of(page, key)
    html = post(browser, "client-log", {"exercise_id": key, "reps": "10", "load": "7.5"})
    assert f'id="load-{key}" value="7.5"' in fields_of(html.content.decode(), key)
    again = browser.get(reverse("client-today")).content.decode()
    assert f'id="load-{key}" value="7.5"' in fields_of(again, key)


# --- last time, set by set -----------------------------------------------------------------


def test_each_set_shows_the_same_set_last_time_and_its_prescription(world):
    item = loaded_lift(world)
    key = item["exercise_id"]
    before = (TODAY - timedelta(days=3)).isoformat()
    for n, (reps, rpe) in enumerate([(12, 6.0), (10, 7.5)], start=1):
        training_log.log_set(world.bob.user, world.bob_id, {
            "date": before, "exercise_id": key, "set_number": n, "reps": reps,
            "load_kg": 8.0, "rpe": rpe,
        }, today=TODAY)  # fmt: skip
    browser = world.bob.browser()
    fields = unescape(fields_of(browser.get(reverse("client-today")).content.decode(), key))
    assert re.search(r"Set 1 of \d+: \d+ times", fields)
    assert "Last time: 8 kg × 12, effort 6" in fields
    # With no load from the engine, the box holds what she lifted last time.
    if not item.get("load_kg"):
        assert f'id="load-{key}" value="8"' in fields
    html = post(browser, "client-log", {"exercise_id": key, "reps": "12", "load": "8"})
    fields = unescape(fields_of(html.content.decode(), key))
    assert "Set 2 of" in fields and "Last time: 8 kg × 10, effort 7.5" in fields


# --- holds ---------------------------------------------------------------------------------


def test_a_hold_is_not_pre_filled_and_is_refused_without_its_seconds(rosa):
    persona, client_id = rosa
    item = one_tap_item(persona, client_id, "hold")
    key = item["exercise_id"]
    browser = persona.browser()
    fields = fields_of(browser.get(reverse("client-today")).content.decode(), key)
    assert f'id="hold-{key}" value=""' in fields
    assert f'data-hold-seconds="{item["hold_s"]}"' in fields  # what the hold timer counts
    assert "Start the timer" in fields
    refused = post(browser, "client-log", {"exercise_id": key})
    assert refused.status_code == 422 and "start the timer" in refused.content.decode()
    assert training_log.sets_on(persona.user, client_id, TODAY) == []
    assert post(browser, "client-log", {"exercise_id": key, "hold_s": "14"}).status_code == 200
    rows = training_log.sets_on(persona.user, client_id, TODAY)
    assert [(r["exercise_id"], r["hold_s"]) for r in rows] == [(key, 14)]


# --- one tap: done as planned ----------------------------------------------------------------


@pytest.mark.parametrize("kind", ["hold", "reps", "impacts"])
def test_one_tap_logs_every_prescribed_set_of_a_balance_or_impact_item_once(world, rosa, kind):
    persona, client_id = rosa if kind == "hold" else (world.bob, world.bob_id)
    item = one_tap_item(persona, client_id, kind)
    key = item["exercise_id"]
    dose = dose_of(item)
    field = {"hold": "hold_s", "reps": "reps", "impacts": "impacts"}[kind]
    browser = persona.browser()
    page = browser.get(reverse("client-today")).content.decode()
    if dose.sets > 1:  # (one set is one tap on Done already)
        assert f'id="as-planned-{key}"' in page and f"Done as planned (all {dose.sets})" in page
    response = post(browser, "client-log-as-planned", {"exercise_id": key})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="logged-set"') == dose.sets
    assert f"{dose.sets} of {dose.sets} done" in html
    if dose.sets > 1:  # the one-tap button goes
        assert f'<div class="as-planned" id="as-planned-{key}" hx-swap-oob="true"></div>' in html
    rows = [r for r in training_log.sets_on(persona.user, client_id, TODAY)
            if r["exercise_id"] == key]  # fmt: skip
    assert [(r["set_number"], r[field]) for r in rows] == [
        (n, dose.set_per_set(n)) for n in range(1, dose.sets + 1)
    ]
    again = post(browser, "client-log-as-planned", {"exercise_id": key})
    assert again.status_code == 200 and 'class="logged-set"' not in again.content.decode()
    assert len(training_log.sets_on(persona.user, client_id, TODAY)) == dose.sets


def test_one_tap_after_some_sets_logs_only_the_others(rosa):
    persona, client_id = rosa
    item = one_tap_item(persona, client_id, "hold")
    key = item["exercise_id"]
    sets = dose_of(item).sets
    browser = persona.browser()
    post(browser, "client-log", {"exercise_id": key, "hold_s": "12"})
    page = browser.get(reverse("client-today")).content.decode()
    assert f"Done as planned (the other {sets - 1})" in page
    post(browser, "client-log-as-planned", {"exercise_id": key})
    rows = training_log.sets_on(persona.user, client_id, TODAY)
    assert [r["set_number"] for r in rows] == list(range(1, sets + 1))
    assert rows[0]["hold_s"] == 12 and {r["hold_s"] for r in rows[1:]} == {item["hold_s"]}


def test_one_tap_with_the_same_key_twice_answers_the_same_and_stores_once(rosa):
    persona, client_id = rosa
    item = one_tap_item(persona, client_id, "hold")
    data = {"exercise_id": item["exercise_id"],
            "idempotency_key": "5f0c8a0e-7d7b-4a53-9c55-0d7c2d1c9e11"}  # fmt: skip
    browser = persona.browser()
    first = post(browser, "client-log-as-planned", data)
    again = post(browser, "client-log-as-planned", data)
    assert first.content == again.content and again["Idempotent-Replayed"] == "true"
    assert len(training_log.sets_on(persona.user, client_id, TODAY)) == item["sets"]


def test_one_tap_is_refused_for_a_strength_item_and_for_an_unknown_one(world):
    browser = world.bob.browser()
    page = browser.get(reverse("client-today")).content.decode()
    key = loaded_lift(world)["exercise_id"]
    assert f'id="as-planned-{key}"' not in page
    refused = post(browser, "client-log-as-planned", {"exercise_id": key})
    assert refused.status_code == 422
    assert "Only balance and impact exercises" in refused.content.decode()
    assert "exercise_id" not in refused.content.decode()  # no field name she never saw
    unknown = post(browser, "client-log-as-planned", {"exercise_id": "moon_walk"})
    assert unknown.status_code == 422
    assert training_log.sets_on(world.bob.user, world.bob_id, TODAY) == []


def test_r32_one_tap_while_paused_answers_with_the_stop_screen(world):
    item = one_tap_item(world.bob, world.bob_id, "reps")
    browser = world.bob.browser()
    browser.post(reverse("client-feeling"), {"symptoms": ["chest_pain"]})
    response = post(browser, "client-log-as-planned", {"exercise_id": item["exercise_id"]})
    assert response.status_code == 409 and response["HX-Redirect"] == reverse("client-today")
    assert training_log.sets_on(world.bob.user, world.bob_id, TODAY) == []


# --- the rest timer and the end of the session ----------------------------------------------


def test_the_rest_timer_comes_with_its_item_and_15_second_buttons_not_after_the_last_set(world):
    item = loaded_lift(world)
    key = item["exercise_id"]
    browser = world.bob.browser()
    html = post(browser, "client-log", {"exercise_id": key, "reps": "8"}).content.decode()
    assert f'data-rest-seconds="{item["rest_s"]}" data-rest-for="{key}"' in html
    assert 'data-step="-15"' in html and 'data-step="15"' in html and "Skip rest" in html
    for _n in range(2, item["sets"] + 1):
        html = post(browser, "client-log", {"exercise_id": key, "reps": "8"}).content.decode()
    assert "data-rest-seconds" not in html  # nothing to rest for after the last set


def test_all_done_for_today_comes_with_the_last_logged_item_without_a_reload(world):
    browser = world.bob.browser()
    page = browser.get(reverse("client-today")).content.decode()
    assert '<div id="all-done" role="status"></div>' in page
    items = bob_items(world)
    html = ""
    for index, item in enumerate(items):
        key = item["exercise_id"]
        if quick_log.takes_one_tap(item):
            html = post(browser, "client-log-as-planned", {"exercise_id": key}).content.decode()
        else:
            dose = dose_of(item)
            for _n in range(dose.sets):
                each = str(dose.per_set or 1)
                data = {"exercise_id": key, "reps": each, "hold_s": each, "impacts": each}
                if dose.kind.value == "hold":
                    data.pop("reps")
                html = post(browser, "client-log", data).content.decode()
        done = re.search(r'<div id="all-done" role="status" hx-swap-oob="true">(.*?)</div>', html)
        assert done, html
        if index < len(items) - 1:
            assert done.group(1) == "", f"all done after {key}?"
    assert "All done for today. Well done!" in done.group(1)
    # and under the last item, where she is
    end = re.search(r'<div id="all-done-end" hx-swap-oob="true">(.*?)</div>', html)
    assert end and "All done for today. Well done!" in end.group(1)
    # Undo one set: not all done any more, at once.
    set_id = int(re.findall(r'id="set-(\d+)"', html)[-1])
    undone = browser.post(reverse("client-undo", kwargs={"set_id": set_id}), **HTMX)
    assert '<div id="all-done" role="status" hx-swap-oob="true"></div>' in undone.content.decode()


def test_the_today_page_loads_its_timer_scripts_and_no_inline_script(world):
    page = world.bob.browser().get(reverse("client-today")).content.decode()
    for script in ("signal.js", "rest-timer.js", "hold-timer.js", "all-done.js"):
        assert f"/static/osteoload/js/{script}" in page
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page)
    assert " style=" not in page and "<style" not in page and " on" + "click=" not in page
