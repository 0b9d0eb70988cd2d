"""Units and the loads a gym actually has: the only home of unit rules in osteoload.

The engine works in kilograms. This module converts to and from pounds, and turns an exact
target load (for example 70 % of a working 1RM) into something a client can pick up.

Rounding rule (R18, clinical-evidence.md §13): loads are always rounded **down** to the
nearest load that exists on the chosen implement, never up past the target. When even the
lightest available load is heavier than the target, the result has no load and says so in
plain words (use the regression or body weight instead); it never hands back the heavier one.

Loads for dumbbells and kettlebells are **per implement** (per hand), the same convention a
set is logged in: "8 kg" on a dumbbell row means one 8 kg dumbbell.

The default equipment below is our assumption of a typical gym, not a clinical number; each
client's gym can be described with its own :class:`EquipmentProfile`.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from enum import StrEnum

from .errors import InvalidInput
from .vocabulary import Equipment, Units

#: Kilograms in one international avoirdupois pound. Exact by definition (International
#: Yard and Pound Agreement, 1959; NIST SP 811 Appendix B).
KG_PER_LB = 0.45359237

#: How far a computed load may sit above a target because of binary floating point
#: (in the display unit). Far below anything a scale or a plate can show.
FLOAT_TOLERANCE = 1e-9


def _require_finite(value: float, name: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise InvalidInput(f"{name}: {value!r} is not a finite number")


def _require_positive(value: float, name: str) -> None:
    _require_finite(value, name)
    if value <= 0:
        raise InvalidInput(f"{name}: {value} must be greater than 0")


def kg_to_lb(kg: float) -> float:
    """Convert kilograms to pounds (``kg / KG_PER_LB``).

    ``kg`` is any finite number; returns pounds. Raises :class:`InvalidInput` for NaN or
    infinity. Source: the exact definition of the pound, :data:`KG_PER_LB`.
    """
    _require_finite(kg, "kg")
    return kg / KG_PER_LB


def lb_to_kg(lb: float) -> float:
    """Convert pounds to kilograms (``lb * KG_PER_LB``).

    ``lb`` is any finite number; returns kilograms. Raises :class:`InvalidInput` for NaN or
    infinity. Source: the exact definition of the pound, :data:`KG_PER_LB`.
    """
    _require_finite(lb, "lb")
    return lb * KG_PER_LB


class LoadKind(StrEnum):
    """The implement that carries the load of an exercise."""

    BARBELL = "barbell"
    DUMBBELL = "dumbbell"
    KETTLEBELL = "kettlebell"
    MACHINE = "machine"
    BAND = "band"
    BODYWEIGHT = "bodyweight"


class BandLevel(StrEnum):
    """Resistance-band strengths, lightest first."""

    EXTRA_LIGHT = "extra_light"
    LIGHT = "light"
    MEDIUM = "medium"
    HEAVY = "heavy"
    EXTRA_HEAVY = "extra_heavy"


@dataclass(frozen=True, slots=True, kw_only=True)
class Run:
    """Evenly spaced loads: ``start``, ``start + step``, ... up to ``stop`` (inclusive).

    All values are in the unit of the :class:`GymLoads` that holds the run; ``stop`` is
    ``None`` for no upper limit. ``start`` and ``step`` must be > 0 and ``stop >= start``.
    """

    start: float
    step: float
    stop: float | None = None

    def __post_init__(self) -> None:
        _require_positive(self.start, "start")
        _require_positive(self.step, "step")
        if self.stop is not None and not (math.isfinite(self.stop) and self.stop >= self.start):
            raise InvalidInput(f"stop: {self.stop} must be a number >= start ({self.start})")

    def floor(self, target: float) -> float | None:
        """The largest load of this run that is <= ``target``, or ``None`` when there is none."""
        if target < self.start - FLOAT_TOLERANCE:
            return None
        top = target if self.stop is None else min(target, self.stop)
        k = math.floor((top - self.start) / self.step + FLOAT_TOLERANCE)
        return self.start + max(k, 0) * self.step


@dataclass(frozen=True, slots=True, kw_only=True)
class Band:
    """One band strength and the load it roughly equals at a working stretch, in kg."""

    level: BandLevel
    approx_kg: float


@dataclass(frozen=True, slots=True, kw_only=True)
class GymLoads:
    """The loads one gym has, written in one unit (``unit``); every number is in that unit.

    * barbell: ``barbell_bar`` (the empty bar) plus pairs of plates; the smallest step is
      two of ``barbell_smallest_plate`` (one each side).
    * dumbbells: one or more :class:`Run` of fixed dumbbells (per dumbbell).
    * kettlebells: the sizes on the rack, lightest first.
    * machine: a weight stack in steps of ``machine_step``, from ``machine_first`` (one step
      when ``None``) to ``machine_max``.
    * ``barbell_max``: the heaviest bar she can load (bar and every plate pair), ``None`` for
      no limit.
    """

    unit: Units
    barbell_bar: float
    barbell_smallest_plate: float
    dumbbells: tuple[Run, ...]
    kettlebells: tuple[float, ...]
    machine_step: float
    machine_max: float
    machine_first: float | None = None
    barbell_max: float | None = None

    def __post_init__(self) -> None:
        _require_positive(self.barbell_bar, "barbell_bar")
        if self.barbell_max is not None:
            _require_positive(self.barbell_max, "barbell_max")
            if self.barbell_max < self.barbell_bar:
                raise InvalidInput(
                    f"barbell_max: {self.barbell_max} is lighter than the bar ({self.barbell_bar})"
                )
        if self.machine_first is not None:
            _require_positive(self.machine_first, "machine_first")
            if self.machine_first > self.machine_max:
                raise InvalidInput(
                    f"machine_first: {self.machine_first} is heavier than machine_max "
                    f"({self.machine_max})"
                )
        _require_positive(self.barbell_smallest_plate, "barbell_smallest_plate")
        _require_positive(self.machine_step, "machine_step")
        _require_positive(self.machine_max, "machine_max")
        if not self.dumbbells:
            raise InvalidInput("dumbbells: give at least one run of dumbbell loads")
        if not self.kettlebells:
            raise InvalidInput("kettlebells: give at least one kettlebell size")
        for size in self.kettlebells:
            _require_positive(size, "kettlebells")
        if list(self.kettlebells) != sorted(set(self.kettlebells)):
            raise InvalidInput("kettlebells: list each size once, lightest first")

    @property
    def barbell_step(self) -> float:
        """The smallest change of barbell load: one smallest plate on each side."""
        return 2 * self.barbell_smallest_plate

    @property
    def barbell(self) -> Run:
        return Run(start=self.barbell_bar, step=self.barbell_step, stop=self.barbell_max)

    @property
    def machine(self) -> Run:
        first = self.machine_step if self.machine_first is None else self.machine_first
        return Run(start=first, step=self.machine_step, stop=self.machine_max)


#: A typical metric gym (our assumption, configurable per client): 20 kg Olympic bar with
#: 1.25 kg change plates (2.5 kg steps); fixed dumbbells 1-10 kg in 1 kg steps then 12-50 kg
#: in 2 kg steps; kettlebells in the common 2 kg then 4 kg sizes; machine stacks in 5 kg plates.
KG_GYM = GymLoads(
    unit=Units.KG,
    barbell_bar=20.0,
    barbell_smallest_plate=1.25,
    dumbbells=(Run(start=1.0, step=1.0, stop=10.0), Run(start=12.0, step=2.0, stop=50.0)),
    kettlebells=(4.0, 6.0, 8.0, 10.0, 12.0, 14.0, 16.0, 20.0, 24.0, 28.0, 32.0),
    machine_step=5.0,
    machine_max=150.0,
)

#: A typical pound gym (our assumption, configurable per client): 45 lb bar with 2.5 lb
#: plates (5 lb steps); dumbbells 2.5-25 lb in 2.5 lb steps then 30-100 lb in 5 lb steps;
#: kettlebells 5-50 lb in 5 lb steps plus 53, 62 and 70 lb (the 24, 28 and 32 kg bells as
#: sold in pounds); machine stacks in 10 lb plates.
LB_GYM = GymLoads(
    unit=Units.LB,
    barbell_bar=45.0,
    barbell_smallest_plate=2.5,
    dumbbells=(Run(start=2.5, step=2.5, stop=25.0), Run(start=30.0, step=5.0, stop=100.0)),
    kettlebells=(5.0, 10.0, 15.0, 20.0, 25.0, 30.0, 35.0, 40.0, 45.0, 50.0, 53.0, 62.0, 70.0),
    machine_step=10.0,
    machine_max=300.0,
)

#: Resistance bands, lightest first, with the load each roughly equals at a working stretch.
#: APPROXIMATE: tension depends on the brand, the band's length and how far it is stretched,
#: so these kg figures only order the bands; the effort (RPE) decides the band in practice.
DEFAULT_BANDS: tuple[Band, ...] = (
    Band(level=BandLevel.EXTRA_LIGHT, approx_kg=2.0),
    Band(level=BandLevel.LIGHT, approx_kg=4.0),
    Band(level=BandLevel.MEDIUM, approx_kg=6.0),
    Band(level=BandLevel.HEAVY, approx_kg=9.0),
    Band(level=BandLevel.EXTRA_HEAVY, approx_kg=12.0),
)


@dataclass(frozen=True, slots=True, kw_only=True)
class EquipmentProfile:
    """What one client's gym has: the metric and the pound set-up, and the bands.

    :func:`round_load_down` uses ``kg`` or ``lb`` according to the client's units. Bands are
    described once, in kg (their equivalents are approximate either way).
    """

    kg: GymLoads = KG_GYM
    lb: GymLoads = LB_GYM
    bands: tuple[Band, ...] = DEFAULT_BANDS

    def __post_init__(self) -> None:
        if self.kg.unit is not Units.KG:
            raise InvalidInput(f"kg: the metric gym must be written in kg, not {self.kg.unit}")
        if self.lb.unit is not Units.LB:
            raise InvalidInput(f"lb: the pound gym must be written in lb, not {self.lb.unit}")
        if not self.bands:
            raise InvalidInput("bands: give at least one band")
        for band in self.bands:
            _require_positive(band.approx_kg, "bands")
        weights = [b.approx_kg for b in self.bands]
        if weights != sorted(set(weights)):
            raise InvalidInput("bands: list each band once, lightest first")

    def gym(self, units: Units) -> GymLoads:
        """The set-up for ``units`` (``kg`` or ``lb``)."""
        return self.kg if units is Units.KG else self.lb


#: The equipment assumed when a client's gym is not described.
DEFAULT_EQUIPMENT = EquipmentProfile()


@dataclass(frozen=True, slots=True, kw_only=True)
class RoundedLoad:
    """A load a client can actually use, rounded down from ``target_kg``.

    ``load_kg`` is ``None`` when the target is lighter than the lightest load available on
    the implement; ``label`` then says to use the regression or body weight.
    ``display_value`` is the same load in ``display_unit`` (exact for plates, dumbbells,
    kettlebells and stacks; approximate for bands). For body weight the load is 0 kg.
    """

    kind: LoadKind
    target_kg: float
    load_kg: float | None
    display_value: float | None
    display_unit: Units
    label: str

    @property
    def available(self) -> bool:
        """True when a usable load was found."""
        return self.load_kg is not None


def round_load_down(
    target_kg: float,
    kind: LoadKind,
    config: EquipmentProfile = DEFAULT_EQUIPMENT,
    *,
    units: Units,
) -> RoundedLoad:
    """Round a target load **down** to the heaviest load that exists on the implement (R18).

    ``target_kg``: the exact load wanted, kg, finite and >= 0. ``kind``: the implement.
    ``config``: the client's gym (defaults: :data:`DEFAULT_EQUIPMENT`). ``units``: the gym's
    unit; in ``lb`` the pound set-up is used, so the load is a whole number of lb plates.

    Returns a :class:`RoundedLoad`. The load never exceeds the target (beyond floating-point
    noise of :data:`FLOAT_TOLERANCE` of a unit). Above the heaviest dumbbell, kettlebell or
    stack plate the heaviest is returned. Below the lightest load, ``load_kg`` is ``None``
    and the label says to use the regression or body weight. Body weight returns 0 kg.

    Source: R18 ("round loads down to available increments", clinical-evidence.md §13);
    equipment defaults are our assumption (module docstring).
    """
    _require_finite(target_kg, "target_kg")
    if target_kg < 0:
        raise InvalidInput(f"target_kg: {target_kg} is negative; a load is 0 kg or more")
    target_kg = float(target_kg)
    if kind is LoadKind.BODYWEIGHT:
        return RoundedLoad(
            kind=kind,
            target_kg=target_kg,
            load_kg=0.0,
            display_value=0.0,
            display_unit=units,
            label="body weight (no added load)",
        )
    if kind is LoadKind.BAND:
        return _round_band(target_kg, config.bands, units)

    gym = config.gym(units)
    target = target_kg if units is Units.KG else kg_to_lb(target_kg)
    if kind is LoadKind.BARBELL:
        runs: tuple[Run, ...] = (gym.barbell,)
    elif kind is LoadKind.DUMBBELL:
        runs = gym.dumbbells
    elif kind is LoadKind.MACHINE:
        runs = (gym.machine,)
    else:  # kettlebell: each size is a run of one load
        runs = tuple(Run(start=s, step=s, stop=s) for s in gym.kettlebells)

    candidates = [v for v in (run.floor(target) for run in runs) if v is not None]
    if not candidates:
        lightest = min(run.start for run in runs)
        return RoundedLoad(
            kind=kind,
            target_kg=target_kg,
            load_kg=None,
            display_value=None,
            display_unit=units,
            label=(
                f"lighter than {_LIGHTEST[kind]} ({_fmt(lightest, units)}): "
                "use the regression or body weight"
            ),
        )
    value = max(candidates)
    load_kg = value if units is Units.KG else lb_to_kg(value)
    heaviest = max(run.stop if run.stop is not None else math.inf for run in runs)
    return RoundedLoad(
        kind=kind,
        target_kg=target_kg,
        load_kg=load_kg,
        display_value=value,
        display_unit=units,
        label=_label(kind, value, gym, at_top=value >= heaviest and target > value),
    )


def format_load(load_kg: float, units: Units, *, digits: int = 2) -> str:
    """Write a load for people: ``"35 kg"``, ``"77.5 lb"``.

    ``load_kg``: kg, finite. ``units``: the unit to show. ``digits``: decimals kept (0-4),
    trailing zeros are dropped. Returns the text. Source: :data:`KG_PER_LB` for pounds.
    """
    value = load_kg if units is Units.KG else kg_to_lb(load_kg)
    return _fmt(value, units, digits=digits)


def implement_for(
    equipment: Sequence[Equipment], owned: Collection[Equipment] | None = None
) -> LoadKind:
    """Pick the implement that carries the load, from an exercise's equipment list.

    Priority: barbell > machines > kettlebell > dumbbells > bands > body weight. Equipment
    that holds no load (bench, step, box, chair, ...) is ignored; with none of the loading
    implements listed the answer is body weight. The order favours the implement named for
    the lift (a barbell squat may also list a bench or a rack) and, among the rest, the one
    whose load is set most precisely by a %1RM (our convention, not a clinical rule).
    ``owned``: the equipment she has; an implement she owns comes before one she does not
    (a goblet squat with only dumbbells at home is a dumbbell lift, not a kettlebell one).
    """
    if owned is not None:
        for equipment_word, kind in _IMPLEMENT_PRIORITY:
            if equipment_word in equipment and equipment_word in owned:
                return kind
    for equipment_word, kind in _IMPLEMENT_PRIORITY:
        if equipment_word in equipment:
            return kind
    return LoadKind.BODYWEIGHT


_IMPLEMENT_PRIORITY: tuple[tuple[Equipment, LoadKind], ...] = (
    (Equipment.BARBELL, LoadKind.BARBELL),
    (Equipment.MACHINES, LoadKind.MACHINE),
    (Equipment.KETTLEBELL, LoadKind.KETTLEBELL),
    (Equipment.DUMBBELLS, LoadKind.DUMBBELL),
    (Equipment.BANDS, LoadKind.BAND),
)

_LIGHTEST = {
    LoadKind.BARBELL: "the empty bar",
    LoadKind.DUMBBELL: "the lightest dumbbell",
    LoadKind.KETTLEBELL: "the lightest kettlebell",
    LoadKind.MACHINE: "the lightest stack plate",
}


def _round_band(target_kg: float, bands: tuple[Band, ...], units: Units) -> RoundedLoad:
    fitting = [b for b in bands if b.approx_kg <= target_kg + FLOAT_TOLERANCE]
    if not fitting:
        lightest = bands[0]
        return RoundedLoad(
            kind=LoadKind.BAND,
            target_kg=target_kg,
            load_kg=None,
            display_value=None,
            display_unit=units,
            label=(
                f"lighter than the lightest band ({_band_name(lightest.level)}, about "
                f"{format_load(lightest.approx_kg, units, digits=0)}): "
                "use the regression or body weight"
            ),
        )
    band = fitting[-1]
    shown = band.approx_kg if units is Units.KG else kg_to_lb(band.approx_kg)
    return RoundedLoad(
        kind=LoadKind.BAND,
        target_kg=target_kg,
        load_kg=band.approx_kg,
        display_value=float(round(shown)),
        display_unit=units,
        label=(
            f"{_band_name(band.level)} band (about {format_load(band.approx_kg, units, digits=0)})"
        ),
    )


def _label(kind: LoadKind, value: float, gym: GymLoads, *, at_top: bool) -> str:
    unit = gym.unit
    if kind is LoadKind.BARBELL:
        per_side = (value - gym.barbell_bar) / 2
        if per_side <= FLOAT_TOLERANCE:
            return f"{_fmt(value, unit)} (empty bar)"
        return (
            f"{_fmt(value, unit)} ({_fmt(gym.barbell_bar, unit)} bar + "
            f"{_fmt(per_side, unit)} a side)"
        )
    if kind is LoadKind.MACHINE:
        text = f"{_fmt(value, unit)} on the stack"
    else:
        text = f"{_fmt(value, unit)} {kind.value}"
    return f"{text} (the heaviest available)" if at_top else text


def _band_name(level: BandLevel) -> str:
    return level.value.replace("_", " ")


def _fmt(value: float, units: Units, *, digits: int = 2) -> str:
    _require_finite(value, "load")
    if not 0 <= digits <= 4:
        raise InvalidInput(f"digits: {digits} is out of range; allowed 0 to 4")
    text = f"{value:.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    return f"{text} {units.value}"
