"""Why her next prescription is what it is: the plain words of the progression engine's
decisions.

The engine (:func:`osteoload.domain.progression.next_prescriptions`) decides and records
each decision as data: :attr:`NextItem.decision` (rule ID, outcome, numbers) and the
secondary decisions in :attr:`NextItem.notes` (R15 capped, R22 re-estimated, deload, R32
held for review, ...). :func:`reason_text` says it, one sentence per decision, in the
client's units; the services put the result in :attr:`NextItem.reason` for every front end.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from osteoload.domain.program import Finding
from osteoload.domain.progression import (
    SLOW_TEMPO,
    Decision,
    DecisionKind,
    NextItem,
    NextPrescriptions,
    Outcome,
)
from osteoload.domain.progression.rules import _EPS  # loads this close are the same load
from osteoload.domain.units import format_load, kg_to_lb
from osteoload.domain.vocabulary import Units

from .audience import _, ngettext

__all__ = ["finding_words", "pct_text", "reason_text", "with_reasons"]


def reason_text(item: NextItem, units: Units | str, names: Mapping[str, str]) -> str:
    """The plain-words reason of ``item`` from its decision and notes.

    ``units``: the client's units (``kg`` or ``lb``). ``names``: catalogue id -> exercise
    name (for a harder or easier version, a balance progression). An item already worded
    (a non-empty ``reason``) keeps its words.
    """
    if item.reason:
        return item.reason
    words = _Words(Units(units), names, item)
    first = [words.say(d) for d in item.notes if d.outcome == "not_started"]
    main = words.say(item.decision) if item.decision is not None else ""
    rest: list[str] = []
    for d in item.notes:
        if d.outcome == "not_started":
            continue
        if d.numbers.get("wraps"):  # "Held until the review (R32): no increases. (...)"
            main = f"{words.say(d)} ({main})"
        else:
            rest.append(words.say(d))
    text = " ".join(t for t in (main, *rest) if t).strip()
    return " ".join([*first, text]) if first else text


def with_reasons(
    result: NextPrescriptions, units: Units | str, names: Mapping[str, str]
) -> NextPrescriptions:
    """``result`` with every item's ``reason`` filled in by :func:`reason_text` and every
    finding's ``message`` by :func:`finding_words`."""
    items = tuple(replace(i, reason=reason_text(i, units, names)) for i in result.items)
    findings = tuple(
        replace(f, message=finding_words(f, units, names)) if not f.message else f
        for f in result.findings
    )
    return replace(result, items=items, findings=findings)


def finding_words(  # noqa: PLR0911 - one sentence per code
    finding: Finding, units: Units | str, names: Mapping[str, str]
) -> str:
    """A progression finding (``code`` ``progression_...`` and its ``data``) in words; any
    other finding keeps its ``message``."""
    d = finding.data
    code = finding.code
    if code == "progression_logged_later":
        return ngettext(
            "{n} logged set dated after {day} not used.",
            "{n} logged sets dated after {day} not used.",
            int(d["count"]),
        ).format(n=d["count"], day=d["as_of"])
    if code == "progression_no_sessions":
        return _(
            "The program has no sessions (status {status}): nothing to progress until the "
            "steps in the plan are done."
        ).format(status=d["status"])
    if code == "progression_program_ended":
        return _(
            "The program's {weeks} weeks ended before {day}: its last week is used. Plan a new "
            "block and re-estimate the working maxes (R22)."
        ).format(weeks=d["weeks"], day=d["as_of"])
    if code == "progression_away":
        return _(
            "Nothing logged for {days} days (last on {last}): loads start back at about {pct} % "
            "of the last good ones and return to them over the next sessions (R18c)."
        ).format(days=d["days"], last=d["last"], pct=f"{float(d['pct']):g}")
    if code == "progression_red_flags":
        listed = ", ".join(
            f"{str(symptom).replace('_', ' ')} ({day})" for symptom, day in d["symptoms"]
        )
        return _(
            "Stop training and see a doctor before the next session: {listed} reported. If it "
            "is happening now (chest pain, fainting, breathlessness that stops you talking), "
            "call emergency services. The doses below only hold or go down, and are for after "
            "the review."
        ).format(listed=listed)
    if code == "progression_pain":
        exercise_id = str(d["exercise_id"])
        return _(
            "Pain of {pain}/10 during {name} on {day}: have it checked by your physiotherapist "
            "or doctor before doing it again. Until then nothing in the program goes up."
        ).format(pain=d["pain"], name=names.get(exercise_id, exercise_id), day=d["date"])
    if code == "progression_reestimated":
        listed = ", ".join(
            f"{str(x).replace('_', ' ')} {format_load(float(kg), Units(units), digits=1)}"
            for x, kg in d["maxes"]
        )
        return _(
            "Working maxes re-estimated on {day} (every {weeks} weeks) from your logged sets: "
            "{listed}."
        ).format(day=d["on"], weeks=d["weeks"], listed=listed)
    return finding.message


def _num(value: float, digits: int = 2) -> str:
    text = f"{value:.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def pct_text(new: float | None, old: float | None) -> str:
    """``-10 %``: a lighter load as a percentage of the old one (or the regression hint)."""
    if new is None or old is None or old <= 0:
        return _("Lighter than the lightest load there is: use the easier version or body weight")
    return f"-{_num((old - new) / old * 100, 1)} %"


class _Words:
    """The sentences of one item's decisions, in the client's units."""

    def __init__(self, units: Units, names: Mapping[str, str], item: NextItem) -> None:
        self.units = units
        self.names = names
        self.item = item

    def fmt(self, load_kg: float) -> str:
        return format_load(load_kg, self.units)

    def delta(self, new_kg: float, old_kg: float) -> str:
        """``+2.5 kg`` or ``+5 lb``: a change of load in the client's units."""
        diff = new_kg - old_kg if self.units is Units.KG else kg_to_lb(new_kg) - kg_to_lb(old_kg)
        return f"{'+' if diff >= 0 else '-'}{_num(abs(diff))} {self.units.value}"

    def name(self, exercise_id: object) -> str | None:
        if not exercise_id:
            return None
        return self.names.get(str(exercise_id), str(exercise_id))

    def say(self, d: Decision) -> str:  # noqa: C901, PLR0911, PLR0912 - one sentence per outcome
        n = d.numbers
        item = self.item
        reps = item.reps
        sets = item.sets

        def num(key: str) -> float:
            value = n.get(key)
            return float(value) if isinstance(value, int | float) else 0.0

        def kg(key: str) -> str:
            value = n.get(key)
            return self.fmt(float(value)) if isinstance(value, int | float) else _("body weight")

        def opt(key: str) -> float | None:
            value = n.get(key)
            return float(value) if isinstance(value, int | float) else None

        scheme = f"{n.get('sets')}x{n.get('reps')}"
        target = opt("target_rpe")
        effort = (
            _(" at RPE {rpe} or easier").format(rpe=f"{target:g}") if target is not None else ""
        )
        day = n.get("date", "")
        o = d.outcome
        too_big = _(
            "All {scheme}{effort}, twice, and the next load up is too big a step for now"
        ).format(scheme=scheme, effort=effort)
        if o == DecisionKind.NEW:
            return self.first_time(d)
        noted = {x.outcome for x in item.notes}
        if o == DecisionKind.REP_UP:
            more = (reps or 0) - int(num("reps"))
            if "deload" in noted and more > 0:  # the rep now, at the week's lighter load
                return ngettext(
                    "+{more} rep: all {scheme}{effort} on {day}; {reps} reps next, in a lighter "
                    "week (double progression, R18).",
                    "+{more} reps: all {scheme}{effort} on {day}; {reps} reps next, in a lighter "
                    "week (double progression, R18).",
                    more,
                ).format(more=more, scheme=scheme, effort=effort, day=day, reps=reps)
            if "deload" in noted:  # a deload week: its own reps, lighter; they go up after it
                return _(
                    "All {scheme}{effort} on {day}: more reps after this lighter week (double "
                    "progression, R18)."
                ).format(scheme=scheme, effort=effort, day=day)
            if "held_for_review" in noted or more <= 0:  # R32: no more reps until the review
                return _(
                    "All {scheme}{effort} on {day}: more reps once the review is done (double "
                    "progression, R18)."
                ).format(scheme=scheme, effort=effort, day=day)
            return ngettext(
                "+{more} rep: all {scheme}{effort} on {day}; same load, {reps} reps next "
                "(double progression, R18).",
                "+{more} reps: all {scheme}{effort} on {day}; same load, {reps} reps next "
                "(double progression, R18).",
                more,
            ).format(more=more, scheme=scheme, effort=effort, day=day, reps=reps)
        if o == DecisionKind.ONE_MORE:
            return _(
                "All {scheme}{effort} once ({day}): one more session like it and it goes up (R18)."
            ).format(scheme=scheme, effort=effort, day=day)
        if o in (DecisionKind.LOAD_UP, DecisionKind.DOUBLE_STEP):
            why = _("twice too easy (R18b)") if o == DecisionKind.DOUBLE_STEP else _("twice (R18)")
            if (
                noted & {"capped", "held_for_review", "deload"}
                and item.load_kg is not None
                and item.load_kg < num("to_kg") - _EPS
            ):
                # the cap, an R32 hold or a deload week (worded with it) cut the step short
                return _("All {scheme}{effort}, {why}: ready for {delta}.").format(
                    scheme=scheme,
                    effort=effort,
                    why=why,
                    delta=self.delta(num("to_kg"), num("from_kg")),
                )
            text = _("{delta}: all {scheme}{effort}, {why}").format(
                delta=self.delta(num("to_kg"), num("from_kg")),
                scheme=scheme,
                effort=effort,
                why=why,
            )
            if n.get("reps_to") != n.get("reps_from"):
                text += _("; {to} reps at the new load, then build back to {back}").format(
                    to=n["reps_to"], back=n["reps_from"]
                )
                if d.rule == "R18a":
                    text += _(" (the rep drop keeps the step in effort small, R18a)")
            return text + "."
        if o == DecisionKind.ADD_SET and "held_for_review" in noted:
            return _("{too_big}: one set more once the review is done (R18a).").format(
                too_big=too_big
            )
        if o == DecisionKind.ADD_SET and "deload" in noted:
            return _("{too_big}: one set more after this week (R18a).").format(too_big=too_big)
        if o == DecisionKind.ADD_SET:
            return _("{too_big}: {sets} sets instead (R18a).").format(too_big=too_big, sets=sets)
        if o == DecisionKind.MIXED:
            if item.heavier_sets and item.heavier_load_kg is not None:
                return ngettext(
                    "{too_big}: the last set at {load} x {reps}, the rest as before (mixed "
                    "loads, R18a).",
                    "{too_big}: the last {n} sets at {load} x {reps}, the rest as before (mixed "
                    "loads, R18a).",
                    item.heavier_sets,
                ).format(
                    too_big=too_big,
                    n=item.heavier_sets,
                    load=self.fmt(item.heavier_load_kg),
                    reps=item.heavier_reps,
                )
            # none this time: they come back once the review is done, or after a deload week
            count = int(num("heavier_sets"))
            heavier = {"too_big": too_big, "n": n["heavier_sets"], "load": kg("heavier_kg"),
                       "reps": n["heavier_reps"]}  # fmt: skip
            if "held_for_review" in noted and "deload" not in noted:
                return ngettext(
                    "{too_big}: once the review is done, the last set at {load} x {reps} "
                    "(mixed loads, R18a).",
                    "{too_big}: once the review is done, the last {n} sets at {load} x {reps} "
                    "(mixed loads, R18a).",
                    count,
                ).format(**heavier)
            return ngettext(
                "{too_big}: after this week, the last set at {load} x {reps} (mixed loads, R18a).",
                "{too_big}: after this week, the last {n} sets at {load} x {reps} (mixed "
                "loads, R18a).",
                count,
            ).format(**heavier)
        if o == DecisionKind.TEMPO and "held_for_review" in noted and "deload" not in noted:
            return _("{too_big}: a slower tempo ({tempo}) once the review is done (R18a).").format(
                too_big=too_big, tempo=SLOW_TEMPO
            )
        if o == DecisionKind.TEMPO and noted & {"deload", "held_for_review"}:  # not served
            return _("{too_big}: a slower tempo ({tempo}) after this week (R18a).").format(
                too_big=too_big, tempo=SLOW_TEMPO
            )
        if o == DecisionKind.TEMPO:
            return _(
                "{too_big}: same load, lowered slowly (tempo {tempo}: 3 s down, 1 s pause, up; "
                "R18a)."
            ).format(too_big=too_big, tempo=SLOW_TEMPO)
        harder_name = self.name(n.get("exercise_id"))
        if o == DecisionKind.HARDER_VARIATION and n.get("moved") == "yes":
            return _(
                "All {scheme}{effort}, twice, at the slow tempo: on to a harder version, "
                "{name} (R18a)."
            ).format(scheme=scheme, effort=effort, name=harder_name)
        if o == DecisionKind.HARDER_VARIATION and "deload" in noted:
            return _(
                "All {scheme}{effort}, twice, at the slow tempo: a harder version ({name}) "
                "comes after this lighter week (R18a)."
            ).format(scheme=scheme, effort=effort, name=harder_name)
        if o == DecisionKind.HARDER_VARIATION:
            return _(
                "All {scheme}{effort}, twice, at the slow tempo: ready for a harder version "
                "({name}); ask your coach (R18a)."
            ).format(scheme=scheme, effort=effort, name=harder_name)
        if o == DecisionKind.ADD_ON and n.get("to_kg") is not None and "deload" in noted:
            return _(
                "All {scheme}{effort}, twice, at the slow tempo: ready for a small add-on "
                "({delta}) after this lighter week (R18a)."
            ).format(scheme=scheme, effort=effort, delta=self.delta(num("to_kg"), num("from_kg")))
        if o == DecisionKind.ADD_ON:
            served_less = item.load_kg is not None and item.load_kg < num("to_kg") - _EPS
            if n.get("to_kg") is None or served_less:  # none, or held (its note follows)
                return _(
                    "{too_big}: a small add-on weight (fractional plates, a 0.5-1 kg wrist "
                    "weight) would let it go up (R18a)."
                ).format(too_big=too_big)
            text = _(
                "{delta}: all {scheme}{effort}, twice, at the slow tempo, and the next load she "
                "owns is too big a step: add a small add-on weight (a wrist weight or "
                "fractional plates, R18a)."
            ).format(delta=self.delta(num("to_kg"), num("from_kg")), scheme=scheme, effort=effort)
            if harder_name:
                text += _(" Or, with your coach, the harder version: {name}.").format(
                    name=harder_name
                )
            return text
        served, to_kg, from_kg = item.load_kg, opt("to_kg"), opt("from_kg")
        if o == DecisionKind.CONVERT and (
            to_kg == from_kg  # the same load
            or (to_kg is not None and (served is None or abs(served - to_kg) > _EPS))
        ):
            # her load stays, or the cap or a deload week (their notes follow) serve another
            rpe_to = opt("rpe_to")
            if rpe_to is None:
                return _("The plan moves to {reps} reps (R18).").format(reps=reps)
            if to_kg is None or to_kg != from_kg:
                return _("The plan moves to {reps} reps at effort {rpe_to} (R18).").format(
                    reps=reps, rpe_to=f"{rpe_to:g}"
                )
            return _(
                "The plan moves to {reps} reps at effort {rpe_to}: same load, {to} (R18)."
            ).format(reps=reps, rpe_to=f"{rpe_to:g}", to=kg("to_kg"))
        if o == DecisionKind.CONVERT:
            return _(
                "The plan moves to {reps} reps at effort {rpe_to}: {to} is the same effort as "
                "{from_} x {reps_from} at {rpe_from} (R18)."
            ).format(
                reps=reps,
                rpe_to=f"{num('rpe_to'):g}",
                to=kg("to_kg"),
                from_=kg("from_kg"),
                reps_from=n["reps_from"],
                rpe_from=f"{num('rpe_from'):g}",
            )
        if o == DecisionKind.HOLD:
            cause = n.get("why")
            if cause == Outcome.PAINFUL:
                return _("Pain {pain}/10 on {day}: same again until it settles.").format(
                    pain=n.get("pain"), day=day
                )
            if cause == "review" and n.get("review") == "over" and item.sets > num("sets"):
                return _(
                    "Done on {day} without pain, and the review is over: {sets} sets now, "
                    "the set more you had earned (R18a)."
                ).format(day=day, sets=item.sets)
            if cause == "review" and n.get("review") == "over":
                return _(
                    "Done on {day} without pain, and the review is over: same again, then on "
                    "as before (R18)."
                ).format(day=day)
            if cause == "review":
                return _("Same again until the review (R32): done on {day} without pain.").format(
                    day=day
                )
            if cause == Outcome.PARTIAL:
                return _(
                    "Only {done} of {sets} sets on {day}: same again (the load goes up only "
                    "after every set is done, R18)."
                ).format(done=n.get("sets_done"), sets=n.get("sets"), day=day)
            return _(
                "No effort (RPE or RIR) logged on {day}: same load until the effort is known (R18)."
            ).format(day=day)
        if o == DecisionKind.HOLD_HARD:
            return _(
                "Every rep done on {day} at effort {rpe}, above the target of {target}: same "
                "again (a hold, not a failure, R18b)."
            ).format(day=day, rpe=f"{num('rpe'):g}", target=f"{num('target_rpe'):g}")
        if o == DecisionKind.FAILED_ONCE:
            return _(
                "{scheme}{effort} not reached on {day} ({reps} reps, effort {rpe}): same again "
                "(R18b)."
            ).format(
                scheme=scheme, effort=effort, day=day, reps=n.get("reps_done"), rpe=n.get("rpe")
            )
        if o == DecisionKind.STEP_BACK and n.get("heavier_only") == "yes":
            return _(
                "Every set at {to} again: two sessions in a row short of the heavier sets at "
                "{from_} (the last on {day}); they come back once this goes well (R18b)."
            ).format(to=kg("to_kg"), from_=kg("from_kg"), day=day)
        if (
            o == DecisionKind.STEP_BACK
            and "held_for_review" in noted
            and item.load_kg is not None
            and n.get("to_kg") is not None
            and item.load_kg > num("to_kg") + _EPS
        ):  # R32: stepped back after the pain already; the review holds her load
            return _(
                "Two sessions in a row short of {scheme}{effort} (the last on {day}): {reps} "
                "reps at this load, no second step back after the pain (R18b, R32)."
            ).format(scheme=scheme, effort=effort, day=day, reps=item.reps)
        if o == DecisionKind.STEP_BACK:
            return _(
                "{pct}: two sessions in a row short of {scheme}{effort} (the last on {day}); "
                "never below your lightest good load of the last 4 weeks (R18b)."
            ).format(
                pct=pct_text(opt("to_kg"), opt("from_kg")), scheme=scheme, effort=effort, day=day
            )
        if o == DecisionKind.AT_FLOOR:
            return _(
                "Two sessions in a row short of {scheme}{effort}: same load, already at your "
                "lightest good load of the last 4 weeks or just stepped back (R18b)."
            ).format(scheme=scheme, effort=effort)
        if o == DecisionKind.RESUME:
            if "from_kg" in n and num("to_kg") >= num("from_kg") - _EPS:
                return _(
                    "Nothing logged for {days} days: {to} is the lightest there is, so {reps} "
                    "reps to start back, then build up again (R18c)."
                ).format(days=n["days"], to=kg("to_kg"), reps=reps)
            if "from_kg" not in n:
                return _(
                    "Nothing logged for {days} days: {reps} reps, then build up again (R18c)."
                ).format(days=n["days"], reps=reps)
            extra = (
                _(" with a short familiarisation (effort 7 at most)")
                if n.get("familiarisation") == "yes"
                else ""
            )
            return _(
                "{pct}: nothing logged for {days} days, so start back at about {resume} %{extra} "
                "and return to {back} over the next sessions (R18c)."
            ).format(
                pct=pct_text(opt("to_kg"), opt("from_kg")),
                days=n["days"],
                resume=f"{num('pct'):g}",
                extra=extra,
                back=kg("from_kg"),
            )
        if o == DecisionKind.REBUILD and "deload" in noted:
            return _("Rebuilding to {to} after the break or the pain, after this lighter week "
                     "(R18c).").format(to=kg("rebuild_to"))  # fmt: skip
        if o == DecisionKind.REBUILD:
            return _("{delta}: rebuilding to {to} after the break or the pain (R18c).").format(
                delta=self.delta(num("to_kg"), num("from_kg")), to=kg("rebuild_to")
            )
        if o == DecisionKind.PAIN:
            return _(
                "{pct}: pain {pain}/10 on {day}; then back to the previous load over 2-3 "
                "pain-free sessions (R18c, R32)."
            ).format(pct=pct_text(opt("to_kg"), opt("load_kg")), pain=n["pain"], day=day)
        return self.note(d)

    def note(self, d: Decision) -> str:  # noqa: PLR0911 - one sentence per outcome
        """The R32 review, the plan's own dose and the notes joined after a decision."""
        n = d.numbers
        o = d.outcome

        def num(key: str) -> float:
            value = n.get(key)
            return float(value) if isinstance(value, int | float) else 0.0

        def opt(key: str) -> float | None:
            value = n.get(key)
            return float(value) if isinstance(value, int | float) else None

        if o == "pain_review":
            if "to_kg" in n:
                return _("{pct}: pain {pain}/10 on {day}; only after the review (R32).").format(
                    pct=pct_text(opt("to_kg"), opt("from_kg")), pain=n["pain"], day=n["date"]
                )
            return _("Pain {pain}/10 on {day}: only after the review (R32).").format(
                pain=n["pain"], day=n["date"]
            )
        if o == "held_for_review":
            return _("Held until the review (R32): no increases.")
        if o == "not_started":
            return _("Not started until the review (R32).")
        if o == "deload" and "pct" not in n:  # nothing to lighten: her load or body weight
            return _("Planned deload week: an easier week, at a lower effort.")
        if o == "deload" and "lighter_than_kg" in n:  # a step she earned waits for next week
            return _("Planned deload week: about {pct} % lighter than {last}, then {back}.").format(
                pct=f"{num('pct'):g}",
                last=self.fmt(num("lighter_than_kg")),
                back=self.fmt(num("back_to_kg")),
            )
        if o == "deload":
            back = n.get("back_to_kg")
            return _("Planned deload week: about {pct} % lighter, then back to {back}.").format(
                pct=f"{num('pct'):g}",
                back=self.fmt(float(back)) if isinstance(back, int | float) else _("body weight"),
            )
        if o == "plan_reps":
            return _("The plan moves to {reps} reps this week (R18).").format(reps=self.item.reps)
        if o == "capped":
            one_rm = format_load(num("one_rm_kg"), self.units, digits=1)
            return _("Capped at {pct} % of the working max ({one_rm}, R15).").format(
                pct=f"{num('pct'):g}", one_rm=one_rm
            )
        if o == "reestimated":
            one_rm = format_load(num("one_rm_kg"), self.units, digits=1)
            return _(
                "Working max re-estimated on {on} from your sets of {since}: {one_rm} (R22)."
            ).format(on=n["on"], since=n["set_date"] or _("the log"), one_rm=one_rm)
        if o == "below_lightest":
            lightest = str(n.get("lightest", ""))
            text = f"{lightest[:1].upper()}{lightest[1:]}."
            easier = self.name(n.get("easier_id"))
            if easier:
                text += _(" Easier version: {name}.").format(name=easier)
            return text
        if o == "as_planned":
            if n.get("last_done"):
                return _("As planned for this week (last done {day}).").format(day=n["last_done"])
            return _("As planned for this week.")
        if o == "same_load":
            return _("Same load as last time ({load} on {day}).").format(
                load=self.fmt(num("load_kg")), day=n["date"]
            )
        if o == "pain_last_time":
            return _("Pain {pain}/10 last time: tell your coach if it comes back.").format(
                pain=n["pain"]
            )
        return self.impact_or_balance(d)

    def impact_or_balance(self, d: Decision) -> str:  # noqa: PLR0911 - one sentence per outcome
        """Impact work (R10, R10a) and balance work (R23, R23a)."""
        n = d.numbers
        o = d.outcome
        day = n.get("date", "")
        if o == "new_drill":
            return _(
                "First time: {n} impacts to start (a new drill starts at {max} or fewer, R10a)."
            ).format(n=n["impacts"], max=n["max"])
        if o == "impact_pain":
            return _("{n} impacts: pain {pain}/10 on {day}; only after a review (R32).").format(
                n=n["to"], pain=n["pain"], day=day
            )
        if o == "impact_up":
            return _(
                "+{step} impacts: all {done} done without pain on {day} (at most +5 a week, R10a)."
            ).format(step=int(n["to"] or 0) - int(n["from"] or 0), done=n["from"], day=day)
        if o == "impact_at_target":
            return _(
                "All {done} done without pain on {day}: at the target of {ceiling} a session (R10)."
            ).format(done=n["done"], day=day, ceiling=n["ceiling"])
        if o == "impact_weekly":
            return _(
                "All {done} done without pain on {day}: same again this week; impacts rise once "
                "a week (R10a)."
            ).format(done=n["done"], day=day)
        if o == "impact_hold":
            why = (
                _("pain {pain}/10").format(pain=n["pain"])
                if n.get("pain")
                else _("{done} of {prescribed} done").format(done=n["done"], prescribed=n["from"])
            )
            return _(
                "{why} on {day}: same again (impacts build only on pain-free sessions, R10)."
            ).format(why=f"{why[:1].upper()}{why[1:]}", day=day)
        if o == "impact_resume":
            return _("Nothing logged for {days} days: {n} impacts to start back.").format(
                days=n["days"], n=n["to"]
            )
        if o == "impact_deload":
            return _("Planned deload week: {n} impacts, then back to {back}.").format(
                n=n["to"], back=n["back_to"]
            )
        unit = (
            _("{s} s hold").format(s=n["hold_s"])
            if n.get("hold_s") is not None
            else _("{n}-step walk").format(n=n.get("steps"))
        )
        if o == "balance_one_more":
            return _(
                "Every {unit} done on {day}: one more session like it and you move on."
            ).format(unit=unit, day=day)
        if o == "balance_hold":
            return _("Not every {unit} done on {day}: same again.").format(unit=unit, day=day)
        if o == "balance_held_for_review":
            return _("Held until the review (R32): no harder balance work.")
        if o == "balance_hardest":
            return _(
                "Every {unit} done in the last two sessions, and this is the hardest balance "
                "exercise allowed for you now: keep it up."
            ).format(unit=unit)
        if o == "harder_exercise":
            return _(
                "Every {unit} done in the last two sessions: move on to {name} (progressive "
                "balance challenge, R23)."
            ).format(unit=unit, name=self.name(n.get("to")))
        return ""

    def first_time(self, d: Decision) -> str:
        """An exercise she has never logged (R18: its dose comes from the plan)."""
        n = d.numbers
        load = n.get("load_kg")
        rpe = n.get("target_rpe")
        if isinstance(load, int | float):
            return _("First time: {load}, from your working max.").format(
                load=self.fmt(float(load))
            )
        if n.get("loadable") == "yes" and isinstance(rpe, int | float):
            left = max(1, round(10 - rpe))
            return _(
                "First time: find a load you can lift {reps} times with about {left} more left "
                "in you (effort {rpe}/10), and log it."
            ).format(reps=n.get("reps"), left=left, rpe=f"{rpe:g}")
        return _("First time: as planned for this week.")
