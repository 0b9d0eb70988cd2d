"""Units and rounding loads down to what the gym has (R18)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from osteoload.domain.errors import InvalidInput
from osteoload.domain.units import (
    DEFAULT_BANDS,
    DEFAULT_EQUIPMENT,
    KG_GYM,
    KG_PER_LB,
    LB_GYM,
    Band,
    BandLevel,
    EquipmentProfile,
    GymLoads,
    LoadKind,
    Run,
    format_load,
    implement_for,
    kg_to_lb,
    lb_to_kg,
    round_load_down,
)
from osteoload.domain.vocabulary import Equipment, Units

TOL = 1e-9

# --- Conversions ------------------------------------------------------------------------------


def test_pound_is_exactly_0_45359237_kg():
    assert KG_PER_LB == 0.45359237
    assert lb_to_kg(1) == 0.45359237
    assert kg_to_lb(0.45359237) == 1
    assert kg_to_lb(100) == pytest.approx(220.462262185, abs=1e-9)


@given(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False))
def test_kg_lb_kg_round_trip(kg):
    assert lb_to_kg(kg_to_lb(kg)) == pytest.approx(kg, abs=1e-9)


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_conversions_reject_non_numbers(value):
    with pytest.raises(InvalidInput):
        kg_to_lb(value)
    with pytest.raises(InvalidInput):
        lb_to_kg(value)


# --- Defaults -------------------------------------------------------------------------------


def test_default_gyms():
    assert (KG_GYM.barbell_bar, KG_GYM.barbell_step) == (20.0, 2.5)
    assert (LB_GYM.barbell_bar, LB_GYM.barbell_step) == (45.0, 5.0)
    assert KG_GYM.kettlebells == (4, 6, 8, 10, 12, 14, 16, 20, 24, 28, 32)
    assert (KG_GYM.machine_step, LB_GYM.machine_step) == (5.0, 10.0)
    assert [b.level for b in DEFAULT_BANDS] == list(BandLevel)


@pytest.mark.parametrize(
    ("kind", "units", "target_kg", "expected_kg"),
    [
        (LoadKind.BARBELL, Units.KG, 20.0, 20.0),
        (LoadKind.BARBELL, Units.KG, 22.49, 20.0),
        (LoadKind.BARBELL, Units.KG, 22.5, 22.5),
        (LoadKind.BARBELL, Units.KG, 102.4, 100.0),
        (LoadKind.DUMBBELL, Units.KG, 7.9, 7.0),
        (LoadKind.DUMBBELL, Units.KG, 11.9, 10.0),
        (LoadKind.DUMBBELL, Units.KG, 13.9, 12.0),
        (LoadKind.DUMBBELL, Units.KG, 80.0, 50.0),
        (LoadKind.KETTLEBELL, Units.KG, 19.0, 16.0),
        (LoadKind.KETTLEBELL, Units.KG, 100.0, 32.0),
        (LoadKind.MACHINE, Units.KG, 37.0, 35.0),
        (LoadKind.MACHINE, Units.KG, 400.0, 150.0),
        (LoadKind.BAND, Units.KG, 8.0, 6.0),
        (LoadKind.BODYWEIGHT, Units.KG, 30.0, 0.0),
    ],
)
def test_r18_rounds_down_to_what_exists(kind, units, target_kg, expected_kg):
    assert round_load_down(target_kg, kind, units=units).load_kg == expected_kg


@pytest.mark.parametrize(
    ("kind", "target_lb", "expected_lb"),
    [
        (LoadKind.BARBELL, 77.5, 75.0),
        (LoadKind.BARBELL, 100.0, 100.0),
        (LoadKind.DUMBBELL, 24.0, 22.5),
        (LoadKind.DUMBBELL, 34.0, 30.0),
        (LoadKind.KETTLEBELL, 60.0, 53.0),
        (LoadKind.MACHINE, 95.0, 90.0),
    ],
)
def test_r18_rounds_down_in_pound_gyms(kind, target_lb, expected_lb):
    rounded = round_load_down(lb_to_kg(target_lb), kind, units=Units.LB)
    assert rounded.display_value == expected_lb
    assert rounded.display_unit is Units.LB
    assert rounded.load_kg == pytest.approx(lb_to_kg(expected_lb))


@pytest.mark.parametrize(
    ("kind", "target_kg"),
    [
        (LoadKind.BARBELL, 19.9),
        (LoadKind.DUMBBELL, 0.9),
        (LoadKind.KETTLEBELL, 3.5),
        (LoadKind.MACHINE, 4.0),
        (LoadKind.BAND, 1.0),
        (LoadKind.BARBELL, 0.0),
    ],
)
def test_r18_below_the_lightest_load_gives_no_load_and_says_what_to_do(kind, target_kg):
    rounded = round_load_down(target_kg, kind, units=Units.KG)
    assert rounded.load_kg is None
    assert rounded.display_value is None
    assert not rounded.available
    assert "lighter than" in rounded.label
    assert "regression or body weight" in rounded.label


def test_labels_say_how_to_load_the_bar():
    assert round_load_down(35, LoadKind.BARBELL, units=Units.KG).label == (
        "35 kg (20 kg bar + 7.5 kg a side)"
    )
    assert round_load_down(20, LoadKind.BARBELL, units=Units.KG).label == "20 kg (empty bar)"
    assert round_load_down(lb_to_kg(95), LoadKind.BARBELL, units=Units.LB).label == (
        "95 lb (45 lb bar + 25 lb a side)"
    )
    assert round_load_down(19, LoadKind.BARBELL, units=Units.KG).label == (
        "lighter than the empty bar (20 kg): use the regression or body weight"
    )
    assert round_load_down(40, LoadKind.KETTLEBELL, units=Units.KG).label == (
        "32 kg kettlebell (the heaviest available)"
    )
    assert round_load_down(8, LoadKind.BAND, units=Units.KG).label == "medium band (about 6 kg)"


@pytest.mark.parametrize("target", [-1.0, math.nan, math.inf])
def test_round_rejects_impossible_targets(target):
    with pytest.raises(InvalidInput):
        round_load_down(target, LoadKind.BARBELL, units=Units.KG)


# --- Properties ---------------------------------------------------------------------------------

targets = st.floats(min_value=0, max_value=400, allow_nan=False)


@given(target=targets, kind=st.sampled_from(LoadKind), units=st.sampled_from(Units))
def test_r18_rounding_never_exceeds_the_target(target, kind, units):
    rounded = round_load_down(target, kind, units=units)
    if rounded.load_kg is not None:
        assert rounded.load_kg <= target + TOL


@given(target=targets, units=st.sampled_from(Units))
def test_r18_barbell_is_within_one_step_below_the_target(target, units):
    gym = DEFAULT_EQUIPMENT.gym(units)
    target_in_unit = target if units is Units.KG else kg_to_lb(target)
    rounded = round_load_down(target, LoadKind.BARBELL, units=units)
    if target_in_unit >= gym.barbell_bar:
        assert rounded.display_value is not None
        assert target_in_unit - rounded.display_value < gym.barbell_step + TOL
    else:
        assert rounded.load_kg is None


@given(target=targets, units=st.sampled_from(Units))
def test_r18_machine_is_within_one_step_below_the_target(target, units):
    gym = DEFAULT_EQUIPMENT.gym(units)
    target_in_unit = target if units is Units.KG else kg_to_lb(target)
    rounded = round_load_down(target, LoadKind.MACHINE, units=units)
    if gym.machine_step <= target_in_unit <= gym.machine_max:
        assert rounded.display_value is not None
        assert target_in_unit - rounded.display_value < gym.machine_step + TOL


@given(target=targets, units=st.sampled_from(Units))
def test_r18_dumbbell_is_the_heaviest_that_fits(target, units):
    gym = DEFAULT_EQUIPMENT.gym(units)
    target_in_unit = target if units is Units.KG else kg_to_lb(target)
    rounded = round_load_down(target, LoadKind.DUMBBELL, units=units)
    if rounded.display_value is None:
        assert target_in_unit < gym.dumbbells[0].start
        return
    # The next dumbbell up (possibly in the next run of sizes, e.g. 25 -> 30 lb) must be too
    # heavy, otherwise a heavier one would have fitted.
    heavier = []
    for r in gym.dumbbells:
        size = r.start
        while size <= (r.stop or 1000) + TOL:
            if size > rounded.display_value + TOL:
                heavier.append(size)
                break
            size += r.step
    if heavier:
        assert target_in_unit < min(heavier) + TOL


@given(
    target=targets,
    kind=st.sampled_from([LoadKind.BARBELL, LoadKind.DUMBBELL, LoadKind.MACHINE]),
)
def test_pound_mode_loads_are_whole_multiples_of_the_pound_step(target, kind):
    step = {LoadKind.BARBELL: 5.0, LoadKind.DUMBBELL: 2.5, LoadKind.MACHINE: 10.0}[kind]
    rounded = round_load_down(target, kind, units=Units.LB)
    if rounded.load_kg is None:
        return
    assert rounded.display_value is not None
    assert (rounded.display_value / step).is_integer()
    in_lb = kg_to_lb(rounded.load_kg)
    assert abs(in_lb / step - round(in_lb / step)) < 1e-9


@given(target=targets)
def test_kettlebells_are_always_a_size_on_the_rack(target):
    rounded = round_load_down(target, LoadKind.KETTLEBELL, units=Units.KG)
    assert rounded.load_kg is None or rounded.load_kg in KG_GYM.kettlebells


# --- Configuration --------------------------------------------------------------------------------


def test_a_client_gym_with_micro_plates_and_a_15_kg_bar():
    gym = GymLoads(
        unit=Units.KG,
        barbell_bar=15.0,
        barbell_smallest_plate=0.5,
        dumbbells=KG_GYM.dumbbells,
        kettlebells=(8.0, 12.0),
        machine_step=2.5,
        machine_max=60.0,
    )
    config = EquipmentProfile(kg=gym)
    assert round_load_down(16.9, LoadKind.BARBELL, config, units=Units.KG).load_kg == 16.0
    assert round_load_down(11.0, LoadKind.KETTLEBELL, config, units=Units.KG).load_kg == 8.0
    assert round_load_down(61.0, LoadKind.MACHINE, config, units=Units.KG).load_kg == 60.0


@pytest.mark.parametrize(
    "build",
    [
        lambda: Run(start=0, step=1),
        lambda: Run(start=1, step=-1),
        lambda: Run(start=5, step=1, stop=4),
        lambda: EquipmentProfile(kg=LB_GYM),
        lambda: EquipmentProfile(lb=KG_GYM),
        lambda: EquipmentProfile(bands=()),
        lambda: EquipmentProfile(
            bands=(
                Band(level=BandLevel.HEAVY, approx_kg=9),
                Band(level=BandLevel.LIGHT, approx_kg=4),
            )
        ),
        lambda: GymLoads(
            unit=Units.KG,
            barbell_bar=20,
            barbell_smallest_plate=1.25,
            dumbbells=KG_GYM.dumbbells,
            kettlebells=(8.0, 4.0),
            machine_step=5,
            machine_max=100,
        ),
    ],
)
def test_impossible_equipment_is_rejected(build):
    with pytest.raises(InvalidInput):
        build()


# --- Implement and text ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("equipment", "kind"),
    [
        ([Equipment.BENCH, Equipment.BARBELL, Equipment.DUMBBELLS], LoadKind.BARBELL),
        ([Equipment.DUMBBELLS, Equipment.MACHINES], LoadKind.MACHINE),
        ([Equipment.DUMBBELLS, Equipment.KETTLEBELL], LoadKind.KETTLEBELL),
        ([Equipment.BANDS, Equipment.DUMBBELLS], LoadKind.DUMBBELL),
        ([Equipment.CHAIR, Equipment.BANDS], LoadKind.BAND),
        ([Equipment.STEP], LoadKind.BODYWEIGHT),
        ([], LoadKind.BODYWEIGHT),
    ],
)
def test_implement_for_picks_the_loading_implement(equipment, kind):
    assert implement_for(equipment) is kind


@pytest.mark.parametrize(
    ("load_kg", "units", "text"),
    [
        (35.0, Units.KG, "35 kg"),
        (37.5, Units.KG, "37.5 kg"),
        (1.25, Units.KG, "1.25 kg"),
        (0.0, Units.KG, "0 kg"),
        (lb_to_kg(77.5), Units.LB, "77.5 lb"),
        (lb_to_kg(45), Units.LB, "45 lb"),
    ],
)
def test_format_load(load_kg, units, text):
    assert format_load(load_kg, units) == text


def test_format_load_digits():
    assert format_load(49.655, Units.KG, digits=1) == "49.7 kg"
    with pytest.raises(InvalidInput):
        format_load(49.655, Units.KG, digits=9)


def test_implement_for_prefers_an_implement_she_owns():
    """R18: loads are stepped on her own equipment: an exercise that can be loaded with a
    kettlebell or dumbbells is a dumbbell lift for a client who owns only dumbbells."""
    from osteoload.domain.units import LoadKind, implement_for
    from osteoload.domain.vocabulary import Equipment

    both = (Equipment.KETTLEBELL, Equipment.DUMBBELLS)
    assert implement_for(both) is LoadKind.KETTLEBELL
    assert implement_for(both, {Equipment.DUMBBELLS, Equipment.MAT}) is LoadKind.DUMBBELL
    assert implement_for(both, {Equipment.MAT}) is LoadKind.KETTLEBELL  # owns neither
