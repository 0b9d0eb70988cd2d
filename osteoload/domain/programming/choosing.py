"""Choosing exercises: what she may do (R6 exclusions, R8 impact ceiling, R12 spine, R19
substitutes, R25 Vivifrail A seated or supported work, her equipment) and which one fills
each slot.

:func:`allowed_exercises` filters the catalogue; ``Chooser`` picks by pattern, component
and level, falling back to permitted substitutes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..catalogue import Catalogue, Exercise
from ..profile import ClientProfile
from ..program import Screening
from ..vocabulary import (
    Component,
    Equipment,
    Experience,
    ImpactLevel,
    Pattern,
    Track,
)
from .phases import ALWAYS_AVAILABLE, ASSUMED_EQUIPMENT, HIGH_INTENSITY_LIFTS

# --- Choosing exercises -------------------------------------------------------------------


def allowed_exercises(
    profile: ClientProfile, screening: Screening, catalogue: Catalogue
) -> tuple[Exercise, ...]:
    """Every catalogue exercise this client may be given, per screening and her equipment."""
    have = set(profile.equipment) if profile.equipment is not None else set(ASSUMED_EQUIPMENT)
    have |= ALWAYS_AVAILABLE
    viv_a = is_vivifrail_a(screening)
    out = []
    for e in catalogue.values():
        if set(e.tags) & set(screening.excluded_tags):
            continue  # R6, as screening decided it (the one R6 mechanism)
        if e.pattern in screening.excluded_patterns or e.id in screening.excluded_exercises:
            continue
        if e.impact.rank > screening.max_impact.rank:
            continue
        if not set(e.equipment) <= have:
            continue
        if e.supervised_only and not profile.supervised:
            continue
        if not screening.free_weights_allowed and e.uses_free_weight:
            continue  # R9
        if screening.track is Track.GENTLE and e.level > 2:
            continue
        if viv_a and not seated_or_supported(e):
            continue  # R25a
        out.append(e)
    return tuple(sorted(out, key=lambda e: e.id))


#: R25a: machines she sits in (leg press, seated row, chest and shoulder press, pulldown);
#: a cable or Smith machine for a standing pattern is not seated.
_SEATED_MACHINE_PATTERNS = frozenset({Pattern.SQUAT, Pattern.ROW, Pattern.PRESS_OVERHEAD,
                                      Pattern.PRESS_HORIZONTAL, Pattern.PULL_VERTICAL})  # fmt: skip
#: R25a: equipment that seats or holds her up: a chair (seated, or a hand on its back), a
#: wall or counter to lean on or hold, a bench to sit on or put her hands on.
_SUPPORT_EQUIPMENT = frozenset({Equipment.CHAIR, Equipment.WALL, Equipment.BENCH})


def is_vivifrail_a(screening: Screening) -> bool:
    """R25/R25a: screening gave Vivifrail passport A (or A+: SPPB 0-3 from age 70)."""
    return (screening.vivifrail_passport or "").rstrip("+") == "A"


def seated_or_supported(exercise: Exercise) -> bool:
    """R25a: may a Vivifrail A client do ``exercise``?

    The catalogue has no position field, so support is read from what the exercise needs:
    nothing done on a mat (floor work, floor transfers) or lying face down (``prone_``);
    strength items (resistance and posture) only when a chair, wall or bench seats or holds
    her, or a machine she sits in. Standing band, free-weight and bodyweight strength work
    (squats, split squats, hinges, carries) is out. Warm-ups, walking and balance drills are
    not strength items and keep their own grading (R23, R24).
    """
    if Equipment.MAT in exercise.equipment or exercise.id.startswith("prone_"):
        return False
    if exercise.component not in (Component.RESISTANCE, Component.POSTURE):
        return True
    if _SUPPORT_EQUIPMENT & set(exercise.equipment):
        return True
    return Equipment.MACHINES in exercise.equipment and (
        exercise.pattern in _SEATED_MACHINE_PATTERNS
    )


def max_exercise_level(profile: ClientProfile, screening: Screening) -> int:
    if screening.track is Track.GENTLE:
        return 2
    if profile.experience in (None, Experience.NOVICE):
        return 3
    return 4 if profile.experience is Experience.INTERMEDIATE else 5


_IMPLEMENT_ORDER = (Equipment.BARBELL, Equipment.MACHINES, Equipment.DUMBBELLS,
                    Equipment.KETTLEBELL, Equipment.BANDS)  # fmt: skip


def _resistance_rank(e: Exercise, known: frozenset[str], prefer_barbell: bool) -> tuple[int, ...]:
    """Sort key for resistance choices: the client's known lifts (``known``, the exercise ids
    of her strength sets), then sensible implements."""
    implement = next((i for i, eq in enumerate(_IMPLEMENT_ORDER) if eq in e.equipment), 9)
    if not prefer_barbell and implement == 0:
        implement = 5
    return (0 if e.id in known else 1, 0 if e.loadable else 1, implement, -e.level)


_FALLBACKS: dict[Pattern, tuple[Pattern, ...]] = {
    Pattern.SQUAT: (Pattern.SQUAT, Pattern.LUNGE, Pattern.STEP),
    Pattern.HINGE: (Pattern.HINGE, Pattern.SPINAL_EXTENSION),
    Pattern.LUNGE: (Pattern.LUNGE, Pattern.STEP, Pattern.SQUAT),
    Pattern.ROW: (Pattern.ROW, Pattern.PULL_VERTICAL),
    Pattern.PRESS_OVERHEAD: (Pattern.PRESS_OVERHEAD, Pattern.PRESS_HORIZONTAL),
    Pattern.PRESS_HORIZONTAL: (Pattern.PRESS_HORIZONTAL, Pattern.PRESS_OVERHEAD),
    Pattern.PULL_VERTICAL: (Pattern.PULL_VERTICAL, Pattern.ROW),
    Pattern.ANTI_ROTATION: (Pattern.ANTI_ROTATION, Pattern.CARRY, Pattern.SPINAL_EXTENSION),
    Pattern.CARRY: (Pattern.CARRY, Pattern.ANTI_ROTATION),
}


@dataclass(frozen=True, slots=True)
class Chooser:
    """Picks exercises from ``pool`` (already filtered by :func:`allowed_exercises`).

    The generator asks for an exercise hundreds of times per program, so the pool is
    grouped and sorted once, in ``__post_init__``: each query then takes the first entry of
    a short list that is not in ``avoid`` and within the level and impact limits, which is
    the same exercise that a ``min``/``max`` over the whole pool would give.
    """

    profile: ClientProfile
    screening: Screening
    pool: tuple[Exercise, ...]
    max_level: int
    _by_id: dict[str, Exercise] = field(init=False, repr=False, compare=False)
    #: Per component: (exercise, level, impact rank), hardest first (the by_component order).
    _by_component: dict[Component, tuple[tuple[Exercise, int, int], ...]] = field(
        init=False, repr=False, compare=False
    )
    #: Per pattern: resistance/posture options within max_level and low impact, best first.
    _by_pattern: dict[Pattern, tuple[Exercise, ...]] = field(init=False, repr=False, compare=False)
    #: Balance drills, hardest first by (level, id) (the _second_balance order).
    _balance: tuple[Exercise, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        set_ = object.__setattr__  # the dataclass is frozen
        set_(self, "_by_id", {e.id: e for e in self.pool})
        by_component: dict[Component, list[Exercise]] = {}
        for e in self.pool:
            by_component.setdefault(e.component, []).append(e)
        set_(self, "_by_component", {
            component: tuple(
                (e, e.level, e.impact.rank)
                for e in sorted(options, reverse=True,
                                key=lambda e: (e.level, e.impact.rank, -len(e.equipment), e.id))
            )
            for component, options in by_component.items()
        })  # fmt: skip
        known = frozenset(s.exercise for s in self.profile.strength)
        prefer_barbell = self.screening.track is Track.HIGH_INTENSITY or (
            self.profile.experience in (Experience.INTERMEDIATE, Experience.ADVANCED)
        )
        low = ImpactLevel.LOW.rank
        by_pattern: dict[Pattern, list[Exercise]] = {}
        for e in self.pool:  # pool order (by id), so that sorting keeps ties as min() would
            if (
                e.component in (Component.RESISTANCE, Component.POSTURE)
                and e.level <= self.max_level
                and e.impact.rank <= low
            ):
                by_pattern.setdefault(e.pattern, []).append(e)
        set_(self, "_by_pattern", {
            pattern: tuple(sorted(options,
                                  key=lambda e: _resistance_rank(e, known, prefer_barbell)))
            for pattern, options in by_pattern.items()
        })  # fmt: skip
        balance = by_component.get(Component.BALANCE, [])
        set_(self, "_balance", tuple(sorted(balance, key=lambda e: (e.level, e.id), reverse=True)))

    def resistance(self, pattern: Pattern, avoid: set[str]) -> Exercise | None:
        if self.screening.track is Track.HIGH_INTENSITY and pattern in HIGH_INTENSITY_LIFTS:
            wanted = HIGH_INTENSITY_LIFTS[pattern]
            if wanted in self._by_id and wanted not in avoid:
                return self._by_id[wanted]
        for candidate_pattern in _FALLBACKS.get(pattern, (pattern,)):
            for e in self._by_pattern.get(candidate_pattern, ()):
                if e.id not in avoid:
                    return e  # the best-ranked option not avoided
        return None

    def by_component(
        self, component: Component, *, level: int, avoid: set[str], max_impact: ImpactLevel
    ) -> Exercise | None:
        """The hardest exercise of a component at or below ``level`` (ties by id)."""
        max_rank = max_impact.rank
        for e, e_level, e_rank in self._by_component.get(component, ()):
            if e_level <= level and e_rank <= max_rank and e.id not in avoid:
                return e
        return None

    def second_balance(self, *, level: int, avoid: set[str]) -> Exercise | None:
        """The hardest dynamic balance drill at or below ``level`` (ties by id), else the
        hardest static one."""
        fallback = None
        for e in self._balance:
            if e.level <= level and e.id not in avoid:
                if e.pattern is not Pattern.BALANCE_STATIC:
                    return e
                if fallback is None:
                    fallback = e
        return fallback
