"""Exercise pictures (start and end positions) as SVG files for the pages' ``<img>``.

The pictures are the same for everyone and hold no health data: they are served to anyone,
with a strong ETag and ``Cache-Control: public`` for a year (the address carries the
picture's digest, so a new drawing gets a new address). The SVG holds no script, no style
attribute and no external reference, so it passes the site's Content-Security-Policy.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import get_conditional_response
from django.utils.http import quote_etag
from django.views.decorators.http import require_safe

from osteoload.services import exercise_pictures
from osteoload.services.catalogue import get_catalogue
from osteoload.services.errors import InputError
from osteoload.wording.catalogue import exercise_words

from ..security import mark_public
from .common import client_view

#: A year: the address changes whenever the picture does.
MAX_AGE_S = 365 * 24 * 3600
SVG = "image/svg+xml"


@require_safe
def exercise_picture(request: HttpRequest, exercise_id: str, position: str) -> HttpResponse:
    """``/pictures/<exercise_id>/<start|end>.svg``; 404 for an unknown exercise or position,
    304 when the browser's copy (``If-None-Match``) is still this picture."""
    if not exercise_pictures.is_position(position):
        raise Http404
    try:
        picture = exercise_pictures.picture_file(exercise_id, position)
    except InputError:
        raise Http404 from None
    etag = quote_etag(picture.etag)
    response = get_conditional_response(request, etag=etag)
    if response is None:
        response = HttpResponse(picture.data, content_type=SVG)
        response["X-Content-Type-Options"] = "nosniff"
    response["ETag"] = etag
    response["Cache-Control"] = f"public, max-age={MAX_AGE_S}, immutable"
    return mark_public(response)


@client_view
@require_safe
def client_how_to(request: HttpRequest, client_id: int, exercise_id: str) -> HttpResponse:
    """Her how-to page for one exercise: both pictures, large, with the catalogue's cues and
    reason in her language; 404 for an exercise the catalogue does not have."""
    exercise = get_catalogue().get(exercise_id)
    if exercise is None:
        raise Http404
    return render(
        request,
        "osteoload/client/how_to.html",
        {
            "exercise_id": exercise.id,
            "name": exercise_words(exercise.name),
            "cues": [exercise_words(cue) for cue in exercise.cues],
            "why": exercise_words(exercise.why),
        },
    )
