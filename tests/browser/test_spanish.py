"""A session in Spanish on her phone (390 x 844, issue 20): the login page follows the phone's
language (Accept-Language), her pages follow the language her coach set for her, and logging a
set, telling how she feels and opening her booklet page all speak Spanish."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import BrowserContext, expect

from osteoload.services import client_programs, clients, i18n
from tests.conftest import TODAY

from .support import PASSWORD, PHONE, PageChecks

pytestmark = pytest.mark.django_db(transaction=True)

PROFILE: dict[str, Any] = {
    "name": "Lucía Client",
    "age": 66,
    "sex": "female",
    "menopause": "post",
    "years_since_menopause": 14,
    "bone": {"lumbar_spine_t": -2.0, "total_hip_t": -1.4},
    "falls_last_year": 0,
    "parq_yes": [],
    "clearance": {"medical": True},
    "experience": "novice",
    "equipment": ["dumbbells", "bodyweight", "chair", "wall", "step"],
    "schedule": {"resistance_days": [TODAY.isoweekday(), (TODAY.isoweekday() + 2) % 7 + 1]},
}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    """A Spanish phone: its browser asks for Spanish pages (Accept-Language: es-ES)."""
    return {**browser_context_args, "locale": "es-ES"}


def lucia_in_spanish() -> None:
    coach = clients.create_coach("coach", PASSWORD, display_name="Coach Ana")
    client_id = clients.create_client(coach, PROFILE, today=TODAY)
    program_id = client_programs.generate_for_client(
        coach, client_id, today=TODAY, start=TODAY, weeks=4
    )
    client_programs.assign_program(coach, client_id, program_id)
    i18n.set_client_language(coach, client_id, "es")  # her coach, at intake
    token = clients.create_invite(coach, client_id, now=timezone.now())
    clients.accept_invite(token, "lucia", PASSWORD, now=timezone.now())


def test_a_session_in_spanish_on_her_phone(
    new_context: Callable[..., BrowserContext], checks: PageChecks
) -> None:
    lucia_in_spanish()
    context = new_context(**PHONE)
    context.set_default_timeout(10_000)
    checks.watch(context)
    phone = context.new_page()

    # Anonymous: the phone's language.
    phone.goto("/")
    expect(phone).to_have_url(re.compile(r"/login/"))
    expect(phone.locator("html")).to_have_attribute("lang", "es")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Iniciar sesión")
    checks.check(phone, "login-es")
    phone.get_by_label("Nombre de usuario").fill("lucia")
    phone.get_by_label("Contraseña").fill(PASSWORD)
    phone.get_by_role("button", name="Iniciar sesión", exact=True).tap()

    # Her Today: her language.
    expect(phone).to_have_url(re.compile(r"/today/"))
    expect(phone.get_by_role("heading", level=1)).to_have_text("Ejercicios de hoy")
    nav = phone.get_by_role("navigation", name="Principal")
    for link in ("Hoy", "Cómo me encuentro", "Mi progreso", "Mi cuaderno", "Ajustes"):
        expect(nav.get_by_role("link", name=link, exact=True)).to_be_visible()
    warmup = phone.locator("article.item#item-walking_warmup")
    expect(warmup.get_by_role("heading", level=2)).to_have_text("Calentamiento caminando suave")
    expect(warmup.get_by_text("Por qué:")).to_be_visible()
    checks.check(phone, "today-es")
    warmup.get_by_role("button", name="✓ Hecho", exact=True).tap()
    expect(warmup.locator("#count-walking_warmup")).to_contain_text("1 de 1 hechas")
    checks.check(phone, "today-es-logged")

    # How she feels.
    nav.get_by_role("link", name="Cómo me encuentro", exact=True).tap()
    expect(phone.get_by_role("heading", level=1)).to_have_text("¿Cómo se encuentra?")
    expect(phone.get_by_text("Dolor, presión u opresión en el pecho")).to_be_visible()
    checks.check(phone, "feeling-es")
    phone.get_by_role("button", name="Estoy bien").tap()
    expect(phone.locator(".messages")).to_contain_text("Gracias. Nos alegra que se encuentre bien.")
    checks.check(phone, "today-es-thanks")

    # Her booklet page.
    phone.get_by_role("navigation", name="Principal").get_by_role(
        "link", name="Mi cuaderno", exact=True
    ).tap()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Mi programa en papel")
    expect(phone.get_by_role("link", name="Mi cuaderno (PDF)")).to_be_visible()
    checks.check(phone, "booklet-es")
