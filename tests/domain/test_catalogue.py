"""The built-in exercise catalogue (data/exercises.yaml) and its validator (build_catalogue).

The safety filter and the program generator trust what the catalogue says, so these tests
check the data as well as the code: coverage by pattern and equipment, the impact and balance
ladders, spine-risk tags (R6), supervision of high impact (R11) and link integrity.
"""

from __future__ import annotations

from collections import defaultdict
from statistics import mean
from typing import Any

import pytest

from osteoload.data.loader import load_catalogue
from osteoload.domain.catalogue import Catalogue, CatalogueError, Exercise, build_catalogue
from osteoload.domain.vocabulary import (
    KEY_LIFT_IDS,
    Component,
    Equipment,
    ImpactLevel,
    Pattern,
    Region,
)

KEY_PATTERNS = (Pattern.SQUAT, Pattern.HINGE, Pattern.LUNGE, Pattern.ROW, Pattern.PRESS_OVERHEAD)

#: Equipment every home has: "bodyweight-only" means nothing beyond these.
HOME = frozenset({Equipment.BODYWEIGHT, Equipment.CHAIR, Equipment.WALL, Equipment.MAT})

#: Plausible equipment sets a client might own (always plus the HOME items).
EQUIPMENT_SETS = {
    "home only": HOME,
    "bands": HOME | {Equipment.BANDS},
    "dumbbells and bench": HOME | {Equipment.DUMBBELLS, Equipment.BENCH},
    "kettlebell": HOME | {Equipment.KETTLEBELL},
    "full gym": frozenset(Equipment),
}


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


def safe_resistance(catalogue: Catalogue) -> list[Exercise]:
    return [e for e in catalogue.by_component(Component.RESISTANCE) if not e.tags]


def available(e: Exercise, owned: frozenset[Equipment]) -> bool:
    return set(e.equipment) <= owned


# --- the data ---------------------------------------------------------------------------


def test_catalogue_is_large_enough(catalogue: Catalogue) -> None:
    assert len(catalogue) >= 60


def test_ids_named_by_profiles_exist(catalogue: Catalogue) -> None:
    missing = [i for i in KEY_LIFT_IDS if i not in catalogue]
    assert not missing


@pytest.mark.parametrize("pattern", KEY_PATTERNS, ids=str)
@pytest.mark.parametrize(
    "kind",
    [
        Equipment.BARBELL,
        Equipment.DUMBBELLS,
        Equipment.KETTLEBELL,
        Equipment.MACHINES,
        Equipment.BANDS,
    ],
    ids=str,
)
def test_key_patterns_have_each_equipment_version(
    catalogue: Catalogue, pattern: Pattern, kind: Equipment
) -> None:
    versions = [
        e.id for e in safe_resistance(catalogue) if e.pattern is pattern and kind in e.equipment
    ]
    assert versions, f"no {kind} version of {pattern}"


@pytest.mark.parametrize("pattern", KEY_PATTERNS, ids=str)
def test_key_patterns_have_a_bodyweight_version(catalogue: Catalogue, pattern: Pattern) -> None:
    versions = [
        e.id for e in safe_resistance(catalogue) if e.pattern is pattern and available(e, HOME)
    ]
    assert versions, f"no bodyweight version of {pattern}"


@pytest.mark.parametrize("owned", EQUIPMENT_SETS.values(), ids=EQUIPMENT_SETS.keys())
def test_every_equipment_set_covers_key_patterns_and_regions(
    catalogue: Catalogue, owned: frozenset[Equipment]
) -> None:
    usable = [e for e in safe_resistance(catalogue) if available(e, owned)]
    assert {p for p in KEY_PATTERNS if not any(e.pattern is p for e in usable)} == set()
    assert {r for r in Region if not any(r in e.regions for e in usable)} == set()


def test_every_region_is_loaded_with_home_equipment_only(catalogue: Catalogue) -> None:
    # R13: all regions every week, even for someone with nothing but a chair, a wall and a mat.
    home = [e for e in safe_resistance(catalogue) if available(e, HOME)]
    for region in Region:
        assert any(region in e.regions for e in home), region


def test_impact_ladder_covers_every_level_with_rising_force(catalogue: Catalogue) -> None:
    drills = catalogue.by_component(Component.IMPACT)
    by_level: dict[ImpactLevel, list[float]] = defaultdict(list)
    for e in drills:
        assert e.dose == "impacts", e.id
        assert e.peak_grf_bw is not None, e.id
        by_level[e.impact].append(e.peak_grf_bw)
    levels = (ImpactLevel.LOW, ImpactLevel.MODERATE, ImpactLevel.HIGH)
    assert all(by_level[level] for level in levels)
    means = [mean(by_level[level]) for level in levels]
    assert means == sorted(means) and len(set(means)) == 3, means


def test_brisk_walking_is_low_impact_aerobic_in_minutes(catalogue: Catalogue) -> None:
    walk = catalogue["brisk_walking"]
    assert (walk.component, walk.pattern, walk.impact, walk.dose) == (
        Component.AEROBIC,
        Pattern.WALK,
        ImpactLevel.LOW,
        "minutes",
    )


def test_high_impact_is_supervised_only(catalogue: Catalogue) -> None:
    # R11: high impact (including the jumping chin-up's drop landing) needs a supervisor.
    high = [e for e in catalogue.values() if e.impact is ImpactLevel.HIGH]
    assert high
    assert [e.id for e in high if not e.supervised_only] == []
    assert catalogue["jumping_chin_up"].impact is ImpactLevel.HIGH


def test_balance_ladder_spans_levels_one_to_five(catalogue: Catalogue) -> None:
    balance = catalogue.by_component(Component.BALANCE)
    assert {e.level for e in balance} == {1, 2, 3, 4, 5}
    patterns = {e.pattern for e in balance}
    assert {Pattern.BALANCE_STATIC, Pattern.BALANCE_DYNAMIC} <= patterns
    for e in balance:
        if e.pattern is Pattern.BALANCE_STATIC:
            assert e.dose == "hold", e.id


def test_posture_work_spans_levels_and_mostly_needs_nothing(catalogue: Catalogue) -> None:
    # R7: spinal-extensor/posture work must always be available.
    posture = catalogue.by_component(Component.POSTURE)
    assert len(posture) >= 6
    assert len({e.level for e in posture}) >= 3
    home = [e for e in posture if available(e, HOME)]
    assert len(home) > len(posture) / 2
    assert all(not e.tags for e in posture)


def test_spine_risk_items_exist_and_safe_items_never_lead_to_them(catalogue: Catalogue) -> None:
    # R6: the filter needs real tagged entries, and a safe ladder must not step onto one.
    tagged = {e.id for e in catalogue.values() if e.tags}
    assert len(tagged) >= 5
    assert {"sit_up", "crunch", "toe_touch", "jefferson_curl"} <= tagged
    for e in catalogue.values():
        if not e.tags:
            bad = [ref for ref in (*e.regressions, *e.progressions) if ref in tagged]
            assert not bad, f"{e.id} links to spine-risk {bad}"


def test_links_exist_and_point_the_right_way(catalogue: Catalogue) -> None:
    for e in catalogue.values():
        for ref in e.progressions:
            assert ref in catalogue, (e.id, ref)
            assert catalogue[ref].level >= e.level, f"{e.id} progresses down to {ref}"
        for ref in e.regressions:
            assert ref in catalogue, (e.id, ref)
            assert catalogue[ref].level <= e.level, f"{e.id} regresses up to {ref}"


def test_ladders_reach_the_key_lifts(catalogue: Catalogue) -> None:
    def reachable(start: str) -> set[str]:
        seen, todo = set(), [start]
        while todo:
            current = todo.pop()
            if current not in seen:
                seen.add(current)
                todo.extend(catalogue[current].progressions)
        return seen

    assert {"bodyweight_squat", "goblet_squat", "back_squat"} <= reachable("sit_to_stand")
    assert "deadlift" in reachable("dowel_hip_hinge")
    assert {"tandem_stance", "tandem_walk"} <= reachable("tandem_stance_supported")


def test_loadable_means_external_load(catalogue: Catalogue) -> None:
    weighted = {Equipment.BARBELL, Equipment.DUMBBELLS, Equipment.KETTLEBELL, Equipment.MACHINES}
    for e in catalogue.values():
        if e.loadable:
            assert weighted & set(e.equipment), e.id
        if e.component in {Component.IMPACT, Component.BALANCE, Component.POSTURE}:
            assert not e.loadable, e.id


def test_key_lifts_are_loadable(catalogue: Catalogue) -> None:
    # Profiles log these with a load, so the engine must be able to prescribe them by %1RM.
    assert [i for i in KEY_LIFT_IDS if not catalogue[i].loadable] == []


def test_r19_substitutes_exist(catalogue: Catalogue) -> None:
    for sub in ("dowel_hip_hinge", "kettlebell_deadlift_raised", "seated_dumbbell_press"):
        assert not catalogue[sub].tags
    assert Equipment.BENCH in catalogue["seated_dumbbell_press"].equipment


def test_safe_core_work_avoids_flexion(catalogue: Catalogue) -> None:
    core = [e for e in safe_resistance(catalogue) if e.pattern is Pattern.ANTI_ROTATION]
    assert {"dead_bug", "forearm_plank", "side_plank_knees", "pallof_press", "bird_dog"} <= {
        e.id for e in core
    }


# --- the validator ----------------------------------------------------------------------

#: Marks a field to remove in :func:`broken`.
DELETE = object()


def good_record() -> dict[str, Any]:
    """A valid record, written out here so the validator tests do not depend on the data file."""
    return {
        "id": "sit_to_stand",
        "name": "Sit to stand",
        "component": "resistance",
        "pattern": "squat",
        "regions": ["legs", "hips"],
        "sites": ["femoral_neck", "total_hip"],
        "impact": "none",
        "tags": [],
        "equipment": ["chair"],
        "level": 1,
        "regressions": [],
        "progressions": [],
        "cues": ["Lean forward from the hips", "Press the floor away to stand"],
        "safety": "Use a sturdy chair against a wall.",
        "why": "Standing up on your own keeps your hips and legs strong.",
        "dose": "reps",
        "loadable": False,
        "seconds_per_rep": 3,
    }


def broken(**changes: Any) -> dict[str, Any]:
    record = good_record()
    for key, value in changes.items():
        if value is DELETE:
            del record[key]
        else:
            record[key] = value
    return record


def test_a_good_record_builds() -> None:
    built = build_catalogue([good_record()])
    assert built["sit_to_stand"].component is Component.RESISTANCE


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"why": DELETE}, "missing why"),
        ({"colour": "red"}, "unknown field(s) colour"),
        ({"pattern": "twirl"}, "pattern 'twirl' is not allowed; allowed: squat, hinge"),
        ({"equipment": ["sofa"]}, "equipment 'sofa' is not allowed; allowed: barbell"),
        ({"regions": "legs"}, "regions must be a list"),
        ({"progressions": ["moon_walk"]}, "links to unknown exercise 'moon_walk'"),
        ({"regressions": ["sit_to_stand"]}, "links to itself"),
        ({"regressions": None}, "regressions must be a list of exercise ids"),
        ({"cues": ["only one"]}, "needs 2 to 4 cues"),
        ({"cues": ["a", "b", "c", "d", "e"]}, "needs 2 to 4 cues"),
        ({"impact": "moderate"}, "impact drills need peak_grf_bw"),
        ({"impact": "low", "peak_grf_bw": 40}, "peak_grf_bw must be 0.5 to 12"),
        ({"level": 6}, "level must be 1 to 5"),
        ({"dose": "laps"}, "dose 'laps' is not one of reps, hold, impacts, minutes"),
        ({"seconds_per_rep": 0}, "seconds_per_rep must be a number"),
        ({"loadable": "no"}, "loadable must be true or false"),
        ({"id": "Sit To Stand"}, "id must be snake_case"),
        ({"safety": "  "}, "safety must be non-empty text"),
    ],
)
def test_broken_records_are_refused_naming_the_problem(
    changes: dict[str, Any], expected: str
) -> None:
    with pytest.raises(CatalogueError) as error:
        build_catalogue([broken(**changes)])
    assert expected in str(error.value)


def test_every_problem_is_reported_at_once() -> None:
    first = broken(pattern="twirl")
    second = broken(id="other_move", level=0)
    with pytest.raises(CatalogueError) as error:
        build_catalogue([first, second])
    message = str(error.value)
    assert "exercise sit_to_stand: pattern 'twirl'" in message
    assert "exercise other_move: level must be 1 to 5" in message


def test_duplicate_ids_are_refused() -> None:
    with pytest.raises(CatalogueError, match="duplicate id"):
        build_catalogue([good_record(), good_record()])


def test_a_record_that_is_not_a_mapping_is_refused() -> None:
    with pytest.raises(CatalogueError, match="must be a mapping"):
        build_catalogue([good_record(), "sit_to_stand"])  # type: ignore[list-item]
