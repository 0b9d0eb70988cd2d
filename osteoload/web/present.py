"""Words and numbers for program items, as coaches and clients read them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from osteoload.domain.units import kg_to_lb
from osteoload.wording import Audience
from osteoload.wording.dose import Dose, dose_lines, dose_of, dose_text, logged_set_text
from osteoload.wording.equipment import equipment_text

from osteoload.wording.stops import day_in_words
from . import labels
from .charts import number

if TYPE_CHECKING:
    from osteoload.domain.profile import ClientProfile


def load_text(load_kg: float | None, units: str) -> str:
    if load_kg is None:
        return ""
    if units == "lb":
        return f"{number(kg_to_lb(load_kg), 1)} lb"
    return f"{number(load_kg, 2)} kg"


def dose(item: Mapping[str, Any], units: str) -> str:
    """The coach's one-line prescription, from the wording layer."""
    return dose_text(item, units, Audience.COACH)


def log_kind(item: Mapping[str, Any]) -> str:
    """How she ticks the item off: ``strength``, ``impact``, ``hold``, ``reps`` or ``done``."""
    if item.get("impacts"):
        return "impact"
    if item.get("minutes") or not (item.get("reps") or item.get("hold_s")):
        return "done"
    if item.get("component") in ("balance", "mobility", "warmup", "aerobic"):
        return "hold" if item.get("hold_s") else "reps"
    if item.get("hold_s") and not item.get("reps"):
        return "hold"
    return "strength"


@dataclass(slots=True)
class LoggedSet:
    """One logged row as the client's page shows it."""

    set_id: int
    exercise_id: str
    text: str


def logged_text(row: Mapping[str, Any], units: str) -> str:
    return logged_set_text(row, units)


@dataclass(slots=True)
class TodayItem:
    """One item of today's session with what she needs to log it."""

    key: str
    item: dict[str, Any]
    kind: str
    cues: list[str]
    lines: list[str]
    sets: int
    logged: list[LoggedSet] = field(default_factory=list)
    load_value: str = ""
    prefill: str = ""
    """What one set is pre-filled with: reps, impacts or seconds in each set."""
    last_time: str = ""
    """What she did the last time, in words: ``"10 kg × 12, effort 7 (3 sets)"``."""
    component: str = ""
    rpe_value: str = ""

    @property
    def done_count(self) -> int:
        return len(self.logged)

    @property
    def complete(self) -> bool:
        return self.done_count >= self.sets


def today_items(
    session: Mapping[str, Any] | None,
    cues: Mapping[str, list[str]],
    logged_rows: Iterable[Mapping[str, Any]],
    units: str,
    last_time: Mapping[str, str] | None = None,
) -> list[TodayItem]:
    """Today's items ready to show and log; ``last_time`` is what she did the last time, per
    exercise, in words."""
    last_time = last_time or {}
    if session is None:
        return []
    by_exercise: dict[str, list[LoggedSet]] = defaultdict(list)
    for row in logged_rows:
        by_exercise[row["exercise_id"]].append(
            LoggedSet(row["id"], row["exercise_id"], logged_text(row, units))
        )
    items = []
    seen: set[str] = set()
    for item in session.get("items", []):
        exercise_id = item["exercise_id"]
        if exercise_id in seen:
            continue
        seen.add(exercise_id)
        planned = dose_of(item)
        logged = by_exercise.get(exercise_id, [])
        prefill, load_value = set_prefill(planned, len(logged) + 1, units)
        items.append(
            TodayItem(
                key=exercise_id,
                item=dict(item),
                kind=log_kind(item),
                cues=list(cues.get(exercise_id, [])),
                lines=dose_lines(item, units, Audience.CLIENT),
                sets=planned.sets,
                prefill=prefill,
                last_time=last_time.get(exercise_id, ""),
                logged=logged,
                load_value=load_value,
                component=labels.label(labels.COMPONENTS, item.get("component")),
                rpe_value=number(item["target_rpe"], 1) if item.get("target_rpe") else "",
            )
        )
    return items


def set_prefill(planned: Dose, set_number: int, units: str) -> tuple[str, str]:
    """(reps or seconds or impacts, load in her units) pre-filled for set ``set_number``
    (from 1; past the last set, as the last): mixed loads (R18a) put the heavier sets last."""
    n = max(1, min(set_number, planned.sets))
    per_set = planned.set_per_set(n)
    load = planned.set_load_kg(n)
    load_value = ""
    if load is not None:
        load_value = number(kg_to_lb(load), 1) if units == "lb" else number(load, 2)
    return (str(per_set) if per_set is not None else "", load_value)


def long_date(day: date) -> str:
    """"Thursday 26 November", in the active language (the wording layer's words)."""
    return day_in_words(day, day)


def group_findings(findings: Iterable[Mapping[str, Any]]) -> list[tuple[str, str, list[Any]]]:
    """Findings grouped by severity, most binding first: (severity, heading, findings)."""
    groups: dict[str, list[Any]] = {"must": [], "should": [], "info": []}
    for finding in findings:
        groups.setdefault(finding.get("severity", "info"), []).append(finding)
    return [
        (severity, labels.label(labels.SEVERITY, severity), items)
        for severity, items in groups.items()
        if items
    ]


def roster_rows(rows: Iterable[Any], client_url: str) -> list[dict[str, Any]]:
    """Roster rows ready to print: the template only looks values up (a clinic's roster can
    run to hundreds of rows, so links and dates are formatted here, once per row).

    ``client_url`` is the client page's address with ``0`` for the client id.
    """
    prefix, _, suffix = client_url.rpartition("/0/")
    out = []
    for row in rows:
        last = row.last_activity
        out.append({
            "href": f"{prefix}/{row.client_id}/{suffix}",
            "name": row.name,
            "has_login": row.has_login,
            "age": row.age,
            "planned": row.sessions_planned,
            "done": row.sessions_done,
            "adherence": row.adherence_pct,
            "badges": flag_badges(row.flags),
            "last_iso": last.isoformat() if last else "",
            "last_text": f"{last.day} {last:%b %Y}" if last else "",
        })  # fmt: skip
    return out


def flag_badges(flags: Iterable[str]) -> list[tuple[str, str]]:
    """(label, style) for roster flags."""
    return [labels.FLAGS.get(f, (labels.words(f), "muted")) for f in flags]


#: Roster flags that restate a screening status (the assigned program's, as stored).
_STATUS_FLAGS = ("needs_clearance", "withheld")


def client_badges(flags: Iterable[str], screening_status: str | None) -> list[tuple[str, str]]:
    """(label, style) for the flags on her page, next to her screening today: the
    clearance badge follows that screening, not the status her assigned program was stored
    with (a program stored before a clearance was recorded said "needs clearance" next to
    a "Ready" screening; issue 17)."""
    kept = [f for f in flags if f not in _STATUS_FLAGS]
    if screening_status in _STATUS_FLAGS:
        kept.append(str(screening_status))
    return flag_badges(kept)


def _list(values: Iterable[Any], mapping: Mapping[str, str]) -> str:
    words = [labels.label(mapping, getattr(v, "value", str(v))) for v in values]
    return ", ".join(words) if words else "None"


#: Functional tests as the coach's pages name them: (key, short name, unit).
_TEST_LABELS = (
    ("tug_s", "TUG", " s"),
    ("chair_stand_30s", "chair stands", ""),
    ("five_sts_s", "5×STS", " s"),
    ("single_leg_stance_s", "single-leg", " s"),
    ("gait_speed_m_s", "gait", " m/s"),
    ("grip_kg", "grip", " kg"),
    ("sppb", "SPPB", ""),
    ("asm_kg_m2", "ASM", " kg/m²"),
)


def tests_values(values: Mapping[str, Any]) -> list[str]:
    """Functional test results (a profile ``tests`` object) as short texts, in a fixed order."""
    return [
        f"{name} {number(values[key], 2)}{unit}"
        for key, name, unit in _TEST_LABELS
        if values.get(key) is not None
    ]


def scan_rows(scans: Iterable[Any]) -> list[dict[str, Any]]:
    """Recorded DXA scans (:class:`~osteoload.services.clients.RecordedScan`) for the coach's
    table: date, site, BMD, T- and Z-score, scanner; a dash where the report gave none."""
    dash = "–"
    return [
        {
            "scan_id": s.scan_id,
            "date": s.date,
            "site": labels.label(labels.SITES, s.site),
            "bmd": f"{number(s.bmd_g_cm2, 3)} g/cm²" if s.bmd_g_cm2 is not None else dash,
            "t_score": number(s.t_score) if s.t_score is not None else dash,
            "z_score": number(s.z_score) if s.z_score is not None else dash,
            "scanner": labels.label(labels.SCANNERS, s.scanner) if s.scanner else dash,
        }
        for s in scans
    ]


def tests_rows(records: Iterable[Any]) -> list[dict[str, Any]]:
    """Recorded functional tests (:class:`~osteoload.services.clients.RecordedTests`) for the
    coach's table: date and the results."""
    return [
        {"tests_id": r.tests_id, "date": r.date, "values": ", ".join(tests_values(r.values))}
        for r in records
    ]


def profile_summary(profile: ClientProfile) -> list[tuple[str, str]]:
    """Her profile as (label, text) pairs for the coach's page; unknowns say so."""
    unknown = "Not known"
    p = profile
    menopause = labels.label(labels.MENOPAUSE, p.menopause.value) if p.menopause else unknown
    if p.years_since_menopause is not None:
        menopause += f", {number(p.years_since_menopause)} years ago"
    units = p.units.value
    bone = p.bone
    scores = [
        f"{name} {number(value)}"
        for name, value in (
            ("lower spine", bone.lumbar_spine_t),
            ("whole hip", bone.total_hip_t),
            ("femoral neck", bone.femoral_neck_t),
        )
        if value is not None
    ]
    fractures = [
        labels.label(labels.FRACTURE_SITES, f.site.value)
        + (f" {f.date.isoformat()}" if f.date else f" {f.year}" if f.year else "")
        + (" (low trauma)" if f.low_trauma else "")
        for f in p.fractures
    ]
    falls = unknown if p.falls_last_year is None else str(p.falls_last_year)
    if p.fall_with_injury_last_year:
        falls += ", hurt in a fall"
    clearance = [
        name
        for name, ok in (
            ("medical", p.clearance.medical),
            ("impact", p.clearance.impact),
            ("high intensity", p.clearance.high_intensity),
            ("physiotherapist", p.clearance.physio),
        )
        if ok
    ]
    days = ", ".join(labels.WEEKDAY_NAMES[d - 1][:3] for d in p.schedule.resistance_days)
    schedule = f"{days}; {p.schedule.minutes_per_session} min"
    if p.schedule.start_date:
        schedule += f"; from {p.schedule.start_date.isoformat()}"
    t = p.tests
    tests = tests_values({key: getattr(t, key) for key, _, _ in _TEST_LABELS})
    bp = p.blood_pressure
    return [
        ("Age", f"{p.age}"),
        ("Sex", labels.label(labels.SEX, p.sex.value)),
        ("Menopause", menopause),
        ("Height", f"{number(p.height_cm)} cm" if p.height_cm else unknown),
        ("Weight", load_text(p.weight_kg, units) if p.weight_kg else unknown),
        ("T-scores", "; ".join(scores) if scores else unknown),
        ("Fractures", "; ".join(fractures) if fractures else "None recorded"),
        ("Falls in the last year", falls),
        ("Medicines", _list(p.medications, labels.MEDICATIONS)),
        ("Conditions", _list(p.conditions, labels.CONDITIONS)),
        ("Symptoms now", _list(p.symptoms, labels.SYMPTOMS)),
        ("Blood pressure", f"{bp.systolic}/{bp.diastolic} mmHg" if bp else unknown),
        (
            "PAR-Q+ yes answers",
            "Not asked"
            if p.parq_yes is None
            else ", ".join(str(q) for q in p.parq_yes) or "None",
        ),
        ("Clearance", ", ".join(clearance) if clearance else "None"),
        ("Supervised", "Yes" if p.supervised else "No"),
        ("Experience", labels.label(labels.EXPERIENCE, p.experience.value) if p.experience
         else unknown),
        ("Equipment", _list(p.equipment, labels.EQUIPMENT) if p.equipment is not None
         else "Not stated (a typical gym is assumed)"),
        ("Weights available", equipment_text(p.equipment_details, p.units)),
        ("Schedule", schedule),
        ("Latest tests", (f"{t.date.isoformat()}: " if t.date else "") + ", ".join(tests)
         if tests else "None recorded"),
        ("Units", labels.label(labels.UNITS, units)),
    ]  # fmt: skip


def screening_facts(screening: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The screening's headline results as (label, text) pairs."""
    if not screening:
        return []
    facts = [
        ("Status", labels.label(labels.PROGRAM_STATUS, screening.get("status"))),
        ("Bone", labels.label(labels.BONE_CATEGORY, screening.get("bone_category"))),
        ("Falls risk", labels.label(labels.FALLS_RISK, screening.get("falls_risk"))),
        ("Highest impact", labels.words(str(screening.get("max_impact", "")))),
        ("Track", labels.label(labels.TRACKS, screening.get("track"))),
        ("Balance aim", f"{screening.get('balance_minutes_target', 120)} minutes a week"),
    ]
    clearances = screening.get("clearances_needed") or []
    if clearances:
        facts.append(("Clearance needed from", ", ".join(labels.words(c) for c in clearances)))
    if screening.get("vivifrail_passport"):
        facts.append(("Vivifrail passport", str(screening["vivifrail_passport"])))
    if screening.get("review_date"):
        facts.append(("Review by", str(screening["review_date"])))
    return facts


_EFFORT_WORDS = {
    1: "very, very easy",
    2: "very easy",
    3: "easy",
    4: "comfortable",
    5: "could do 5 or 6 more",
    6: "could do about 4 more",
    7: "could do about 3 more",
    8: "could do about 2 more",
    9: "could do 1 more",
    10: "could not do one more",
}


def effort_choices() -> list[tuple[str, str]]:
    """Effort (RPE) 1-10 in half steps, the whole numbers explained in plain words."""
    out = []
    for half in range(2, 21):
        value = half / 2
        text = number(value, 1)
        words = _EFFORT_WORDS.get(int(value)) if value.is_integer() else None
        out.append((text, f"{text}: {words}" if words else text))
    return out


def pain_choices() -> list[tuple[str, str]]:
    out = [("0", "0: no pain")]
    out += [(str(n), str(n)) for n in range(1, 10)]
    out.append(("10", "10: worst pain"))
    return out


def log_summary(
    rows: Iterable[Mapping[str, Any]], units: str, name_of: Mapping[str, str]
) -> list[dict[str, Any]]:
    """Logged rows condensed to one line per exercise per day, newest day first."""
    groups: dict[tuple[str, str], list[Mapping[str, Any]]] = {}
    for row in rows:
        groups.setdefault((row["date"], row["exercise_id"]), []).append(row)
    out = []
    for (day, exercise_id), sets in sorted(groups.items(), key=lambda kv: kv[0][0], reverse=True):
        runs: list[list[Any]] = []
        for row in sets:
            text = logged_text({**row, "pain": None}, units).split(" · ", 1)[1]
            if runs and runs[-1][0] == text:
                runs[-1][1] += 1
            else:
                runs.append([text, 1])
        out.append(
            {
                "date": date.fromisoformat(day),
                "name": name_of.get(exercise_id, exercise_id),
                "sets": len(sets),
                "text": "; ".join(f"{n} × {t}" if n > 1 else t for t, n in runs),
                "pain": max((r.get("pain") or 0 for r in sets), default=0),
            }
        )
    return out
