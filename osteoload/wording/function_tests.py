"""The functional tests in words (section 5): each test's name, the norm it was compared with
and what the result means, in the active language.

The engine (:func:`osteoload.domain.assessment.evaluate_tests`) returns each result with a
``verdict`` code, its named cut-offs (``limits``), the age band of its norm and whose
cut-offs were used; :func:`word_result` fills ``name``, ``norm`` and ``interpretation``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from osteoload.domain.assessment import FunctionalResult

from .audience import _


def _g(value: Any) -> str:
    return f"{float(value or 0):g}"


def result_name(key: Any) -> str:
    """A functional test's name."""
    names = {
        "tug_s": _("Timed Up and Go"),
        "chair_stand_30s": _("30-second chair stand"),
        "five_sts_s": _("Five-times sit-to-stand"),
        "single_leg_stance_s": _("Single-leg stance (eyes open)"),
        "gait_speed_m_s": _("Gait speed"),
        "grip_kg": _("Grip strength"),
        "sppb": _("Short Physical Performance Battery"),
        "asm_kg_m2": _("Appendicular muscle mass / height²"),
    }
    return names.get(str(key), str(key))


def _women(r: Mapping[str, Any]) -> bool:
    return r.get("sex") != "male"


def _band(r: Mapping[str, Any]) -> str:
    band = r.get("band") or (0, 0)
    return f"{band[0]}-{band[1]}"


def result_norm(r: Mapping[str, Any]) -> str:
    """The band or norm a result was compared with, in words."""
    key, lim = r.get("key"), r.get("limits") or {}
    has_band = r.get("band_value") is not None
    avg = r.get("band_value")
    if key == "tug_s":
        text = _("at risk from {at} s (STEADI), high risk from {high} s").format(
            at=_g(lim.get("at_risk")), high=_g(lim.get("high_risk"))
        )
        if has_band:
            text += _("; average {avg} s at {ages}").format(avg=_g(avg), ages=_band(r))
        return text
    if key == "chair_stand_30s":
        values = {"low": int(lim.get("low", 0)), "high": int(lim.get("high", 0)), "ages": _band(r)}
        if _women(r):
            text = _("{low}-{high} stands is the normal range for women aged {ages}")
        else:
            text = _("{low}-{high} stands is the normal range for men aged {ages}")
        text = text.format(**values)
        return text + _(" (nearest published band)") if r.get("borrowed") else text
    if key == "five_sts_s":
        return _("more than {low} s is low strength (EWGSOP2)").format(low=_g(lim.get("low")))
    if key == "single_leg_stance_s":
        text = _("under {risk} s predicts injurious falls").format(risk=_g(lim.get("risk")))
        if has_band:
            text += _("; average about {avg} s at {ages} (estimate)").format(
                avg=_g(avg), ages=_band(r)
            )
        return text
    if key == "gait_speed_m_s":
        text = _("below {high} m/s is high falls risk; below {slow} m/s is slow").format(
            high=f"{float(lim.get('high_risk', 0)):.1f}", slow=f"{float(lim.get('slow', 0)):.1f}"
        )
        if has_band:
            text += _("; average {avg} m/s for women aged {ages}").format(
                avg=f"{float(avg or 0):.2f}", ages=_band(r)
            )
        if r.get("from_sppb"):
            text += _("; calculated from the SPPB 4-m walk")
        return text
    if key == "grip_kg":
        if _women(r):
            return _("below {low} kg is low strength for women (EWGSOP2)").format(
                low=_g(lim.get("low"))
            )
        return _("below {low} kg is low strength for men (EWGSOP2)").format(low=_g(lim.get("low")))
    if key == "sppb":
        return _(
            "{low} or less is low performance (EWGSOP2); {frail} or less frailty; 10-12 robust"
        ).format(low=int(lim.get("low", 0)), frail=int(lim.get("frail", 0)))
    if key == "asm_kg_m2":
        if _women(r):
            return _("below {low} kg/m2 is low muscle mass for women (EWGSOP2)").format(
                low=_g(lim.get("low"))
            )
        return _("below {low} kg/m2 is low muscle mass for men (EWGSOP2)").format(
            low=_g(lim.get("low"))
        )
    return ""


def _interpretations() -> dict[tuple[str, str], str]:
    return {
        ("tug_s", "high_risk"): _(
            "Getting up, walking 3 m and back took {v} s: a high risk of falling."
        ),
        ("tug_s", "some_risk"): _(
            "Getting up, walking 3 m and back took {v} s: some risk of falling."
        ),
        ("tug_s", "below_average"): _(
            "{v} s is slower than average for her age, but not in the falls-risk range."
        ),
        ("tug_s", "good"): _("{v} s is a good result: no sign of falls risk on this test."),
        ("chair_stand_30s", "below_average"): _(
            "{n} stands in 30 seconds is below average for her age: the legs need "
            "strengthening, and weak legs raise the risk of falling."
        ),
        ("chair_stand_30s", "above_normal"): _(
            "{n} stands in 30 seconds is above the normal range for her age: strong legs."
        ),
        ("chair_stand_30s", "normal"): _(
            "{n} stands in 30 seconds is in the normal range for her age."
        ),
        ("five_sts_s", "low"): _(
            "Standing up five times took {v} s: the legs are weak (a sign of possible muscle loss)."
        ),
        ("five_sts_s", "adequate"): _(
            "Standing up five times took {v} s: leg strength is adequate."
        ),
        ("single_leg_stance_s", "risk"): _(
            "Stood on one leg for only {v} s: balance needs work to prevent falls."
        ),
        ("single_leg_stance_s", "below_average"): _(
            "Stood on one leg for {v} s: below average for her age."
        ),
        ("single_leg_stance_s", "good"): _("Stood on one leg for {v} s: good balance for her age."),
        ("gait_speed_m_s", "high_risk"): _(
            "Walking speed {speed} m/s is slow: a high risk of falling."
        ),
        ("gait_speed_m_s", "slow"): _(
            "Walking speed {speed} m/s is on the slow side (below 1.0 m/s)."
        ),
        ("gait_speed_m_s", "below_average"): _(
            "Walking speed {speed} m/s is a little below average for her age."
        ),
        ("gait_speed_m_s", "normal"): _("Walking speed {speed} m/s is normal."),
        ("grip_kg", "low"): _("Grip {v} kg is low: a sign of possible muscle loss (sarcopenia)."),
        ("grip_kg", "normal"): _("Grip {v} kg is in the normal range."),
        ("sppb", "frail"): _("SPPB {n} of 12: physical function is low (frailty range)."),
        ("sppb", "low"): _("SPPB {n} of 12: physical performance is low; training can improve it."),
        ("sppb", "prefrail"): _(
            "SPPB {n} of 12: slightly reduced physical function (pre-frailty)."
        ),
        ("sppb", "good"): _("SPPB {n} of 12: good physical function."),
        ("asm_kg_m2", "low"): _("Muscle mass {v} kg/m2 is low."),
        ("asm_kg_m2", "normal"): _("Muscle mass {v} kg/m2 is normal."),
    }


def result_interpretation(r: Mapping[str, Any]) -> str:
    """What a result means, one plain sentence."""
    value = float(r.get("value") or 0)
    text = _interpretations().get((str(r.get("key")), str(r.get("verdict"))))
    if text is None:
        return str(r.get("interpretation") or "")
    return text.format(v=f"{value:g}", n=int(value), speed=f"{value:.2f}")


def word_result(result: FunctionalResult) -> FunctionalResult:
    """The result with ``name``, ``norm`` and ``interpretation`` in the active language."""
    r: Mapping[str, Any] = {
        "key": result.key,
        "value": result.value,
        "verdict": result.verdict,
        "limits": result.limits,
        "band": result.band,
        "band_value": result.band_value,
        "borrowed": result.borrowed,
        "from_sppb": result.from_sppb,
        "sex": result.sex.value if result.sex is not None else None,
    }
    return dataclasses.replace(
        result,
        name=result_name(result.key),
        norm=result_norm(r),
        interpretation=result_interpretation(r),
    )
