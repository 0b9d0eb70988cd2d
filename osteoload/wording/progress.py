"""The progress page's words, for the coach and for the client.

The charts (``osteoload.web.progress_charts``) draw the numbers; this module says what they
mean. The coach reads the technical terms (1RM, region-sets, the tests' norms with their
sources such as STEADI or EWGSOP2, the least significant change) and third-person sentences
with the client's pronoun; the client reads plain words addressed to her: a test is named
by what she did, a norm by what it means for her.

Inputs are the plain JSON forms :func:`osteoload.services.progress.progress_series` returns
(a functional test result, a DXA change, a BMD projection).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .audience import SHE, Audience, Pronouns, _
from .dxa import dxa_verdict
from .projection import assumptions


def _coach(audience: Audience) -> bool:
    return audience is Audience.COACH


def _g(value: Any, places: int | None = None) -> str:
    number = float(value or 0)
    return f"{number:.{places}f}" if places is not None else f"{number:g}"


# --- Headings and introductions ----------------------------------------------------------


def strength_heading(audience: Audience) -> tuple[str, str]:
    """(heading, introduction) of the strength charts."""
    if _coach(audience):
        return (
            _("Strength: estimated 1RM per key lift"),
            _(
                "Best reliable estimate per day from logged sets (load, reps and RPE); no "
                "maximum testing."
            ),
        )
    return (
        _("Your strength"),
        _(
            "The most you could probably lift once, worked out from the sets you logged. "
            "Nobody tests a maximum lift."
        ),
    )


def sets_summary(total: int, weeks: int, busiest: str, audience: Audience) -> str:
    """The summary under the weekly sets chart (sets counted once per region worked)."""
    if not total:
        return _("No strength sets logged in these weeks.")
    if _coach(audience):
        return _(
            "{total} region-sets over {weeks} weeks; most for {busiest}. A squat counts for "
            "both hips and legs."
        ).format(total=total, weeks=weeks, busiest=busiest.lower())
    return _(
        "Over {weeks} weeks your sets worked a body region {total} times in all, most often "
        "your {busiest}. One set can work more than one region: a squat works both your hips "
        "and your legs."
    ).format(total=total, weeks=weeks, busiest=busiest.lower())


def tests_heading(audience: Audience) -> tuple[str, str]:
    if _coach(audience):
        return (
            _("Functional tests against their norms"),
            _("Circle: within the norm; square: below average; triangle: risk range."),
        )
    return (
        _("Your check-up tests"),
        _(
            "Each point is one test day. A circle is a good result, a square is below average "
            "and a triangle needs work."
        ),
    )


def scans_heading(audience: Audience) -> tuple[str, str]:
    if _coach(audience):
        return (
            _("DXA scans and the least significant change"),
            _(
                "Grey band: first scan ± the least significant change (LSC, R29); a later scan "
                "outside it is a real change."
            ),
        )
    return (
        _("Your bone scans"),
        _(
            "Bone changes slowly. The grey band shows how much a scan can vary by itself; only "
            "a change outside it is a real change."
        ),
    )


def projection_heading(months: int, audience: Audience) -> tuple[str, str]:
    if _coach(audience):
        return (
            _("Bone density projection"),
            _(
                "Expected % change over {months} months per scenario; shaded: the range for "
                "the average result; grey: the scan's least significant change."
            ).format(months=months),
        )
    return (
        _("Where your bones may be heading"),
        _(
            "These are ranges for the average person in your situation, not a promise. Your "
            "own result can differ."
        ),
    )


# --- Functional tests ----------------------------------------------------------------------


def _client_test_names() -> dict[str, str]:
    return {
        "tug_s": _("Standing up, walking 3 metres and back"),
        "chair_stand_30s": _("Standing up from a chair for 30 seconds"),
        "five_sts_s": _("Standing up from a chair five times"),
        "single_leg_stance_s": _("Standing on one leg"),
        "gait_speed_m_s": _("Walking speed"),
        "grip_kg": _("Grip strength"),
        "sppb": _("Balance, walking and standing-up tests"),
        "asm_kg_m2": _("Muscle mass"),
    }


def _client_units() -> dict[str, str]:
    return {
        "s": _("seconds"),
        "m/s": _("metres a second"),
        "stands": _("stands"),
        "kg": _("kg"),
        "points": _("points out of 12"),
        "kg/m2": _("kg per square metre of height"),
    }


def result_name(result: Mapping[str, Any], audience: Audience) -> str:
    """The test's name: its clinical name for the coach, what she did for the client."""
    if _coach(audience):
        return str(result.get("name", ""))
    key = str(result.get("key", ""))
    return _client_test_names().get(key, str(result.get("name", "")))


def result_unit(result: Mapping[str, Any], audience: Audience) -> str:
    unit = str(result.get("unit", ""))
    return unit if _coach(audience) else _client_units().get(unit, unit)


def result_description(result: Mapping[str, Any], audience: Audience) -> str:
    """The chart's description (read by screen readers)."""
    name, unit = result_name(result, audience), result_unit(result, audience)
    if _coach(audience):
        return _("{name} over time, in {unit}. Norm: {norm}.").format(
            name=name, unit=unit, norm=result.get("norm", "")
        )
    return _("{name} over time, in {unit}.").format(name=name, unit=unit)


def _client_test_summary(key: str, status: str, value: Any) -> str:
    v = _g(value)
    risk, below = status == "risk", status == "below"
    if key == "tug_s":
        if risk:
            return _(
                "Taking {v} seconds to stand up, walk 3 metres and back suggests a higher risk "
                "of falling."
            ).format(v=v)
        if below:
            return _(
                "{v} seconds is slower than average for your age, but not in the range that "
                "means a risk of falling."
            ).format(v=v)
        return _("{v} seconds is a good result: no sign of a risk of falling.").format(v=v)
    if key == "chair_stand_30s":
        if risk:
            return _(
                "{v} stands in 30 seconds is below average for your age: your legs need "
                "strengthening, and stronger legs lower the risk of falling."
            ).format(v=v)
        return _("{v} stands in 30 seconds is a good result for your age.").format(v=v)
    if key == "five_sts_s":
        if risk:
            return _(
                "Standing up five times took {v} seconds: your legs are weaker than they "
                "should be, and training builds them up."
            ).format(v=v)
        return _("Standing up five times took {v} seconds: your legs are strong enough.").format(
            v=v
        )
    if key == "single_leg_stance_s":
        if risk:
            return _(
                "You stood on one leg for {v} seconds: your balance needs work to prevent falls."
            ).format(v=v)
        if below:
            return _(
                "You stood on one leg for {v} seconds: a little below average for your age."
            ).format(v=v)
        return _("You stood on one leg for {v} seconds: good balance for your age.").format(v=v)
    if key == "gait_speed_m_s":
        speed = _g(value, 2)
        if risk:
            return _(
                "You walked at {v} metres a second: slow enough to raise the risk of falling."
            ).format(v=speed)
        if below:
            return _("You walked at {v} metres a second: a little slow.").format(v=speed)
        return _("You walked at {v} metres a second: a normal speed.").format(v=speed)
    if key == "grip_kg":
        if risk:
            return _("Your grip of {v} kg is low: your muscles need building up.").format(v=v)
        return _("Your grip of {v} kg is in the normal range.").format(v=v)
    if key == "sppb":
        points = int(float(value or 0))
        if risk:
            return _(
                "{v} points out of 12: your strength and balance are low, and training can "
                "improve them."
            ).format(v=points)
        if below:
            return _("{v} points out of 12: a little below full strength and balance.").format(
                v=points
            )
        return _("{v} points out of 12: good strength and balance.").format(v=points)
    if key == "asm_kg_m2":
        if risk:
            return _("Your muscle mass is low: strength training helps build it.")
        return _("Your muscle mass is in the normal range.")
    if risk:
        return _("This result needs work.")
    return _("A good result.") if not below else _("A little below average.")


def result_summary(result: Mapping[str, Any], audience: Audience, pronouns: Pronouns = SHE) -> str:
    """What the latest result means: the engine's interpretation and norm for the coach (in
    the third person with her pronoun), plain words addressed to her for the client."""
    if _coach(audience):
        text = str(result.get("interpretation", ""))
        text = _about(text, pronouns)
        return _("{text} Norm: {norm}.").format(text=text, norm=result.get("norm", ""))
    return _client_test_summary(
        str(result.get("key", "")), str(result.get("status", "")), result.get("value")
    )


# --- Scans and the projection ----------------------------------------------------------


def scan_change(change: Mapping[str, Any], site: str, audience: Audience) -> str:
    """The change since the first scan at ``site`` (its name in words), judged against the
    least significant change (R29)."""
    if _coach(audience):
        return dxa_verdict(change)
    direction = change.get("direction")
    pct = float(change.get("change_pct") or 0)
    values = {"site": site.lower(), "pct": f"{pct:+.1f}"}
    if direction == "not_comparable":
        return _(
            "These scans of your {site} were made on different kinds of scanner, so they "
            "cannot be compared directly."
        ).format(**values)
    if direction == "gain":
        return _(
            "A real gain at your {site}: {pct} %, more than a scan can vary by itself."
        ).format(**values)
    if direction == "loss":
        return _(
            "A real loss at your {site}: {pct} %, more than a scan can vary by itself. Talk "
            "it over with your coach or doctor."
        ).format(**values)
    return _(
        "No real change at your {site}: the difference ({pct} %) is within what a scan can "
        "vary by itself."
    ).format(**values)


def medication_note(
    medicine: str, source: str, audience: Audience, pronouns: Pronouns = SHE
) -> str:
    """What the medicine lines of the projection assume."""
    if _coach(audience):
        if source == "profile":
            return _(" The medicine lines assume {medicine}, which {s} takes.").format(
                medicine=medicine, s=pronouns.subject
            )
        return _(" The medicine lines assume {medicine}, as an example of a bone medicine.").format(
            medicine=medicine
        )
    if source == "profile":
        return _(" The medicine lines show your {medicine}.").format(medicine=medicine)
    return _(" The medicine lines show what {medicine} would add.").format(medicine=medicine)


_SHE = re.compile(r"\b(She|she|Her|her)\b")


def _about(text: str, pronouns: Pronouns) -> str:
    """An engine sentence written about "her", with the client's own pronoun.

    A functional test's interpretation is still a sentence, not a code; until it is, the
    coach reads it with his or her pronoun put in ("her" is possessive in all of them).
    """
    if pronouns == SHE:
        return text
    forms = {"she": pronouns.subject, "her": pronouns.possessive}
    return _SHE.sub(
        lambda m: (
            pronouns.cap(forms[m.group(1).lower()])
            if m.group(1)[0].isupper()
            else forms[m.group(1).lower()]
        ),
        text,
    )


def projection_notes(
    projection: Mapping[str, Any], audience: Audience, pronouns: Pronouns = SHE
) -> list[str]:
    """The notes under the projection: the engine's assumptions (its coded ``notes``) for the
    coach; for the client, what the ranges rest on in plain words."""
    if _coach(audience):
        return assumptions(projection.get("notes") or [], pronouns)
    notes = [
        _(
            "The ranges come from studies of people in a situation like yours; they show where "
            "the average result falls, and your own result can differ."
        ),
        _(
            "Training helps bone most in its first year. Its biggest gains are in strength and "
            "balance, which make falls and broken bones less likely."
        ),
        _(
            "A bone scan can vary a little by itself, so a small change may not show on your "
            "next scan even when it is there."
        ),
    ]
    if projection.get("medication_source") == "profile":
        notes.append(
            _(
                "The medicine line shows the usual first-year gain; after more than a year on "
                "a medicine, further gains are usually smaller."
            )
        )
    return notes
