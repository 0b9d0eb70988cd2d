"""Every load label the engine writes (R18's rounded loads: bar and plates, dumbbells,
kettlebells, the machine stack, bands, body weight, and why no load fits) is said in the
reader's language with its figures unchanged (issue 20)."""

from __future__ import annotations

import re

from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from osteoload.domain.units import LoadKind, round_load_down
from osteoload.domain.vocabulary import Units
from osteoload.wording.dose import Dose, DoseKind, load_words
from osteoload.wording.loads import load_label_words
from osteoload.wording.notes import note_words

FIGURES = re.compile(r"\d+(?:\.\d+)?")


@settings(max_examples=300, deadline=None)
@given(
    target=st.floats(min_value=0, max_value=400, allow_nan=False),
    kind=st.sampled_from(tuple(LoadKind)),
    units=st.sampled_from(tuple(Units)),
)
def test_every_engine_load_label_is_said_in_spanish(
    target: float, kind: LoadKind, units: Units
) -> None:
    label = round_load_down(target, kind, units=units).label
    assert load_label_words(label) == label  # English: as the engine wrote it
    with translation.override("es"):
        said = load_label_words(label)
    assert said != label, f"not recognised: {label!r}"
    assert FIGURES.findall(said) == FIGURES.findall(label)


def test_spanish_loads_read_naturally() -> None:
    with translation.override("es"):
        assert load_label_words("40 kg (20 kg bar + 10 kg a side)") == (
            "40 kg (barra de 20 kg + 10 kg por lado)"
        )
        assert load_label_words("12 kg dumbbell (the heaviest available)") == (
            "mancuerna de 12 kg (la más pesada disponible)"
        )
        assert load_label_words("medium band (about 5 kg)") == "banda media (unos 5 kg)"


def test_today_and_notes_use_the_words() -> None:
    """The dose's load and an item's note go through the same words."""
    with translation.override("es"):
        dose = Dose(kind=DoseKind.REPS, sets=2, per_set=10, total=None, minutes=None,
                    load_kg=25.0, load_display="25 kg on the stack", intensity_pct_1rm=None,
                    target_rpe=7.0, rest_s=90)  # fmt: skip
        assert load_words(dose, "kg") == "25 kg en la pila"
        note = "lighter than the lightest dumbbell (2 kg): use the regression or body weight"
        assert note_words(note).startswith("más ligero que la mancuerna más ligera (2 kg)")
    assert load_label_words("something else") == "something else"
