"""Her own equipment as the engine's :class:`~osteoload.domain.units.EquipmentProfile`.

A profile may describe the loads she owns (``ClientProfile.equipment_details``, in her
units): a home client with dumbbells in 2 kg steps, a few kettlebells, a light bar and one
pair of plates. :func:`equipment_profile` turns that description into the equipment every
rounding and progression step uses (R18: loads are rounded down to loads that exist, and a
step up is the next load she owns). What is not described keeps the typical gym of
:mod:`osteoload.domain.units` (our assumption, not a clinical number).
"""

from __future__ import annotations

from dataclasses import replace

from .profile import ClientProfile, EquipmentDetails, LoadRange
from .units import DEFAULT_EQUIPMENT, EquipmentProfile, GymLoads, Run
from .vocabulary import Units

#: Digits kept when a range is expanded into single loads (removes float noise: 0.1 + 0.2).
_DIGITS = 6


def loads_in(loads: tuple[float, ...] | LoadRange) -> tuple[float, ...]:
    """Every load of a list or a range, lightest first, each once."""
    if isinstance(loads, LoadRange):
        count = int((loads.stop - loads.start) / loads.step + 1e-9)
        values = [round(loads.start + k * loads.step, _DIGITS) for k in range(count + 1)]
        return tuple(sorted(set(values)))
    return tuple(sorted(set(loads)))


def _runs(loads: tuple[float, ...] | LoadRange) -> tuple[Run, ...]:
    if isinstance(loads, LoadRange):
        return (Run(start=loads.start, step=loads.step, stop=loads.stop),)
    return tuple(Run(start=w, step=w, stop=w) for w in loads_in(loads))


def own_gym(details: EquipmentDetails, base: GymLoads) -> GymLoads:
    """``base`` (a typical gym in her units) with what ``details`` describes replaced."""
    gym = base
    if details.dumbbells is not None:
        gym = replace(gym, dumbbells=_runs(details.dumbbells))
    if details.kettlebells is not None:
        gym = replace(gym, kettlebells=loads_in(details.kettlebells))
    if details.barbell_bar is not None:
        gym = replace(gym, barbell_bar=details.barbell_bar)
    if details.barbell_smallest_plate is not None:
        gym = replace(gym, barbell_smallest_plate=details.barbell_smallest_plate)
    if details.barbell_max is not None:
        gym = replace(gym, barbell_max=details.barbell_max)
    if details.machine_step is not None:
        gym = replace(gym, machine_step=details.machine_step)
    if details.machine_max is not None:
        gym = replace(gym, machine_max=details.machine_max)
    if details.machine_first is not None:
        # a stack starting above the typical gym's heaviest plate goes at least that far
        gym = replace(
            gym,
            machine_first=details.machine_first,
            machine_max=max(gym.machine_max, details.machine_first),
        )
    return gym


def equipment_profile(profile: ClientProfile) -> EquipmentProfile:
    """The equipment her loads are rounded to and stepped on (R18).

    ``profile.equipment_details`` (in ``profile.units``) replaces the typical gym's
    dumbbells, kettlebells, barbell, machine stack and bands where it describes them; with
    no description the answer is :data:`~osteoload.domain.units.DEFAULT_EQUIPMENT`.
    Bands keep their approximate kg equivalents; only the strengths she owns remain.
    """
    details = profile.equipment_details
    if details is None:
        return DEFAULT_EQUIPMENT
    equipment = DEFAULT_EQUIPMENT
    if profile.units is Units.KG:
        equipment = replace(equipment, kg=own_gym(details, equipment.kg))
    else:
        equipment = replace(equipment, lb=own_gym(details, equipment.lb))
    if details.bands:
        owned = set(details.bands)
        equipment = replace(equipment, bands=tuple(b for b in equipment.bands if b.level in owned))
    return equipment
