"""A coach who works in Spanish (issue 20 item 2): the messages of the coach's views and the
program review's exercise names and reasons are in her language; in English nothing changed."""

from __future__ import annotations

import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation

from osteoload.services import clock, coaching, i18n

from .test_spanish_pages import visible_text

pytestmark = pytest.mark.django_db


def spanish_coach(world):  # noqa: ANN201 - a test helper
    i18n.set_account_language(world.alice.user, "es")
    return world.alice.browser()


def said(response) -> list[str]:  # noqa: ANN001 - a test helper
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_the_program_review_names_the_exercises_in_spanish(world):
    url = reverse("coach-program", args=[world.bob_id, world.bob_program])
    text = visible_text(spanish_coach(world).get(url).content.decode())
    assert "Calentamiento caminando suave" in text
    assert "Easy walking warm-up" not in text
    assert not re.search(r"\bSit to stand\b", text)


def test_the_program_review_stays_english_in_english(world):
    url = reverse("coach-program", args=[world.bob_id, world.bob_program])
    text = visible_text(world.alice.browser().get(url).content.decode())
    assert "Easy walking warm-up" in text


def test_the_coachs_messages_are_in_spanish(world):
    coach = spanish_coach(world)
    response = coach.post(reverse("coach-resume", args=[world.bob_id]), follow=False)
    assert said(response) == ["Pausa levantada: ya puede volver a registrar sesiones."]
    response = coach.post(reverse("coach-program-assign", args=[world.bob_id, world.bob_program]),
                          {"version": "99"})  # fmt: skip
    assert said(response)[-1] == (
        "Otra persona lo ha cambiado desde que usted lo abrió: el programa ha cambiado o ya se "
        "ha asignado, así que no se ha asignado ahora. Revíselo de nuevo antes de asignarlo."
    )


def test_the_coachs_messages_stay_english_in_english(world):
    response = world.alice.browser().post(
        reverse("coach-program-assign", args=[world.bob_id, world.bob_program]), {"version": "99"}
    )
    assert said(response) == [
        "Changed by someone else since you opened it: the program was changed or assigned, so "
        "it was not assigned now. Look at it again before assigning it."
    ]


def test_the_coachs_forms_are_in_spanish(world):
    coach = spanish_coach(world)
    intake = visible_text(coach.get(reverse("coach-client-new")).content.decode())
    for words in ("Sobre el cliente", "Caídas en los últimos 12 meses", "Material disponible",
                  "Ninguna fractura", "Preguntas de salud del PAR-Q+"):  # fmt: skip
        assert words in intake, words
    for english in ("About the client", "Falls in the last 12 months", "Equipment available"):
        assert english not in intake, english
    url = reverse("coach-program-generate", args=[world.bob_id])
    generate = visible_text(coach.get(url).content.decode())
    assert "Número de semanas" in generate and "De 1 a 52; lo habitual es 12." in generate
    assert "Number of weeks" not in generate


def test_form_errors_name_the_field_and_limit_in_spanish():
    from django.utils import translation

    from osteoload.web import forms

    from .test_forms import _range_issue

    issue = _range_issue("fractures[0].year", {"fractures": [{"site": "wrist", "year": 1800}]})
    with translation.override("es"):
        form = forms.bind(forms.INTAKE_SECTIONS, {}, [issue], fractures=True)
    ((_anchor, message),) = form.summary
    assert message.startswith("Fractura 1, ") and " es menor que " in message
    with translation.override("en"):
        form = forms.bind(forms.INTAKE_SECTIONS, {}, [issue], fractures=True)
    assert form.summary[0][1].startswith("Fracture 1, year: 1800 is below ")


def test_the_token_form_is_in_spanish_and_unchanged_in_english(world):
    spanish_page = visible_text(spanish_coach(world).get(reverse("settings")).content.decode())
    for words in ("Nombre del token", "Al cabo de 30 días", "Sin caducidad",
                  "como máximo"):  # fmt: skip
        assert words in spanish_page, words
    assert "After 30 days" not in spanish_page and "Name of the token" not in spanish_page
    i18n.set_account_language(world.alice.user, "en")
    english = visible_text(world.alice.browser().get(reverse("settings")).content.decode())
    assert "After 7 days" in english and 'for example "phone app"' in english


def test_the_reasons_follow_the_readers_language_whoever_read_them_first(world):
    """Her next prescriptions are kept in the cache as the engine's decisions; the reasons
    are worded for each reader: the coach reading in Spanish after an English reading (which
    computed and kept them) gets Spanish reasons, and English again after her."""
    url = reverse("coach-program", args=[world.bob_id, world.bob_program])
    english = visible_text(world.alice.browser().get(url).content.decode())
    day = clock.today()
    nxt = coaching.next_for_client(world.alice.user, world.bob_id, today=day)
    assert nxt is not None
    reasons = {i.reason for i in nxt.prescriptions.items if i.reason}
    assert reasons and all(r in english for r in reasons)
    with translation.override("es"):
        nxt = coaching.next_for_client(world.alice.user, world.bob_id, today=day)
        assert nxt is not None
        razones = {i.reason for i in nxt.prescriptions.items if i.reason}
    assert razones and not razones & reasons
    spanish = visible_text(spanish_coach(world).get(url).content.decode())
    assert all(r in spanish for r in razones)
    assert not any(r in spanish for r in reasons)
