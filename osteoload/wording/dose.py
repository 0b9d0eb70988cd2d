"""A prescribed item's dose, in words, for the coach, the client and paper.

Every screen and page that shows what she is to do builds it here, from one structured
:class:`Dose` read off the engine's item (a :class:`~osteoload.domain.program.ProgramItem` or
its plan-JSON form), so the coach's program page, her phone, the booklet, the calendar, the
report, the command line and the API's display fields can never disagree.

An impact item's ``impacts`` is the whole session's total and its ``reps`` the impacts in each
set (``sets * reps == impacts``, see :func:`osteoload.domain.program.split_impacts`); a hold
item has ``sets`` holds of ``hold_s`` seconds. Their words always say both the per-set number
and the session total, so no number can be read as the total per set.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from osteoload.domain.program import ProgramItem
from osteoload.domain.units import format_load
from osteoload.domain.vocabulary import Units

from .audience import Audience, _, ngettext
from .loads import load_label_words

Item = ProgramItem | Mapping[str, Any] | object
"""An engine item: a ``ProgramItem``, a progression ``NextItem`` or the plan-JSON form."""


class DoseKind(StrEnum):
    """How an item is dosed, read off the fields the engine filled in."""

    REPS = "reps"
    """``sets`` sets of ``per_set`` repetitions."""
    HOLD = "hold"
    """``sets`` holds of ``per_set`` seconds."""
    IMPACTS = "impacts"
    """``sets`` sets of ``per_set`` impacts, ``total`` in the session."""
    MINUTES = "minutes"
    """``minutes`` minutes in one go."""
    SETS = "sets"
    """``sets`` sets, nothing more said (a timed or open item)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Dose:
    """The numbers of one prescribed item, exactly as the engine set them."""

    kind: DoseKind
    sets: int
    per_set: int | None
    """Repetitions, seconds held or impacts in each set; ``None`` for minutes and sets."""
    total: int | None
    """The session's total: impacts, or seconds held; ``None`` where there is none to add."""
    minutes: int | None
    load_kg: float | None
    load_display: str | None
    intensity_pct_1rm: float | None
    target_rpe: float | None
    rest_s: int | None
    heavier_sets: int = 0
    """R18a mixed loads: the last ``heavier_sets`` sets are at ``heavier_load_kg`` x
    ``heavier_reps``."""
    heavier_load_kg: float | None = None
    heavier_load_display: str | None = None
    heavier_reps: int | None = None
    tempo: str | None = None
    """R18a: a slower tempo, ``"3-1-1"`` (seconds down, pause, up), or ``None``."""

    @property
    def prefill(self) -> int | None:
        """What one set of the one-tap logger is pre-filled with: the per-set number."""
        return self.per_set

    def is_heavier(self, number: int) -> bool:
        """True when set ``number`` (from 1) is one of the heavier sets of mixed loads."""
        return (
            self.kind is DoseKind.REPS
            and self.heavier_sets > 0
            and self.heavier_load_kg is not None
            and number > self.sets - self.heavier_sets
        )

    def set_per_set(self, number: int) -> int | None:
        """Reps (seconds, impacts) of set ``number``: what its logger is pre-filled with."""
        if self.is_heavier(number) and self.heavier_reps:
            return self.heavier_reps
        return self.per_set

    def set_load_kg(self, number: int) -> float | None:
        """The load of set ``number`` (kg)."""
        return self.heavier_load_kg if self.is_heavier(number) else self.load_kg


def _field(item: object, name: str) -> Any:
    if isinstance(item, Mapping):
        return item.get(name)
    return getattr(item, name, None)


def dose_of(item: Item) -> Dose:
    """The structured dose of an item (a ``ProgramItem`` or its plan-JSON dictionary)."""
    sets = int(_field(item, "sets") or 1)
    reps = _field(item, "reps")
    hold_s = _field(item, "hold_s")
    impacts = _field(item, "impacts")
    minutes = _field(item, "minutes")
    kind: DoseKind
    per_set: int | None = None
    total: int | None = None
    if minutes is not None:
        kind = DoseKind.MINUTES
    elif impacts is not None:
        kind = DoseKind.IMPACTS
        total = int(impacts)
        # The engine keeps sets * reps == impacts; an item stored before it did is read
        # from its total, which is what she was meant to do.
        per_set = int(reps) if reps and int(reps) * sets == total else max(1, total // sets)
        if per_set * sets != total:
            sets, per_set = 1, total
    elif hold_s is not None:
        kind = DoseKind.HOLD
        per_set = int(hold_s)
        total = per_set * sets
    elif reps is not None:
        kind = DoseKind.REPS
        per_set = int(reps)
    else:
        kind = DoseKind.SETS
    rest = _field(item, "rest_s")
    return Dose(
        kind=kind,
        sets=sets,
        per_set=per_set,
        total=total,
        minutes=int(minutes) if minutes is not None else None,
        load_kg=_field(item, "load_kg"),
        load_display=_field(item, "load_display"),
        intensity_pct_1rm=_field(item, "intensity_pct_1rm"),
        target_rpe=_field(item, "target_rpe"),
        rest_s=int(rest) if rest else None,
        heavier_sets=int(_field(item, "heavier_sets") or 0),
        heavier_load_kg=_field(item, "heavier_load_kg"),
        heavier_load_display=_field(item, "heavier_load_display"),
        heavier_reps=_field(item, "heavier_reps"),
        tempo=_field(item, "tempo"),
    )


def num(value: float, places: int = 1) -> str:
    """A short number: no trailing zeros, no ``-0``."""
    text = f"{round(value, places):.{places}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def load_words(dose: Dose, units: Units | str) -> str | None:
    """The load in her units as her equipment shows it, or ``None`` (no load set)."""
    if dose.load_display:
        return load_label_words(dose.load_display)
    if dose.load_kg is not None and dose.load_kg > 0:
        return format_load(dose.load_kg, Units(units))
    return None


def _duration(seconds: int) -> str:
    """``"45 seconds"``, ``"1 minute"``, ``"1 minute 30 seconds"``."""
    minutes, rest = divmod(seconds, 60)
    parts = []
    if minutes:
        parts.append(ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes})
    if rest or not minutes:
        parts.append(ngettext("%(n)d second", "%(n)d seconds", rest) % {"n": rest})
    return " ".join(parts)


def _short_duration(seconds: int) -> str:
    """``"45 s"``, ``"1 min"``, ``"1 min 30 s"``."""
    minutes, rest = divmod(seconds, 60)
    if minutes and rest:
        return _("%(m)d min %(s)d s") % {"m": minutes, "s": rest}
    if minutes:
        return _("%(m)d min") % {"m": minutes}
    return _("%(s)d s") % {"s": rest}


def amount_text(dose: Dose, audience: Audience) -> str:
    """Sets and repetitions, holds, impacts or minutes, without load or effort."""
    client = audience is Audience.CLIENT
    n, per, total = dose.sets, dose.per_set, dose.total
    if dose.kind is DoseKind.MINUTES:
        m = dose.minutes or 0
        if client:
            return ngettext("%(n)d minute", "%(n)d minutes", m) % {"n": m}
        return _("%(n)d min") % {"n": m}
    if dose.kind is DoseKind.IMPACTS:
        assert per is not None and total is not None
        if n == 1:
            if client:
                return _("%(total)d landings in one go") % {"total": total}
            return _("%(total)d impacts in one set") % {"total": total}
        if client:
            return ngettext(
                "%(n)d set of %(per)d landings (%(total)d in all)",
                "%(n)d sets of %(per)d landings (%(total)d in all)",
                n,
            ) % {"n": n, "per": per, "total": total}
        if audience is Audience.COACH:
            return _("%(n)d × %(per)d impacts (%(total)d a session)") % {
                "n": n,
                "per": per,
                "total": total,
            }
        return _("%(n)d × %(per)d impacts = %(total)d") % {"n": n, "per": per, "total": total}
    if dose.kind is DoseKind.HOLD:
        assert per is not None and total is not None
        if client:
            if n == 1:
                return _("Hold for %(each)s") % {"each": _duration(per)}
            return _("%(n)d holds of %(each)s each (%(total)s in all)") % {
                "n": n,
                "each": _duration(per),
                "total": _duration(total),
            }
        if n == 1:
            return _("%(each)s hold") % {"each": _short_duration(per)}
        return _("%(n)d × %(each)s hold (%(total)s in all)") % {
            "n": n,
            "each": _short_duration(per),
            "total": _short_duration(total),
        }
    if dose.kind is DoseKind.REPS:
        if client:
            return ngettext("%(n)d set of %(per)d", "%(n)d sets of %(per)d", n) % {
                "n": n,
                "per": per,
            }
        return _("%(n)d × %(per)d") % {"n": n, "per": per}
    return ngettext("%(n)d set", "%(n)d sets", n) % {"n": n}


def _tempo_words(tempo: str, audience: Audience) -> str:
    """R18a's slower tempo ``"3-1-1"`` (seconds down, pause, up) in words."""
    parts = tempo.split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return _("tempo %(t)s") % {"t": tempo}
    down, pause, _up = (int(p) for p in parts)
    if audience is Audience.CLIENT:
        return ngettext(
            "Go slowly: %(down)d seconds down, pause %(pause)d second, then up",
            "Go slowly: %(down)d seconds down, pause %(pause)d seconds, then up",
            pause,
        ) % {"down": down, "pause": pause}
    if audience is Audience.COACH:
        return _("tempo %(t)s (s down, pause, up)") % {"t": tempo}
    return _("slowly: %(down)d s down, %(pause)d s pause, up") % {"down": down, "pause": pause}


def _heavier_words(dose: Dose, units: Units | str, audience: Audience) -> str | None:
    """R18a mixed loads: the heavier sets after the others, or ``None``."""
    if not dose.is_heavier(dose.sets):
        return None
    n, reps = dose.heavier_sets, dose.heavier_reps or dose.per_set or 0
    load = (
        load_label_words(dose.heavier_load_display)
        if dose.heavier_load_display
        else format_load(dose.heavier_load_kg or 0.0, Units(units))
    )
    if audience is Audience.CLIENT:
        return ngettext(
            "Then %(n)d set of %(reps)d at %(load)s",
            "Then %(n)d sets of %(reps)d at %(load)s",
            n,
        ) % {"n": n, "reps": reps, "load": load}
    return _("+ %(n)d × %(reps)d at %(load)s") % {"n": n, "reps": reps, "load": load}


def _parts(dose: Dose, units: Units | str, audience: Audience) -> tuple[list[str], list[str]]:
    """(head, tail): the amount with its load, then effort and rest."""
    heavier = _heavier_words(dose, units, audience)
    lighter = replace(dose, sets=dose.sets - dose.heavier_sets) if heavier else dose
    head = [amount_text(lighter, audience)]
    tail: list[str] = []
    load = load_words(dose, units)
    rpe = num(dose.target_rpe, 1) if dose.target_rpe is not None else None
    rest = dose.rest_s if dose.rest_s and dose.sets > 1 else None
    tempo = _tempo_words(dose.tempo, audience) if dose.tempo else None
    if audience is Audience.CLIENT:
        if load:
            head.append(_("Weight: %(load)s") % {"load": load})
        if heavier:
            head.append(heavier)
        if tempo:
            tail.append(tempo)
        if rpe is not None:
            tail.append(_("How hard: about %(rpe)s out of 10") % {"rpe": rpe})
        if rest is not None:
            tail.append(_("Rest %(s)d seconds between sets") % {"s": rest})
        return head, tail
    if load:
        head.append(_("at %(load)s") % {"load": load})
    if heavier:
        head.append(heavier)
    if tempo:
        tail.append(tempo)
    if audience is Audience.COACH:
        if dose.intensity_pct_1rm is not None:
            head.append(_("(%(pct)s %% 1RM)") % {"pct": num(dose.intensity_pct_1rm, 0)})
        if rpe is not None:
            tail.append(_("RPE %(rpe)s") % {"rpe": rpe})
        if rest is not None:
            tail.append(_("rest %(s)d s") % {"s": rest})
    elif rpe is not None:
        tail.append(_("effort %(rpe)s/10") % {"rpe": rpe})
    return head, tail


def dose_lines(item: Item, units: Units | str, audience: Audience | str) -> list[str]:
    """The dose as short lines: amount, load, effort, rest (her phone shows one a line)."""
    head, tail = _parts(dose_of(item), units, Audience(audience))
    return head + tail


def dose_text(
    item: Item,
    units: Units | str,
    audience: Audience | str,
    *,
    effort: bool = True,
) -> str:
    """The whole dose on one line for ``audience`` (``coach``, ``client`` or ``print``).

    Coach: ``"3 × 10 at 20 kg (70 % 1RM), RPE 7, rest 90 s"``; ``"5 × 10 impacts (50 a
    session)"``. Client: ``"3 sets of 10 · Weight: 20 kg · How hard: about 7 out of 10"``.
    Print: ``"3 × 10 at 20 kg, effort 7/10"``; ``"5 × 10 impacts = 50"``. ``effort=False``
    leaves effort and rest out (a table that has columns of their own for them).
    """
    audience = Audience(audience)
    head, tail = _parts(dose_of(item), units, audience)
    if not effort:
        tail = []
    if audience is Audience.CLIENT:
        return " · ".join(head + tail)
    return ", ".join([" ".join(head), *tail])


def column_lines(item: Item, units: Units | str, *, loadable: bool) -> list[str]:
    """A booklet cell for one week: the amount, the load (``find it`` when she chooses it
    herself, ``-`` for body weight) and the effort, one a line."""
    dose = dose_of(item)
    lines = [amount_text(dose, Audience.PRINT)]
    load = load_words(dose, units)
    if load or loadable:
        lines.append(load or _("find it"))
    if dose.target_rpe is not None:
        lines.append(_("effort %(rpe)s") % {"rpe": num(dose.target_rpe, 1)})
    return lines


def logged_set_text(row: Mapping[str, Any], units: Units | str) -> str:
    """One logged set as her page lists it: ``"Set 2 · 10 landings · pain 2/10"``."""
    parts = [_("Set %(n)d") % {"n": row["set_number"]}]
    if row.get("impacts") is not None:
        parts.append(_("%(n)d landings") % {"n": row["impacts"]})
    if row.get("hold_s") is not None:
        parts.append(_("%(n)d seconds") % {"n": row["hold_s"]})
    if row.get("reps") is not None:
        parts.append(_("%(n)d reps") % {"n": row["reps"]})
    if row.get("load_kg"):
        parts.append(format_load(float(row["load_kg"]), Units(units)))
    if row.get("rpe") is not None:
        parts.append(_("effort %(rpe)s/10") % {"rpe": num(float(row["rpe"]), 1)})
    if row.get("pain"):
        parts.append(_("pain %(n)d/10") % {"n": row["pain"]})
    if len(parts) == 1:
        parts.append(_("done"))
    return " · ".join(parts)


def _set_words(s: Any, units: Units | str) -> str:
    """One logged set in a few words: ``"10 kg × 12, effort 7"``, ``"7 landings"``."""
    if getattr(s, "impacts", None) is not None:
        head = _("%(n)d landings") % {"n": s.impacts}
    elif getattr(s, "hold_s", None) is not None:
        head = _("%(n)d s") % {"n": s.hold_s}
    elif s.load_kg:
        head = _("%(load)s × %(reps)d") % {
            "load": format_load(float(s.load_kg), Units(units)),
            "reps": s.reps,
        }
    elif s.reps:
        head = ngettext("%(n)d rep", "%(n)d reps", s.reps) % {"n": s.reps}
    else:
        # A ticked item (a warm-up, a walk): nothing was counted.
        head = _("done")
    rpe = s.rpe if s.rpe is not None else (10 - s.rir if s.rir is not None else None)
    if rpe is not None:
        head += _(", effort %(rpe)s") % {"rpe": num(float(rpe), 1)}
    return head


def set_words(s: Any, units: Units | str) -> str:
    """One logged set (a ``SetLog``) in a few words: ``"10 kg × 12, effort 7"``."""
    return _set_words(s, units)


def last_time_text(sets: Sequence[Any], units: Units | str) -> str:
    """What she did in one session of an exercise: ``"10 kg × 12, effort 7 (3 sets)"``;
    different sets are listed in order, ``"10 kg × 12; 10 kg × 10, effort 8"``. ``sets`` are
    the engine's logged sets (``SetLog``) of that day, in order."""
    runs: list[list[Any]] = []
    for s in sets:
        words = _set_words(s, units)
        if runs and runs[-1][0] == words:
            runs[-1][1] += 1
        else:
            runs.append([words, 1])
    return "; ".join(
        words
        if n == 1
        else ngettext("%(w)s (%(n)d set)", "%(w)s (%(n)d sets)", n) % {"w": words, "n": n}
        for words, n in runs
    )
