"""Words and numbers for program items, as coaches and clients read them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from osteoload.domain.units import kg_to_lb
from osteoload.services.quick_log import takes_one_tap
from osteoload.wording import Audience
from osteoload.wording.catalogue import exercise_words
from osteoload.wording.dose import dose_lines, dose_of, dose_text, logged_set_text
from osteoload.wording.equipment import equipment_text
from osteoload.wording.logger import (
    EffortChoice,
    done_as_planned_text,
    effort_choices,
    last_set_text,
    load_value,
    this_set_text,
)
from osteoload.wording.notes import note_words
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
    """The weight box of the next set, in her units: the engine's load for that set, else
    the weight of her last set of it today, else of the same set last time."""
    prefill: str = ""
    """What the next set is pre-filled with: reps or impacts in each set (never the seconds
    of a hold: those are what she held, from the hold timer or typed)."""
    last_time: str = ""
    """What she did the last time, in words: ``"10 kg × 12, effort 7 (3 sets)"``."""
    component: str = ""
    takes_load: bool = False
    """The item takes a weight (dumbbells, kettlebell, barbell, machine): a weight box."""
    this_set: str = ""
    """The set she is on and what it asks: ``"Set 2 of 3: 12 times at 8 kg"``."""
    last_set: str = ""
    """The same set the last time: ``"Last time: 8 kg × 12, effort 6"``."""
    effort: list[EffortChoice] = field(default_factory=list)
    """How hard was it, in words (none checked); empty where no effort is asked."""
    hold_seconds: int = 0
    """A timed hold's seconds per set (the hold timer counts them down); 0 otherwise."""
    one_tap: bool = False
    """A balance or impact item: one tap logs every set as prescribed."""

    @property
    def done_count(self) -> int:
        return len(self.logged)

    @property
    def complete(self) -> bool:
        return self.done_count >= self.sets

    @property
    def remaining(self) -> int:
        return max(0, self.sets - self.done_count)

    @property
    def done_as_planned(self) -> str:
        """The one-tap button's words (the wording layer's)."""
        return done_as_planned_text(self.remaining, self.sets)


def today_items(
    session: Mapping[str, Any] | None,
    cues: Mapping[str, list[str]],
    logged_rows: Iterable[Mapping[str, Any]],
    units: str,
    last_time: Mapping[str, str] | None = None,
    *,
    loadable: Collection[str] | None = None,
    last_sets: Mapping[str, Sequence[Any]] | None = None,
) -> list[TodayItem]:
    """Today's items ready to show and log; ``last_time`` is what she did the last time, per
    exercise, in words; ``last_sets`` the sets of that session (``SetLog``); ``loadable`` the
    exercises that take a weight (``None``: every resistance item)."""
    last_time = last_time or {}
    last_sets = last_sets or {}
    if session is None:
        return []
    rows_by_exercise: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for row in logged_rows:
        rows_by_exercise[row["exercise_id"]].append(row)
    items = []
    seen: set[str] = set()
    for item in session.get("items", []):
        exercise_id = item["exercise_id"]
        if exercise_id in seen:
            continue
        seen.add(exercise_id)
        rows = rows_by_exercise.get(exercise_id, [])
        takes_load = (
            exercise_id in loadable if loadable is not None
            else item.get("component") == "resistance"
        )  # fmt: skip
        kind = log_kind(item)
        items.append(
            TodayItem(
                key=exercise_id,
                item=localised_item(item),
                kind=kind,
                cues=[exercise_words(cue) for cue in cues.get(exercise_id, [])],
                lines=dose_lines(item, units, Audience.CLIENT),
                sets=dose_of(item).sets,
                last_time=last_time.get(exercise_id, ""),
                logged=[LoggedSet(r["id"], exercise_id, logged_text(r, units)) for r in rows],
                component=labels.label(labels.COMPONENTS, item.get("component")),
                takes_load=takes_load,
                # One set is one tap on Done already.
                one_tap=takes_one_tap(dict(item)) and dose_of(item).sets > 1,
            )
        )
        next_set(items[-1], rows, last_sets.get(exercise_id, ()), units)
    return items


def next_set(
    it: TodayItem, rows: Sequence[Mapping[str, Any]], last: Sequence[Any], units: str
) -> TodayItem:
    """Fill ``it``'s logger for its next set, after ``rows`` (her sets of it today, in order):
    what the set asks, the same set last time (``last``: that session's ``SetLog``), the
    weight and reps pre-filled, effort asked in words."""
    planned = dose_of(it.item)
    number = len(rows) + 1
    n = max(1, min(number, planned.sets))
    load = planned.set_load_kg(n) if it.takes_load else None
    if load is None and it.takes_load:
        # She chooses the weight: the one she used for her last set today, else last time.
        earlier = [r["load_kg"] for r in rows if r.get("load_kg")]
        before = [s.load_kg for s in last[:number] if s.load_kg]
        load = earlier[-1] if earlier else before[-1] if before else None
    per_set = planned.set_per_set(n)
    it.prefill = "" if it.kind == "hold" or per_set is None else str(per_set)
    it.load_value = load_value(load, units) if it.takes_load else ""
    it.this_set = this_set_text(planned, number, units, planned.set_load_kg(n))
    it.last_set = last_set_text(last, number, units)
    it.effort = effort_choices(planned.target_rpe) if it.kind == "strength" else []
    it.hold_seconds = (per_set or 0) if it.kind == "hold" else 0
    return it


def localised_item(item: Mapping[str, Any]) -> dict[str, Any]:
    """A program item with the catalogue's name and reason in the active language."""
    out = dict(item)
    for key in ("name", "why"):
        if isinstance(out.get(key), str):
            out[key] = exercise_words(out[key])
    if isinstance(out.get("note"), str):
        out["note"] = note_words(out["note"])
    return out


def long_date(day: date) -> str:
    """ "Thursday 26 November", in the active language (the wording layer's words)."""
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
            # small whole numbers as text: the same digits in every language, without the
            # template's per-value localisation (hundreds of rows)
            "age": str(row.age),
            "planned": str(row.sessions_planned) if row.sessions_planned else "",
            "done": str(row.sessions_done),
            "adherence": "" if row.adherence_pct is None else str(row.adherence_pct),
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
    return ", ".join(words) if words else _("None")


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


def vars_of(record: Any) -> dict[str, Any]:
    """A frozen dataclass's fields by name, in order (slots have no ``__dict__``)."""
    from dataclasses import fields

    return {f.name: getattr(record, f.name) for f in fields(record)}


def profile_summary(profile: ClientProfile) -> list[tuple[str, str]]:
    """Her profile as (label, text) pairs for the coach's page; unknowns say so. A row about
    one field takes its label from the field registry."""
    from osteoload.services import profile_fields

    unknown = _("Not known")
    p = profile
    menopause = labels.label(labels.MENOPAUSE, p.menopause.value) if p.menopause else unknown
    if p.years_since_menopause is not None:
        menopause += _(", %(years)s years ago") % {"years": number(p.years_since_menopause)}
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
    z_scores = [
        f"{name} {number(value)}"
        for name, value in (
            ("lower spine", bone.lumbar_spine_z),
            ("whole hip", bone.total_hip_z),
            ("femoral neck", bone.femoral_neck_z),
        )
        if value is not None
    ]
    t = p.tests
    tests = tests_values({key: getattr(t, key) for key, _, _ in _TEST_LABELS})
    if t.sppb_parts is not None:
        tests += [
            f"{profile_fields.label(f'tests.sppb_parts.{key}').removeprefix('SPPB: ')} "
            f"{number(value, 2)} s"
            for key, value in vars_of(t.sppb_parts).items()
            if value is not None
        ]
    bp = p.blood_pressure

    def label(path: str) -> str:
        return _(profile_fields.label(path))

    return [
        (label("age"), f"{p.age}"),
        (label("sex"), labels.label(labels.SEX, p.sex.value)),
        (label("menopause"), menopause),
        (label("height_cm"), f"{number(p.height_cm)} cm" if p.height_cm else unknown),
        (label("baseline_height_cm"),
         f"{number(p.baseline_height_cm)} cm" if p.baseline_height_cm else unknown),
        (label("weight_kg"), load_text(p.weight_kg, units) if p.weight_kg else unknown),
        (_("T-scores"), "; ".join(scores) if scores else unknown),
        (_("Z-scores"), "; ".join(z_scores) if z_scores else unknown),
        (_("Fractures"), "; ".join(fractures) if fractures else _("None recorded")),
        (_("Falls in the last year"), falls),
        (_("Medicines"), _list(p.medications, labels.MEDICATIONS)),
        (_("Conditions"), _list(p.conditions, labels.CONDITIONS)),
        (_("Symptoms now"), _list(p.symptoms, labels.SYMPTOMS)),
        (_("Blood pressure"), f"{bp.systolic}/{bp.diastolic} mmHg" if bp else unknown),
        (
            _("PAR-Q+ yes answers"),
            _("Not asked")
            if p.parq_yes is None
            else ", ".join(str(q) for q in p.parq_yes) or _("None"),
        ),
        (_("Clearance"), ", ".join(clearance) if clearance else _("None")),
        (_("Supervised"), _("Yes") if p.supervised else _("No")),
        (_("Experience"), labels.label(labels.EXPERIENCE, p.experience.value) if p.experience
         else unknown),
        (_("Equipment"), _list(p.equipment, labels.EQUIPMENT) if p.equipment is not None
         else _("Not stated (a typical gym is assumed)")),
        (_("Weights available"), equipment_text(p.equipment_details, p.units)),
        (_("Schedule"), schedule),
        (_("Latest tests"), (f"{t.date.isoformat()}: " if t.date else "") + ", ".join(tests)
         if tests else _("None recorded")),
        (_("Units"), labels.label(labels.UNITS, units)),
    ]  # fmt: skip


def screening_facts(screening: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The screening's headline results as (label, text) pairs."""
    if not screening:
        return []
    facts = [
        (_("Status"), labels.label(labels.PROGRAM_STATUS, screening.get("status"))),
        (_("Bone"), labels.label(labels.BONE_CATEGORY, screening.get("bone_category"))),
        (_("Falls risk"), labels.label(labels.FALLS_RISK, screening.get("falls_risk"))),
        (_("Highest impact"), labels.words(str(screening.get("max_impact", "")))),
        (_("Track"), labels.label(labels.TRACKS, screening.get("track"))),
        (
            _("Balance aim"),
            _("%(minutes)s minutes a week")
            % {"minutes": screening.get("balance_minutes_target", 120)},
        ),
    ]
    clearances = screening.get("clearances_needed") or []
    if clearances:
        facts.append((_("Clearance needed from"), ", ".join(labels.words(c) for c in clearances)))
    if screening.get("vivifrail_passport"):
        facts.append((_("Vivifrail passport"), str(screening["vivifrail_passport"])))
    if screening.get("review_date"):
        facts.append((_("Review by"), str(screening["review_date"])))
    return facts


def pain_choices() -> list[tuple[str, str]]:
    out = [("0", _("0: no pain"))]
    out += [(str(n), str(n)) for n in range(1, 10)]
    out.append(("10", _("10: worst pain")))
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
