"""Paper documents: illustrations, the program booklet (PDF), the calendar and the report.

PDF tests render short programs (2-4 weeks) of a few example profiles, extract the text with
``pdftotext`` (Debian: poppler-utils) and inspect WeasyPrint's page boxes for overflow.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime
from functools import cache
from html import escape
from pathlib import Path

import pytest
from icalendar import Calendar

from osteoload.data.loader import read_yaml
from osteoload.domain.profile import ClientProfile
from osteoload.domain.program import Program
from osteoload.domain.units import format_load
from osteoload.domain.vocabulary import ProgramStatus
from osteoload.illustration import draw, place
from osteoload.services import documents
from osteoload.services import illustrations as il
from osteoload.services.catalogue import get_catalogue
from osteoload.services.errors import InputError
from osteoload.services.logs import read_log
from osteoload.services.plans import plan_program
from osteoload.services.profiles import load_profile, parse_profile
from osteoload.wording.dose import dose_of, load_words
from tests.conftest import ROOT, TODAY

PROFILES = ROOT / "examples" / "profiles"
LOGS = ROOT / "examples" / "logs"
SVG = "{http://www.w3.org/2000/svg}"
# Skipped only on a developer machine without poppler; in CI (CI=true) a missing pdftotext
# must fail, so the checks can never be silently lost.
needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None and not os.environ.get("CI"),
    reason="pdftotext missing: apt-get install poppler-utils",
)


def profile(name: str) -> ClientProfile:
    return load_profile(PROFILES / name, today=TODAY)


def program(name: str, weeks: int) -> tuple[ClientProfile, Program]:
    record = profile(name)
    return record, plan_program(record, today=TODAY, weeks=weeks)


def words(text: str) -> str:
    """Whitespace-normalised text, with the hyphenation pdftotext may add undone."""
    return re.sub(r"\s+", " ", text).strip()


def pdf_text(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    out = subprocess.run(
        ["pdftotext", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    return words(out)


# =========================================================================================
# Illustrations
# =========================================================================================


@pytest.mark.parametrize("exercise_id", list(get_catalogue()))
def test_every_exercise_has_two_valid_pictures(exercise_id):
    for position in ("start", "end"):
        svg = il.exercise_svg(exercise_id, position)
        root = ET.fromstring(svg)
        assert root.tag == f"{SVG}svg"
        assert root.get("viewBox") == "0 0 240 240"
        title = root.find(f"{SVG}title")
        assert title is not None and title.text == il.exercise_title(exercise_id, position)
        assert get_catalogue()[exercise_id].name in title.text
        assert root.find(f"{SVG}desc") is not None
        assert "href" not in svg and "url(" not in svg, "pictures load nothing from outside"
    alt = il.exercise_alt(exercise_id)
    assert alt.startswith(get_catalogue()[exercise_id].name + ", start: ")
    assert "; end: " in alt


def test_every_catalogue_exercise_has_its_own_pose_entry():
    """Each exercise was posed (and looked at) on purpose, not left to a pattern default."""
    entries = read_yaml("poses.yaml")["exercises"]
    assert set(entries) == set(get_catalogue())


PROP_FOR = {
    "barbell": {"barbell", "landmine"},
    "dumbbells": {"dumbbell"},
    "kettlebell": {"kettlebell"},
    "bands": {"band"},
    "machines": {"cable", "lever", "leg_press", "smith", "seat", "post", "pad"},
    "chair": {"chair"},
    "step": {"step", "stair1", "stair2"},
    "box": {"box"},
    "bench": {"bench", "incline"},
    "wall": {"wall"},
    "mat": {"mat"},
    "pull_up_bar": {"pull_up_bar"},
}


@pytest.mark.parametrize("exercise_id", list(get_catalogue()))
def test_pictures_show_the_equipment(exercise_id):
    ill = il._library()[exercise_id]
    shown = {p.kind for pose in (ill.start, ill.end) for p in pose.props}
    shown |= {support for pose in (ill.start, ill.end) for _where, support in pose.on}
    for equipment in get_catalogue()[exercise_id].equipment:
        wanted = PROP_FOR.get(equipment.value)
        if wanted:
            assert shown & wanted, f"{exercise_id}: {equipment.value} not drawn"


@pytest.mark.parametrize("exercise_id", list(get_catalogue()))
def test_nothing_sinks_through_the_floor(exercise_id):
    ill = il._library()[exercise_id]
    for pose in (ill.start, ill.end):
        drawing = draw(pose)
        shapes = [s for s in drawing.shapes if s.bounded]
        assert min(y - s.radius for s in shapes for _x, y in s.points) >= -1.0
        lowest = min(y for _x, y in drawing.points.values())
        assert lowest >= 0.0


def _pts(exercise_id: str, position: str) -> dict[str, tuple[float, float]]:
    ill = il._library()[exercise_id]
    return place(ill.start if position == "start" else ill.end)


def test_the_movements_read_as_themselves():
    # a squat squats: hips come down a long way, the trunk stays fairly upright
    s, e = _pts("goblet_squat", "start"), _pts("goblet_squat", "end")
    assert e["hip"][1] < s["hip"][1] - 30
    # a hinge hinges: trunk tipped forward, a neutral (uncurved) spine, knees only soft
    ill = il._library()["romanian_deadlift"]
    assert ill.end.trunk >= 50 and ill.end.curve == 0 and ill.end.knee_r <= 25
    # a row pulls: the working hand ends nearer the hip than it started
    s, e = _pts("seated_cable_row", "start"), _pts("seated_cable_row", "end")
    assert e["hand_r"][0] < s["hand_r"][0] - 20
    # an overhead press presses up: hands end above the head
    e = _pts("dumbbell_overhead_press", "end")
    assert e["hand_r"][1] > e["head"][1] + 20
    # a plank is horizontal: shoulder and hip at about the same height
    e = _pts("forearm_plank", "end")
    assert abs(e["shoulder"][1] - e["hip"][1]) < 12
    # a stance stands: the hip above the ankles, both feet down
    e = _pts("tandem_stance", "end")
    assert e["hip"][1] > 80 and min(e["toe_l"][1], e["toe_r"][1]) < 6
    # a hop leaves the ground
    for hop in ("single_leg_hops", "two_foot_hops", "star_jumps", "jump_squats"):
        e = _pts(hop, "end")
        feet = [e[n][1] for n in ("heel_l", "heel_r", "toe_l", "toe_r")]
        assert min(feet) > 8, hop
    # a walk steps: the feet are apart front to back, and swap between positions
    s, e = _pts("brisk_walking", "start"), _pts("brisk_walking", "end")
    assert s["ankle_r"][0] - s["ankle_l"][0] > 25
    assert e["ankle_l"][0] - e["ankle_r"][0] > 25


def test_unknown_exercise_or_position_is_an_input_error():
    with pytest.raises(InputError, match="goblet_squat"):
        il.exercise_svg("goblet_squatt", "start")
    with pytest.raises(InputError, match="allowed: start, end"):
        il.exercise_svg("goblet_squat", "middle")  # type: ignore[arg-type]


def test_write_illustrations(tmp_path):
    written = il.write_illustrations(tmp_path / "pics")
    assert len(written) == 2 * len(get_catalogue()) + 1
    assert (tmp_path / "pics" / "index.html").read_text().count("<figure") == len(get_catalogue())
    assert not list((tmp_path / "pics").glob(".*.tmp"))


# =========================================================================================
# The program booklet
# =========================================================================================


@cache
def booklet(name: str, weeks: int, large_print: bool) -> tuple[Program, str, object, bytes]:
    record, plan = program(name, weeks)
    html = documents.program_html(plan, record, large_print=large_print)
    document = documents.pdf_layout(html)
    return plan, html, document, document.write_pdf()


def overflowing(document) -> list[str]:
    """Boxes that run past the page's content area (right or bottom)."""
    bad = []
    for number, page in enumerate(document.pages, start=1):
        page_box = page._page_box
        right = page_box.content_box_x() + page_box.width + 1
        bottom = page_box.content_box_y() + page_box.height + 1
        for root in page_box.children:
            if getattr(root, "element_tag", None) != "html":
                continue  # the page's margin boxes: footers
            for box in root.descendants():
                x_end = box.position_x + box.margin_width()
                y_end = box.position_y + box.margin_height()
                if x_end > right or y_end > bottom:
                    tag = getattr(box, "element_tag", "?")
                    bad.append(f"page {number}: {type(box).__name__} <{tag}> to {x_end:.0f}")
    return bad


def image_boxes(document) -> int:
    return sum(
        1
        for page in document.pages
        for root in page._page_box.children
        for box in root.descendants()
        if type(box).__name__ == "InlineReplacedBox" and box.element_tag == "img"
    )


@needs_pdftotext
@pytest.mark.slow
def test_booklet_in_pounds_has_every_exercise_load_and_finding(tmp_path):
    plan, html, document, pdf = booklet("08-pounds-us-client.yaml", 4, False)
    text = pdf_text(pdf, tmp_path)
    record = profile("08-pounds-us-client.yaml")
    assert "Helen Irving" in text
    names = {i.name for w in plan.weeks for s in w.sessions for i in s.items}
    for name in names:
        assert name in text, name
    loads = {
        load_words(dose_of(i), record.units)
        for w in plan.weeks
        for s in w.sessions
        for i in s.items
        if i.load_kg
    }
    assert loads and all(load and "lb" in load and "kg" not in load for load in loads)
    for w in plan.weeks:
        for s in w.sessions:
            for i in s.items:
                if i.load_kg:
                    assert format_load(i.load_kg, record.units) in text
    for load in loads:
        assert escape(str(load)) in html, load
    assert " kg" not in text.replace("Loads are in lb", "")
    for finding in plan.screening.findings:
        assert words(finding.message)[:60] in text, finding.rule
    for kind in ("Strength day A", "Strength day B", "Strength day C", "Home balance day"):
        assert kind in text
    assert "Week 4 log" in text and "Sets done" in text and "Pain" in text
    # layout: a sensible number of pages, nothing past the margins, every picture drawn
    types = documents.session_types(plan, record.units)
    cards = sum(len(t.cards) for t in types)
    assert 2 + len(types) + 4 <= len(document.pages) <= 3 + cards + 3 * 4
    assert overflowing(document) == []
    assert html.count("<img ") == 2 * cards
    assert image_boxes(document) == 2 * cards


@needs_pdftotext
@pytest.mark.slow
def test_large_print_booklet(tmp_path):
    plan, html, document, pdf = booklet("04-vertebral-fracture-history.yaml", 2, True)
    normal = booklet("04-vertebral-fracture-history.yaml", 2, False)
    sizes = {
        round(box.style["font_size"], 1)
        for root in document.pages[0]._page_box.children
        for box in root.descendants()
        if type(box).__name__ == "TextBox" and box.element_tag == "li"
    }
    assert max(sizes) >= 21.3  # 16 pt = 21.33 px
    assert len(document.pages) > len(normal[2].pages)
    assert overflowing(document) == []
    assert image_boxes(document) == html.count("<img ")
    text = pdf_text(pdf, tmp_path)
    assert "Dorothy Evans" in text and "kg" in text
    assert "physiotherapist" in text  # whom to call: the clearance she still needs


@needs_pdftotext
def test_booklet_for_a_program_waiting_for_clearance(tmp_path):
    record, plan = program("09-needs-clearance.yaml", 12)
    assert plan.status is ProgramStatus.NEEDS_CLEARANCE and not plan.weeks
    pdf = documents.program_pdf(plan, record)
    text = pdf_text(pdf, tmp_path)
    assert "Needs clearance first" in text
    assert "will be printed once the steps above are done" in text
    for step in plan.screening.next_steps:
        assert words(step)[:50] in text


@needs_pdftotext
def test_booklet_for_a_withheld_program_shows_the_home_sessions(tmp_path):
    plan, html, document, pdf = booklet("10-new-back-pain.json", 1, False)
    assert plan.status is ProgramStatus.WITHHELD
    text = pdf_text(pdf, tmp_path)
    assert "On hold" in text and "Home balance day" in text
    assert "Strength day" not in text
    assert overflowing(document) == []


def test_session_types_group_by_slot_and_merge_identical_home_days():
    record, plan = program("01-healthy-perimenopause.yaml", 12)
    types = documents.session_types(plan, record.units)
    titles = [t.title for t in types]
    assert titles[:2] == ["Strength day A", "Strength day B"]
    assert len(types) == 4  # two strength days, an impact+balance day, a balance day
    # every exercise of every session is on its type's pages
    for week in plan.weeks:
        for session in week.sessions:
            assert any(
                {i.exercise_id for i in session.items} <= {c.exercise_id for c in t.cards}
                for t in types
            )


# =========================================================================================
# Calendar
# =========================================================================================


def test_calendar_has_one_event_per_session_with_stable_uids():
    record, plan = program("08-pounds-us-client.yaml", 12)
    stamp = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
    data = documents.program_ics(plan, record, stamp=stamp)
    cal = Calendar.from_ical(data)
    assert str(cal["version"]) == "2.0" and "osteoload" in str(cal["prodid"])
    events = cal.walk("VEVENT")
    sessions = [(w, s) for w in plan.weeks for s in w.sessions]
    assert len(events) == len(sessions) == 72
    uids = [str(e["uid"]) for e in events]
    assert len(set(uids)) == len(uids)
    again = Calendar.from_ical(documents.program_ics(plan, record, stamp=stamp))
    assert [str(e["uid"]) for e in again.walk("VEVENT")] == uids
    for event, (week, session) in zip(events, sessions, strict=True):
        assert event.decoded("dtstart") == session.date
        assert str(event["summary"]).endswith(f"(week {week.week}, {week.phase.value})")
    first = str(events[0]["description"])
    assert "Back squat (barbell): 2 \u00d7 12 at 60 lb" in first


# =========================================================================================
# Report
# =========================================================================================

TWO_SCANS = """\
name: Report client
age: 64
sex: female
menopause: post
years_since_menopause: 12
bone:
  scans:
    - {site: lumbar_spine, date: 2025-05-02, bmd_g_cm2: 0.800, scanner: hologic,
       precision_g_cm2: 0.010}
    - {site: lumbar_spine, date: 2026-05-04, bmd_g_cm2: 0.840, scanner: hologic,
       precision_g_cm2: 0.010}
    - {site: total_hip, date: 2025-05-02, bmd_g_cm2: 0.760, scanner: hologic}
    - {site: total_hip, date: 2026-05-04, bmd_g_cm2: 0.770, scanner: hologic}
tests: {date: 2026-10-01, tug_s: 9.5, chair_stand_30s: 12}
schedule: {resistance_days: [mon, thu], start_date: 2026-09-28}
equipment: [barbell, dumbbells, kettlebell, machines, bands, bodyweight, step, bench, mat]
units: kg
"""


def test_report_from_the_example_log():
    record = profile("02-early-postmenopause-osteopenia.yaml")
    log = read_log(LOGS / "02-early-postmenopause-osteopenia.csv", today=TODAY)
    report = documents.progress_report(record, log.sets, today=TODAY, log_source="log.csv")
    assert report.scans and all("One scan only" in s.verdict for s in report.scans)
    assert {t.name for t in report.tests} and all(t.date == "2026-11-12" for t in report.tests)
    assert report.adherence[0][0] == "All planned sessions"
    assert report.strength and all("estimated on" in s.first for s in report.strength)
    html = documents.report_html(report)
    assert "Beatriz Costa" in html and "<svg" in html and "Open findings" in html


@needs_pdftotext
def test_report_judges_scans_against_the_least_significant_change(tmp_path):
    import yaml

    record = parse_profile(yaml.safe_load(TWO_SCANS), today=TODAY)
    log_path = tmp_path / "log.csv"
    log_path.write_text(
        "date,exercise_id,set,reps,load_kg,rpe,pain,note\n"
        "2026-09-28,goblet_squat,1,10,12,7,0,\n"
        "2026-10-01,goblet_squat,1,10,14,7.5,0,\n"
        "2026-11-19,goblet_squat,1,10,18,8,0,easy\n"
    )
    log = read_log(log_path, today=TODAY)
    report = documents.progress_report(record, log.sets, today=TODAY, log_source="log.csv")
    spine, hip = report.scans
    assert spine.significant and "real gain" in spine.verdict.lower()
    assert not hip.significant and "stable" in hip.verdict.lower()
    (squat,) = report.strength
    assert "2026-09-28" in squat.first and "2026-11-19" in squat.latest
    assert squat.change.startswith("+")
    text = pdf_text(documents.report_pdf(report), tmp_path)
    for needle in ("0.800 g/cm", "0.840 g/cm", "2025-05-02", "2026-05-04", "Timed Up and Go",
                   "2 of ", "Goblet squat", "Where bone density may be heading"):  # fmt: skip
        assert needle in text, needle


# =========================================================================================
# Files
# =========================================================================================


def test_write_atomically_replaces_and_leaves_no_temp_files(tmp_path):
    target = tmp_path / "out.pdf"
    documents.write_atomically(target, b"one")
    documents.write_atomically(target, b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in tmp_path.iterdir()] == ["out.pdf"]
    with pytest.raises(IsADirectoryError):
        documents.write_atomically(tmp_path, b"x")
    with pytest.raises(FileNotFoundError):
        documents.write_atomically(tmp_path / "missing" / "x.pdf", b"x")


def test_long_date():
    assert documents.long_date(date(2027, 1, 4)) == "Monday 4 January 2027"
