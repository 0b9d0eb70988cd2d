"""Her own equipment in words (issue 14): what the coach reads on her profile.

The description (``ClientProfile.equipment_details``) is written in her units; this module
says it back in one line, e.g. "dumbbells 2-20 kg in 2 kg steps; kettlebells 8, 12, 16 kg;
bar 15 kg, lightest plate pair 2 x 1.25 kg; bands: light, heavy".
"""

from __future__ import annotations

from osteoload.domain.profile import EquipmentDetails, LoadRange
from osteoload.domain.units import BandLevel
from osteoload.domain.vocabulary import Units

from .audience import _, gettext_noop


def _num(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _loads(loads: tuple[float, ...] | LoadRange, unit: str) -> str:
    if isinstance(loads, LoadRange):
        return _("{start}-{stop} {unit} in {step} {unit} steps").format(
            start=_num(loads.start), stop=_num(loads.stop), step=_num(loads.step), unit=unit
        )
    return "{weights} {unit}".format(weights=", ".join(_num(w) for w in loads), unit=unit)


BANDS = {
    BandLevel.EXTRA_LIGHT: gettext_noop("extra light"),
    BandLevel.LIGHT: gettext_noop("light"),
    BandLevel.MEDIUM: gettext_noop("medium"),
    BandLevel.HEAVY: gettext_noop("heavy"),
    BandLevel.EXTRA_HEAVY: gettext_noop("extra heavy"),
}


def equipment_text(details: EquipmentDetails | None, units: Units) -> str:
    """Her own loads in one line for the coach; a typical gym's when nothing is described."""
    if details is None:
        return _("Not described (a typical gym's weights are assumed)")
    unit = units.value
    parts: list[str] = []
    if details.dumbbells is not None:
        parts.append(_("dumbbells {loads}").format(loads=_loads(details.dumbbells, unit)))
    if details.kettlebells is not None:
        parts.append(_("kettlebells {loads}").format(loads=_loads(details.kettlebells, unit)))
    if details.barbell_bar is not None:
        bar = _("bar {bar} {unit}").format(bar=_num(details.barbell_bar), unit=unit)
        if details.barbell_smallest_plate is not None:
            bar += _(", lightest plate pair 2 x {plate} {unit}").format(
                plate=_num(details.barbell_smallest_plate), unit=unit
            )
        if details.barbell_max is not None:
            bar += _(", up to {heaviest} {unit}").format(
                heaviest=_num(details.barbell_max), unit=unit
            )
        parts.append(bar)
    if details.machine_step is not None:
        stack = _("machine stack in {step} {unit} steps").format(
            step=_num(details.machine_step), unit=unit
        )
        if details.machine_first is not None:
            stack += _(" from {first} {unit}").format(first=_num(details.machine_first), unit=unit)
        if details.machine_max is not None:
            stack += _(" to {heaviest} {unit}").format(
                heaviest=_num(details.machine_max), unit=unit
            )
        parts.append(stack)
    if details.bands:
        parts.append(
            _("bands: {bands}").format(bands=", ".join(_(BANDS[b]) for b in details.bands))
        )
    if not parts:
        return _("Not described (a typical gym's weights are assumed)")
    described = (
        details.dumbbells,
        details.kettlebells,
        details.barbell_bar,
        details.machine_step,
        details.bands,
    )
    text = "; ".join(parts)
    if any(d is None for d in described):
        text += _("; a typical gym's for the rest")
    return text
