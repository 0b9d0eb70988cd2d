"""Exercise names from other apps mapped to catalogue ids.

First a catalogue id as written, then ``osteoload/data/exercise_aliases.yaml``, then the
catalogue's own names and ids, each after :func:`normalise_name`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from functools import cache

from osteoload.data.loader import read_yaml
from osteoload.domain.catalogue import Catalogue

from ..catalogue import get_catalogue


def normalise_name(name: str) -> str:
    """An exercise name reduced for matching: lower case ASCII words, plural "s" dropped.

    ``"Bent-Over Rows (Dumbbells)"`` -> ``"bent over row dumbbell"``.
    """
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", text.lower().replace("'", ""))
    return " ".join(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w
                    for w in words)  # fmt: skip


@cache
def exercise_aliases() -> Mapping[str, str]:
    """Normalised export name -> catalogue id, from ``data/exercise_aliases.yaml``.

    Raises ``ValueError`` when the file names an exercise the catalogue does not have (a
    packaging error, caught by the tests).
    """
    raw = read_yaml("exercise_aliases.yaml")
    catalogue = get_catalogue()
    out: dict[str, str] = {}
    bad = []
    for name, exercise_id in raw["aliases"].items():
        if exercise_id not in catalogue:
            bad.append(f"{name!r} -> {exercise_id!r}")
        out[normalise_name(str(name))] = str(exercise_id)
    if bad:
        raise ValueError("exercise_aliases.yaml names unknown exercises: " + "; ".join(bad))
    return out


@cache
def _catalogue_names() -> Mapping[str, str]:
    catalogue = get_catalogue()
    out: dict[str, str] = {}
    for exercise in catalogue.values():
        out.setdefault(normalise_name(exercise.name), exercise.id)
        out.setdefault(normalise_name(exercise.id.replace("_", " ")), exercise.id)
    return out


def map_exercise_name(
    name: str,
    *,
    aliases: Mapping[str, str] | None = None,
    catalogue: Catalogue | None = None,
) -> str | None:
    """The catalogue id for an exercise name from another app, or ``None``.

    Tries, in order: a catalogue id as written; the alias table; the catalogue's names and
    ids, all after :func:`normalise_name`.
    """
    catalogue = catalogue or get_catalogue()
    text = name.strip()
    if text in catalogue:
        return text
    key = normalise_name(text)
    if not key:
        return None
    table = exercise_aliases() if aliases is None else aliases
    if key in table:
        return table[key]
    return _catalogue_names().get(key)
