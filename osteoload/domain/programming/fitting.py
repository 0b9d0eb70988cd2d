"""Fitting a session into her minutes: essentials first (R13: every region loaded; R7
posture and R23 balance kept), optional items while they fit, then doses trimmed step by
step; a LIFTMOR session (R16a) keeps its three lifts and trims everything else first.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..catalogue import Exercise
from ..program import ProgramItem, split_impacts
from ..vocabulary import (
    Component,
)
from .dosing import Dose, DoseValues, dose_of, dose_seconds, estimate_seconds, replace_item
from .phases import IMPACT_START_PER_SESSION, LIFTMOR_CHIN_UP, LIFTMOR_MIN_REST_S


def trim_dose(dose: Dose, component: Component) -> Dose:
    """One step shorter: fewer sets (never below two of resistance), shorter rests and
    warm-ups, fewer impacts (never below 10), balance sets (never below two), then shorter
    balance and posture sets. ``dose`` itself when nothing is left to trim."""
    if dose.minutes is not None:
        return dose._replace(minutes=max(2, dose.minutes - 1))
    if dose.impacts is not None:
        sets, per_set = split_impacts(max(IMPACT_START_PER_SESSION, dose.impacts - 5))
        return dose._replace(impacts=sets * per_set, sets=sets, reps=per_set)
    floor = 1 if component is Component.POSTURE else 2
    if dose.sets > floor:
        return dose._replace(sets=dose.sets - 1)
    if dose.rest_s > 30:
        return dose._replace(rest_s=max(30, dose.rest_s - 15))
    if component in (Component.BALANCE, Component.POSTURE):
        if dose.reps is not None and dose.reps > 6:
            return dose._replace(reps=dose.reps - 2)
        if dose.hold_s is not None and dose.hold_s > 15:
            return dose._replace(hold_s=dose.hold_s - 5)
    return dose


class _Trimmed:
    """A dose of an exercise in ``_fit``'s trimming, with its estimated seconds and, once
    computed, ``next``: the node of the trimmed dose (itself when trimming changes nothing).

    ``_fit`` trims doses rather than items (only the chosen dose becomes an item), and the
    nodes are shared within one program (``WeekBuilder._nodes``): equal doses recur in the
    sessions of a week and across weeks, and each is timed and trimmed once.
    """

    __slots__ = ("dose", "exercise", "next", "seconds")

    def __init__(self, exercise: Exercise, dose: Dose) -> None:
        self.exercise = exercise
        self.dose = dose
        self.seconds = dose_seconds(dose, exercise)
        self.next: _Trimmed | None = None


class Fitter:
    """Fits a session's items into her minutes (R13 essentials kept; R16a for LIFTMOR).

    The trimming nodes (:class:`_Trimmed`) and trimmed items are shared for a whole
    program: equal doses recur in the sessions of a week and across weeks.
    """

    def __init__(self, by_id: Mapping[str, Exercise], liftmor_ids: frozenset[str]) -> None:
        self.by_id = by_id
        self.liftmor_ids = liftmor_ids
        # fit's trimming steps, per (exercise id, dose), for the whole program.
        self._nodes: dict[tuple[str, DoseValues], _Trimmed] = {}
        self._trimmed_items: dict[tuple[int, _Trimmed], tuple[ProgramItem, ProgramItem]] = {}

    def fit(
        self, essentials: list[ProgramItem], optional: list[ProgramItem], budget_s: int
    ) -> tuple[list[ProgramItem], int]:
        """Keep essentials, add optional items while they fit, then trim doses step by step.

        Returns the items and their estimated seconds."""
        items = list(essentials)
        nodes = [self._node(i.exercise_id, dose_of(i)) for i in items]
        total = sum(n.seconds for n in nodes)
        for item in optional:
            node = self._node(item.exercise_id, dose_of(item))
            if total + node.seconds <= budget_s:
                items.append(item)
                nodes.append(node)
                total += node.seconds
        untrimmed = nodes
        for _ in range(20):
            total = sum(n.seconds for n in nodes)
            if total <= budget_s:
                return self._with_doses(items, untrimmed, nodes), total
            trimmed = [self._trimmed(n) for n in nodes]
            if all(t is n for t, n in zip(trimmed, nodes, strict=True)):
                break  # nothing left to trim
            nodes = trimmed
        items = self._with_doses(items, untrimmed, nodes)
        # Last resort for very short sessions: no separate warm-up or walk (the first, light
        # set of each exercise warms up instead). Resistance, posture, balance and impact stay.
        for component in (Component.AEROBIC, Component.MOBILITY, Component.WARMUP):
            if self.seconds(items) <= budget_s:
                break
            items = [i for i in items if i.component is not component]
        return items, self.seconds(items)

    def fit_liftmor(
        self, essentials: list[ProgramItem], optional: list[ProgramItem], budget_s: int
    ) -> tuple[list[ProgramItem], int]:
        """R16a: fit a LIFTMOR session into ``budget_s``, trimming other items first.

        1. Every item but the LIFTMOR lifts and chin-ups is trimmed step by step (as
           :meth:`fit` does), leaving room for the day's first other lift (a row or a
           pull) at its shortest dose where trimming can; 2. then the separate warm-up or
           walk goes; 3. then the chin-ups lose sets (never below 2 x 5), then the lifts'
           rests shorten (never below :data:`LIFTMOR_MIN_REST_S`), and only in a session
           too short for three 5 x 5 lifts at all do the lifts lose sets; 4. the day's
           other lifts (row, pulldown, ...) then fill the time left, each trimmed to fit or
           left out (R13 is met by the three lifts, which load every region).

        Returns the items and their estimated seconds."""
        protected = self.liftmor_ids | {LIFTMOR_CHIN_UP}
        items = list(essentials)
        nodes = [self._node(i.exercise_id, dose_of(i)) for i in items]
        untrimmed = list(nodes)

        def total() -> int:
            return sum(n.seconds for n in nodes)

        reserve = self._shortest_seconds(optional[0]) if optional else 0
        for _ in range(20):
            if total() <= budget_s - reserve:
                break
            trimmed = [
                n if i.exercise_id in protected else self._trimmed(n)
                for i, n in zip(items, nodes, strict=True)
            ]
            if all(t is n for t, n in zip(trimmed, nodes, strict=True)):
                break
            nodes = trimmed
        for component in (Component.AEROBIC, Component.MOBILITY, Component.WARMUP):
            if total() <= budget_s:
                break
            keep = [k for k, i in enumerate(items) if i.component is not component]
            items = [items[k] for k in keep]
            nodes = [nodes[k] for k in keep]
            untrimmed = [untrimmed[k] for k in keep]
        for wanted in (Component.IMPACT, Component.RESISTANCE):
            for _ in range(40):
                if total() <= budget_s:
                    break
                trimmed = [
                    self._liftmor_trimmed(n)
                    if i.exercise_id in protected and i.component is wanted
                    else n
                    for i, n in zip(items, nodes, strict=True)
                ]
                if all(t is n for t, n in zip(trimmed, nodes, strict=True)):
                    break
                nodes = trimmed
        for item in optional:
            first = node = self._node(item.exercise_id, dose_of(item))
            room = budget_s - total()
            for _ in range(20):
                if node.seconds <= room:
                    break
                shorter = self._trimmed(node)
                if shorter is node:
                    break
                node = shorter
            if node.seconds <= room:
                items.append(item)
                untrimmed.append(first)
                nodes.append(node)
        return self._with_doses(items, untrimmed, nodes), total()

    def _shortest_seconds(self, item: ProgramItem) -> int:
        """The seconds of ``item`` at its shortest dose (as far as trimming goes)."""
        shortest = self._node(item.exercise_id, dose_of(item))
        for _ in range(20):
            if shortest.next is shortest:
                break
            shortest = self._trimmed(shortest)
        return shortest.seconds

    def _liftmor_trimmed(self, node: _Trimmed) -> _Trimmed:
        """One step shorter for a LIFTMOR item (R16a): chin-ups lose a set of 5 (never
        below two) then rest; a lift's rests shorten to :data:`LIFTMOR_MIN_REST_S`, then
        (very short sessions only) it loses a set, never below two."""
        dose = node.dose
        if dose.impacts is not None:
            if dose.sets > 2:
                dose = dose._replace(sets=dose.sets - 1, impacts=(dose.sets - 1) * (dose.reps or 0))
            elif dose.rest_s > 30:
                dose = dose._replace(rest_s=max(30, dose.rest_s - 15))
        elif dose.rest_s > LIFTMOR_MIN_REST_S:
            dose = dose._replace(rest_s=max(LIFTMOR_MIN_REST_S, dose.rest_s - 15))
        elif dose.sets > 2:
            dose = dose._replace(sets=dose.sets - 1)
        return node if dose == node.dose else self._node(node.exercise.id, dose)

    def _with_doses(
        self, items: list[ProgramItem], untrimmed: list[_Trimmed], nodes: list[_Trimmed]
    ) -> list[ProgramItem]:
        """``items`` with the doses of ``nodes``; items whose node is unchanged are kept.

        A trimmed item is built once per program, as the same (shared) items are trimmed
        alike on several days. The memo is keyed by ``id(item)``, as hashing an item is slow
        (its enums hash in Python); each entry holds the item, so the id cannot be reused.
        """
        out = []
        for item, first, node in zip(items, untrimmed, nodes, strict=True):
            if node is not first:
                key = (id(item), node)
                memo = self._trimmed_items.get(key)
                if memo is None:
                    memo = (item, replace_item(item, **node.dose._asdict()))
                    self._trimmed_items[key] = memo
                item = memo[1]
            out.append(item)
        return out

    def _node(self, exercise_id: str, dose: DoseValues) -> _Trimmed:
        node = self._nodes.get((exercise_id, dose))
        if node is None:
            node = _Trimmed(self.by_id[exercise_id], Dose._make(dose))
            self._nodes[exercise_id, dose] = node
        return node

    def _trimmed(self, node: _Trimmed) -> _Trimmed:
        """The node of the trimmed dose, or ``node`` itself if trimming changes nothing."""
        if node.next is None:
            dose = trim_dose(node.dose, node.exercise.component)
            node.next = node if dose == node.dose else self._node(node.exercise.id, dose)
        return node.next

    def seconds(self, items: Sequence[ProgramItem]) -> int:
        """The items' estimated seconds."""
        return sum(estimate_seconds(i, self.by_id[i.exercise_id]) for i in items)
