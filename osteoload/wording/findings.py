"""The screening's findings and next steps, in words, for the coach and for the client.

Screening (:func:`osteoload.domain.screening.screen`) decides: each
:class:`~osteoload.domain.program.Finding` carries its rule ID, its severity, an outcome
``code`` and the numbers and reasons as ``data``; each next step is a
:class:`~osteoload.domain.program.Step` with a code. This module says it:

- the **coach** reads third-person sentences with the pronoun her profile implies
  (:func:`~osteoload.wording.pronouns_for`); clinical terms (PAR-Q+, SPPB, Vivifrail, DXA,
  Timed Up and Go) are allowed;
- the **client** reads "you" in plain words: a test is described by what she did ("taking
  14 seconds to stand up, walk 3 metres and back ..."), not by its acronym. Paper
  (:attr:`Audience.PRINT`) is read by the client and gets her words.

The plan and screening documents' ``message`` and ``next_steps`` are the client's words
(:func:`word_screening`, applied by the services); the coach's pages render ``code`` and
``data`` again with :func:`findings_for` and :func:`steps_for`. A finding without a code
(an older stored document, or an assessment finding) is shown with its stored ``message``.

Every sentence is translated with :func:`_` when it is rendered. The sentence tables are
written as ``_text(coach, client)``, ``_same(text)`` and ``_step(coach, client)``, so a
catalogue extraction marks them with ``xgettext --keyword=_text:1 --keyword=_text:2
--keyword=_same:1 --keyword=_step:1 --keyword=_step:2``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from osteoload.domain.assessment import site_words
from osteoload.domain.program import Finding, Screening, Step
from osteoload.domain.vocabulary import Site

from .assessment import bone_message, falls_reason
from .audience import THEY, Audience, Pronouns, _, gettext_noop
from .bone import bone_source
from .fracture_risk import fracture_risk_text

Record = Finding | Step | Mapping[str, Any]
"""A finding or step: the engine record or its JSON form."""


# --- Words for the codes in the data ---------------------------------------------------


def _conditions() -> dict[str, str]:
    return {
        "acute_myocardial_infarction": _("a recent heart attack"),
        "unstable_angina": _("unstable angina"),
        "arrhythmia_uncontrolled": _("an uncontrolled heart rhythm problem"),
        "aortic_aneurysm_dissecting": _("a dissecting aortic aneurysm"),
        "aortic_stenosis_severe": _("severe aortic stenosis"),
        "endocarditis_pericarditis_acute": _("acute endocarditis or pericarditis"),
        "thromboembolism_acute": _("an acute blood clot"),
        "heart_failure_severe": _("acute or severe heart failure"),
        "respiratory_failure_severe": _("acute or severe respiratory failure"),
        "postural_hypotension_uncontrolled": _("uncontrolled dizziness on standing"),
        "diabetes_decompensated": _("uncontrolled diabetes or low blood sugar"),
    }


def _symptoms(audience: Audience, p: Pronouns) -> dict[str, str]:
    hurt = (
        _("a fall in which you were hurt")
        if audience is not Audience.COACH
        else _("a fall in which {s} {was} hurt").format(**_forms(p))
    )
    return {
        "chest_pain": _("chest pain"),
        "dizziness": _("dizziness or loss of balance from feeling faint"),
        "breathlessness": _("breathlessness"),
        "fainting": _("fainting"),
        "fall_with_injury": hurt,
    }


def _parq_topics() -> dict[int, str]:
    return {
        1: _("a heart condition or high blood pressure"),
        2: _("chest pain"),
        3: _("dizziness or fainting"),
        4: _("another long-term medical condition"),
        5: _("medicine for a long-term condition"),
        6: _("a bone, joint or soft-tissue problem"),
        7: _("a doctor's advice to exercise only under supervision"),
    }


def _high_impact_needs() -> dict[str, str]:
    return {
        "supervision": _("supervision by a qualified trainer"),
        "impact_clearance": _("clearance for impact"),
        "low_falls_risk": _("a low risk of falling"),
    }


def _high_intensity_needs(minutes: int) -> dict[str, str]:
    return {
        "supervision": _("supervision by a qualified professional"),
        "no_recent_vertebral_fracture": _("no spine fracture in the last 12 months"),
        "falls_risk_not_high": _("a risk of falling that is not high"),
        "clearances": _("all health clearances in place"),
        "session_minutes": _("sessions of at least {minutes} minutes").format(minutes=minutes),
    }


def _site(code: Any) -> str:
    """A fracture site as a word to put before "fracture" ("" for other sites), with a space."""
    words = {
        "vertebra": _("spine"),
        "hip": _("hip"),
        "wrist": _("wrist"),
        "humerus": _("upper arm"),
        "pelvis": _("pelvis"),
        "rib": _("rib"),
        "ankle": _("ankle"),
        "other": "",
    }
    word = words.get(str(code), str(code or ""))
    # Translators: the site before "fracture" ("hip " + "fracture"); in Spanish after it,
    # with its preposition: " de {word}".
    return _("{word} ").format(word=word) if word else ""


def _join(items: Iterable[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return _("{items} and {last}").format(items=", ".join(items[:-1]), last=items[-1])


def _num(value: Any) -> str:
    """A measured number as it was given: 14.0 -> "14", 13.5 -> "13.5"."""
    return f"{float(value):g}" if value is not None else ""


def _forms(p: Pronouns) -> dict[str, str]:
    """Pronoun and verb forms for the coach's sentences (she has / they have)."""
    plural = p.subject == "they"
    return {
        "s": p.subject,
        "S": p.cap(p.subject),
        "o": p.object,
        "p": p.possessive,
        "P": p.cap(p.possessive),
        "has": "have" if plural else "has",
        "was": "were" if plural else "was",
        "x": "" if plural else "s",
        "es": "" if plural else "es",
    }


# --- Findings -----------------------------------------------------------------------------

Render = Callable[[Mapping[str, Any], Pronouns], str]


def _contraindication(audience: Audience) -> Render:
    def render(d: Mapping[str, Any], p: Pronouns) -> str:
        words = _conditions()
        found = _join(words.get(c, str(c)) for c in d.get("conditions", []))
        if audience is Audience.COACH:
            return _(
                "Exercise is not safe to start while {s} {has} {found}. {P} doctor needs to "
                "treat this first."
            ).format(found=found, **_forms(p))
        return _(
            "Exercise is not safe to start while you have {found}. Your doctor needs to treat "
            "this first."
        ).format(found=found)

    return render


def _stop_symptoms(audience: Audience) -> Render:
    def render(d: Mapping[str, Any], p: Pronouns) -> str:
        words = _symptoms(audience, p)
        found = _join(words.get(s, str(s)) for s in d.get("symptoms", []))
        if audience is Audience.COACH:
            return _(
                "{S} reported {found}. No exercise until a doctor has checked {o}; if it is "
                "happening now or is severe, {s} should call emergency services."
            ).format(found=found, **_forms(p))
        return _(
            "You told us about {found}. Please do not exercise until a doctor has checked you. "
            "If it is happening now or is severe, call emergency services."
        ).format(found=found)

    return render


def _parq(cleared: bool, audience: Audience) -> Render:
    def render(d: Mapping[str, Any], p: Pronouns) -> str:
        questions = [int(q) for q in d.get("questions", [])]
        numbers = ", ".join(str(q) for q in questions)
        topics = _join(_parq_topics().get(q, str(q)) for q in questions)
        f = {"numbers": numbers, "topics": topics, **_forms(p)}
        if audience is Audience.COACH:
            if cleared:
                return _(
                    "{S} answered yes to PAR-Q+ question(s) {numbers}; {p} doctor has cleared {o}."
                ).format(**f)
            return _(
                "{S} answered yes to PAR-Q+ question(s) {numbers} ({topics}). {P} doctor needs "
                "to say it is safe for {o} to exercise before {s} start{x}."
            ).format(**f)
        if cleared:
            return _(
                "You answered yes to health question(s) {numbers} of the PAR-Q+ form; your "
                "doctor has cleared you."
            ).format(**f)
        return _(
            "You answered yes to health question(s) {numbers} of the PAR-Q+ form ({topics}). "
            "Your doctor needs to say it is safe to exercise before you start."
        ).format(**f)

    return render


def _blood_pressure_high(audience: Audience) -> Render:
    def render(d: Mapping[str, Any], p: Pronouns) -> str:
        reading = ""
        if d.get("systolic") is not None and d.get("diastolic") is not None:
            reading = _(" ({systolic}/{diastolic} mmHg)").format(
                systolic=d["systolic"], diastolic=d["diastolic"]
            )
        if audience is Audience.COACH:
            return _(
                "{P} blood pressure is too high for strength training{reading} (the limit is "
                "{ls}/{ld} mmHg, or uncontrolled high blood pressure). {P} doctor needs to "
                "bring it under control and clear {o} first."
            ).format(
                reading=reading,
                ls=d.get("limit_systolic", ""),
                ld=d.get("limit_diastolic", ""),
                **_forms(p),
            )
        return _(
            "Your blood pressure is too high for strength training right now{reading}. Your "
            "doctor needs to bring it under control and clear you first."
        ).format(reading=reading)

    return render


def _bone_category(audience: Audience) -> Render:
    def render(d: Mapping[str, Any], p: Pronouns) -> str:
        if audience is Audience.COACH:
            source = bone_source(d, audience)
            # Said from the codes; a screening stored before they existed keeps its summary.
            summary = bone_message(d) if "z_group" in d else str(d.get("summary") or "")
            return " ".join(t for t in (summary, source) if t)
        category = d.get("category")
        if d.get("basis") == "z_score":
            if category == "normal":
                text = _("Your bone density is within the expected range for your age.")
            else:
                text = _("Your bone density is below the expected range for your age.")
        else:
            text = {
                "normal": _("Your bone density is in the normal range."),
                "low_bone_mass": _(
                    "Your bone density is lower than normal, but not in the osteoporosis range "
                    "(this is called low bone mass, or osteopenia)."
                ),
                "osteoporosis": _("Your bone density is in the osteoporosis range."),
                "severe_osteoporosis": _(
                    "Your bone density is in the osteoporosis range and you have had a "
                    "fracture from a minor fall or less: this is called severe (established) "
                    "osteoporosis."
                ),
            }.get(str(category), _("Your bone density result is not known yet."))
        site = d.get("site")
        if site and category != "normal":
            try:
                where = site_words(Site(site))
            except ValueError:
                where = str(site)
            text += " " + _("It is lowest at your {where}.").format(where=where)
        return text

    return render


def _fracture_risk(audience: Audience) -> Render:
    """R31: the latest FRAX or Garvan result a clinician entered."""

    def render(d: Mapping[str, Any], p: Pronouns) -> str:
        return fracture_risk_text(d, audience)

    return render


def _falls_factor(factor: Mapping[str, Any]) -> str:
    """One falls-risk criterion in the client's words: what she did, and what it means."""
    code = factor.get("code")
    value = factor.get("value")
    limit = factor.get("limit")
    v, lim = _num(value), _num(limit)
    if code == "falls_recurrent":
        return _("You fell {n} times in the last year.").format(n=int(value or 0))
    if code == "fall_injury":
        return _("A fall in the last year hurt you.")
    if code in ("one_fall", "one_fall_injury_unknown"):
        return _("You fell once in the last year.")
    if code in ("tug_high", "tug_some"):
        return _(
            "Taking {v} seconds to stand up from a chair, walk 3 metres, come back and sit "
            "down suggests a higher risk of falling ({lim} seconds or more)."
        ).format(v=v, lim=lim)
    if code == "gait_slow":
        return _(
            "Walking at {v:.2f} metres a second is slower than {lim} metres a second, which "
            "raises the risk of falling."
        ).format(v=float(value or 0), lim=lim)
    if code == "dementia":
        return _("Memory problems make falls more likely.")
    if code in ("sppb_frail", "sppb_prefrail"):
        return _(
            "Your balance, walking and standing-up tests scored {v} out of 12 together, so we "
            "build your strength up carefully."
        ).format(v=int(value or 0))
    if code == "chair_stand_low":
        return _(
            "Standing up from a chair {v} times in 30 seconds is fewer than usual for your age "
            "({lim} or more), so your legs need strengthening."
        ).format(v=int(value or 0), lim=int(limit or 0))
    if code == "stance_short":
        return _(
            "Standing on one leg for {v} seconds (less than {lim} seconds) suggests a higher "
            "risk of falling."
        ).format(v=v, lim=lim)
    return ""


def _falls_high(audience: Audience) -> Render:
    def render(d: Mapping[str, Any], p: Pronouns) -> str:
        if audience is Audience.COACH:
            factors = d.get("factors") or []
            coach = [falls_reason(f) for f in factors]
            # Said from the codes; a screening stored before they were complete keeps its own.
            stored = [str(r) for r in d.get("reasons", [])]
            listed = [t for t in coach if t is not None] if factors and all(coach) else stored
            reasons = "".join(" " + r for r in listed)
            return _(
                "{P} risk of falling is high.{reasons} Strength and balance come first; no "
                "jumping or hopping for now."
            ).format(reasons=reasons, **_forms(p))
        said = [t for t in (_falls_factor(f) for f in d.get("factors", [])) if t]
        reasons = "".join(" " + t for t in said)
        return _(
            "Your risk of falling is high.{reasons} We start with strength and balance; no "
            "jumping or hopping for now."
        ).format(reasons=reasons)

    return render


def _listing(words: Callable[[], dict[str, str]], key: str, text: str) -> Render:
    """A sentence naming a list of codes from ``data[key]`` (the same for both audiences)."""

    def render(d: Mapping[str, Any], p: Pronouns) -> str:
        table = words()
        items = _join(table.get(str(c), str(c)) for c in d.get(key, []))
        return _(text).format(items=items)

    return render


def _high_intensity_not_yet(audience: Audience) -> Render:
    def render(d: Mapping[str, Any], p: Pronouns) -> str:
        table = _high_intensity_needs(int(d.get("minutes") or 0))
        items = _join(table.get(str(c), str(c)) for c in d.get("blockers", []))
        if audience is Audience.COACH:
            return _(
                "Heavy 5x5 lifting needs {items}; the standard program is used instead."
            ).format(items=items)
        return _(
            "Heavy lifting in sets of five needs {items}; the standard program is used instead."
        ).format(items=items)

    return render


def _text(coach: str, client: str) -> Callable[[Audience], Render]:
    """A finding whose words need only the data's values and the coach's pronouns."""

    def for_audience(audience: Audience) -> Render:
        template = coach if audience is Audience.COACH else client

        def render(d: Mapping[str, Any], p: Pronouns) -> str:
            values = {k: v for k, v in d.items() if isinstance(k, str)}
            if "site" in values:
                values["site"] = _site(values["site"])
            return _(template).format(**{**values, **_forms(p)})

        return render

    return for_audience


def _same(text: str) -> Callable[[Audience], Render]:
    return _text(text, text)


def _impact_after_fracture(audience: Audience) -> Render:
    def render(d: Mapping[str, Any], p: Pronouns) -> str:
        spine = d.get("reason") == "vertebral_fracture"
        if audience is Audience.COACH:
            why = _("a spine fracture") if spine else _("more than one fracture from a minor fall")
            return _(
                "Because {s} {has} had {why}, impact stays gentle: walking, marching, stairs "
                "and heel drops, but no jogging, hopping, skipping or jumping."
            ).format(why=why, **_forms(p))
        why = _("a spine fracture") if spine else _("more than one fracture from a minor fall")
        return _(
            "Because you have had {why}, impact stays gentle: walking, marching, stairs and "
            "heel drops, but no jogging, hopping, skipping or jumping."
        ).format(why=why)

    return render


_FINDINGS: dict[str, Callable[[Audience], Render]] = {
    "contraindication": _contraindication,
    "stop_symptoms": _stop_symptoms,
    "new_back_pain": _text(
        gettext_noop(
            "New, severe back pain can be a sign of a spine fracture: no lifting or jumping until "
            "a doctor has seen {o} for an X-ray. Gentle walking, posture and easy movement are "
            "fine if they do not make the pain worse."
        ),
        gettext_noop(
            "New, severe back pain can be a sign of a spine fracture. Stop lifting and any "
            "jumping, and see your doctor for an X-ray. Gentle walking, posture and easy "
            "movement are fine if they do not make the pain worse."
        ),
    ),
    "parq_missing": _text(
        gettext_noop(
            "{P} answers to the PAR-Q+ health questions are not recorded. {S} answer{x} them (or "
            "{p} doctor clears {o}) before the program starts."
        ),
        gettext_noop(
            "We do not have your answers to the PAR-Q+ health questions yet. Please answer them "
            "before you start (or ask your doctor to clear you)."
        ),
    ),
    "parq_cleared": lambda a: _parq(True, a),
    "parq_yes": lambda a: _parq(False, a),
    "hypertension_breathing": _text(
        gettext_noop(
            "{S} {has} high blood pressure: {s} should breathe out while lifting and never hold "
            "{p} breath while straining."
        ),
        gettext_noop(
            "You have high blood pressure: breathe out as you lift and never hold your breath "
            "while straining."
        ),
    ),
    "hypertension_cleared": _text(
        gettext_noop(
            "{P} doctor has cleared {o} despite high blood pressure: keep it checked, and remind "
            "{o} to breathe out while lifting."
        ),
        gettext_noop(
            "Your doctor has cleared you despite high blood pressure: keep it checked, and "
            "breathe out as you lift."
        ),
    ),
    "blood_pressure_high": _blood_pressure_high,
    "recent_fracture": _text(
        gettext_noop(
            "{P} {site}fracture was {days} days ago. No strength training until at least "
            "{resume}; until then gentle walking, balance near support and posture exercises."
        ),
        gettext_noop(
            "Your {site}fracture was {days} days ago. Strength training waits until at least "
            "{resume}; until then gentle walking, balance near support and posture exercises "
            "keep you moving."
        ),
    ),
    "fracture_year_only": _text(
        gettext_noop(
            "Only the year ({year}) of {p} {site}fracture is recorded. Record the date, or {p} "
            "doctor's confirmation that it has healed: strength training waits {weeks} weeks "
            "after a fracture."
        ),
        gettext_noop(
            "We only know your {site}fracture happened in {year}. Please give the date, or ask "
            "your doctor to confirm it has healed, because strength training waits for {weeks} "
            "weeks after a fracture."
        ),
    ),
    "acute_vertebral_fracture": _text(
        gettext_noop(
            "{P} spine fracture was {weeks} weeks ago and is still healing. For now: gentle "
            "walking, posture and easy movement that do not increase pain. A physiotherapist "
            "reviews {o} around {review} before any lifting."
        ),
        gettext_noop(
            "Your spine fracture was {weeks} weeks ago and is still healing. For now: gentle "
            "walking, posture and easy movement that do not increase pain. A physiotherapist "
            "reviews you around {review} before any lifting."
        ),
    ),
    "bone_category": _bone_category,
    "fracture_risk": _fracture_risk,
    "bone_unknown_treated_as_low": _text(
        gettext_noop(
            "No bone density result is recorded, so {p} bones are treated as if they were thin: "
            "no sit-ups, toe touches or twisting under load. A DXA scan would tell more."
        ),
        gettext_noop(
            "We do not have a bone density scan result, so we treat your bones as if they were "
            "thin: no sit-ups, toe touches or twisting under load. A bone density (DXA) scan "
            "would tell more."
        ),
    ),
    "spine_protection": _text(
        gettext_noop(
            "To protect {p} spine: no sit-ups, crunches, toe touches or twisting against "
            "resistance. {S} bend{x} at the hips and knees, not the back, also in daily life."
        ),
        gettext_noop(
            "To protect your spine: no sit-ups, crunches, toe touches or twisting against "
            "resistance. Bend at the hips and knees, not the back, also in daily life."
        ),
    ),
    "posture_every_week": _text(
        gettext_noop(
            "Every week includes back-strengthening and posture exercises, which help {o} stand "
            "tall and protect the spine."
        ),
        gettext_noop(
            "Every week includes back-strengthening and posture exercises, which help you stand "
            "tall and protect the spine."
        ),
    ),
    "impact_gentle_after_fracture": _impact_after_fracture,
    "falls_risk_high": _falls_high,
    "falls_risk_unknown": _text(
        gettext_noop(
            "{P} falls history and balance test results are not recorded yet, so impact stays "
            "gentle until a coach has tested {p} balance and walking."
        ),
        gettext_noop(
            "We do not know your falls history or balance test results yet, so impact stays "
            "gentle until a coach has tested your balance and walking."
        ),
    ),
    "osteoarthritis_low_impact": _text(
        gettext_noop(
            "With arthritis in {p} knee or hip, impact uses low-impact choices such as marching, "
            "stairs and heel drops instead of hops and jumps."
        ),
        gettext_noop(
            "With arthritis in your knee or hip we use low-impact choices such as marching, "
            "stairs and heel drops instead of hops and jumps."
        ),
    ),
    "impact_needs_clearance": _text(
        gettext_noop(
            "Hops and low jumps help bone, but with osteoporosis a clinician should clear {o} for "
            "them first. Until then impact stays at walking and heel-drop level."
        ),
        gettext_noop(
            "Hops and low jumps help bone, but with osteoporosis a clinician should clear you for "
            "them first. Until then impact stays at walking and heel-drop level."
        ),
    ),
    "high_impact_not_yet": lambda a: _listing(
        _high_impact_needs,
        "missing",
        gettext_noop(
            "Bigger jumps and drop landings need {items}; impact builds up to hops and low jumps."
        ),
    ),
    "high_impact_allowed": _same(
        gettext_noop(
            "Jumps and drop landings are allowed under supervision, and only after {weeks} weeks "
            "of hops and low jumps without problems."
        )
    ),
    "impact_target": _same(
        gettext_noop(
            "Impact work builds up towards about {impacts} hops, stamps or low jumps a session."
        )
    ),
    "no_free_weights_alone": _text(
        gettext_noop(
            "While {s} train{x} on {p} own: body weight, bands and machines rather than free "
            "weights."
        ),
        gettext_noop(
            "While you train on your own, use your body weight, bands and machines rather than "
            "free weights."
        ),
    ),
    "balance_high_falls_risk": _same(
        gettext_noop(
            "Balance training of at least {hours} hours a week, spread over short sessions, "
            "steadily made harder."
        )
    ),
    "walking_not_balance": _text(
        gettext_noop(
            "Walking is good for {o}, but it does not replace balance training for falls."
        ),
        gettext_noop(
            "Walking is good for you, but it does not replace balance training for falls."
        ),
    ),
    "balance_weekly": _text(
        gettext_noop(
            "About {hours} hours of balance practice a week for {o}, in short bouts (for example "
            "15-20 minutes a day)."
        ),
        gettext_noop(
            "Aim for about {hours} hours of balance practice a week, in short bouts (for example "
            "15-20 minutes a day)."
        ),
    ),
    "vivifrail_tests_needed": _text(
        gettext_noop(
            "From age 70 a coach should measure {p} Short Physical Performance Battery (SPPB) and "
            "gait speed, so the program matches {p} fitness."
        ),
        gettext_noop(
            "From age 70 a coach should test your balance, your walking speed and how easily you "
            "stand up from a chair, so the program matches your fitness."
        ),
    ),
    "vivifrail_a": _text(
        gettext_noop(
            "{P} fitness tests (Vivifrail {passport}) call for seated or supported strength "
            "exercises only, no impact, and a medical review."
        ),
        gettext_noop(
            "Your fitness tests call for seated or supported strength exercises only, no impact, "
            "and a check by your doctor."
        ),
    ),
    "vivifrail_b": _text(
        gettext_noop(
            "{P} fitness tests (Vivifrail {passport}) suggest starting gently: lighter strength "
            "work with support nearby, and plenty of balance practice."
        ),
        gettext_noop(
            "Your fitness tests suggest starting gently: lighter strength work with support "
            "nearby, and plenty of balance practice."
        ),
    ),
    "vivifrail_passport": _text(
        gettext_noop("{P} fitness tests put {o} at Vivifrail {passport}."),
        gettext_noop("Your fitness tests show you can follow the program at its usual pace."),
    ),
    "vertebral_lifts_approved": _text(
        gettext_noop("{P} physiotherapist has approved overhead pressing and deadlifts."),
        gettext_noop("Your physiotherapist has approved overhead pressing and deadlifts."),
    ),
    "vertebral_lifts_wait": _text(
        gettext_noop(
            "After a spine fracture, overhead presses and barbell deadlifts wait for a "
            "physiotherapist's approval. Until then {s} do{es} hip hinges with a kettlebell from "
            "a raised height, incline presses and rows instead."
        ),
        gettext_noop(
            "After a spine fracture, overhead presses and barbell deadlifts wait for a "
            "physiotherapist's approval. Until then you do hip hinges with a kettlebell from a "
            "raised height, incline presses and rows instead."
        ),
    ),
    "height_loss": _text(
        gettext_noop(
            "{S} {has} lost {cm} cm of height: ask {p} doctor whether a spine X-ray or vertebral "
            "fracture assessment (VFA) is needed."
        ),
        gettext_noop(
            "You have lost {cm} cm of height. Ask your doctor whether a spine X-ray is needed to "
            "check for a fracture in your spine."
        ),
    ),
    "no_tests_recorded": _text(
        gettext_noop(
            "No balance or strength tests are recorded yet. A Timed Up and Go, a 30-second chair "
            "stand and a gait-speed test take ten minutes and make the plan safer."
        ),
        gettext_noop(
            "No balance or strength tests are recorded yet. Three short tests (standing up and "
            "walking a few steps, standing up from a chair for 30 seconds, and your walking "
            "speed) take ten minutes and make the plan safer."
        ),
    ),
    "experience_missing": _text(
        gettext_noop("Training experience not given: the program starts as for a beginner."),
        gettext_noop(
            "We do not know your training experience yet, so the program starts as for a beginner."
        ),
    ),
    "equipment_missing": _text(
        gettext_noop(
            "Equipment not given: the program assumes a gym with free weights and machines."
        ),
        gettext_noop(
            "We do not know what equipment you have yet, so the program assumes a gym with free "
            "weights and machines."
        ),
    ),
    "dementia_helper": _text(
        gettext_noop("With memory problems, {s} exercise{x} with a helper or coach nearby."),
        gettext_noop("With memory problems, exercise with a helper or coach nearby."),
    ),
    "high_intensity_not_yet": _high_intensity_not_yet,
    "high_intensity": _same(
        gettext_noop(
            "After the first four weeks of technique practice, squats, deadlifts and overhead "
            "presses move to supervised heavy sets of five."
        )
    ),
    "novice_learns_lifts": _text(
        gettext_noop(
            "As a beginner {s} spend{x} the first weeks learning each lift with light loads."
        ),
        gettext_noop(
            "As a beginner you will spend the first weeks learning each lift with light loads."
        ),
    ),
}


# --- Next steps ---------------------------------------------------------------------------


def _step(coach: str, client: str) -> tuple[str, str]:
    """A next step's words: the coach's and the client's (both translated when rendered)."""
    return coach, client


_STEPS: dict[str, tuple[str, str]] = {
    "doctor_treats_contraindication": _step(
        gettext_noop(
            "{P} doctor treats the condition; the program can start once the doctor clears {o}."
        ),
        gettext_noop("See your doctor; the program can start once they clear you."),
    ),
    "doctor_checks_symptoms": _step(
        gettext_noop("A doctor checks {p} symptoms before any exercise."),
        gettext_noop("A doctor checks the symptoms before any exercise."),
    ),
    "back_pain_review": _step(
        gettext_noop("A doctor checks {p} back pain; a physiotherapist signs {o} off."),
        gettext_noop("A doctor checks the back pain; a physiotherapist signs off."),
    ),
    "answer_parq": _step(
        gettext_noop("{S} answer{x} the seven PAR-Q+ questions."),
        gettext_noop("Answer the seven PAR-Q+ health questions."),
    ),
    "parq_clearance": _step(
        gettext_noop("{P} doctor clears {o} for exercise (PAR-Q+ follow-up)."),
        gettext_noop(
            "Ask your doctor to clear you for exercise (a follow-up to the PAR-Q+ questions)."
        ),
    ),
    "blood_pressure_control": _step(
        gettext_noop("{P} blood pressure is brought under control and a doctor clears {o}."),
        gettext_noop("Get your blood pressure under control and cleared by a doctor."),
    ),
    "review_after_fracture": _step(
        gettext_noop("Review {o} on or after {date}."),
        gettext_noop("Review on or after {date}."),
    ),
    "fracture_date_or_clearance": _step(
        gettext_noop("Record the fracture date or {p} doctor's clearance."),
        gettext_noop("Give the fracture date or a doctor's clearance."),
    ),
    "physio_after_vertebral_fracture": _step(
        gettext_noop("A physiotherapist signs {o} off before lifting after the fracture."),
        gettext_noop("A physiotherapist signs off before lifting after the fracture."),
    ),
    "impact_clearance": _step(
        gettext_noop("A clinician clears {o} for moderate impact (hops, low jumps)."),
        gettext_noop("Ask a clinician to clear moderate impact (hops, low jumps)."),
    ),
    "medical_review_vivifrail": _step(
        gettext_noop("A doctor reviews {o} before the program starts (R25)."),
        gettext_noop("A doctor reviews you before the program starts."),
    ),
    "physio_approves_lifts": _step(
        gettext_noop("A physiotherapist approves overhead pressing and deadlifts for {o} (R19)."),
        gettext_noop("A physiotherapist approves overhead pressing and deadlifts."),
    ),
}


# --- Public functions ---------------------------------------------------------------------


def _get(record: Record, name: str) -> Any:
    if isinstance(record, Mapping):
        return record.get(name)
    return getattr(record, name, None)


def _audience(audience: Audience) -> Audience:
    """Paper is read by the client: it gets her words."""
    return Audience.COACH if audience is Audience.COACH else Audience.CLIENT


def finding_text(finding: Record, audience: Audience, pronouns: Pronouns = THEY) -> str:
    """One finding in words for ``audience`` (the coach's with ``pronouns``).

    A finding with no ``code`` (an older document, an assessment finding) or an unknown one
    keeps its stored ``message``.
    """
    code = _get(finding, "code")
    render = _FINDINGS.get(str(code or ""))
    if render is None:
        return str(_get(finding, "message") or "")
    data = _get(finding, "data") or {}
    return render(_audience(audience))(data, pronouns)


def step_text(step: Record, audience: Audience, pronouns: Pronouns = THEY) -> str:
    """One next step in words for ``audience``; an unknown code keeps the stored text."""
    code = str(_get(step, "code") or "")
    if code not in _STEPS:
        return str(_get(step, "message") or code)
    coach, client = _STEPS[code]
    template = coach if _audience(audience) is Audience.COACH else client
    data = {k: v for k, v in dict(_get(step, "data") or {}).items() if isinstance(k, str)}
    return _(template).format(**{**data, **_forms(pronouns)})


def word_screening(screening: Screening) -> Screening:
    """The screening with each coded finding's ``message`` and the ``next_steps`` in the
    client's words (the plan and screening documents' public fields)."""
    findings = tuple(
        dataclasses.replace(f, message=finding_text(f, Audience.CLIENT)) if f.code else f
        for f in screening.findings
    )
    steps = tuple(step_text(s, Audience.CLIENT) for s in screening.steps)
    next_steps = steps if screening.steps else screening.next_steps
    return dataclasses.replace(screening, findings=findings, next_steps=next_steps)


def findings_for(
    findings: Iterable[Mapping[str, Any]], audience: Audience, pronouns: Pronouns = THEY
) -> list[dict[str, Any]]:
    """Stored findings (the JSON form) with ``message`` in the words of ``audience``."""
    return [
        {**f, "message": finding_text(f, audience, pronouns)} for f in findings if f is not None
    ]


def steps_for(
    screening: Mapping[str, Any], audience: Audience, pronouns: Pronouns = THEY
) -> list[str]:
    """A stored screening's next steps in the words of ``audience``.

    Documents from before steps had codes keep their stored ``next_steps`` text.
    """
    steps = screening.get("steps") or []
    if not steps:
        return [str(s) for s in screening.get("next_steps") or []]
    return [step_text(s, audience, pronouns) for s in steps]
