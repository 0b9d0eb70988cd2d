"""Issue 17, "done when": a coach does in the browser everything the command line can.

She creates a client with every field of the intake form filled (the field registry,
:mod:`osteoload.services.profile_fields`, says which: a field added to the registry's intake,
tests or scan form and not filled here fails this test), records her functional tests and a
DXA scan, generates and assigns a program, downloads the booklet (a PDF that ``pdftotext``
reads with her exercises and loads), the calendar file and the doctor's report, creates an
API token (shown once, it works; revoked, it answers 401), and pages through a 3-year
history, newest first.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import urllib.error
import urllib.request
from datetime import timedelta
from pathlib import Path
from typing import Any

import icalendar
import pytest
from playwright.sync_api import Download, Page, expect

from osteoload.services import profile_fields
from osteoload.services.profile_fields import Kind
from tests.conftest import TODAY
from tests.history_seed import seed_three_years

from .support import PASSWORD, PageChecks, log_in

pytestmark = pytest.mark.django_db(transaction=True)

CLIENT = "Elena Everyfield"
#: Documents render on a busy shared machine: a booklet can take tens of seconds.
DOWNLOAD_MS = 120_000
#: Her training days as the form's boxes' values (ISO weekday numbers): today and three
#: days later.
DAYS = [str(TODAY.isoweekday()), str((TODAY.isoweekday() + 2) % 7 + 1)]

#: A value for every input of the intake form, by registry path (valid for the engine:
#: ready to train, nothing that pauses her). Lists are the checkboxes to tick.
INTAKE: dict[str, Any] = {
    "name": CLIENT,
    "age": "58",
    "sex": "female",
    "menopause": "post",
    "years_since_menopause": "7",
    "height_cm": "161",
    "baseline_height_cm": "162",
    "weight_kg": "64.5",
    "weight_lb": None,  # the same input as weight_kg ("weight"), in the units below
    "units": "kg",
    "bone.lumbar_spine_t": "-2.2",
    "bone.total_hip_t": "-1.5",
    "bone.femoral_neck_t": "-1.8",
    "bone.lumbar_spine_z": "-1.1",
    "bone.total_hip_z": "-0.6",
    "bone.femoral_neck_z": "-0.9",
    "fractures[].site": "wrist",
    "fractures[].year": str(TODAY.year - 4),
    "fractures[].date": f"{TODAY.year - 4}-03-14",
    "fractures[].low_trauma": "yes",
    "falls_last_year": "1",
    "fall_with_injury_last_year": "no",
    "medications": ["bisphosphonate"],
    "conditions": ["hypertension"],
    # She has none of the symptoms that pause training, and answered no to every PAR-Q+
    # question (the "answered" box is ticked below): nothing to tick in these two.
    "symptoms": [],
    "parq_yes": [],
    "blood_pressure.systolic": "132",
    "blood_pressure.diastolic": "82",
    "clearance.medical": True,
    "clearance.impact": True,
    "clearance.high_intensity": True,
    "clearance.physio": True,
    "supervised": True,
    "experience": "intermediate",
    "equipment": ["dumbbells", "kettlebell", "barbell", "machines", "bands", "bodyweight",
                  "step", "box", "bench", "chair", "wall", "mat"],
    "equipment_details.dumbbells": "1-20 step 1",
    "equipment_details.kettlebells": "4, 6, 8, 12, 16",
    "equipment_details.barbell.bar": "15",
    "equipment_details.barbell.smallest_plate": "1.25",
    "equipment_details.barbell.heaviest": "80",
    "equipment_details.machine.first": "5",
    "equipment_details.machine.step": "5",
    "equipment_details.machine.heaviest": "100",
    "equipment_details.bands": ["light", "medium", "heavy"],
    "schedule.resistance_days": DAYS,
    "schedule.minutes_per_session": "45",
    "schedule.start_date": TODAY.isoformat(),
    # R31: a FRAX result her doctor worked out (FRAX has no any-fracture risk: left empty)
    "fracture_risk[].tool": "frax",
    "fracture_risk[].date": (TODAY - timedelta(days=60)).isoformat(),
    "fracture_risk[].horizon_years": "10",
    "fracture_risk[].major_osteoporotic_pct": "18",
    "fracture_risk[].any_fracture_pct": None,
    "fracture_risk[].hip_pct": "3.2",
    "fracture_risk[].with_bmd": "yes",
    "fracture_risk[].entered_by": "Dr Moreno",
}  # fmt: skip
TESTS: dict[str, Any] = {
    "tests.date": TODAY.isoformat(),
    "tests.tug_s": "8.4",
    "tests.chair_stand_30s": "14",
    "tests.five_sts_s": "11.5",
    "tests.single_leg_stance_s": "22",
    "tests.gait_speed_m_s": "1.15",
    "tests.grip_kg": "24",
    # 10 s side by side (1) + 10 s semi-tandem (1) + 10 s tandem (2) + 3.8 s walk (4)
    # + 11.5 s chair stands (3) = 11 points.
    "tests.sppb": "11",
    "tests.sppb_parts.side_by_side_s": "10",
    "tests.sppb_parts.semi_tandem_s": "10",
    "tests.sppb_parts.tandem_s": "10",
    "tests.sppb_parts.gait_4m_s": "3.8",
    "tests.sppb_parts.chair_stands_s": "11.5",
    "tests.asm_kg_m2": "6.4",
}
SCAN: dict[str, Any] = {
    "bone.scans[].site": "lumbar_spine",
    "bone.scans[].date": (TODAY - timedelta(days=30)).isoformat(),
    "bone.scans[].bmd_g_cm2": "0.842",
    "bone.scans[].t_score": "-2.2",
    "bone.scans[].z_score": "-1.1",
    "bone.scans[].scanner": "hologic",
    "bone.scans[].precision_g_cm2": "0.010",
}
#: The intake form's fracture row that is filled: a fracture's fields are its inputs
#: ``fractures[0].site``, ``fractures[0].year`` and so on.
FRACTURE_ROW = 0


def inputs_of(form: str) -> list[profile_fields.ProfileField]:
    return [f for f in profile_fields.on_form(form) if f.kind is not Kind.GROUP]


def input_name(field: profile_fields.ProfileField) -> str:
    if field.path.startswith("fractures[]."):
        return f"fractures[{FRACTURE_ROW}].{field.path.removeprefix('fractures[].')}"
    return field.input_name


def fill_form(page: Page, form: str, values: dict[str, Any]) -> None:
    """Every input the registry puts on ``form``, by its name, as its kind is entered."""
    fields = inputs_of(form)
    assert {f.path for f in fields} == set(values), (
        f"the {form} form's fields changed: fill the new ones here too"
    )
    for field in fields:
        value = values[field.path]
        if value is None:
            continue
        name = input_name(field)
        if field.kind is Kind.CHECKS:
            boxes = page.locator(f"input[type=checkbox][name='{name}']")
            assert boxes.count() > 0, name
            for choice in value:
                boxes.and_(page.locator(f"[value='{choice}']")).check()
        elif field.kind is Kind.CHECK:
            page.locator(f"input[type=checkbox][name='{name}']").check()
        elif field.kind in (Kind.SELECT, Kind.YESNO):
            page.locator(f"select[name='{name}']").select_option(value)
        else:
            page.locator(f"input[name='{name}']").fill(value)


def same(shown: str, typed: str) -> bool:
    try:
        return float(shown) == float(typed)
    except ValueError:
        return shown == typed


def form_holds(page: Page, form: str, values: dict[str, Any]) -> None:
    """The form, opened again to edit, shows every value that was typed into it."""
    for field in inputs_of(form):
        value = values[field.path]
        if value is None:
            continue
        name = input_name(field)
        if field.kind is Kind.CHECKS:
            ticked = page.locator(f"input[type=checkbox][name='{name}']:checked").evaluate_all(
                "(els) => els.map((e) => e.value)"
            )
            assert sorted(ticked) == sorted(value), (field.path, ticked)
        elif field.kind is Kind.CHECK:
            expect(page.locator(f"input[type=checkbox][name='{name}']")).to_be_checked()
        else:
            tag = "select" if field.kind in (Kind.SELECT, Kind.YESNO) else "input"
            shown = page.locator(f"{tag}[name='{name}']").input_value()
            assert same(shown, value), (field.path, shown, value)


def saved(download: Download, folder: Path) -> Path:
    target = folder / download.suggested_filename
    download.save_as(target)
    return target


def pdf_text(path: Path) -> str:
    assert path.read_bytes().startswith(b"%PDF"), path
    if shutil.which("pdftotext") is None:
        if os.environ.get("CI"):
            pytest.fail("pdftotext missing under CI: apt-get install poppler-utils")
        pytest.skip("pdftotext missing: apt-get install poppler-utils")
    out = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    return re.sub(r"\s+", " ", out)


def download(page: Page, link_name: str, folder: Path) -> Path:
    with page.expect_download(timeout=DOWNLOAD_MS) as info:
        page.get_by_role("link", name=link_name, exact=True).click()
    return saved(info.value, folder)


def api_status(base_url: str, token: str) -> tuple[int, Any]:
    request = urllib.request.Request(
        f"{base_url}/api/v1/me", headers={"Authorization": f"Bearer {token}"}
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (test server)
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, None


def test_coach_does_everything_in_the_browser(
    open_page: Any, checks: PageChecks, base_url: str, tmp_path: Path
) -> None:
    her = seed_three_years(today=TODAY, password=PASSWORD)
    page = open_page("desktop")
    page.set_viewport_size({"width": 1440, "height": 900})
    page.context.set_default_timeout(30_000)
    log_in(page, checks, her.coach.get_username(), PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Clients")
    checks.check(page, "roster")

    # --- a client with every field ---------------------------------------------------------
    page.get_by_role("link", name="Add a client").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("New client")
    fill_form(page, "intake", INTAKE)
    page.get_by_label("The seven PAR-Q+ questions have been answered").check()
    checks.check(page, "intake-every-field")
    page.get_by_role("button", name="Add client").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(CLIENT)
    expect(page.get_by_text("Client added. Next: generate her program.")).to_be_visible()
    client_url = page.url
    summary = page.locator("section[aria-labelledby=summary-h]")
    for shown in (
        "Height when first measured162 cm",
        "lower spine -1.1; whole hip -0.6; femoral neck -0.9",
        f"Wrist {TODAY.year - 4}-03-14 (low trauma)",
        "132/82 mmHg",
        "medical, impact, high intensity, physiotherapist",
        "dumbbells 1-20 kg in 1 kg steps; kettlebells 4, 6, 8, 12, 16 kg",
        "machine stack in 5 kg steps from 5 kg to 100 kg; bands: light, medium, heavy",
    ):
        expect(summary).to_contain_text(shown)
    checks.check(page, "client-added")
    page.get_by_role("link", name="Edit profile").click()
    form_holds(page, "intake", INTAKE)  # every field, as typed
    checks.check(page, "intake-edit")
    page.get_by_role("link", name="Cancel").click()
    checks.check(page, "client-after-edit")

    page.get_by_role("link", name="Record functional tests").click()
    fill_form(page, "tests", TESTS)
    checks.check(page, "tests-filled")
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(client_url)
    recorded = page.locator("table[aria-labelledby=tests-h] tbody tr").first
    expect(recorded).to_contain_text("SPPB 11, ASM 6.4 kg/m²")
    checks.check(page, "tests-recorded")
    recorded.get_by_role("link", name=re.compile("^Edit")).click()
    form_holds(page, "tests", TESTS)  # the SPPB parts too, which the row does not show
    checks.check(page, "tests-edit")
    page.get_by_role("link", name="Cancel").click()
    checks.check(page, "client-with-tests")

    page.get_by_role("link", name="Record a DXA scan").click()
    fill_form(page, "scan", SCAN)
    checks.check(page, "scan-filled")
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(client_url)
    scan = page.locator("table[aria-labelledby=scans-h] tbody tr").first
    expect(scan.locator("td")).to_contain_text(
        ["Lower spine", "0.842 g/cm²", "-2.2", "-1.1", "Hologic"]
    )
    checks.check(page, "scan-recorded")
    scan.get_by_role("link", name=re.compile("^Edit")).click()
    form_holds(page, "scan", SCAN)  # the precision too, which the row does not show
    checks.check(page, "scan-edit")
    page.get_by_role("link", name="Cancel").click()
    checks.check(page, "client-with-records")

    # --- her program -----------------------------------------------------------------------
    page.get_by_label("First day").fill(TODAY.isoformat())
    page.get_by_role("button", name="Generate program").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Program for {CLIENT}")
    rows = page.locator("section.week").first.locator("tbody th[scope=row]")
    expect(rows.first).to_be_visible()
    names = sorted({row.inner_text().splitlines()[0].strip() for row in rows.all()})
    assert len(names) >= 4, names
    checks.check(page, "program-review")
    page.get_by_role("button", name="Assign this program").click()
    expect(page.get_by_text("Program assigned: she sees it on her phone now.")).to_be_visible()
    checks.check(page, "program-assigned")

    # --- her documents ---------------------------------------------------------------------
    booklet = pdf_text(download(page, "booklet (PDF)", tmp_path))
    assert CLIENT in booklet
    missing = [name for name in names if name not in booklet]
    assert not missing, f"exercises not in the booklet: {missing}"
    # No set logged yet: her doses are written out, her loads found in the first sessions.
    assert "Loads are in kg" in booklet
    assert re.search(r"\b\d × \d+\b", booklet), "no dose in the booklet"
    large = pdf_text(download(page, "large-print booklet (PDF)", tmp_path))
    assert CLIENT in large
    assert not [name for name in names if name not in large]

    calendar = icalendar.Calendar.from_ical(
        download(page, "calendar (.ics)", tmp_path).read_bytes()
    )
    events = list(calendar.walk("VEVENT"))
    assert len(events) >= 12, len(events)
    firsts = sorted(event.decoded("DTSTART") for event in events)
    first = firsts[0].date() if hasattr(firsts[0], "date") else firsts[0]
    assert first == TODAY, firsts[:3]

    # The doctor's report needs a log: the seeded client's three years.
    page.goto(f"/coach/clients/{her.client_id}/")
    checks.check(page, "seeded-client")
    seeded_name = page.get_by_role("heading", level=1).inner_text()
    # Her log gives her loads: her booklet says them in kilograms.
    loaded = pdf_text(download(page, "booklet (PDF)", tmp_path))
    assert seeded_name in loaded
    assert re.search(r"\b\d+(\.\d+)? kg\b(?! steps)", loaded.replace("Loads are in kg", "")), (
        "no load in kg in the booklet"
    )
    report = pdf_text(download(page, "Progress report for her doctor (PDF)", tmp_path))
    assert seeded_name in report, report[:300]

    # --- an API token: shown once, works, revoked -----------------------------------------
    page.goto("/settings/")
    checks.check(page, "settings")
    page.get_by_label("Name of the token").fill("clinic spreadsheet")
    page.get_by_role("button", name="Create a token").click()
    box = page.get_by_label("API token", exact=True)
    expect(box).to_be_visible()
    token = box.input_value()
    assert len(token) >= 20
    checks.check(page, "token-created")
    status, me = api_status(base_url, token)
    assert status == 200, status
    assert me["username"] == her.coach.get_username(), me
    page.goto("/settings/")  # shown once: not on the settings page again
    row = page.get_by_role("row", name=re.compile("clinic spreadsheet"))
    expect(row).to_contain_text("Active")
    expect(row.locator("td").nth(2)).not_to_have_text("Never")  # last used: just now
    expect(page.get_by_label("API token", exact=True)).to_have_count(0)
    assert token not in page.content()
    checks.check(page, "token-not-shown-again")
    page.get_by_role("button", name="Revoke the token clinic spreadsheet").click()
    expect(page.get_by_text("is revoked: it no longer works.")).to_be_visible()
    checks.check(page, "token-revoked")
    assert api_status(base_url, token)[0] == 401

    # --- three years of history, newest first -------------------------------------------
    page.goto(f"/coach/clients/{her.client_id}/history/")
    status_line = page.locator(".history-count")
    expect(status_line).to_contain_text("page 1 of")
    checks.check(page, "history-newest")
    days = page.locator(".history-day time")
    newest = days.evaluate_all("(els) => els.map((e) => e.getAttribute('datetime'))")
    assert newest and newest == sorted(newest, reverse=True)
    page.get_by_role("link", name="Older").click()
    expect(status_line).to_contain_text("page 2 of")
    checks.check(page, "history-older")
    older = days.evaluate_all("(els) => els.map((e) => e.getAttribute('datetime'))")
    assert older and max(older) < min(newest)
    page.get_by_role("link", name="Oldest").click()
    checks.check(page, "history-oldest")
    oldest = days.evaluate_all("(els) => els.map((e) => e.getAttribute('datetime'))")
    assert min(oldest) < str(TODAY.replace(year=TODAY.year - 2))
