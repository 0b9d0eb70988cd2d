"""A projection's assumptions in words (R29, R30; section 10), for the coach and for paper.

The engine (:mod:`osteoload.domain.projection`) returns each assumption as a
:class:`~osteoload.domain.projection.ProjectionNote`: a code with its figures. This module
says one in the active language, in the third person with the client's pronoun
(:func:`assumption`), or all of them (:func:`assumptions`). The client's own notes under
her chart are plain words (``osteoload.wording.progress.projection_notes``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from osteoload.domain.projection import ProjectionNote
from osteoload.domain.serialize import jsonable

from .audience import SHE, Audience, Pronouns, _, ngettext
from .bone import site_name
from .findings import _forms as pronoun_forms

Note = ProjectionNote | Mapping[str, Any]
"""A note: the engine record or its JSON form."""


def num(value: Any) -> str:
    """A figure as the sentences show it: ``2.5``, ``1``, ``0.7`` (no trailing zeros)."""
    return f"{float(value or 0):g}"


def medicine(value: Any) -> str:
    """A medicine of the projection's vocabulary in words, lower case for a sentence."""
    words = {
        "bisphosphonate": _("a bisphosphonate"),
        "denosumab": _("denosumab"),
        "teriparatide": _("teriparatide"),
        "abaloparatide": _("abaloparatide"),
        "romosozumab": _("romosozumab"),
        "hrt": _("hormone therapy (HRT)"),
        "serm": _("a SERM (such as raloxifene)"),
        "glucocorticoid": _("glucocorticoids"),
    }
    return words.get(str(value), str(value))


def _and(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return _("{first} and {last}").format(first=", ".join(items[:-1]), last=items[-1])


def _course(code: str, n: Mapping[str, Any], d: Mapping[str, Any], f: dict[str, str]) -> str:
    """The untreated course (section 7.4)."""
    if code == "menopause_assumed":
        stage = d.get("menopause")
        if stage == "pre":
            text = _(
                "Menopause status is not recorded; at {age} {s} is assumed to be before menopause."
            )
        elif stage == "peri":
            text = _(
                "Menopause status is not recorded; at {age} {s} is assumed to be around menopause."
            )
        else:
            text = _(
                "Menopause status is not recorded; at {age} {s} is assumed to be past menopause."
            )
        return text.format(age=num(n.get("age")), **f)
    if code == "course_male_under_50":
        return _(
            "For men under {age} little loss is assumed ({low} to {high} % a year); osteoload's "
            "sources describe women, so this is an estimate."
        ).format(
            age=num(n.get("age")), low=num(n.get("loss_min_pct")), high=num(n.get("loss_max_pct"))
        )
    if code == "course_male":
        return _(
            "Men: osteoload's sources describe women, so the rate of women {years} or more years "
            "after menopause (about {loss} % a year) is used; men usually lose bone more slowly, "
            "so this is probably pessimistic."
        ).format(years=num(n.get("years_after")), loss=num(n.get("loss_pct")))
    if code == "course_premenopause":
        return _(
            "Before menopause bone changes little ({low} to {high} % a year). If {p} periods "
            "stop during the projection, loss will speed up."
        ).format(low=num(n.get("loss_min_pct")), high=num(n.get("loss_max_pct")), **f)
    if code == "course_transition":
        return _(
            "Around the final period bone is lost fastest: about {spine} % a year at the spine "
            "and {hip} % a year at the hip (SWAN study), slowing to about {late} % a year from "
            "{years} years after."
        ).format(
            spine=num(n.get("spine_loss_pct")),
            hip=num(n.get("hip_loss_pct")),
            late=num(n.get("late_loss_pct")),
            years=num(n.get("years_after")),
        )
    if code == "final_period_assumed":
        years = float(n.get("years") or 0)
        return ngettext(
            "{P} final period is assumed to be about {years} year away; in early "
            "perimenopause loss may not have started yet, so this may overstate it.",
            "{P} final period is assumed to be about {years} years away; in early "
            "perimenopause loss may not have started yet, so this may overstate it.",
            round(years),
        ).format(years=num(years), **f)
    if code == "course_postmenopause":
        return _(
            "From {years} years after menopause bone is lost at about {loss} % a year (SWAN and "
            "other cohorts)."
        ).format(years=num(n.get("years_after")), loss=num(n.get("loss_pct")))
    return _(
        "Years since menopause are not recorded; if {p} final period was less than {years} "
        "years ago, loss is probably faster (about {spine} % a year at the spine)."
    ).format(years=num(n.get("years_after")), spine=num(n.get("spine_loss_pct")), **f)


def _treatment(code: str, n: Mapping[str, Any], d: Mapping[str, Any], f: dict[str, str]) -> str:
    """The exercise track and the medication line (R30; section 7.6)."""
    agents = [medicine(m) for m in d.get("medications") or []]
    name = agents[0] if agents else ""
    if code == "track_high_intensity":
        return _(
            "Supervised high-intensity training (5 sets of 5 at {low}-{high} % of maximum) is "
            "assumed, with effects from the LIFTMOR and MEDEX-OP trials; these figures do not "
            "apply to unsupervised training."
        ).format(low=num(n.get("low_pct_1rm")), high=num(n.get("high_pct_1rm")))
    if code == "track_standard":
        return _(
            "The standard program (2-3 sets of 8-12 repetitions) is assumed; trials and their "
            "pooled results suggest about {gain} to {most} percentage points a year at most."
        ).format(gain=num(n.get("gain_pct")), most=num(n.get("gain_max_pct")))
    if code == "track_gentle":
        return _(
            "The gentle program is assumed; its effect on bone density is close to zero, and "
            "its purpose is safety, strength and balance."
        )
    if code == "exercise_capped":
        return _(
            "The exercise effect builds up over the first {months} months and is not extended "
            "beyond them: after that the exercise line follows the untreated course until a new "
            "scan shows more."
        ).format(months=num(n.get("months")))
    if code == "medication_example":
        return _(
            "{S} take{x} no bone medication; the medication line shows {medicine} (the usual "
            "first treatment) for comparison only."
        ).format(medicine=name, **f)
    if code == "medication_taken":
        return _(
            "The medication line uses {medicine}, which {s} take{x}. The figures are first-year "
            "gains; if {s} {has} taken it for more than a year, further gains are usually smaller."
        ).format(medicine=name, **f)
    if code == "medication_chosen":
        return _("The medication line uses {medicine}.").format(medicine=name)
    if code == "medication_figures":
        return _(
            "Medication figures are first-year averages from trials and are held flat after "
            "{months} months (some drugs keep adding slowly). Hip figures come from total-hip "
            "results; the femoral neck is taken as {ratio} times the total hip."
        ).format(months=num(n.get("months")), ratio=num(n.get("neck_per_total_hip")))
    if code == "abaloparatide_as_teriparatide":
        return _("Abaloparatide uses teriparatide's figures (no separate figures in our sources).")
    return _(
        "Combined: trials of exercise added to medication show no clear extra gain in bone "
        "density, so the combined line is centred on medication alone; only its upper edge adds "
        "the exercise effect. Exercise still improves strength and balance and lowers the risk "
        "of falls."
    )


def _site_list(d: Mapping[str, Any], say: Callable[[str, float], str]) -> str:
    sites = d.get("sites") or {}
    return ", ".join(say(site_name(site, Audience.COACH), float(v)) for site, v in sites.items())


def _caveat(code: str, n: Mapping[str, Any], d: Mapping[str, Any], f: dict[str, str]) -> str:
    """What a scan can confirm (R29), what the figures leave out, and muscle (section 10)."""
    if code == "least_significant_change":
        lsc = _site_list(
            d, lambda site, pct: _("{site} {pct} %").format(site=site, pct=f"{pct:.1f}")
        )
        return _(
            "A scan can only confirm a change at least as large as the least significant change "
            "(here: {lsc}); smaller changes may not be confirmed by a follow-up scan."
        ).format(lsc=lsc)
    if code == "ranges":
        return _(
            "Ranges show where the average result is expected to fall, not a promise; one "
            "person's result varies more."
        )
    if code == "linear":
        return _("Changes are linear approximations, month by month.")
    if code == "glucocorticoid_loss":
        return _(
            "{S} take{x} glucocorticoids, which speed up bone loss; that extra loss is not "
            "included, so the untreated line may be too optimistic."
        ).format(**f)
    if code == "unmodelled_slows_loss":
        agents = [medicine(m) for m in d.get("medications") or []]
        return ngettext(
            "{S} take{x} {medicines}, which slows bone loss; osteoload has no sourced figures "
            "for it, so the untreated line may overstate {p} loss.",
            "{S} take{x} {medicines}, which slow bone loss; osteoload has no sourced figures "
            "for them, so the untreated line may overstate {p} loss.",
            len(agents),
        ).format(medicines=_and(agents), **f)
    if code == "no_scan_in_grams":
        return _("No scan in g/cm2 is recorded, so only percentage changes are shown.")
    if code == "beyond_a_year":
        return _(
            "Beyond {reliable} months (this projection runs {months}) the figures are less certain."
        ).format(reliable=num(n.get("reliable_months")), months=num(n.get("months")))
    if code == "scan_age":
        ages = _site_list(
            d,
            lambda site, months: ngettext(
                "{site} ({months} month old)", "{site} ({months} months old)", round(months)
            ).format(site=site, months=num(months)),
        )
        return _(
            "The g/cm2 figures start from the latest scan, which may have changed since: {ages}."
        ).format(ages=ages)
    if code == "muscle_untrained":
        return _(
            "Without training, muscle mass falls slowly and strength about three times faster "
            "(cohort studies of older adults)."
        )
    if code == "muscle_trained":
        return _(
            "With training, the first-year gains shown are an estimate from strength-training "
            "trials; they are held flat after {months} months as long as training continues."
        ).format(months=num(n.get("months")))
    if code != "strength_before_60":
        return code
    age = round(float(n.get("age") or 0))
    return _(
        "Strength loss before {age} uses the rate for ages {first} to {last} (about {loss} % a "
        "year); under {first} this probably overstates it."
    ).format(age=age, first=num(n.get("from_age")), last=age - 1, loss=num(n.get("loss_pct")))


_COURSE = frozenset(
    {
        "menopause_assumed",
        "course_male_under_50",
        "course_male",
        "course_premenopause",
        "course_transition",
        "final_period_assumed",
        "course_postmenopause",
        "years_since_menopause_unknown",
    }
)
_TREATMENT = frozenset(
    {
        "track_high_intensity",
        "track_standard",
        "track_gentle",
        "exercise_capped",
        "medication_example",
        "medication_taken",
        "medication_chosen",
        "medication_figures",
        "abaloparatide_as_teriparatide",
        "combined_no_bonus",
    }
)


def assumption(note: Note, pronouns: Pronouns = SHE) -> str:
    """One assumption of a projection in words, about the client with ``pronouns``."""
    data: Mapping[str, Any] = jsonable(note) if isinstance(note, ProjectionNote) else note
    code = str(data.get("code", ""))
    numbers: Mapping[str, Any] = data.get("numbers") or {}
    forms = pronoun_forms(pronouns)
    if code in _COURSE:
        return _course(code, numbers, data, forms)
    if code in _TREATMENT:
        return _treatment(code, numbers, data, forms)
    return _caveat(code, numbers, data, forms)


def assumptions(notes: Iterable[Note], pronouns: Pronouns = SHE) -> list[str]:
    """Every assumption of a projection in words, in the engine's order."""
    return [assumption(n, pronouns) for n in notes]
