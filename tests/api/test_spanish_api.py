"""The API answers people in their language (issue 20): every ``detail`` and ``message`` of a
422, 401, 403, 404 and 409 is in the request's language (``Accept-Language``, or the language
saved on the caller's account), while ``field``, ``value`` and the other keys a program reads
stay exactly as they are in English."""

from __future__ import annotations

import json
from typing import Any

import pytest

from osteoload.services import i18n
from tests.api.conftest import API, Persona, example

pytestmark = pytest.mark.django_db


def call(
    persona: Persona | None,
    method: str,
    path: str,
    body: Any = None,
    *,
    language: str | None = None,
    **headers: str,
) -> Any:
    from django.test import Client as HttpClient

    sent = dict(persona.headers()) if persona else {}
    if language is not None:
        sent["Accept-Language"] = language
    sent.update(headers)
    http = HttpClient()
    if method == "GET":
        return http.get(API + path, headers=sent)
    data = json.dumps(body) if body is not None else ""
    return getattr(http, method.lower())(
        API + path, data=data, content_type="application/json", headers=sent
    )


def test_a_422_is_in_spanish_with_accept_language_es_and_its_fields_stay(world):
    bad = {"age": 17, "sex": "femal", "heigth_cm": 160}
    spanish = call(world.alice, "POST", "/clients", bad, language="es-ES,es;q=0.9")
    english = call(world.alice, "POST", "/clients", bad, language="en")
    assert spanish.status_code == english.status_code == 422
    assert spanish["Content-Language"] == "es"
    es = {i["field"]: i for i in spanish.json()["detail"]}
    en = {i["field"]: i for i in english.json()["detail"]}
    # The same fields and values, for programs; only the words differ.
    assert set(es) == set(en) == {"age", "sex", "heigth_cm"}
    assert {f: i["value"] for f, i in es.items()} == {f: i["value"] for f, i in en.items()}
    assert en["age"]["message"] == "17 is out of range; allowed 18 to 110"
    assert es["age"]["message"] == "17 está fuera de rango; se permite de 18 a 110"
    assert es["sex"]["message"] == (
        "'femal' no está permitido; se permite: female, male (¿quería decir 'female'?)"
    )
    assert es["heigth_cm"]["message"].startswith("campo desconocido; se permite: ")
    assert "height_cm" in es["heigth_cm"]["message"]  # the allowed names are not translated


def test_parameters_ninja_checks_itself_answer_in_spanish_too(world):
    response = call(world.alice, "GET", "/clients?limit=201", language="es")
    assert response.status_code == 422
    [issue] = response.json()["detail"]
    assert issue["field"] == "limit" and issue["value"] == 201
    assert "fuera de rango" in issue["message"]


def test_a_token_owners_saved_language_wins_without_accept_language(world):
    i18n.set_own_language(world.alice.user, "es")
    response = call(world.alice, "POST", "/clients", {"age": 17, "sex": "female"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["message"] == (
        "17 está fuera de rango; se permite de 18 a 110"
    )
    # Her saved language is hers: the browser's language does not change it.
    other = call(world.alice, "POST", "/clients", {"age": 17, "sex": "female"}, language="en")
    assert "fuera de rango" in other.json()["detail"][0]["message"]


def test_401_403_404_and_a_bad_body_are_in_spanish(world):
    anonymous = call(None, "GET", "/clients", language="es")
    assert anonymous.status_code == 401
    assert anonymous.json()["detail"].startswith("Hace falta autenticarse")
    forbidden = call(world.bob, "GET", "/clients", language="es")
    assert forbidden.status_code == 403
    assert forbidden.json()["detail"] == "Esto es para entrenadores."
    missing = call(world.alice, "GET", f"/clients/{world.dave_id}", language="es")
    assert missing.status_code == 404
    assert missing.json() == {"detail": "No encontrado"}
    nowhere = call(world.alice, "GET", "/no-such-thing", language="es")
    assert nowhere.status_code == 404 and nowhere.json() == {"detail": "No encontrado"}
    empty = call(world.alice, "POST", "/clients", language="es")
    assert empty.status_code == 422
    assert empty.json()["detail"][0]["message"] == (
        "el cuerpo de la petición está vacío; envíe un documento JSON"
    )


def test_a_409_for_a_stale_change_is_in_spanish_with_its_keys_unchanged(world):
    path = f"/clients/{world.bob_id}/profile"
    profile = example("02-early")
    first = call(world.alice, "PUT", path, {**profile, "weight_kg": 61}, **{"If-Match": '"1"'})
    assert first.status_code == 200
    stale = call(
        world.alice, "PUT", path, {**profile, "weight_kg": 70}, language="es", **{"If-Match": '"1"'}
    )
    assert stale.status_code == 409
    body = stale.json()
    assert body["version"] == 2 and body["changed"] == ["weight_kg"]
    assert body["detail"] == (
        "Otra persona lo ha cambiado desde que usted lo abrió (usted abrió la versión 1, ahora "
        "es la 2); El perfil ahora difiere de su versión en: weight_kg"
    )


def test_the_profiles_own_checks_and_a_logged_set_answer_in_spanish(world):
    days = {**example("02-early"), "schedule": {"resistance_days": [1, 2]}}
    response = call(world.alice, "POST", "/clients", days, language="es")
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {
            "field": "schedule.resistance_days",
            "value": [1, 2],
            "message": "[1, 2] pone sesiones de fuerza en días seguidos; deje al menos un día "
            "de descanso entre ellas (regla R13)",
        }
    ]
    both = {**example("02-early"), "weight_kg": 60, "weight_lb": 132}
    response = call(world.alice, "POST", "/clients", both, language="es")
    assert response.status_code == 422
    [issue] = response.json()["detail"]
    assert issue["message"] == "indique weight_kg o weight_lb, no ambos"
    logged = call(
        world.bob,
        "POST",
        f"/clients/{world.bob_id}/sets",
        {"date": "2026-11-24", "exercise_id": "goblet_sqat", "reps": 8},
        language="es",
    )
    assert logged.status_code == 422
    [issue] = logged.json()["detail"]
    assert issue["field"] == "exercise_id" and issue["value"] == "goblet_sqat"
    assert issue["message"].startswith("'goblet_sqat' no es un ejercicio del catálogo")
    assert "¿quería decir 'goblet_squat'?" in issue["message"]


def test_next_names_its_missing_fields_in_spanish(world):
    response = call(world.alice, "POST", "/engine/next", {"profil": {}}, language="es")
    assert response.status_code == 422
    messages = {i["field"]: i["message"] for i in response.json()["detail"]}
    assert messages == {
        "profil": "campo desconocido; se permite: log, profile (¿quería decir 'profile'?)",
        "profile": "es obligatorio",
        "log": "es obligatorio",
    }


def test_paging_and_batch_limits_answer_in_spanish(world):
    response = call(world.alice, "GET", f"/clients/{world.bob_id}/sets?offset=-1", language="es")
    assert response.status_code == 422
    [issue] = response.json()["detail"]
    assert issue["field"] == "offset" and "fuera de rango" in issue["message"]
    batch = call(
        world.bob, "POST", f"/clients/{world.bob_id}/sets/batch", {"sets": []}, language="es"
    )
    assert batch.status_code == 422
    assert batch.json()["detail"] == [
        {"field": "sets", "value": None, "message": "indique una lista de 1 a 200 series"}
    ]


def test_a_token_name_and_a_picture_request_are_refused_in_spanish(world):
    from django.utils import translation

    from osteoload.services import api_tokens, illustrations
    from osteoload.services.errors import InputError

    with translation.override("es"):
        with pytest.raises(InputError) as caught:
            api_tokens.create_token(world.alice.user, "  ")
        assert caught.value.issues[0].path == "name"
        assert caught.value.issues[0].message.startswith("es obligatorio, de 1 a ")
        with pytest.raises(InputError) as caught:
            illustrations.exercise_svg("goblet_squat", "middle")  # type: ignore[arg-type]
        assert caught.value.issues[0].path == "position"
        assert caught.value.issues[0].message == (
            "'middle' no está permitido; se permite: start, end"
        )
        with pytest.raises(InputError) as caught:
            illustrations.exercise_svg("goblet_sqat", "start")
        assert "no es un ejercicio del catálogo (¿quería decir 'goblet_squat'?)" in (
            caught.value.issues[0].message
        )
