"""A Spanish-speaking client uses her pages in Spanish (issue 20): the language is hers (set
by her coach or by her), wins over the browser's, and anonymous pages follow Accept-Language."""

from __future__ import annotations

import html
import re

import pytest
from django.urls import reverse

from osteoload.services import i18n
from osteoload.services.errors import InputError

pytestmark = pytest.mark.django_db

#: Sentences of her pages in English that must not be left on a Spanish page.
ENGLISH = (
    "Today's exercises", "How to do it", "Not feeling right?", "Tell us how you feel",
    "How are you feeling?", "I’m fine", "My progress", "My booklet", "Log out", "Why:",
    "How many times", "Any pain", "Well done", "Settings", "no pain", "worst pain",
    "Your strength", "Your weeks", "Balance practice per week", "Send", "Choose a weight",
)  # fmt: skip


def visible_text(page: str) -> str:
    page = re.sub(r"(?s)<(script|style|head)\b.*?</\1>", " ", page)
    return html.unescape(re.sub(r"<[^>]+>", "\n", page))


def spanish(world):  # noqa: ANN201 - a test helper
    i18n.set_client_language(world.alice.user, world.bob_id, "es")
    return world.bob.browser()


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("client-today", ["Ejercicios de hoy", "Cómo hacerlo", "Por qué:", "¿No se encuentra bien?",
                          "Calentamiento", "de noviembre", "Dolor, de 0 a 10", "0: sin dolor"]),
        ("client-feeling", ["¿Cómo se encuentra?", "Estoy bien", "Tengo o he tenido:",
                            "Dolor, presión u opresión en el pecho", "Enviar"]),
        ("client-progress", ["Mi progreso", "Su fuerza", "Sus semanas", "Sus densitometrías"]),
        ("client-documents", ["Mi programa en papel", "Mi cuaderno (PDF)"]),
        ("settings", ["Ajustes", "Mi idioma", "Guardar el idioma", "Cerrar sesión"]),
    ],
)  # fmt: skip
def test_her_pages_are_in_spanish(world, page, expected):
    response = spanish(world).get(reverse(page))
    assert response.status_code == 200
    assert response["Content-Language"] == "es"
    content = response.content.decode()
    assert '<html lang="es">' in content
    text = visible_text(content)
    for words in expected:
        assert words in text, words
    left = [s for s in ENGLISH if re.search(rf"(?<![\w’']){re.escape(s)}(?![\w])", text)]
    assert left == []


def test_her_exercises_are_named_in_spanish(world):
    text = visible_text(spanish(world).get(reverse("client-today")).content.decode())
    assert "Calentamiento caminando suave" in text
    assert "Easy walking warm-up" not in text


def test_her_setting_wins_over_the_browser(world):
    browser = spanish(world)
    page = browser.get(reverse("client-today"), HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert "Ejercicios de hoy" in page.content.decode()
    i18n.set_client_language(world.alice.user, world.bob_id, "")  # back to the browser's
    page = browser.get(reverse("client-today"), HTTP_ACCEPT_LANGUAGE="es-ES,es;q=0.9")
    assert "Ejercicios de hoy" in page.content.decode()
    page = browser.get(reverse("client-today"), HTTP_ACCEPT_LANGUAGE="en-GB")
    assert "Today's exercises" in page.content.decode()


def test_she_chooses_her_language_in_her_settings(world):
    browser = world.bob.browser()
    response = browser.post(reverse("settings-language"), {"language": "es"})
    assert response.status_code == 302
    page = browser.get(response["Location"]).content.decode()
    assert "Idioma guardado." in page and '<option value="es" lang="es" selected>' in page
    assert "Ejercicios de hoy" in browser.get(reverse("client-today")).content.decode()
    browser.post(reverse("settings-language"), {"language": "en"})
    assert "Today's exercises" in browser.get(reverse("client-today")).content.decode()


def test_her_coach_sets_her_language_and_another_coach_cannot(world):
    coach = world.alice.browser()
    url = reverse("coach-client-language", args=[world.bob_id])
    assert "Idioma" not in coach.get(url).content.decode()  # the coach's page stays English
    assert coach.post(url, {"language": "es"}).status_code == 302
    assert "Ejercicios de hoy" in world.bob.browser().get(reverse("client-today")).content.decode()
    other = world.carol.browser()
    assert other.post(url, {"language": "en"}).status_code == 404
    assert "Ejercicios de hoy" in world.bob.browser().get(reverse("client-today")).content.decode()


def test_an_unknown_language_is_refused_and_nothing_is_saved(world):
    with pytest.raises(InputError) as caught:
        i18n.set_client_language(world.alice.user, world.bob_id, "fr")
    assert caught.value.issues[0].path == "language"
    assert "en, es" in caught.value.issues[0].message
    page = world.alice.browser().post(
        reverse("coach-client-language", args=[world.bob_id]), {"language": "klingon"}
    )
    assert page.status_code == 200 and "en, es" in page.content.decode()
    assert "Today's exercises" in world.bob.browser().get(reverse("client-today")).content.decode()


def test_the_coach_downloads_her_booklet_in_her_language(world):
    from datetime import date

    from osteoload.services.documents import downloads

    i18n.set_client_language(world.alice.user, world.bob_id, "es")
    with pytest.MonkeyPatch.context() as patch:
        seen: list[str] = []
        patch.setattr(downloads, "_cached_pdf", lambda _c, _p, html: seen.append(html) or b"")
        downloads.booklet(world.alice.user, world.bob_id, today=date(2026, 11, 26))
    assert "Su programa de ejercicio para la salud de los huesos" in seen[0]


def test_the_coach_chooses_her_language_at_intake(world):
    from tests.web.conftest import PROFILE

    coach = world.alice.browser()
    form = coach.get(reverse("coach-client-new")).content.decode()
    assert 'name="language"' in form
    data = {"name": "Carmen", "age": "64", "sex": "female", "units": "kg", "language": "es"}
    response = coach.post(reverse("coach-client-new"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    client_id = int(response["Location"].rstrip("/").split("/")[-1])
    from osteoload.services import access

    assert access.client_for_coach(world.alice.user, client_id).language == "es"
    refused = coach.post(reverse("coach-client-new"), {**data, "language": "xx"})
    assert refused.status_code == 422 and "en, es" in refused.content.decode()
    assert PROFILE  # the personas' profile is untouched


def test_her_calendar_subscription_is_in_her_language(world):
    from icalendar import Calendar

    from osteoload.services import calendar_feed

    i18n.set_client_language(world.alice.user, world.bob_id, "es")
    feed = calendar_feed.create_feed(world.bob.user, world.bob_id)
    data = calendar_feed.feed_ics(feed.token)
    events = [c for c in Calendar.from_ical(data).walk() if c.name == "VEVENT"]
    assert events and str(events[0]["summary"]).startswith("Sesión")
