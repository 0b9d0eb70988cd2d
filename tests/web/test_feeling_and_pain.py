"""Her phone, issue 15: "How are you feeling?" (an "I'm fine" choice, never sent empty, the
warnings above Send), the stop screen (R32, R32a: her coach and the clinic with tap-to-call,
dates in words) and a painful set (R32: pain of 5/10 or more answers at once)."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.urls import reverse

from osteoload.services import client_programs, training_log
from osteoload.store.models import SymptomReport
from osteoload.wording import stops as stop_words
from tests.conftest import TODAY

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def strength(world):
    view = client_programs.today_session(world.bob.user, world.bob_id, today=TODAY)
    assert view.session is not None
    return next(i for i in view.session["items"] if i["component"] == "resistance")


def reports(world):
    return list(SymptomReport.objects.filter(client_id=world.bob_id).values("symptoms", "note"))


# --- How are you feeling? -------------------------------------------------------------------


def test_im_fine_is_recorded_as_fine_and_does_not_pause(world):
    browser = world.bob.browser()
    page = browser.get(reverse("client-feeling")).content.decode()
    assert "I’m fine" in page and 'name="fine" value="yes"' in page
    response = browser.post(reverse("client-feeling"), {"fine": "yes"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("client-today")
    assert "Good to hear you are fine" in response.content.decode()
    assert reports(world) == [{"symptoms": [], "note": ""}]
    assert "I did this set" in response.content.decode()  # not paused
    coach = world.alice.browser().get(reverse("coach-client", args=[world.bob_id]))
    assert "feeling fine" in coach.content.decode()


def test_an_empty_feeling_form_is_refused_and_nothing_is_stored(world):
    browser = world.bob.browser()
    for empty in ({}, {"symptoms": [""], "note": "   "}):
        response = browser.post(reverse("client-feeling"), empty)
        assert response.status_code == 422
        text = unescape(response.content.decode())
        assert "Nothing was sent: tick what you have or had" in text and "I’m fine" in text
        assert 'role="alert"' in text
    assert reports(world) == []


def test_im_fine_with_a_ticked_symptom_is_refused_and_nothing_is_stored(world):
    response = world.bob.browser().post(
        reverse("client-feeling"), {"fine": "yes", "symptoms": ["chest_pain"]}
    )
    assert response.status_code == 422
    assert reports(world) == []
    assert 'value="chest_pain" checked' in response.content.decode()  # her ticks are kept


def test_the_page_says_what_to_do_before_sending_and_blocks_an_empty_send(world):
    page = world.bob.browser().get(reverse("client-feeling")).content.decode()
    assert "feeling.js" in page and "data-empty-message=" in page
    assert 'id="feeling-empty"' in page


def test_r32_stop_and_emergency_warnings_sit_above_the_send_button(world):
    page = unescape(world.bob.browser().get(reverse("client-feeling")).content.decode())
    send = page.index(">Send</button>")
    stop = page.index(stop_words.stop_if_ticked())
    emergency = page.index(stop_words.emergency())
    assert stop < send and emergency < send
    assert page.index("I’m fine") < page.index("I have or had:")


# --- the stop screen ---------------------------------------------------------------------


def test_r32_stop_screen_names_her_coach_and_clinic_with_tap_to_call(world, settings):
    settings.OSTEOLOAD_CLINIC_NAME = "Riverside Bone Clinic"
    settings.OSTEOLOAD_CLINIC_PHONE = "+44 1632 960-123"
    browser = world.bob.browser()
    browser.post(reverse("client-feeling"), {"symptoms": ["dizziness"]})
    page = unescape(browser.get(reverse("client-today")).content.decode())
    assert "Please stop exercising for now" in page
    assert "Your coach, Alice, will look at your program." in page
    assert "call Riverside Bone Clinic" in page
    assert 'href="tel:+441632960123"' in page
    assert "Call Riverside Bone Clinic: +44 1632 960-123" in page
    # dates in words, never ISO
    assert "on Thursday 26 November" in page
    assert TODAY.isoformat() not in page
    assert page.index("tel:") < page.index(stop_words.emergency())


def test_r32_stop_screen_without_a_clinic_phone_has_no_tel_link(world, settings):
    settings.OSTEOLOAD_CLINIC_NAME = ""
    settings.OSTEOLOAD_CLINIC_PHONE = ""
    browser = world.bob.browser()
    browser.post(reverse("client-feeling"), {"symptoms": ["chest_pain"]})
    page = unescape(browser.get(reverse("client-today")).content.decode())
    assert "Your coach, Alice, will look at your program." in page
    assert "tel:" not in page


def test_r32a_stop_screen_says_the_fracture_date_in_words(world):
    recent = TODAY.replace(day=21)  # a Saturday
    coach = world.alice.browser()
    edit = {
        "name": "Bob Client", "age": "62", "sex": "female",
        "fractures[0].site": "vertebra", "fractures[0].date": recent.isoformat(),
        "fractures[0].low_trauma": "yes",
    }  # fmt: skip
    assert coach.post(reverse("coach-client-edit", args=[world.bob_id]), edit).status_code == 302
    page = unescape(world.bob.browser().get(reverse("client-today")).content.decode())
    assert "Please stop exercising for now" in page
    assert "spine fracture on Saturday 21 November" in page
    assert recent.isoformat() not in page


def test_day_in_words_adds_the_year_only_when_it_is_not_this_years():
    assert stop_words.day_in_words(TODAY, TODAY) == "Thursday 26 November"
    assert stop_words.day_in_words(TODAY.replace(year=2025), TODAY) == "Wednesday 26 November 2025"


# --- a painful set ------------------------------------------------------------------------


def test_r32_a_painful_set_says_skip_this_exercise_and_resets_the_pain_box(world):
    item = strength(world)
    key = item["exercise_id"]
    browser = world.bob.browser()
    data = {"exercise_id": key, "reps": "8", "pain": "6"}
    response = browser.post(reverse("client-log"), data, **HTMX)
    assert response.status_code == 200
    html = unescape(response.content.decode())
    # the message sits on that exercise's card (its message box, swapped out of band)
    box = re.search(rf'<div id="errors-{key}"[^>]*hx-swap-oob="true">(.*?)</div>\s*\n', html, re.S)
    assert box and "Skip this exercise today; your coach will see it." in box.group(1)
    assert 'role="alert"' in box.group(1) and reverse("client-feeling") in box.group(1)
    # the pain box is back at 0 for the next set (its fields come again, out of band)
    assert f'id="fields-{key}" hx-swap-oob="true"' in html
    select = re.search(rf'<select name="pain" id="pain-{key}">(.*?)</select>', html, re.S)
    assert select and '<option value="0" selected>' in select.group(1)
    assert "selected" not in select.group(1).replace('<option value="0" selected>', "")
    # no rest timer over the advice
    assert "data-rest-seconds" not in html
    rows = training_log.sets_on(world.bob.user, world.bob_id, TODAY)
    assert [(r["exercise_id"], r["pain"]) for r in rows] == [(key, 6)]


def test_r32_pain_below_five_gets_no_skip_message(world):
    item = strength(world)
    data = {"exercise_id": item["exercise_id"], "reps": "8", "pain": "4"}
    html = world.bob.browser().post(reverse("client-log"), data, **HTMX).content.decode()
    assert "Skip this exercise" not in html
    select = re.search(rf'<select name="pain" id="pain-{item["exercise_id"]}">(.*?)</select>',
                       html, re.S)  # fmt: skip
    assert select and '<option value="0" selected>' in select.group(1)  # reset to 0 too


def test_r32_a_painful_set_without_htmx_redirects_with_the_message(world):
    item = strength(world)
    data = {"exercise_id": item["exercise_id"], "reps": "8", "pain": "7"}
    response = world.bob.browser().post(reverse("client-log"), data, follow=True)
    assert "Skip this exercise today; your coach will see it." in unescape(
        response.content.decode()
    )


def test_r32_a_painful_set_sent_twice_with_one_key_is_stored_once_and_answered_the_same(world):
    item = strength(world)
    browser = world.bob.browser()
    data = {"exercise_id": item["exercise_id"], "reps": "8", "pain": "6",
            "idempotency_key": "0b6f1c1e-5d1b-4bb9-9d55-3f1f6b8d1a01"}  # fmt: skip
    first = browser.post(reverse("client-log"), data, **HTMX)
    again = browser.post(reverse("client-log"), data, **HTMX)
    assert first.content == again.content and "Skip this exercise today" in again.content.decode()
    assert len(training_log.sets_on(world.bob.user, world.bob_id, TODAY)) == 1


def test_r32_a_set_sent_while_paused_answers_with_the_stop_screen(world):
    item = strength(world)
    browser = world.bob.browser()
    browser.post(reverse("client-feeling"), {"symptoms": ["chest_pain"]})
    data = {"exercise_id": item["exercise_id"], "reps": "8", "pain": "6"}
    response = browser.post(reverse("client-log"), data, **HTMX)
    assert response.status_code == 409
    assert response["HX-Redirect"] == reverse("client-today")
    assert training_log.sets_on(world.bob.user, world.bob_id, TODAY) == []
    page = browser.get(response["HX-Redirect"]).content.decode()
    assert "Please stop exercising for now" in page
