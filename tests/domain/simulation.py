"""A pure simulation harness for progression (not a test module).

Virtual clients follow the engine session by session: the block is generated
(``generate_program`` after ``screen``), ``next_prescriptions`` is asked for the next session,
the client logs what her behaviour says with what was prescribed (``SetLog`` records), the
date advances, and when a 12-week block ends her coach generates the next block from her
logged performance (the profile's ``strength`` sets become her latest logged sets, her
experience at least ``intermediate``). The result is each lift's prescription by week.

Behaviours (:class:`Behaviour`): every prescribed set and rep at the target effort; the same
one point over, one point under, two points under ("too easy"); at target but away for two
weeks; at target with one painful set (pain 5/10) on one lift; at target within a modelled
strength that grows 1 % a week (``limited``: a set she cannot lift is done to failure); at
target, but twice choosing one equipment step heavier than served on each loaded lift
(``chooses_heavier``: the bottom of the rep range at that load).

Loads a client must find herself (no working max yet) are chosen from a simple model of her
true one-repetition maximum, :func:`model_one_rm`: a share of her body weight by movement
(our assumption, only for the first choice of load; her logs then drive everything).

Run ``uv run python -m tests.domain.simulation`` to print the tables used in
``docs/science/progression.md``.
"""

from __future__ import annotations

import argparse
import inspect
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from enum import StrEnum
from pathlib import Path

from osteoload.data.loader import load_catalogue
from osteoload.devtools.strength_model import implied_one_rm, reps_to_failure
from osteoload.domain.catalogue import Catalogue, Exercise
from osteoload.domain.logs import SetLog
from osteoload.domain.one_rm import pct_1rm
from osteoload.domain.profile import ClientProfile, StrengthSet
from osteoload.domain.program import Program, ProgramItem
from osteoload.domain.programming import generate_program
from osteoload.domain.progression import (
    NextItem,
    NextPrescriptions,
    next_load_up,
    next_prescriptions,
    rep_range,
)
from osteoload.domain.screening import screen
from osteoload.domain.units import (
    DEFAULT_EQUIPMENT,
    KG_GYM,
    EquipmentProfile,
    Run,
    implement_for,
    kg_to_lb,
    round_load_down,
)
from osteoload.domain.vocabulary import (
    Component,
    Equipment,
    Experience,
    Pattern,
    Phase,
    ProgramStatus,
    Units,
)
from osteoload.wording.dose import dose_of

CATALOGUE = load_catalogue()
_TAKES_EARLIER = "earlier" in inspect.signature(next_prescriptions).parameters
BLOCK_WEEKS = 12
EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "profiles"


class Behaviour(StrEnum):
    AT_TARGET = "at_target"
    ONE_OVER = "one_over"
    ONE_UNDER = "one_under"
    TWO_UNDER = "two_under"
    MISSES_TWO_WEEKS = "misses_two_weeks"
    PAINFUL_SET = "painful_set"
    LIMITED = "limited"
    """At the target effort, within a modelled strength (:data:`STRENGTH_GAIN_PER_WEEK`): a
    set heavier than she can lift for its reps is done to failure (fewer reps, RPE 10)."""
    CHOOSES_HEAVIER = "chooses_heavier"
    """At the target effort; from the event week, the first :data:`HEAVIER_CHOICES`
    sessions of each lift served with a load (deload weeks and mixed loads aside) she lifts
    one equipment step heavier than served, every set, for the bottom of the rep range."""


#: Effort logged relative to the target, by behaviour (RPE points).
EFFORT_OFFSET = {
    Behaviour.AT_TARGET: 0.0,
    Behaviour.ONE_OVER: 1.0,
    Behaviour.ONE_UNDER: -1.0,
    Behaviour.TWO_UNDER: -2.0,
    Behaviour.MISSES_TWO_WEEKS: 0.0,
    Behaviour.PAINFUL_SET: 0.0,
    Behaviour.LIMITED: 0.0,
    Behaviour.CHOOSES_HEAVIER: 0.0,
}

#: For :attr:`Behaviour.CHOOSES_HEAVIER`: sessions of each lift lifted one step heavier.
HEAVIER_CHOICES = 2

#: For :attr:`Behaviour.LIMITED` (our assumption): her true 1RM of a lift is what her first
#: loaded session of it implies (done at the target effort), and grows by this share a week.
STRENGTH_GAIN_PER_WEEK = 0.01

#: A home set of dumbbells in 2 kg steps (2-32 kg). Goblet squats and dumbbell deadlifts
#: list a kettlebell too and ``implement_for`` prefers it, so the "kettlebells" are the same
#: dumbbells.
HOME_2KG = EquipmentProfile(
    kg=replace(
        KG_GYM,
        dumbbells=(Run(start=2.0, step=2.0, stop=32.0),),
        kettlebells=tuple(float(x) for x in range(2, 33, 2)),
    )  # fmt: skip
)
#: The same with 1 kg steps (1-20 kg).
HOME_1KG = EquipmentProfile(
    kg=replace(
        KG_GYM,
        dumbbells=(Run(start=1.0, step=1.0, stop=20.0),),
        kettlebells=tuple(float(x) for x in range(1, 21)),
    )  # fmt: skip
)
HOME_KIT = (Equipment.DUMBBELLS, Equipment.BODYWEIGHT, Equipment.STEP, Equipment.MAT)

#: First-load model (our assumption): true 1RM as a share of body weight by movement.
ONE_RM_SHARE_OF_BODY_WEIGHT = {
    Pattern.SQUAT: 0.55,
    Pattern.HINGE: 0.65,
    Pattern.LUNGE: 0.3,
    Pattern.STEP: 0.3,
    Pattern.ROW: 0.45,
    Pattern.PULL_VERTICAL: 0.5,
    Pattern.PRESS_HORIZONTAL: 0.4,
    Pattern.PRESS_OVERHEAD: 0.25,
}


@dataclass(frozen=True, slots=True)
class Dose:
    """One prescription of a lift: load (kg, None for body weight), reps, sets."""

    load_kg: float | None
    reps: int | None
    sets: int
    exercise_id: str
    extra: str = ""


@dataclass(slots=True)
class SimResult:
    """What happened: prescriptions by lift and week, impacts by week, the log."""

    profile: ClientProfile
    units: Units
    doses: dict[str, dict[int, Dose]] = field(default_factory=dict)
    """Lift (the item's first exercise id) -> week (0-based) -> first prescription that week."""
    sessions: dict[str, list[tuple[date, Dose]]] = field(default_factory=dict)
    """Lift -> every prescription served, in order."""
    impacts: dict[str, dict[int, int]] = field(default_factory=dict)
    """Impact drill -> week -> the largest session total prescribed that week."""
    impact_first: dict[str, int] = field(default_factory=dict)
    """Impact drill -> the session total of its first session."""
    history: list[SetLog] = field(default_factory=list)
    programs: list[Program] = field(default_factory=list)
    answers: list[NextPrescriptions] = field(default_factory=list)
    strength: dict[str, tuple[float, date]] | None = None
    """:attr:`Behaviour.LIMITED`: lift -> (her true 1RM, the day it was that); else None."""
    chosen: dict[str, list[date]] = field(default_factory=dict)
    """:attr:`Behaviour.CHOOSES_HEAVIER`: lift -> the days she lifted heavier than served."""

    def reps_possible(self, lift: str, load: float, reps: int, rpe: float, day: date) -> int:
        """The most reps (up to ``reps``) she can do with ``load`` on ``day``; a lift met for
        the first time sets her model at ``reps`` x ``load`` at ``rpe``."""
        if self.strength is None or load <= 0:
            return reps
        if lift not in self.strength:
            self.strength[lift] = (implied_one_rm(load, reps, rpe), day)
            return reps
        base, since = self.strength[lift]
        one_rm = base * (1 + STRENGTH_GAIN_PER_WEEK * (day - since).days / 7)
        return min(reps, reps_to_failure(one_rm, load))

    def load(self, lift: str, week: int) -> float | None:
        dose = self.doses.get(lift, {}).get(week)
        return dose.load_kg if dose else None

    def loaded_lifts(self) -> list[str]:
        return [
            lift for lift, by_week in self.doses.items() if any(d.load_kg for d in by_week.values())
        ]


def model_one_rm(profile: ClientProfile, exercise: Exercise) -> float:
    share = ONE_RM_SHARE_OF_BODY_WEIGHT.get(exercise.pattern, 0.3)
    if exercise.is_upper_body and exercise.pattern not in ONE_RM_SHARE_OF_BODY_WEIGHT:
        share = 0.2
    return share * (profile.weight_kg or 65.0)


def _rpe(target: float | None, offset: float) -> float | None:
    if target is None:
        return None
    return min(10.0, max(1.0, target + offset))


def _next_block_profile(profile: ClientProfile, history: Sequence[SetLog]) -> ClientProfile:
    """A coach's intake for the next block: of every loaded lift, her heaviest set of the
    last three weeks (the latest such; a deload week's lighter sets are not her level)."""
    latest: dict[str, SetLog] = {}
    last_day = max((s.date for s in history), default=None)
    for s in sorted(history, key=lambda s: (s.date, s.set)):
        if s.load_kg is None or s.reps < 1 or s.effort is None or last_day is None:
            continue
        if (last_day - s.date).days > 21:
            continue
        best = latest.get(s.exercise_id)
        if best is None or best.load_kg is None or s.load_kg >= best.load_kg:
            latest[s.exercise_id] = s
    sets = tuple(
        StrengthSet(
            exercise=s.exercise_id,
            load_kg=s.load_kg,
            reps=min(s.reps, 12),
            rpe=max(7.0, s.effort or 7.0),
            date=s.date,
        )  # fmt: skip
        for s in latest.values()
        if s.load_kg is not None
    )
    experience = profile.experience
    if experience in (None, Experience.NOVICE):
        experience = Experience.INTERMEDIATE
    return replace(profile, strength=sets or profile.strength, experience=experience)


def _block(profile: ClientProfile, catalogue: Catalogue, start: date, index: int) -> Program:
    """Block ``index`` (0-based): the plan continues where the last block ended (a coach
    does not repeat familiarisation for lifts she has learned, R14/R18c)."""
    screening = screen(profile, as_of=start)
    first = start - timedelta(weeks=BLOCK_WEEKS * index)
    program = generate_program(
        profile,
        screening,
        catalogue,
        start=first,
        weeks=BLOCK_WEEKS * (index + 1),
        strength_as_of=start,
    )
    if index == 0 or not program.weeks:
        return program
    return replace(program, start=start, weeks=program.weeks[BLOCK_WEEKS * index :])


def _served(answer: NextPrescriptions, item: ProgramItem) -> NextItem | None:
    for n in answer.items:
        if n.exercise_id == item.exercise_id or n.replaces == item.exercise_id:
            return n
    return None


def simulate(
    profile: ClientProfile,
    *,
    weeks: int = 26,
    behaviour: Behaviour = Behaviour.AT_TARGET,
    equipment: EquipmentProfile = DEFAULT_EQUIPMENT,
    start: date | None = None,
    event_week: int = 6,
    pain_lift: str | None = None,
    catalogue: Catalogue = CATALOGUE,
    pass_earlier: bool = True,
) -> SimResult:
    """Drive one virtual client for ``weeks`` weeks (weeks 0..``weeks`` are recorded).

    ``event_week``: the first missed week (two weeks away) or the week of the painful set.
    ``pain_lift``: the lift with the painful set (default: the first loaded lift served).
    ``pass_earlier``: give the engine the earlier blocks (``earlier=``) when it accepts them.
    """
    start = start or profile.schedule.start_date or date(2027, 1, 4)
    start = start - timedelta(days=start.weekday())
    result = SimResult(profile=profile, units=profile.units)
    if behaviour is Behaviour.LIMITED:
        result.strength = {}
    offset = EFFORT_OFFSET[behaviour]
    block_profile = profile
    history = result.history
    end = start + timedelta(weeks=weeks, days=7)
    block_start = start
    pain_done = False
    while block_start < end:
        if result.programs:
            block_profile = _next_block_profile(profile, history)
        program = _block(block_profile, catalogue, block_start, len(result.programs))
        if program.status is ProgramStatus.NEEDS_CLEARANCE or not program.weeks:
            break
        earlier = tuple(result.programs)
        result.programs.append(program)
        for week in program.weeks:
            for session in sorted(week.sessions, key=lambda s: s.date):
                day = session.date
                if day >= end:
                    break
                index = (day - start).days // 7
                if behaviour is Behaviour.MISSES_TWO_WEEKS and event_week <= index < event_week + 2:
                    continue
                kwargs: dict[str, object] = (
                    {"earlier": earlier} if pass_earlier and _TAKES_EARLIER else {}
                )
                answer = next_prescriptions(
                    program, history, as_of=day, catalogue=catalogue, units=profile.units,
                    profile=block_profile, equipment=equipment, **kwargs,  # type: ignore[arg-type]
                )  # fmt: skip
                result.answers.append(answer)
                for item in session.items:
                    served = _served(answer, item)
                    if served is None:
                        continue
                    painful = (
                        behaviour is Behaviour.PAINFUL_SET
                        and not pain_done
                        and index >= event_week
                        and (pain_lift is None or served.exercise_id == pain_lift)
                        and served.component is Component.RESISTANCE
                        and served.load_kg is not None
                    )
                    if painful:
                        pain_done = True
                    heavier = (
                        behaviour is Behaviour.CHOOSES_HEAVIER
                        and index >= event_week
                        and answer.phase is not Phase.DELOAD
                    )
                    _log(result, served, item, day, index, offset, block_profile, equipment,
                         catalogue, painful, heavier=heavier)  # fmt: skip
        block_start += timedelta(weeks=BLOCK_WEEKS)
    return result


def _log(
    result: SimResult,
    served: NextItem,
    item: ProgramItem,
    day: date,
    week: int,
    offset: float,
    profile: ClientProfile,
    equipment: EquipmentProfile,
    catalogue: Catalogue,
    painful: bool,
    *,
    heavier: bool = False,
) -> None:
    exercise = catalogue.get(served.exercise_id)
    history = result.history
    if served.component is Component.IMPACT and served.impacts is not None:
        per_set = served.reps or served.impacts
        drill = item.exercise_id
        by_week = result.impacts.setdefault(drill, {})
        by_week[week] = max(by_week.get(week, 0), served.impacts)
        result.impact_first.setdefault(drill, served.impacts)
        for n in range(1, served.sets + 1):
            history.append(SetLog(date=day, exercise_id=served.exercise_id, set=n, reps=per_set,
                                  impacts=per_set, pain=0))  # fmt: skip
        return
    if served.component is Component.BALANCE:
        for n in range(1, served.sets + 1):
            history.append(SetLog(date=day, exercise_id=served.exercise_id, set=n,
                                  reps=served.reps or 0, hold_s=served.hold_s, pain=0))  # fmt: skip
        return
    if (
        served.component not in (Component.RESISTANCE, Component.POSTURE)
        or served.reps is None
        or served.hold_s is not None
        or exercise is None
        or exercise.dose != "reps"
    ):
        return
    load = served.load_kg
    if load is None and exercise.loadable and served.target_rpe is not None:
        kind = implement_for(exercise.equipment)
        share = pct_1rm(min(12, served.reps), max(6.5, served.target_rpe))
        load = round_load_down(
            model_one_rm(profile, exercise) * share, kind, equipment, units=profile.units
        ).load_kg
    rpe = _rpe(served.target_rpe, offset)
    lift = item.exercise_id
    reps = served.reps
    plan = dose_of(served)  # each set as her Today page pre-fills it (R18a mixed loads)
    choice = _heavier_choice(result, served, item, day, equipment) if heavier else None
    if choice is not None:
        load, reps = choice
    dose = Dose(load, served.reps, served.sets, served.exercise_id, _extra(served, profile.units))
    result.sessions.setdefault(lift, []).append((day, dose))
    result.doses.setdefault(lift, {}).setdefault(week, dose)
    for n in range(1, served.sets + 1):
        set_load = plan.set_load_kg(n) if plan.is_heavier(n) else load
        set_reps = (plan.set_per_set(n) if choice is None else None) or reps
        set_rpe = rpe
        if set_load is not None and rpe is not None and exercise.loadable:
            can = result.reps_possible(served.exercise_id, set_load, set_reps, rpe, day)
            if can < set_reps:  # more than her strength allows: to failure (R18b)
                set_reps, set_rpe = can, 10.0
        history.append(
            SetLog(
                date=day,
                exercise_id=served.exercise_id,
                set=n,
                reps=set_reps,
                load_kg=set_load if exercise.loadable else None,
                rpe=set_rpe if exercise.loadable or set_rpe is not None else None,
                pain=5 if painful and n == 1 else 0,
            )  # fmt: skip
        )


def _heavier_choice(
    result: SimResult, served: NextItem, item: ProgramItem, day: date, equipment: EquipmentProfile
) -> tuple[float, int] | None:
    """:attr:`Behaviour.CHOOSES_HEAVIER`: (load, reps) she lifts instead of the served dose,
    one equipment step heavier for the bottom of the rep range; None when she lifts as
    served (no load served, mixed loads, no heavier load, or her choices are used up)."""
    days = result.chosen.setdefault(item.exercise_id, [])
    exercise = CATALOGUE.get(served.exercise_id)
    if (
        len(days) >= HEAVIER_CHOICES
        or served.load_kg is None
        or not served.reps
        or served.heavier_sets
        or exercise is None
        or not exercise.loadable
    ):
        return None
    kind = implement_for(exercise.equipment)
    up = next_load_up(served.load_kg, kind, equipment, units=result.units)
    if up is None:
        return None
    days.append(day)
    return up, min(served.reps, rep_range(item.reps or served.reps)[0])


def _extra(served: NextItem, units: Units) -> str:
    parts = []
    if served.heavier_sets and served.heavier_load_kg is not None:
        heavy = fmt_load(served.heavier_load_kg, units)
        parts.append(f"last {served.heavier_sets} at {heavy}×{served.heavier_reps}")
    if served.tempo:
        parts.append("tempo")
    return ", ".join(parts)


# --- Tables ------------------------------------------------------------------------------------


def fmt_load(load_kg: float | None, units: Units) -> str:
    if load_kg is None:
        return "bw"
    value = load_kg if units is Units.KG else kg_to_lb(load_kg)
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text


def table(result: SimResult, weeks: Sequence[int] = (0, 4, 8, 12, 26)) -> str:
    """A Markdown table: each lift's load x reps at the first session of each week."""
    unit = result.units.value
    head = "| lift | " + " | ".join(f"week {w}" for w in weeks) + " | change |"
    rows = [head, "|" + " --- |" * (len(weeks) + 2)]
    for lift, by_week in result.doses.items():
        cells = []
        for w in weeks:
            dose = _at_or_before(by_week, w)
            if dose is None:
                cells.append("-")
                continue
            cell = f"{fmt_load(dose.load_kg, result.units)}×{dose.reps}"
            if dose.sets:
                cell = f"{dose.sets}×{dose.reps} @ {fmt_load(dose.load_kg, result.units)}"
            if dose.exercise_id != lift:
                cell += f" ({dose.exercise_id})"
            if dose.extra:
                cell += f" ({dose.extra})"
            cells.append(cell)
        first = _at_or_before(by_week, weeks[0])
        last = _at_or_before(by_week, weeks[-1])
        change = "-"
        if first and last and first.load_kg and last.load_kg:
            change = f"{(last.load_kg / first.load_kg - 1) * 100:+.0f} %"
        rows.append(f"| {lift} ({unit}) | " + " | ".join(cells) + f" | {change} |")
    return "\n".join(rows)


def _at_or_before(by_week: Mapping[int, Dose], week: int) -> Dose | None:
    earlier = [w for w in by_week if w <= week]
    return by_week[max(earlier)] if earlier else None


def example(name: str) -> ClientProfile:
    from osteoload.services.profiles import load_profile

    return load_profile(EXAMPLES / name, today=date(2027, 1, 4))


def home_novice() -> ClientProfile:
    """Example 01 at home: dumbbells (2 kg steps), a step and a mat."""
    return replace(example("01-healthy-perimenopause.yaml"), equipment=HOME_KIT)


def gym_novice() -> ClientProfile:
    return example("01-healthy-perimenopause.yaml")


def man_in_lb() -> ClientProfile:
    return replace(example("07-man-low-bone-mass.yaml"), units=Units.LB)


CLIENTS = {
    "home novice, 2 kg-step dumbbells": (home_novice, HOME_2KG),
    "gym novice (kg)": (gym_novice, DEFAULT_EQUIPMENT),
    "man in lb": (man_in_lb, DEFAULT_EQUIPMENT),
}


def main(argv: Sequence[str]) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m tests.domain.simulation",
        description="Print the load tables of the virtual clients for each behaviour.",
    )
    parser.add_argument(
        "behaviours",
        nargs="*",
        choices=[b.value for b in Behaviour],
        metavar="behaviour",
        help=f"one or more of: {', '.join(Behaviour)} (default: {Behaviour.AT_TARGET})",
    )
    chosen = parser.parse_args(argv).behaviours
    behaviours = [Behaviour(b) for b in chosen] or [Behaviour.AT_TARGET]
    for behaviour in behaviours:
        for title, (make, equipment) in CLIENTS.items():
            result = simulate(make(), behaviour=behaviour, equipment=equipment)
            print(f"\n### {title}: {behaviour.value}\n")
            print(table(result))
            if behaviour is Behaviour.AT_TARGET and result.impacts:
                for drill, by_week in result.impacts.items():
                    print(f"\nimpacts, {drill}: " + ", ".join(
                        f"w{w} {n}" for w, n in sorted(by_week.items()) if w % 2 == 0))  # fmt: skip


if __name__ == "__main__":
    main(sys.argv[1:])
