"""One week of the program: which weekdays get resistance (R13: 2-3 non-consecutive days),
impact (R10: at least two days) and home balance bouts (R23, R23a), and each session's
items in order, fitted to her minutes (:mod:`.fitting`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Iterable, Sequence
from datetime import date, timedelta

from ..catalogue import Exercise
from ..profile import ClientProfile
from ..program import ProgramItem, Screening, Session, SessionKind, Week
from ..vocabulary import (
    Component,
    FallsRisk,
    ImpactLevel,
    Pattern,
    Phase,
    ProgramStatus,
    Region,
    Track,
)
from .choosing import Chooser
from .dosing import (
    MAX_BALANCE_DRILLS,
    MIN_HOME_BALANCE_S,
    balance_capacity,
    balance_item,
    balance_start_level,
    balance_work_item,
    chin_up_item,
    impact_item,
    impact_level_for_week,
    impacts_for_week,
    item_balance_seconds,
    posture_item,
    resistance_item,
    timed_item,
    week_balance_minutes,
)
from .fitting import Fitter
from .phases import (
    FAMILIARISATION_WEEKS,
    HIGH_IMPACT_FROM_WEEK,
    HOME_SESSION_MINUTES,
    HOME_SESSION_MINUTES_HIGH_RISK,
    IMPACT_START_PER_SESSION,
    IMPACT_STEP_PER_WEEK,
    LIFTMOR_CHIN_UP,
    LIFTMOR_CHIN_UP_SETS,
    LIFTMOR_PATTERNS,
    MIN_IMPACT_DAYS,
    WARMUP_MINUTES,
    WeekPlan,
    phase_plan,
)

# Session templates: slots in priority order. The first slots of each template together
# load every region (R13); posture (R7) and balance (R23) are always kept.
_TEMPLATES: tuple[tuple[Pattern, ...], ...] = (
    (Pattern.SQUAT, Pattern.ROW, Pattern.ANTI_ROTATION, Pattern.PRESS_OVERHEAD, Pattern.HINGE),
    (Pattern.HINGE, Pattern.PRESS_OVERHEAD, Pattern.LUNGE, Pattern.ROW, Pattern.CARRY),
    (Pattern.SQUAT, Pattern.PULL_VERTICAL, Pattern.CARRY, Pattern.PRESS_HORIZONTAL,
     Pattern.LUNGE),
)  # fmt: skip
_ESSENTIAL_SLOTS = 3
#: R16a: the other slots of LIFTMOR sessions (after deadlift, back squat and overhead press),
#: kept as time allows: a row or pull on each day, then trunk, lunge and carry work.
_LIFTMOR_EXTRAS: tuple[tuple[Pattern, ...], ...] = (
    (Pattern.ROW, Pattern.ANTI_ROTATION),
    (Pattern.PULL_VERTICAL, Pattern.LUNGE, Pattern.CARRY),
    (Pattern.ROW, Pattern.PRESS_HORIZONTAL),
)


class WeekBuilder:
    def __init__(
        self, profile: ClientProfile, screening: Screening, chooser: Chooser, start: date
    ) -> None:
        self.p = profile
        self.s = screening
        self.c = chooser
        self.start = start
        self.high_risk = screening.falls_risk is FallsRisk.HIGH
        self.res_days = profile.schedule.resistance_days if screening.resistance_allowed else ()
        self.home_days = self._home_days()
        self.impact_days = self._impact_days()
        self.balance0 = balance_start_level(profile, screening)
        #: R16a: the LIFTMOR session on every resistance day of the high-intensity track.
        self.liftmor = screening.track is Track.HIGH_INTENSITY
        self.templates = self._choose_templates()
        self.liftmor_ids = (
            frozenset(e.id for e in self._liftmor_lifts()) if self.liftmor else frozenset()
        )
        self.by_id = {e.id: e for e in chooser.pool}
        self._built_items: dict[tuple[Hashable, ...], ProgramItem] = {}
        self.fitter = Fitter(self.by_id, self.liftmor_ids)

    # Which weekdays get what --------------------------------------------------------------

    def _home_days(self) -> tuple[int, ...]:
        """Short balance (and impact) sessions on the other days, keeping one full rest day."""
        others = [d for d in range(1, 8) if d not in self.res_days]
        if not self.res_days:
            # Gentle-only programs: a short session on five days of the week.
            return tuple(others[:5])
        rest_day = max(others, key=lambda d: min((d - r) % 7 for r in self.res_days))
        return tuple(d for d in others if d != rest_day)

    def _impact_days(self) -> tuple[int, ...]:
        if self.s.max_impact.rank <= ImpactLevel.LOW.rank:
            return ()
        days = list(self.res_days)
        for d in self.home_days:
            if len(days) >= max(MIN_IMPACT_DAYS, 3):
                break
            if all(min((d - x) % 7, (x - d) % 7) > 1 for x in days if x not in self.res_days):
                days.append(d)
        return tuple(sorted(days))

    def _liftmor_lifts(self) -> list[Exercise]:
        """R16a: deadlift, back squat and overhead press, for every session of the
        high-intensity track; an R19 exclusion gets the usual permitted substitute."""
        lifts: list[Exercise] = []
        for pattern in LIFTMOR_PATTERNS:
            e = self.c.resistance(pattern, {x.id for x in lifts})
            if e is not None:
                lifts.append(e)
        return lifts

    def _choose_templates(self) -> list[list[Exercise]]:
        """Pick the exercise for every slot of every resistance day once, for the whole block.

        On the high-intensity track (R16a) every day starts with the same LIFTMOR lifts
        (:meth:`_liftmor_lifts`); the other slots vary by day."""
        templates: list[list[Exercise]] = []
        used: set[str] = set()
        lifts = self._liftmor_lifts() if self.liftmor else []
        slots = _LIFTMOR_EXTRAS if self.liftmor else _TEMPLATES
        for index, _day in enumerate(self.res_days):
            chosen: list[Exercise] = list(lifts)
            for pattern in slots[index % len(slots)]:
                e = self.c.resistance(pattern, used | {x.id for x in chosen})
                if e is None:
                    e = self.c.resistance(pattern, {x.id for x in chosen})
                if e is not None and e.id not in {x.id for x in chosen}:
                    chosen.append(e)
            used |= {x.id for x in chosen}
            templates.append(chosen)
        return templates

    # One week -----------------------------------------------------------------------------

    def week(self, n: int) -> Week:
        plan = phase_plan(n, self.s.track)
        week_start = self.start + timedelta(weeks=n - 1)
        dates = [week_start + timedelta(days=offset) for offset in range(7)]
        resistance = {
            d: self._resistance_session(n, plan, self.res_days.index(d.isoweekday()), d)
            for d in dates
            if d.isoweekday() in self.res_days
        }
        home_dates = [d for d in dates if d.isoweekday() in self.home_days]
        bout_s = self._home_balance_seconds(resistance.values(), len(home_dates))
        sessions = [
            resistance[d] if d in resistance else self._home_session(n, plan, d, bout_s)
            for d in dates
            if d in resistance or d in home_dates
        ]
        balance = week_balance_minutes((i for s in sessions for i in s.items), self.by_id)
        impacts = sum(i.impacts or 0 for s in sessions for i in s.items)
        return Week(week=n, phase=plan.phase, sessions=tuple(sessions),
                    balance_minutes=balance, impacts=impacts)  # fmt: skip

    def _home_balance_seconds(self, resistance: Iterable[Session], bouts: int) -> float | None:
        """R23a: the balance seconds each home bout must hold so that the week meets the
        screening's ``balance_minutes_target`` with what the resistance sessions hold (their
        balance is trimmed first when her session time is short, so the rest goes to the
        separate home bouts). ``None`` for programs that are not ready (R4 gentle-only work
        keeps its own supported balance dose)."""
        if self.s.status is not ProgramStatus.READY or not bouts:
            return None
        have = sum(item_balance_seconds(i, self.by_id[i.exercise_id])
                   for s in resistance for i in s.items)  # fmt: skip
        missing = max(0.0, self.s.balance_minutes_target * 60 - have)
        return max(float(MIN_HOME_BALANCE_S), math.ceil(missing / bouts))

    def _built(
        self, make: Callable[..., ProgramItem], exercise: Exercise, *args: Hashable
    ) -> ProgramItem:
        """``make(exercise, *args)``, built once per program and then shared.

        The same drill at the same dose recurs on several days and weeks, and items are
        frozen: looking one up costs a fraction of building it. ``make`` must be a pure
        function of its arguments; exercises are keyed by id (one pool per program).
        """
        key = (make, exercise.id, *args)
        item = self._built_items.get(key)
        if item is None:
            item = self._built_items[key] = make(exercise, *args)
        return item

    def c_exercise(self, item: ProgramItem) -> Exercise:
        return self.by_id[item.exercise_id]

    def _balance_level(self, n: int) -> int:
        if self.s.status is not ProgramStatus.READY:
            return 1  # R4: while on hold, only balance work with support (no fall risk)
        return min(5, self.balance0 + (n - 1) // 4)

    def _warmup(self, avoid: set[str]) -> ProgramItem | None:
        e = self.c.by_component(Component.WARMUP, level=2, avoid=avoid, max_impact=ImpactLevel.LOW)
        return self._built(timed_item, e, WARMUP_MINUTES) if e else None

    def _posture(self, n: int, plan: WeekPlan, avoid: set[str]) -> ProgramItem | None:
        level = 2 if n <= FAMILIARISATION_WEEKS or self.s.track is Track.GENTLE else 3
        e = self.c.by_component(
            Component.POSTURE, level=level, avoid=avoid, max_impact=ImpactLevel.NONE
        )
        return self._built(posture_item, e, plan) if e else None

    def _balance(self, n: int, avoid: set[str], minutes: int) -> ProgramItem | None:
        e = self.c.by_component(
            Component.BALANCE, level=self._balance_level(n), avoid=avoid,
            max_impact=ImpactLevel.LOW,
        )  # fmt: skip
        return self._built(balance_item, e, minutes) if e else None

    def _impact(
        self, n: int, phase: Phase, avoid: set[str], *, home: bool = False
    ) -> ProgramItem | None:
        level = impact_level_for_week(n, self.s.max_impact)
        if home:
            # R11: high drills only in supervised sessions, never on a home day.
            level = min(level, ImpactLevel.MODERATE, key=lambda x: x.rank)
        e = self.c.by_component(Component.IMPACT, level=5, avoid=avoid, max_impact=level)
        if e is None or e.impact.rank < ImpactLevel.LOW.rank:
            return None
        impacts = impacts_for_week(n, phase)
        if e.impact is ImpactLevel.HIGH:
            # R10a: a new drill starts at 10 impacts and builds by 5 a week.
            weeks_on = max(0, n - HIGH_IMPACT_FROM_WEEK)
            impacts = min(impacts, IMPACT_START_PER_SESSION + IMPACT_STEP_PER_WEEK * weeks_on)
        return self._built(impact_item, e, impacts)

    def _chin_ups(self, n: int, phase: Phase, avoid: set[str]) -> ProgramItem | None:
        """R16a/R11: jumping chin-ups with drop landings in the LIFTMOR session, when the
        catalogue has them, her equipment has the bar (both in the pool), and high impact is
        allowed this week (R11: supervised, >= 8 weeks of moderate impact first). They start
        at 2 x 5 and build by one set of 5 a week to 5 x 5 (R10a); fewer in a deload week."""
        e = self.by_id.get(LIFTMOR_CHIN_UP)
        if e is None or e.id in avoid or e.component is not Component.IMPACT:
            return None
        if impact_level_for_week(n, self.s.max_impact) is not ImpactLevel.HIGH:
            return None
        sets = min(LIFTMOR_CHIN_UP_SETS, 2 + max(0, n - HIGH_IMPACT_FROM_WEEK))
        if phase is Phase.DELOAD:
            sets = max(2, sets - 2)
        return self._built(chin_up_item, e, sets)

    def _resistance_session(self, n: int, plan: WeekPlan, index: int, day: date) -> Session:
        budget = self.p.schedule.minutes_per_session * 60
        essentials: list[ProgramItem] = []
        optional: list[ProgramItem] = []
        avoid: set[str] = set()

        def take(item: ProgramItem | None, into: list[ProgramItem]) -> None:
            if item is not None and item.exercise_id not in avoid:
                avoid.add(item.exercise_id)
                into.append(item)

        take(self._warmup(avoid), essentials)
        covered: set[Region] = set()
        for slot, exercise in enumerate(self.templates[index]):
            item = resistance_item(exercise, plan, n, self.s.track)
            if self.liftmor:
                # R16a: the lifts, and any other lift loading a region they miss (R13: an
                # R19 substitute press may leave the trunk unloaded), are kept.
                essential = exercise.id in self.liftmor_ids or not covered >= set(exercise.regions)
                if essential:
                    covered.update(exercise.regions)
            else:
                essential = slot < _ESSENTIAL_SLOTS
            take(item, essentials if essential else optional)
        take(self._posture(n, plan, avoid), essentials)
        take(self._balance(n, avoid, 5 if not self.high_risk else 8), essentials)
        chin_ups = self._chin_ups(n, plan.phase, avoid) if self.liftmor else None
        take(chin_ups, essentials)
        if (
            chin_ups is None
            and self.s.max_impact.rank >= ImpactLevel.LOW.rank
            and day.isoweekday() in (self.impact_days or self.res_days)
        ):
            take(self._impact(n, plan.phase, avoid), essentials)
        if self.liftmor:
            items, seconds = self.fitter.fit_liftmor(essentials, optional, budget)
        else:
            items, seconds = self.fitter.fit(essentials, optional, budget)
        return Session(day=day.isoweekday(), date=day, kind=SessionKind.RESISTANCE,
                       items=tuple(ordered(items)), minutes=-(-seconds // 60))  # fmt: skip

    def _home_session(
        self, n: int, plan: WeekPlan, day: date, balance_s: float | None = None
    ) -> Session:
        """A short home session: balance (``balance_s`` balance seconds when given, R23a),
        posture when there is no resistance day, and impact or a walk."""
        minutes = HOME_SESSION_MINUTES_HIGH_RISK if self.high_risk else HOME_SESSION_MINUTES
        avoid: set[str] = set()
        items: list[ProgramItem] = []
        if balance_s is None:
            first = self._balance(n, avoid, minutes // 2)
            if first is not None:
                avoid.add(first.exercise_id)
                items.append(first)
            second = self._second_balance(n, avoid, minutes // 2)
            if second is not None:
                avoid.add(second.exercise_id)
                items.append(second)
            bout: list[ProgramItem] = []
        else:
            bout = self._balance_bout(n, avoid, balance_s)
        if not self.res_days:
            posture = self._posture(n, plan, avoid)
            if posture is not None:
                avoid.add(posture.exercise_id)
                items.append(posture)
        if day.isoweekday() in self.impact_days:
            impact = self._impact(n, plan.phase, avoid, home=True)
            if impact is not None:
                items.append(impact)
        elif self.s.max_impact.rank >= ImpactLevel.LOW.rank:
            walk = self.c.by_component(
                Component.AEROBIC, level=2, avoid=avoid, max_impact=ImpactLevel.LOW
            )
            if walk is not None:
                items.append(self._built(timed_item, walk, 10))
        budget_s = minutes * 60 + 10 * 60
        if bout:
            # The balance bout is never trimmed below the weekly target (R23a); the other
            # items share what is left of the usual home session.
            budget_s -= min(self.fitter.seconds(bout), minutes * 60)
        items, seconds = self.fitter.fit(items, [], budget_s)
        items = bout + items
        seconds += self.fitter.seconds(bout)
        return Session(day=day.isoweekday(), date=day, kind=SessionKind.IMPACT_BALANCE,
                       items=tuple(ordered(items)), minutes=-(-seconds // 60))  # fmt: skip

    def _balance_bout(self, n: int, avoid: set[str], work_s: float) -> list[ProgramItem]:
        """Balance drills holding ``work_s`` balance seconds between them (R23a): the
        hardest static drill at her level and a dynamic one, and further drills when those
        two would need more than :data:`MAX_BALANCE_SETS` sets."""
        drills: list[Exercise] = []
        level = self._balance_level(n)
        first = self.c.by_component(
            Component.BALANCE, level=level, avoid=avoid, max_impact=ImpactLevel.LOW
        )
        if first is not None:
            drills.append(first)
        second = self.c.second_balance(level=level + 1, avoid=avoid | {d.id for d in drills})
        if second is not None:
            drills.append(second)
        while len(drills) < MAX_BALANCE_DRILLS:
            share = work_s / len(drills) if drills else work_s
            if drills and all(share <= balance_capacity(d) for d in drills):
                break
            more = self.c.by_component(
                Component.BALANCE, level=level + 1, avoid=avoid | {d.id for d in drills},
                max_impact=ImpactLevel.LOW,
            )  # fmt: skip
            if more is None:
                break
            drills.append(more)
        if not drills:
            return []
        # Each drill's share in proportion to what its usual sets hold, so that no drill
        # needs longer sets while another has sets to spare.
        capacity = [balance_capacity(d) for d in drills]
        total = sum(capacity)
        avoid.update(d.id for d in drills)
        return [
            self._built(balance_work_item, d, math.ceil(work_s * c / total))
            for d, c in zip(drills, capacity, strict=True)
        ]

    def _second_balance(self, n: int, avoid: set[str], minutes: int) -> ProgramItem | None:
        """A dynamic drill to go with the static one (or the other way round)."""
        level = self._balance_level(n)
        if self.s.status is ProgramStatus.READY:
            level += 1
        pick = self.c.second_balance(level=level, avoid=avoid)
        return self._built(balance_item, pick, minutes) if pick is not None else None


SESSION_ORDER = (Component.WARMUP, Component.MOBILITY, Component.IMPACT, Component.RESISTANCE,
                 Component.POSTURE, Component.BALANCE, Component.AEROBIC)  # fmt: skip


def ordered(items: Sequence[ProgramItem]) -> list[ProgramItem]:
    """Warm up, jump while fresh, lift, then posture and balance, walking last."""
    return sorted(items, key=lambda i: SESSION_ORDER.index(i.component))
