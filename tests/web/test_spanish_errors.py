"""What a Spanish-speaking client or coach sees when something is refused or goes wrong
(issue 20): the 403, 404 and 500 pages, the labels of form errors about fields the form
writes under another name (weight, ranges of weights), and the messages of refused input."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from django.views import defaults

from osteoload.services import i18n
from osteoload.services.clients import validated_profile
from osteoload.services.errors import InputError, Issue
from osteoload.web import forms
from tests.conftest import TODAY
from tests.web.test_spanish_pages import spanish, visible_text


@pytest.mark.django_db
def test_the_403_page_is_in_her_language(world):
    response = spanish(world).get(reverse("coach-roster"))
    assert response.status_code == 403
    page = response.content.decode()
    assert '<html lang="es">' in page
    text = visible_text(page)
    assert "<title>No permitido · osteoload</title>" in page
    assert "Esta página no es para su usuario" in text
    assert "Ir a su página de inicio" in text
    assert "This page is not for your login" not in text


@pytest.mark.django_db
def test_the_404_page_follows_the_browser_for_anyone_not_logged_in(world):
    browser = world.bob.browser()
    browser.logout()
    response = browser.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="es-ES,es;q=0.9")
    assert response.status_code == 404
    text = visible_text(response.content.decode())
    assert "Página no encontrada" in text and "Page not found" not in text


def test_the_500_page_says_its_language_and_speaks_it():
    request = RequestFactory().get("/")
    with translation.override("es"):
        page = defaults.server_error(request).content.decode()
    assert '<html lang="es">' in page
    assert "Algo ha fallado" in page and "Something went wrong" not in page
    with translation.override("en"):
        assert '<html lang="en">' in defaults.server_error(request).content.decode()


def _issue(path: str, data: dict[str, object]) -> Issue:
    with pytest.raises(InputError) as caught:
        validated_profile({"age": 60, "sex": "female", **data}, today=TODAY)
    return next(i for i in caught.value.issues if i.path == path)


def test_alias_labels_are_in_the_active_language():
    with translation.override("es"):
        assert forms.alias_label("weight_kg") == "Peso (kg)"
        assert forms.alias_label("weight_lb") == "Peso (lb)"
        assert forms.alias_label("equipment_details.dumbbells.to") == (
            "Mancuernas disponibles, la más pesada"
        )
        assert forms.alias_label("age") == ""
        issue = _issue("weight_kg", {"weight_kg": -3})
        form = forms.bind(forms.INTAKE_SECTIONS, {}, [issue], fractures=True)
    assert form.summary == [("f-weight", f"Peso (kg): -3 es menor que {issue.allowed.low:g}")]
    with translation.override("en"):
        assert forms.alias_label("equipment_details.dumbbells.step") == "Dumbbells available, step"


def test_a_missing_field_reads_required_in_spanish_too():
    with translation.override("es"):
        with pytest.raises(InputError) as caught:
            validated_profile({"age": 60}, today=TODAY)
        [missing] = [i for i in caught.value.issues if i.path == "sex"]
        assert missing.message == "es obligatorio"
        assert forms.plain_message(missing) == "obligatorio"


@pytest.mark.django_db
def test_a_spanish_coachs_intake_errors_are_in_spanish(world):
    i18n.set_own_language(world.alice.user, "es")
    coach = world.alice.browser()
    data = {"name": "Carmen", "age": "64", "sex": "femal", "units": "kg", "weight": "-3"}
    response = coach.post(reverse("coach-client-new"), data)
    assert response.status_code == 422
    text = visible_text(response.content.decode())
    assert "Peso (kg): -3 es menor que" in text
    assert "no está permitido" in text
    assert "is not allowed" not in text and "Weight (kg)" not in text
