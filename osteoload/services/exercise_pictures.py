"""Exercise pictures for the pages: the start and end position of an exercise as SVG, with
their text alternatives in the active language.

The drawings are :mod:`.illustrations`' (the same as the booklet's and ``osteoload
illustrations``'); this module adds what a web page needs: the bytes and a strong
validator (ETag) for a cached response, and the alt text of each position from the wording
layer. The pictures are the same for everyone and hold no health data, so they may be
cached by the browser and any proxy.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache

from osteoload.wording.catalogue import exercise_words
from osteoload.wording.pictures import pictures_label, position_alt, position_caption

from .catalogue import get_catalogue
from .errors import InputError
from .illustrations import POSITIONS, Position, exercise_ids, exercise_svg, position_words


@dataclass(frozen=True, slots=True)
class PictureFile:
    """One position's SVG document and its validator."""

    data: bytes
    etag: str
    """A digest of the bytes (also used in the picture's address, so an address never
    changes its picture and may be cached for a long time)."""


@dataclass(frozen=True, slots=True)
class PositionPicture:
    position: str
    version: str
    alt: str
    caption: str


@dataclass(frozen=True, slots=True)
class ExercisePictures:
    """What a page shows for one exercise: both positions, and a name for the pair."""

    exercise_id: str
    label: str
    positions: tuple[PositionPicture, ...]


def is_position(value: str) -> bool:
    return value in POSITIONS


@cache
def picture_file(exercise_id: str, position: Position) -> PictureFile:
    """The SVG of one position; :class:`~.errors.InputError` for an unknown exercise or
    position (the page answers 404)."""
    data = exercise_svg(exercise_id, position).encode("utf-8")
    return PictureFile(data, hashlib.sha256(data).hexdigest()[:16])


@cache
def _illustrated() -> frozenset[str]:
    return frozenset(exercise_ids())


def pictures_for(exercise_id: str) -> ExercisePictures | None:
    """The pictures of ``exercise_id`` with their alt text in the active language; ``None``
    when the exercise has no drawing (an id an older program still names)."""
    if exercise_id not in _illustrated():
        return None
    name = exercise_words(get_catalogue()[exercise_id].name)
    positions = []
    for position in POSITIONS:
        try:
            version = picture_file(exercise_id, position).etag
        except InputError:
            return None
        positions.append(
            PositionPicture(
                position=position,
                version=version,
                alt=position_alt(name, position, position_words(exercise_id, position)),
                caption=position_caption(position),
            )
        )
    return ExercisePictures(exercise_id, pictures_label(name), tuple(positions))
