"""Coach pages: roster, intake with field-named errors, programs, invitations, tests, scans."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from osteoload.services import client_programs, clients, training_log
from tests.conftest import TODAY

from .conftest import PASSWORD, PROFILE, make_client

pytestmark = pytest.mark.django_db

INTAKE_OK = {
    "name": "Edna Example",
    "age": "67",
    "sex": "female",
    "menopause": "post",
    "years_since_menopause": "15",
    "height_cm": "158",
    "weight": "141",
    "units": "lb",
    "bone.lumbar_spine_t": "-2.7",
    "bone.total_hip_t": "-2,1",
    "fractures[0].site": "wrist",
    "fractures[0].year": "2019",
    "fractures[0].low_trauma": "yes",
    "fractures[2].site": "rib",
    "falls_last_year": "1",
    "fall_with_injury_last_year": "no",
    "medications": ["bisphosphonate"],
    "conditions": ["knee_osteoarthritis", "hypertension"],
    "blood_pressure.systolic": "135",
    "blood_pressure.diastolic": "85",
    "parq_done": "on",
    "parq_yes": ["1", "5"],
    "clearance.medical": "on",
    "experience": "novice",
    "equipment": ["dumbbells", "chair", "bands", "bodyweight"],
    "schedule.resistance_days": ["2", "5"],
    "schedule.minutes_per_session": "40",
}


def roster_names(coach) -> list[str]:
    return [row.name for row in clients.roster(coach, today=TODAY)]


def test_intake_creates_the_client_with_every_field(world):
    response = world.alice.browser().post(reverse("coach-client-new"), INTAKE_OK)
    assert response.status_code == 302
    client_id = int(re.search(r"/clients/(\d+)/", response["Location"]).group(1))
    profile = clients.profile_for(world.alice.user, client_id, today=TODAY)
    assert profile.name == "Edna Example" and profile.age == 67
    assert profile.units.value == "lb" and round(profile.weight_kg or 0, 1) == 64.0
    assert profile.bone.lumbar_spine_t == -2.7 and profile.bone.total_hip_t == -2.1
    assert [(f.site.value, f.year, f.low_trauma) for f in profile.fractures] == [
        ("wrist", 2019, True),
        ("rib", None, None),
    ]
    assert profile.fall_with_injury_last_year is False
    assert [m.value for m in profile.medications] == ["bisphosphonate"]
    assert profile.parq_yes == (1, 5)
    assert profile.clearance.medical and not profile.clearance.impact
    assert profile.schedule.resistance_days == (2, 5)
    assert profile.equipment is not None and len(profile.equipment) == 4
    assert "Edna Example" in roster_names(world.alice.user)


def test_intake_shows_field_named_errors_next_to_inputs_and_creates_nothing(world):
    before = roster_names(world.alice.user)
    data = {
        **INTAKE_OK,
        "age": "130",
        "fractures[0].year": "1800",
        "blood_pressure.diastolic": "150",
        "schedule.resistance_days": ["1", "2"],
    }
    response = world.alice.browser().post(reverse("coach-client-new"), data)
    assert response.status_code == 422
    page = response.content.decode()
    message = "Age (years): 130 is above 110"
    # next to the age input, and in the summary linking to it
    assert re.search(r'id="f-age-error"><p>' + re.escape(message), page)
    assert f'<a href="#f-age">{message}</a>' in page
    assert 'id="f-fractures-0-year-error"><p>Fracture 1, year: 1800 is below ' in page
    assert "Resting blood pressure: diastolic 150 must be lower than systolic 135" in page
    assert "Strength training days:" in page and "consecutive days" in page
    assert "fractures[" not in page.split("<form")[0] and "schedule.resistance_days:" not in page
    # what she typed is kept
    assert 'value="Edna Example"' in page and 'value="wrist" selected' in page
    assert roster_names(world.alice.user) == before


def test_intake_rejects_text_where_a_number_belongs(world):
    response = world.alice.browser().post(
        reverse("coach-client-new"), {"age": "sixty", "sex": "female"}
    )
    assert response.status_code == 422
    assert "Age (years): &#x27;sixty&#x27; is not a whole number" in response.content.decode()


def test_edit_keeps_what_the_form_does_not_show(world):
    browser = world.alice.browser()
    url = reverse("coach-client-edit", kwargs={"client_id": world.bob_id})
    page = browser.get(url).content.decode()
    assert 'value="62"' in page and 'value="-1.8"' in page
    response = browser.post(url, {"name": "Bob Client", "age": "63", "sex": "female"})
    assert response.status_code == 302
    profile = clients.profile_for(world.alice.user, world.bob_id, today=TODAY)
    assert profile.age == 63
    assert [s.exercise for s in profile.strength] == ["goblet_squat"]  # kept, not on the form


def test_roster_shows_adherence_flags_and_links(world):
    alice = world.alice.user
    make_client(alice, "Nora Nologin", None)
    page = world.alice.browser().get(reverse("coach-roster")).content.decode()
    assert "Bob Client" in page and "Nora Nologin" in page and "Dave Client" not in page
    assert reverse("coach-client", kwargs={"client_id": world.bob_id}) in page
    assert "(no login yet)" in page
    assert re.search(r"<td[^>]*>\d+/\d+ <span", page)  # sessions done/planned


def test_roster_query_count_does_not_grow_with_clients(world, django_assert_max_num_queries):
    coach = clients.create_coach("busy", PASSWORD)
    browser = _browser(coach)
    for i in range(3):
        clients.create_client(coach, {**PROFILE, "name": f"Client {i:02d}"}, today=TODAY)
    with CaptureQueriesContext(connection) as small:
        assert browser.get(reverse("coach-roster")).status_code == 200
    for i in range(3, 30):
        clients.create_client(coach, {**PROFILE, "name": f"Client {i:02d}"}, today=TODAY)
    with django_assert_max_num_queries(len(small.captured_queries)):
        page = browser.get(reverse("coach-roster")).content.decode()
    assert page.count("Client 2") == 10
    assert len(small.captured_queries) <= 12


def test_roster_pages_finds_by_name_and_shows_who_needs_attention(world, monkeypatch):
    """A long roster comes a page at a time; the name search and the needs-attention view
    cover every client, and the pages keep the filter."""
    monkeypatch.setattr(clients, "ROSTER_PAGE_SIZE", 2)
    coach = clients.create_coach("paging", PASSWORD)
    browser = _browser(coach)
    ids = {
        name: clients.create_client(coach, {**PROFILE, "name": name}, today=TODAY)
        for name in ("Ada Apple", "Bea Birch", "Cleo Cedar", "Dora Apple", "Eve Elm")
    }
    # nobody has a program yet: every client is flagged
    rows = clients.roster(coach, today=TODAY)
    assert all("no_program" in r.flags for r in rows)

    def get(query: str) -> str:
        response = browser.get(reverse("coach-roster") + query)
        assert response.status_code == 200
        return response.content.decode()

    first = get("")
    assert "Ada Apple" in first and "Bea Birch" in first and "Cleo Cedar" not in first
    assert "All 5 clients" in first and "5 need attention" in first
    assert "page 1 of 3" in first and 'rel="next" href="?page=2"' in first
    last = get("?page=3")
    assert "Eve Elm" in last and "Ada Apple" not in last and 'rel="prev" href="?page=2"' in last
    assert "Eve Elm" in get("?page=99") and "Ada Apple" in get("?page=nonsense")
    found = get("?q=apple")  # any part of the name, any case
    assert "Ada Apple" in found and "Dora Apple" in found and "Bea Birch" not in found
    assert "2 clients shown" in found and 'value="apple"' in found
    assert "No client matches." in get("?q=zzz")
    # give Bea a program: she drops out of the needs-attention view (and its count)
    program_id = client_programs.generate_for_client(coach, ids["Bea Birch"], today=TODAY)
    client_programs.assign_program(coach, ids["Bea Birch"], program_id)
    flagged = get("?show=attention")
    assert "4 need attention" in flagged and "Bea Birch" not in flagged
    assert 'rel="next" href="?show=attention&amp;page=2"' in flagged
    assert "Dora Apple" in get("?q=apple&show=attention&page=2")


def _browser(user):
    from django.test import Client as Browser

    browser = Browser()
    browser.force_login(user)
    return browser


def test_client_page_shows_profile_screening_and_programs(world):
    page = world.alice.browser().get(reverse("coach-client", kwargs={"client_id": world.bob_id}))
    text = page.content.decode()
    assert "Screening today" in text
    assert "Low bone mass (osteopenia)" in text
    assert 'class="findings findings-must"' in text  # grouped by severity
    assert "Review" in text and "Generate program" in text
    assert "She has a login" in text


def test_generate_review_swap_and_assign(world):
    browser = world.alice.browser()
    response = browser.post(
        reverse("coach-program-generate", kwargs={"client_id": world.bob_id}),
        {"start": "2026-11-30", "weeks": "2"},
    )
    assert response.status_code == 302
    program_id = int(response["Location"].rstrip("/").rsplit("/", 1)[1])
    page = browser.get(response["Location"]).content.decode()
    assert "Week 1:" in page and "Week 2:" in page and "Week 3:" not in page
    assert "Why" in page and "Assign this program" in page
    document = client_programs.program_for(world.alice.user, world.bob_id, program_id)
    first = document["weeks"][0]["sessions"][0]["items"]
    old = next(
        i["exercise_id"]
        for i in first
        if client_programs.swap_options(
            world.alice.user, world.bob_id, program_id, i["exercise_id"], today=TODAY
        )
    )
    new = client_programs.swap_options(
        world.alice.user, world.bob_id, program_id, old, today=TODAY
    )[0]["id"]
    swap_url = reverse("coach-program-swap", kwargs={"client_id": world.bob_id,
                                                     "program_id": program_id})  # fmt: skip
    assert f'hx-get="{swap_url}?exercise={old}"' in page
    fragment = browser.get(swap_url, {"exercise": old}, HTTP_HX_REQUEST="true").content.decode()
    assert f'name="old" value="{old}"' in fragment and f'value="{new}"' in fragment
    assert "<html" not in fragment
    full = browser.get(swap_url, {"exercise": old}).content.decode()
    assert "<html" in full and f'value="{new}"' in full
    assert browser.get(swap_url, {"exercise": "not_in_it"}).status_code == 404
    assert browser.post(swap_url, {"old": old, "new": new}).status_code == 302
    document = client_programs.program_for(world.alice.user, world.bob_id, program_id)
    ids = {i["exercise_id"] for w in document["weeks"] for s in w["sessions"] for i in s["items"]}
    assert new in ids and old not in ids
    assign_url = reverse("coach-program-assign", kwargs={"client_id": world.bob_id,
                                                         "program_id": program_id})  # fmt: skip
    assert browser.post(assign_url).status_code == 302
    assert client_programs.assigned_program(world.alice.user, world.bob_id)["id"] == program_id


def test_generate_names_bad_input(world):
    url = reverse("coach-program-generate", kwargs={"client_id": world.bob_id})
    response = world.alice.browser().post(url, {"start": "soon", "weeks": "99"})
    assert response.status_code == 422
    assert "First day: &#x27;soon&#x27; is not a date" in response.content.decode()
    response = world.alice.browser().post(url, {"weeks": "99"})
    assert "Number of weeks: 99 is above 52" in response.content.decode()


def test_invite_link_is_shown_once_and_works_once(world):
    alice = world.alice.user
    client_id, _, _ = make_client(alice, "Ivy Invite", None)
    browser = world.alice.browser()
    response = browser.post(reverse("coach-invite", kwargs={"client_id": client_id}))
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    link = re.search(r'value="(http://testserver/invite/[^"]+/)"', response.content.decode())
    assert link is not None
    path = link.group(1).removeprefix("http://testserver")
    assert path not in browser.get(reverse("coach-client", kwargs={"client_id": client_id}))\
        .content.decode()  # fmt: skip

    from django.test import Client as Browser

    ivy = Browser()
    assert "Welcome, Ivy Invite" in ivy.get(path).content.decode()
    mismatch = ivy.post(path, {"username": "ivy", "password": PASSWORD, "password2": "other"})
    assert mismatch.status_code == 422
    assert (
        "Type the password again: the two passwords are not the same" in mismatch.content.decode()
    )
    weak = ivy.post(path, {"username": "ivy", "password": "short", "password2": "short"})
    assert weak.status_code == 422 and "Choose a password:" in weak.content.decode()
    done = ivy.post(path, {"username": "ivy", "password": PASSWORD, "password2": PASSWORD})
    assert done.status_code == 302 and done["Location"] == reverse("client-today")
    assert ivy.get(reverse("client-today")).status_code == 200  # logged in as her
    assert Browser().get(path).status_code == 404  # used: gone
    again = Browser().post(path, {"username": "ivy2", "password": PASSWORD,
                                  "password2": PASSWORD})  # fmt: skip
    assert again.status_code == 404


def test_a_forgotten_password_is_reset_with_a_new_link(world):
    from django.test import Client as Browser

    page = world.alice.browser().get(reverse("coach-client", kwargs={"client_id": world.bob_id}))
    assert "Create a password reset link" in page.content.decode()
    response = world.alice.browser().post(
        reverse("coach-invite", kwargs={"client_id": world.bob_id})
    )
    link = re.search(r'value="http://testserver(/invite/[^"]+/)"', response.content.decode())
    assert link is not None
    bob = Browser()
    form = bob.get(link.group(1)).content.decode()
    assert "Choose a new password for your login" in form and "bob" in form
    new_password = "a-brand-new-passphrase-7"
    done = bob.post(link.group(1), {"username": "bob", "password": new_password,
                                    "password2": new_password})  # fmt: skip
    assert done.status_code == 302
    login = Browser().post(reverse("login"), {"username": "bob", "password": new_password})
    assert login.status_code == 302  # the new password works


def test_record_tests_and_scan_and_see_them_in_progress(world):
    browser = world.alice.browser()
    tests_url = reverse("coach-tests", kwargs={"client_id": world.bob_id})
    bad = browser.post(tests_url, {"tug_s": "1"})
    assert bad.status_code == 422
    assert "Timed Up and Go (seconds): 1 is below 3" in bad.content.decode()
    assert browser.post(tests_url, {"date": "2026-10-01", "tug_s": "11"}).status_code == 302
    assert browser.post(tests_url, {"date": "2026-11-20", "tug_s": "9.1"}).status_code == 302
    scan_url = reverse("coach-scan", kwargs={"client_id": world.bob_id})
    bad = browser.post(scan_url, {"site": "knee"})
    assert (
        bad.status_code == 422 and "Site: &#x27;knee&#x27; is not allowed" in bad.content.decode()
    )
    for day, bmd in (("2025-11-01", "0.800"), ("2026-11-01", "0.760")):
        data = {"site": "total_hip", "date": day, "bmd_g_cm2": bmd, "scanner": "hologic"}
        assert browser.post(scan_url, data).status_code == 302
    page = browser.get(reverse("coach-client-progress", kwargs={"client_id": world.bob_id}))
    text = page.content.decode()
    assert 'id="chart-test-tug-s"' in text and "Timed Up and Go" in text
    assert 'id="chart-scan-total-hip"' in text and "Within measurement error" in text
    assert 'id="chart-projection-total-hip"' in text
    assert text.count("<title id=") >= 6 and text.count("<desc id=") >= 6


def test_resume_lifts_the_pause(world):
    training_log.report_symptoms(
        world.bob.user, world.bob_id, {"date": TODAY.isoformat(), "symptoms": ["dizziness"]},
        today=TODAY,
    )  # fmt: skip
    browser = world.alice.browser()
    page = browser.get(reverse("coach-client", kwargs={"client_id": world.bob_id}))
    assert "Paused: she reported a stop symptom" in page.content.decode()
    assert browser.post(reverse("coach-resume", kwargs={"client_id": world.bob_id})).status_code \
        == 302  # fmt: skip
    assert "needs_review" not in clients.roster(world.alice.user, today=TODAY)[0].flags


def test_client_page_shows_her_symptom_reports(world):
    training_log.report_symptoms(
        world.bob.user, world.bob_id,
        {"date": TODAY.isoformat(), "symptoms": ["chest_pain"], "note": "after the stairs"},
        today=TODAY,
    )  # fmt: skip
    response = world.alice.browser().get(reverse("coach-client", args=[world.bob_id]))
    text = response.content.decode()
    assert response.status_code == 200
    assert "How she has been feeling" in text
    assert "Chest pain" in text and "after the stairs" in text


# --- issue 13: coach pages speak about her (or him), in the third person ----------------

_YOU = re.compile(r"\b(you|your)\b", re.IGNORECASE)


def _screening_panel(page: str) -> str:
    start = page.index('id="screening-h"')
    return page[start : page.index("</section>", start)]


def test_R1_coach_page_words_findings_and_next_steps_about_a_man(world):
    """R1 (PAR-Q+ yes, no clearance): the coach reads "He answered ...", "His doctor ...",
    never the client's "you"; the page's headings use his pronoun, not "Her login"."""
    client_id, _, _ = make_client(
        world.alice.user, "Hugo Man", "hugo", sex="male", menopause=None,
        years_since_menopause=None, parq_yes=[1], clearance={"medical": False},
    )  # fmt: skip
    page = world.alice.browser().get(reverse("coach-client", kwargs={"client_id": client_id}))
    text = page.content.decode()
    panel = _screening_panel(text)
    assert "He answered yes to PAR-Q+ question(s) 1" in panel
    assert "His doctor clears him for exercise" in panel
    assert not _YOU.search(panel), panel
    assert "His login" in text and "He has a login" in text and "His log, last 14 days" in text
    she = re.search(r"\b(She|she|Her|her)\b", text)
    assert she is None, text[she.start() - 200 : she.end() + 50]


def test_R1_coach_page_for_a_woman_uses_she_and_her(world):
    """R1 the same for a woman: "She answered ...", "Her doctor ..."."""
    client_id, _, _ = make_client(
        world.alice.user, "Wilma Woman", None, parq_yes=[1], clearance={"medical": False}
    )
    text = world.alice.browser().get(reverse("coach-client", kwargs={"client_id": client_id}))
    panel = _screening_panel(text.content.decode())
    assert "She answered yes to PAR-Q+ question(s) 1" in panel
    assert "Her doctor clears her for exercise" in panel
    assert not _YOU.search(panel), panel
    assert "She has no login yet" in text.content.decode()


def test_R1_program_review_words_stored_findings_for_the_coach(world):
    """The program page renders the stored findings' codes in the coach's words, while the
    stored document keeps the client's words in ``message`` (the public contract)."""
    client_id, _, _ = make_client(
        world.alice.user, "Hal Review", None, sex="male", menopause=None,
        years_since_menopause=None, parq_yes=[2], clearance={"medical": False},
    )  # fmt: skip
    program_id = _stored_before_r32a(world.alice.user, client_id)
    document = client_programs.program_for(world.alice.user, client_id, program_id)
    r1 = next(f for f in document["screening"]["findings"] if f["rule"] == "R1")
    assert r1["code"] == "parq_yes" and r1["message"].startswith("You answered yes")
    url = reverse("coach-program", kwargs={"client_id": client_id, "program_id": program_id})
    text = world.alice.browser().get(url).content.decode()
    assert "He answered yes to PAR-Q+ question(s) 2" in text
    assert "You answered yes" not in text


def _stored_before_r32a(coach, client_id):
    """A needs-clearance program as stored before generation refused them (R32a)."""
    from osteoload.services import plans
    from osteoload.store.models import ProgramRecord

    profile = clients.profile_for(coach, client_id, today=TODAY)
    program = plans.plan_program(profile, today=TODAY, weeks=4)
    return ProgramRecord.objects.create(
        client_id=client_id, start=program.start, weeks=4, status=program.status.value,
        document=plans.program_document(program),
    ).pk  # fmt: skip


def test_adding_a_man_says_his_program(world):
    data = {**INTAKE_OK, "name": "Otto Intake", "sex": "male", "menopause": "",
            "years_since_menopause": ""}  # fmt: skip
    browser = world.alice.browser()
    response = browser.post(reverse("coach-client-new"), data, follow=True)
    text = response.content.decode()
    assert "Client added. Next: generate his program." in text


def test_r27_recorded_scans_and_tests_are_listed_corrected_and_deleted(world):
    """R27: a recorded scan is what the screening uses, and the page says so; the coach
    corrects it with the recording form and deletes it after confirming (POST only)."""
    browser = world.alice.browser()
    bob = world.bob_id
    client_url = reverse("coach-client", kwargs={"client_id": bob})
    scan = {"site": "total_hip", "date": "2026-11-02", "t_score": "-2.7", "scanner": "hologic"}
    assert browser.post(reverse("coach-scan", kwargs={"client_id": bob}), scan).status_code == 302
    tests = {"date": "2026-11-01", "tug_s": "14", "grip_kg": "18.5"}
    assert browser.post(reverse("coach-tests", kwargs={"client_id": bob}), tests).status_code == 302
    [recorded] = clients.scans_of(world.alice.user, bob)
    [recorded_tests] = clients.tests_of(world.alice.user, bob)
    text = browser.get(client_url).content.decode()
    assert "Recorded scans and tests" in text
    assert "2 Nov 2026" in text and "Whole hip" in text and "-2.7" in text and "Hologic" in text
    assert "TUG 14 s, grip 18.5 kg" in text
    assert "osteoporosis range" in text
    assert "Result used: the total hip scan of 2 November 2026, recorded after intake." in text
    edit_url = reverse("coach-scan-edit", kwargs={"client_id": bob, "scan_id": recorded.scan_id})
    delete_url = reverse(
        "coach-scan-delete", kwargs={"client_id": bob, "scan_id": recorded.scan_id}
    )
    assert edit_url in text and delete_url in text
    form = browser.get(edit_url).content.decode()
    assert 'value="-2.7"' in form and 'value="2026-11-02"' in form
    bad = browser.post(edit_url, {**scan, "t_score": "-9"})
    assert bad.status_code == 422 and "T-score" in bad.content.decode()
    assert clients.scans_of(world.alice.user, bob)[0].t_score == -2.7
    assert browser.post(edit_url, {**scan, "t_score": "-1.6"}).status_code == 302
    assert clients.profile_for(world.alice.user, bob, today=TODAY).bone.total_hip_t == -1.6
    confirm = browser.get(delete_url).content.decode()
    assert (
        "Delete the Whole hip scan of 2 Nov 2026?" in confirm and "csrfmiddlewaretoken" in confirm
    )
    assert clients.scans_of(world.alice.user, bob) != []
    assert browser.post(delete_url).status_code == 302
    assert clients.scans_of(world.alice.user, bob) == []
    tests_edit = reverse(
        "coach-tests-edit", kwargs={"client_id": bob, "tests_id": recorded_tests.tests_id}
    )
    assert browser.post(tests_edit, {"date": "2026-11-01", "tug_s": "12"}).status_code == 302
    assert clients.tests_of(world.alice.user, bob)[0].values == {"tug_s": 12.0}
    tests_delete = reverse(
        "coach-tests-delete", kwargs={"client_id": bob, "tests_id": recorded_tests.tests_id}
    )
    assert browser.post(tests_delete).status_code == 302
    assert clients.tests_of(world.alice.user, bob) == []
    assert "No scans recorded." in browser.get(client_url).content.decode()


def test_deleting_a_recorded_scan_needs_the_csrf_token(world):
    from django.test import Client as Browser

    scan_id = clients.record_scan(
        world.alice.user, world.bob_id, {"site": "total_hip", "t_score": -2.0}, today=TODAY
    )
    browser = Browser(enforce_csrf_checks=True)
    browser.force_login(world.alice.user)
    url = reverse("coach-scan-delete", kwargs={"client_id": world.bob_id, "scan_id": scan_id})
    assert browser.post(url).status_code == 403
    assert [s.scan_id for s in clients.scans_of(world.alice.user, world.bob_id)] == [scan_id]
