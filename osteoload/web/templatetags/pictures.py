"""``{% exercise_pictures exercise_id %}``: an exercise's start and end pictures, each an
``<img>`` loaded lazily from the cached picture view, with its alt text from the wording
layer; nothing for an exercise that has no drawing.

``size`` is ``small``, ``medium`` (the default) or ``large``.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from osteoload.services.exercise_pictures import pictures_for

register = template.Library()

#: Pixels of each picture by size (the ``<img>``'s width and height, so nothing shifts as
#: the pictures arrive).
SIZES = {"small": 72, "medium": 128, "large": 192}


@register.inclusion_tag("osteoload/includes/exercise_pictures.html")
def exercise_pictures(
    exercise_id: str, size: str = "medium", eager: bool = False
) -> dict[str, Any]:
    pictures = pictures_for(str(exercise_id))
    if pictures is None:
        return {"pictures": None}
    px = SIZES.get(size, SIZES["medium"])
    return {
        "pictures": pictures,
        "size": size if size in SIZES else "medium",
        "px": px,
        "loading": "eager" if eager else "lazy",
        "images": [
            {
                "src": reverse("exercise-picture", args=[pictures.exercise_id, p.position])
                + f"?v={p.version}",
                "alt": p.alt,
                "caption": p.caption,
            }
            for p in pictures.positions
        ],
    }
