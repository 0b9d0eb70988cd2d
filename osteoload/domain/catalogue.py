"""The exercise catalogue: what each movement is, what it loads, and who may do it.

The data lives in ``osteoload/data/exercises.yaml``; :func:`build_catalogue` validates raw
records (plain dicts, already parsed from YAML by the data layer) and returns a
:class:`Catalogue`. Validation is strict because safety filtering (R6, R8-R12) trusts the
tags, impact levels and equipment written here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from .errors import DomainError
from .vocabulary import Component, Equipment, ImpactLevel, Pattern, Region, Site, SpineRisk

#: Equipment whose load is a free weight (R9 limits these when unsupervised and falls risk is high).
FREE_WEIGHTS = frozenset({Equipment.BARBELL, Equipment.DUMBBELLS, Equipment.KETTLEBELL})


class Dosing(StrEnum):
    """How an exercise is dosed (the catalogue's ``dose``)."""

    REPS = "reps"
    """Sets x repetitions."""
    HOLD = "hold"
    """Sets x hold seconds."""
    IMPACTS = "impacts"
    """Impacts per session."""
    MINUTES = "minutes"
    """Minutes in one go."""


#: The catalogue's ``dose`` words, in the order a problem message lists them.
_DOSE_WORDS = tuple(d.value for d in Dosing)


class CatalogueError(DomainError):
    """The catalogue data is inconsistent; the message lists every problem."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Exercise:
    id: str
    name: str
    component: Component
    pattern: Pattern
    regions: tuple[Region, ...]
    sites: tuple[Site, ...]
    impact: ImpactLevel
    peak_grf_bw: float | None
    """Approximate peak ground-reaction force in body weights (impact drills only)."""
    tags: tuple[SpineRisk, ...]
    equipment: tuple[Equipment, ...]
    """Everything needed to do the exercise; an empty tuple means nothing at all."""
    level: int
    """1 (easiest, most support) to 5 (hardest)."""
    regressions: tuple[str, ...]
    progressions: tuple[str, ...]
    cues: tuple[str, ...]
    safety: str
    why: str
    dose: Dosing
    loadable: bool
    """True when the load is prescribed as a %1RM or RPE (external weight or machine)."""
    seconds_per_rep: float
    """Time estimate for one rep, hold second or impact, used to fit sessions into minutes."""
    supervised_only: bool = False
    """Only with a qualified professional present (R11 high impact, R16 heavy lifts)."""

    @property
    def uses_free_weight(self) -> bool:
        return any(e in FREE_WEIGHTS for e in self.equipment)

    @property
    def is_upper_body(self) -> bool:
        return self.pattern in {
            Pattern.ROW,
            Pattern.PRESS_OVERHEAD,
            Pattern.PRESS_HORIZONTAL,
            Pattern.PULL_VERTICAL,
        }


class Catalogue(Mapping[str, Exercise]):
    """An immutable, validated mapping of exercise id to :class:`Exercise`."""

    def __init__(self, exercises: Sequence[Exercise]) -> None:
        self._by_id = {e.id: e for e in exercises}

    def __getitem__(self, key: str) -> Exercise:
        return self._by_id[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_id)

    def __len__(self) -> int:
        return len(self._by_id)

    def by_component(self, component: Component) -> tuple[Exercise, ...]:
        return tuple(e for e in self._by_id.values() if e.component is component)

    def by_pattern(self, pattern: Pattern) -> tuple[Exercise, ...]:
        return tuple(e for e in self._by_id.values() if e.pattern is pattern)


_REQUIRED = (
    "id", "name", "component", "pattern", "regions", "sites", "impact", "tags", "equipment",
    "level", "regressions", "progressions", "cues", "safety", "why", "dose", "loadable",
    "seconds_per_rep",
)  # fmt: skip
_OPTIONAL = ("peak_grf_bw", "supervised_only")
_SNAKE_CASE = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")


def build_catalogue(records: Sequence[Mapping[str, Any]]) -> Catalogue:
    """Validate raw records and build the catalogue.

    Raises :class:`CatalogueError` listing every problem found.
    """
    problems: list[str] = []
    exercises: list[Exercise] = []
    seen: set[str] = set()
    for index, raw in enumerate(records):
        if not isinstance(raw, Mapping):
            problems.append(f"exercise {index}: must be a mapping of fields, got {raw!r}")
            continue
        where = f"exercise {raw.get('id', index)!s}"
        exercise = _build_one(raw, where, problems)
        if exercise is None:
            continue
        if exercise.id in seen:
            problems.append(f"{where}: duplicate id")
        seen.add(exercise.id)
        exercises.append(exercise)
    for e in exercises:
        for ref in (*e.regressions, *e.progressions):
            if ref not in seen:
                problems.append(f"exercise {e.id}: links to unknown exercise {ref!r}")
            if ref == e.id:
                problems.append(f"exercise {e.id}: links to itself")
    if problems:
        raise CatalogueError("invalid exercise catalogue:\n  " + "\n  ".join(problems))
    return Catalogue(exercises)


def _enum(kind: type[Any], value: Any, where: str, field: str, problems: list[str]) -> Any:
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(m.value for m in kind)
        problems.append(f"{where}: {field} {value!r} is not allowed; allowed: {allowed}")
        return None


def _enums(
    kind: type[Any], values: Any, where: str, field: str, problems: list[str]
) -> tuple[Any, ...]:
    if not isinstance(values, list):
        problems.append(f"{where}: {field} must be a list")
        return ()
    return tuple(
        v for v in (_enum(kind, x, where, field, problems) for x in values) if v is not None
    )


def _build_one(raw: Mapping[str, Any], where: str, problems: list[str]) -> Exercise | None:
    """One exercise from its raw record, or ``None`` with its problems added to
    ``problems`` (in the order the fields are checked)."""
    if not _fields_present(raw, where, problems):
        return None
    before = len(problems)
    cues = _checked_text(raw, where, problems)
    _check_numbers(raw, where, problems)
    impact = _checked_impact(raw, where, problems)
    component = _enum(Component, raw["component"], where, "component", problems)
    pattern = _enum(Pattern, raw["pattern"], where, "pattern", problems)
    regions = _enums(Region, raw["regions"], where, "regions", problems)
    sites = _enums(Site, raw["sites"], where, "sites", problems)
    tags = _enums(SpineRisk, raw["tags"], where, "tags", problems)
    equipment = _enums(Equipment, raw["equipment"], where, "equipment", problems)
    if not regions:
        problems.append(f"{where}: needs at least one region")
    if len(problems) > before:
        return None
    grf = raw.get("peak_grf_bw")
    return Exercise(
        id=raw["id"],
        name=raw["name"].strip(),
        component=component,
        pattern=pattern,
        regions=regions,
        sites=sites,
        impact=impact,
        peak_grf_bw=float(grf) if grf is not None else None,
        tags=tags,
        equipment=equipment,
        level=raw["level"],
        regressions=tuple(raw["regressions"]),
        progressions=tuple(raw["progressions"]),
        cues=tuple(str(c).strip() for c in cues),
        safety=raw["safety"].strip(),
        why=raw["why"].strip(),
        dose=Dosing(raw["dose"]),
        loadable=raw["loadable"],
        seconds_per_rep=float(raw["seconds_per_rep"]),
        supervised_only=raw.get("supervised_only", False),
    )


def _fields_present(raw: Mapping[str, Any], where: str, problems: list[str]) -> bool:
    """Note missing and unknown fields; True when every required field is there."""
    missing = [k for k in _REQUIRED if k not in raw]
    unknown = [k for k in raw if k not in _REQUIRED and k not in _OPTIONAL]
    if missing:
        problems.append(f"{where}: missing {', '.join(missing)}")
    if unknown:
        problems.append(f"{where}: unknown field(s) {', '.join(unknown)}")
    return not missing


def _checked_text(raw: Mapping[str, Any], where: str, problems: list[str]) -> list[Any]:
    """Check the id, cues, links, yes/no flags and texts; return the cues (empty when they
    are not a list of 2 to 4)."""
    ex_id = raw["id"]
    if not isinstance(ex_id, str) or not _SNAKE_CASE.fullmatch(ex_id):
        problems.append(f"{where}: id must be snake_case")
    cues = raw["cues"]
    if not isinstance(cues, list) or not 2 <= len(cues) <= 4:
        problems.append(f"{where}: needs 2 to 4 cues")
        cues = []
    elif not all(isinstance(c, str) and c.strip() for c in cues):
        problems.append(f"{where}: cues must be non-empty text")
    for link_field in ("regressions", "progressions"):
        links = raw[link_field]
        if not isinstance(links, list) or not all(isinstance(x, str) for x in links):
            problems.append(f"{where}: {link_field} must be a list of exercise ids")
    for flag in ("loadable", "supervised_only"):
        if not isinstance(raw.get(flag, False), bool):
            problems.append(f"{where}: {flag} must be true or false")
    for text_field in ("name", "safety", "why"):
        if not isinstance(raw[text_field], str) or not raw[text_field].strip():
            problems.append(f"{where}: {text_field} must be non-empty text")
    return cues


def _check_numbers(raw: Mapping[str, Any], where: str, problems: list[str]) -> None:
    """Check the level, the dose and the seconds per rep."""
    level = raw["level"]
    if isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= 5:
        problems.append(f"{where}: level must be 1 to 5")
    if raw["dose"] not in _DOSE_WORDS:
        problems.append(f"{where}: dose {raw['dose']!r} is not one of {', '.join(_DOSE_WORDS)}")
    spr = raw["seconds_per_rep"]
    if isinstance(spr, bool) or not isinstance(spr, int | float) or not 0 < spr <= 120:
        problems.append(f"{where}: seconds_per_rep must be a number in (0, 120]")


def _checked_impact(raw: Mapping[str, Any], where: str, problems: list[str]) -> Any:
    """The impact level, checked with its peak ground-reaction force (impact drills need
    one, 0.5 to 12 body weights)."""
    impact = _enum(ImpactLevel, raw["impact"], where, "impact", problems)
    grf = raw.get("peak_grf_bw")
    if impact in (ImpactLevel.MODERATE, ImpactLevel.HIGH) and grf is None:
        problems.append(f"{where}: impact drills need peak_grf_bw")
    if grf is not None and (
        isinstance(grf, bool) or not isinstance(grf, int | float) or not 0.5 <= grf <= 12
    ):
        problems.append(f"{where}: peak_grf_bw must be 0.5 to 12 body weights")
    return impact
