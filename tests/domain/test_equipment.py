"""Her own equipment, described per client (issue 14): rounding and steps use only the
loads she has (R18: "round loads down to available increments")."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from osteoload.domain.equipment import equipment_profile, loads_in
from osteoload.domain.profile import (
    Bone,
    Clearance,
    ClientProfile,
    EquipmentDetails,
    LoadRange,
    StrengthSet,
)
from osteoload.domain.program import ProgramItem
from osteoload.domain.units import (
    DEFAULT_EQUIPMENT,
    FLOAT_TOLERANCE,
    BandLevel,
    EquipmentProfile,
    LoadKind,
    implement_for,
    kg_to_lb,
    lb_to_kg,
    round_load_down,
)
from osteoload.domain.vocabulary import KEY_LIFT_IDS, Equipment, Sex, Units
from tests.domain.test_program_properties import CATALOGUE, START, plan, profiles

TWO_KG_DUMBBELLS = EquipmentDetails(dumbbells=LoadRange(start=2.0, stop=20.0, step=2.0))


def her(details: EquipmentDetails | None, units: Units = Units.KG) -> EquipmentProfile:
    return equipment_profile(
        ClientProfile(age=62, sex=Sex.FEMALE, units=units, equipment_details=details)
    )


def test_no_description_means_the_typical_gym():
    assert her(None) is DEFAULT_EQUIPMENT
    assert her(None, Units.LB) is DEFAULT_EQUIPMENT


@given(target=st.floats(0, 60, allow_nan=False))
def test_r18_a_2kg_step_dumbbell_set_rounds_down_to_a_dumbbell_she_owns(target: float) -> None:
    rounded = round_load_down(target, LoadKind.DUMBBELL, her(TWO_KG_DUMBBELLS), units=Units.KG)
    owned = loads_in(LoadRange(start=2.0, stop=20.0, step=2.0))
    if target < 2.0:
        assert rounded.load_kg is None
    else:
        assert rounded.load_kg in owned
        assert rounded.load_kg <= target + FLOAT_TOLERANCE
        assert rounded.load_kg == max(w for w in owned if w <= target + FLOAT_TOLERANCE)


def test_r18_2kg_steps_never_give_the_odd_loads_of_a_typical_gym():
    equipment = her(TWO_KG_DUMBBELLS)
    assert round_load_down(9.5, LoadKind.DUMBBELL, equipment, units=Units.KG).load_kg == 8.0
    # the typical gym has 9 kg: the description is what changes it
    assert round_load_down(9.5, LoadKind.DUMBBELL, units=Units.KG).load_kg == 9.0
    assert round_load_down(25, LoadKind.DUMBBELL, equipment, units=Units.KG).label == (
        "20 kg dumbbell (the heaviest available)"
    )


def test_r18_a_list_of_owned_kettlebells():
    equipment = her(EquipmentDetails(kettlebells=(16.0, 8.0, 12.0)))
    assert equipment.kg.kettlebells == (8.0, 12.0, 16.0)

    def kb(target: float) -> float | None:
        return round_load_down(target, LoadKind.KETTLEBELL, equipment, units=Units.KG).load_kg

    assert kb(7.9) is None  # lighter than her lightest: the regression, never a heavier bell
    assert (kb(11.0), kb(15.9), kb(16.0), kb(40.0)) == (8.0, 12.0, 16.0, 16.0)


def test_r18_a_kettlebell_range_is_each_size_of_the_range():
    equipment = her(EquipmentDetails(kettlebells=LoadRange(start=4.0, stop=12.0, step=4.0)))
    assert equipment.kg.kettlebells == (4.0, 8.0, 12.0)


def test_r18_a_dumbbell_set_in_pounds():
    details = EquipmentDetails(dumbbells=(5.0, 8.0, 10.0, 12.0, 15.0))
    equipment = her(details, Units.LB)
    assert equipment.kg == DEFAULT_EQUIPMENT.kg  # only her units' set-up changes

    def db(target_lb: float) -> float | None:
        rounded = round_load_down(lb_to_kg(target_lb), LoadKind.DUMBBELL, equipment, units=Units.LB)
        return rounded.display_value

    assert (db(4.9), db(7.5), db(11.0), db(14.99), db(40.0)) == (None, 5.0, 10.0, 12.0, 15.0)
    assert round_load_down(lb_to_kg(11), LoadKind.DUMBBELL, equipment, units=Units.LB).label == (
        "10 lb dumbbell"
    )


def test_r18_her_barbell_plates_and_machine_stack():
    details = EquipmentDetails(
        barbell_bar=15.0,
        barbell_smallest_plate=1.25,
        barbell_max=40.0,
        machine_first=2.5,
        machine_step=5.0,
        machine_max=62.5,
    )
    equipment = her(details)

    def load(target: float, kind: LoadKind) -> float | None:
        return round_load_down(target, kind, equipment, units=Units.KG).load_kg

    assert (load(14.0, LoadKind.BARBELL), load(15.0, LoadKind.BARBELL)) == (None, 15.0)
    assert (load(19.9, LoadKind.BARBELL), load(99.0, LoadKind.BARBELL)) == (17.5, 40.0)
    assert (load(2.0, LoadKind.MACHINE), load(9.9, LoadKind.MACHINE)) == (None, 7.5)
    assert load(100.0, LoadKind.MACHINE) == 62.5


def test_a_stack_starting_above_the_typical_heaviest_plate_is_kept():
    equipment = her(EquipmentDetails(machine_first=200.0, machine_step=10.0))
    assert round_load_down(205, LoadKind.MACHINE, equipment, units=Units.KG).load_kg == 200.0


def test_r18_only_the_bands_she_owns():
    equipment = her(EquipmentDetails(bands=(BandLevel.LIGHT, BandLevel.HEAVY)))
    assert [b.level for b in equipment.bands] == [BandLevel.LIGHT, BandLevel.HEAVY]
    rounded = round_load_down(8.0, LoadKind.BAND, equipment, units=Units.KG)
    assert rounded.label.startswith("light band")


# --- The generator uses her equipment ---------------------------------------------------------

#: Descriptions in both units, from coarse home sets to odd gyms.
DETAILS = st.builds(
    EquipmentDetails,
    dumbbells=st.one_of(
        st.none(),
        st.lists(st.sampled_from((1.0, 2.0, 3.0, 5.0, 7.5, 8.0, 10.0, 15.0, 25.0)), min_size=1).map(
            lambda ws: tuple(sorted(set(ws)))
        ),
        st.builds(
            lambda start, step, n: LoadRange(start=start, stop=start + n * step, step=step),
            st.sampled_from((1.0, 2.0, 2.5, 4.0, 5.0)),
            st.sampled_from((1.0, 2.0, 2.5, 5.0)),
            st.integers(0, 20),
        ),
    ),
    kettlebells=st.one_of(
        st.none(),
        st.lists(st.sampled_from((4.0, 6.0, 8.0, 12.0, 16.0, 20.0, 35.0)), min_size=1).map(
            lambda ws: tuple(sorted(set(ws)))
        ),
    ),
    barbell_bar=st.one_of(st.none(), st.sampled_from((10.0, 15.0, 20.0, 45.0))),
    barbell_smallest_plate=st.one_of(st.none(), st.sampled_from((0.5, 1.25, 2.5, 5.0))),
    barbell_max=st.one_of(st.none(), st.sampled_from((50.0, 60.0, 100.0))),
    machine_first=st.one_of(st.none(), st.sampled_from((2.5, 5.0, 10.0))),
    machine_step=st.one_of(st.none(), st.sampled_from((2.5, 5.0, 7.0, 10.0))),
    machine_max=st.one_of(st.none(), st.sampled_from((60.0, 100.0, 200.0))),
    bands=st.one_of(st.none(), st.lists(st.sampled_from(tuple(BandLevel)), min_size=1).map(tuple)),
)


def _on_run(value: float, start: float, step: float, stop: float | None) -> bool:
    k = (value - start) / step
    return (
        value >= start - 1e-6
        and abs(k - round(k)) < 1e-6
        and (stop is None or value <= stop + 1e-6)
    )


def available(load_kg: float, kind: LoadKind, equipment: EquipmentProfile, units: Units) -> bool:
    """Whether ``load_kg`` is a load of her equipment (in her units' set-up)."""
    if kind is LoadKind.BAND:
        return any(math.isclose(load_kg, b.approx_kg) for b in equipment.bands)
    gym = equipment.gym(units)
    value = load_kg if units is Units.KG else kg_to_lb(load_kg)
    if kind is LoadKind.BARBELL:
        runs = [gym.barbell]
    elif kind is LoadKind.MACHINE:
        runs = [gym.machine]
    elif kind is LoadKind.DUMBBELL:
        runs = list(gym.dumbbells)
    elif kind is LoadKind.KETTLEBELL:
        return any(math.isclose(value, s, abs_tol=1e-6) for s in gym.kettlebells)
    else:
        return load_kg == 0
    return any(_on_run(value, r.start, r.step, r.stop) for r in runs)


def _strength_for_every_key_lift() -> tuple[StrengthSet, ...]:
    return tuple(
        StrengthSet(exercise=lift, load_kg=30.0, reps=8, rpe=8.0, date=START - timedelta(days=7))
        for lift in KEY_LIFT_IDS
    )


def _loaded(items: list[ProgramItem]) -> list[ProgramItem]:
    return [i for i in items if i.load_kg is not None]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    profile=profiles(),
    details=DETAILS,
    units=st.sampled_from(tuple(Units)),
    known=st.booleans(),
)
def test_r18_every_generated_load_is_one_of_her_available_loads(
    profile: ClientProfile, details: EquipmentDetails, units: Units, known: bool
) -> None:
    """R18 property: with her equipment described, every load the generator prescribes
    exists on her own implement (a dumbbell, bell, plate pair, stack plate or band she has)."""
    if known:
        profile = replace(profile, strength=_strength_for_every_key_lift())
    profile = replace(profile, units=units, equipment_details=details)
    equipment = equipment_profile(profile)
    program = plan(profile, 8)
    items = [i for w in program.weeks for s in w.sessions for i in s.items]
    for item in _loaded(items):
        kind = implement_for(CATALOGUE[item.exercise_id].equipment)
        assert available(item.load_kg or 0.0, kind, equipment, units), (
            f"{item.exercise_id} week load {item.load_kg} kg ({kind}) is not in {details}"
        )


def test_r18_the_generator_prescribes_her_2kg_dumbbells():
    """A home client with 2 kg-step dumbbells is prescribed only even dumbbell loads."""
    profile = ClientProfile(
        age=58,
        sex=Sex.FEMALE,
        bone=Bone(lumbar_spine_t=-1.5, total_hip_t=-1.2),
        parq_yes=(),
        clearance=Clearance(medical=True),
        equipment=(Equipment.DUMBBELLS, Equipment.MAT, Equipment.STEP, Equipment.BENCH),
        strength=(
            StrengthSet(
                exercise="goblet_squat",
                load_kg=13.0,
                reps=10,
                rpe=8.0,
                date=START - timedelta(days=7),
            ),
        ),
        equipment_details=TWO_KG_DUMBBELLS,
    )
    program = plan(profile, 8)
    loads = {
        i.load_kg
        for w in program.weeks
        for s in w.sessions
        for i in s.items
        if i.exercise_id == "goblet_squat" and i.load_kg is not None
    }
    assert loads, "the goblet squat is loaded"
    assert loads <= set(loads_in(LoadRange(start=2.0, stop=20.0, step=2.0)))
    typical = plan(replace(profile, equipment_details=None), 8)
    odd = {
        i.load_kg
        for w in typical.weeks
        for s in w.sessions
        for i in s.items
        if i.exercise_id == "goblet_squat" and i.load_kg is not None and i.load_kg % 2
    }
    assert odd, "without her description the typical gym's 1 kg steps appear"


@pytest.mark.parametrize(
    ("loads", "expected"),
    [
        ((3.0, 1.0, 3.0), (1.0, 3.0)),
        (
            LoadRange(start=0.5, stop=1.5, step=0.1),
            tuple(round(0.5 + k / 10, 6) for k in range(11)),
        ),
        (LoadRange(start=2.0, stop=7.0, step=2.0), (2.0, 4.0, 6.0)),
    ],
)
def test_loads_in_lists_each_load_once(loads, expected):
    assert loads_in(loads) == expected
