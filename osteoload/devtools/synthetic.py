"""Synthetic client profiles for the clinic generator and the benchmarks.

Each profile starts from one of the example clients (healthy perimenopause to frail faller,
recent fracture, needs clearance, new back pain, a man, one in pounds) and varies what would
vary between real clients: name, age, body size, bone density, test results, known loads,
training days and session length. The results are plain profile documents (profile.v1);
the services validate them like any intake. Deterministic for a given random generator.
"""

from __future__ import annotations

import functools
import json
import random
from datetime import date, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from osteoload.services.catalogue import get_catalogue

#: Date the example profiles were written against: their dates are shifted from it.
EXAMPLES_AS_OF = date(2026, 11, 26)

#: (example file, weight): how often each kind of client appears in a synthetic clinic.
#: Mostly women after menopause with low bone mass; a few frail, injured or not yet cleared.
SPECTRUM: tuple[tuple[str, int], ...] = (
    ("01-healthy-perimenopause.yaml", 14),
    ("02-early-postmenopause-osteopenia.yaml", 22),
    ("03-osteoporosis-supervised-heavy.yaml", 10),
    ("04-vertebral-fracture-history.yaml", 10),
    ("05-frail-recurrent-faller.yaml", 8),
    ("06-recent-wrist-fracture.yaml", 5),
    ("07-man-low-bone-mass.yaml", 8),
    ("08-pounds-us-client.yaml", 13),
    ("09-needs-clearance.yaml", 5),
    ("10-new-back-pain.json", 5),
)

_FIRST = (
    "Ada", "Agnes", "Aisha", "Alice", "Amara", "Ana", "Anne", "Bea", "Bridget", "Carmen",
    "Chloe", "Clara", "Dana", "Deborah", "Dolores", "Edith", "Elena", "Eva", "Fatima", "Frances",
    "Gloria", "Grace", "Hana", "Helga", "Irene", "Isabel", "Jane", "Joyce", "Judith", "Karen",
    "Leila", "Linda", "Lucia", "Mai", "Margaret", "Maria", "Marta", "Mei", "Miriam", "Nadia",
    "Nora", "Olga", "Paula", "Priya", "Rosa", "Ruth", "Sara", "Sofia", "Susan", "Teresa",
    "Ursula", "Vera", "Wanda", "Yara", "Yvonne", "Zofia",
)  # fmt: skip
_FIRST_MEN = ("Alan", "Bernard", "David", "Frank", "Hugo", "Kenji", "Luis", "Omar", "Peter")
_LAST = (
    "Adams", "Baker", "Castillo", "Dubois", "Eriksen", "Fischer", "Garcia", "Hansen", "Ito",
    "Jones", "Kowalski", "Lopez", "Murphy", "Nakamura", "Okafor", "Patel", "Quinn", "Rossi",
    "Silva", "Tanaka", "Usman", "Varga", "Walsh", "Xu", "Young", "Zimmermann",
)  # fmt: skip

_DAY_PATTERNS: tuple[tuple[str, ...], ...] = (
    ("mon", "wed", "fri"), ("tue", "thu", "sat"), ("mon", "thu"), ("tue", "fri"),
    ("mon", "wed"), ("wed", "sat"), ("tue", "thu"),
)  # fmt: skip


def examples_dir() -> Path:
    """The example profiles: in a wheel under ``osteoload/data``, else the repository's."""
    packaged = Path(str(resources.files("osteoload.data"))) / "examples" / "profiles"
    if packaged.is_dir():
        return packaged
    return Path(str(resources.files("osteoload"))).parent / "examples" / "profiles"


def load_example(name: str) -> dict[str, Any]:
    """An example profile as plain JSON values (dates as ISO text); a fresh copy each call."""
    return dict(json.loads(_example_json(name)))


@functools.cache
def _example_json(name: str) -> str:
    text = (examples_dir() / name).read_text(encoding="utf-8")
    data = json.loads(text) if name.endswith(".json") else yaml.safe_load(text)
    return json.dumps(data, default=str)


def shift_dates(document: Any, days: int) -> Any:
    """The document with every date (and fracture year) moved by ``days``."""
    if isinstance(document, dict):
        out: dict[str, Any] = {}
        for key, value in document.items():
            if key in ("date", "start_date") and isinstance(value, str):
                out[key] = (date.fromisoformat(value) + timedelta(days=days)).isoformat()
            elif key == "year" and isinstance(value, int):
                out[key] = value + round(days / 365.25)
            else:
                out[key] = shift_dates(value, days)
        return out
    if isinstance(document, list):
        return [shift_dates(v, days) for v in document]
    return document


def pick_example(rng: random.Random) -> str:
    names = [name for name, _ in SPECTRUM]
    return rng.choices(names, weights=[w for _, w in SPECTRUM])[0]


def synthetic_profile(
    rng: random.Random, *, intake: date, start: date, example: str | None = None
) -> dict[str, Any]:
    """A varied profile document as a coach would enter it on ``intake``, starting ``start``.

    Everything dated in the example keeps its distance from the intake day (tests a couple of
    weeks before, a fracture twelve days before, and so on).
    """
    name = example or pick_example(rng)
    base = shift_dates(load_example(name), (intake - EXAMPLES_AS_OF).days)
    doc: dict[str, Any] = dict(base)
    man = doc.get("sex") == "male"
    doc["name"] = f"{rng.choice(_FIRST_MEN if man else _FIRST)} {rng.choice(_LAST)}"
    age_change = rng.randint(-4, 4)
    if doc.get("menopause") == "post" and "years_since_menopause" in doc:
        # Age and years since the final period move together (menopause at a similar age).
        age_change = max(age_change, -int(doc["years_since_menopause"]))
        doc["years_since_menopause"] = int(doc["years_since_menopause"]) + age_change
    doc["age"] = int(doc["age"]) + age_change
    doc["height_cm"] = round(float(doc["height_cm"]) + rng.uniform(-5, 5))
    if "baseline_height_cm" in doc:
        doc["baseline_height_cm"] = doc["height_cm"] + (
            int(base["baseline_height_cm"]) - int(base["height_cm"])
        )
    weight_key = "weight_lb" if "weight_lb" in doc else "weight_kg"
    doc[weight_key] = round(float(doc[weight_key]) * rng.uniform(0.9, 1.12))
    bone = dict(doc.get("bone", {}))
    shift = round(rng.uniform(-0.3, 0.3), 1)
    for site in ("lumbar_spine_t", "total_hip_t", "femoral_neck_t"):
        if site in bone:
            bone[site] = round(min(2.0, max(-4.5, float(bone[site]) + shift)), 1)
    if "scans" in bone:
        bone["scans"] = [_varied_scan(s, shift) for s in bone["scans"]]
    if bone:
        doc["bone"] = bone
    if "tests" in doc:
        doc["tests"] = vary_tests(doc["tests"], rng, scale=1.0)
    for item in doc.get("strength", []):
        key = "load_lb" if "load_lb" in item else "load_kg"
        step = 5.0 if key == "load_lb" else 1.0
        item[key] = max(step, round(float(item[key]) * rng.uniform(0.8, 1.2) / step) * step)
    schedule = dict(doc.get("schedule", {}))
    if rng.random() < 0.7:
        schedule["resistance_days"] = list(rng.choice(_DAY_PATTERNS))
    schedule["minutes_per_session"] = rng.choice((30, 40, 45, 45, 50, 60))
    if "minutes_per_session" in base.get("schedule", {}) and rng.random() < 0.5:
        schedule["minutes_per_session"] = base["schedule"]["minutes_per_session"]
    schedule["start_date"] = start.isoformat()
    doc["schedule"] = schedule
    return doc


def _varied_scan(scan: dict[str, Any], shift: float) -> dict[str, Any]:
    out = dict(scan)
    if "t_score" in out:
        out["t_score"] = round(min(2.0, max(-4.5, float(out["t_score"]) + shift)), 1)
    if "bmd_g_cm2" in out:
        out["bmd_g_cm2"] = round(float(out["bmd_g_cm2"]) + 0.11 * shift, 3)
    return out


def vary_tests(tests: dict[str, Any], rng: random.Random, *, scale: float) -> dict[str, Any]:
    """Test results a little better or worse; ``scale`` < 1 means better (faster, stronger).

    Times shrink with ``scale``, counts and strengths grow; everything stays in range.
    """
    out = dict(tests)
    noise = rng.uniform(0.95, 1.05)
    for key, low, high in (("tug_s", 4.0, 60.0), ("five_sts_s", 4.0, 60.0)):
        if key in out:
            out[key] = round(min(high, max(low, float(out[key]) * scale * noise)), 1)
    better = (2 - scale) * rng.uniform(0.95, 1.05)
    if "chair_stand_30s" in out:
        out["chair_stand_30s"] = min(35, max(0, round(int(out["chair_stand_30s"]) * better)))
    if "single_leg_stance_s" in out:
        out["single_leg_stance_s"] = round(
            min(60.0, max(0.0, float(out["single_leg_stance_s"]) * better)), 1
        )
    if "gait_speed_m_s" in out:
        out["gait_speed_m_s"] = round(min(2.0, max(0.3, float(out["gait_speed_m_s"]) * better)), 2)
    if "grip_kg" in out:
        out["grip_kg"] = round(min(60.0, max(5.0, float(out["grip_kg"]) * better)), 1)
    return out


#: What a virtual client picks for a lift she has never done and the program leaves to her:
#: the empty bar or a light stack setting, or a light dumbbell or kettlebell.
FIRST_LOAD_HEAVY_KG = 20.0
FIRST_LOAD_LIGHT_KG = 4.0


def first_load_kg(exercise_id: str) -> float | None:
    """What she picks for a lift she has never done when the program leaves the weight to
    her: she starts light, with what her equipment has (``None`` for an unloaded exercise)."""
    exercise = get_catalogue().get(exercise_id)
    if exercise is None or not exercise.loadable:
        return None
    heavy = {"barbell", "machines"} & {e.value for e in exercise.equipment}
    return FIRST_LOAD_HEAVY_KG if heavy else FIRST_LOAD_LIGHT_KG
