"""Use cases around the exercise catalogue."""

from __future__ import annotations

from functools import cache

from osteoload.data.loader import load_catalogue
from osteoload.domain.catalogue import Catalogue
from osteoload.domain.vocabulary import KEY_LIFT_IDS, Component


def get_catalogue() -> Catalogue:
    return load_catalogue()


@cache
def strength_exercise_ids() -> frozenset[str]:
    """Ids a profile's ``strength`` entries may name: every loadable resistance exercise."""
    catalogue = load_catalogue()
    ids = {
        e.id
        for e in catalogue.values()
        if e.component is Component.RESISTANCE and e.loadable and not e.tags
    }
    return frozenset(ids | set(KEY_LIFT_IDS))
