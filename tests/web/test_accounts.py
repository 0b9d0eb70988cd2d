"""Logging in and out (with django-axes throttling) and the health check."""

from __future__ import annotations

import pytest
from django.test import Client as Browser
from django.urls import reverse

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_login_with_the_right_password_goes_to_the_start_page(world):
    browser = Browser()
    page = browser.get(reverse("login")).content.decode()
    assert 'name="csrfmiddlewaretoken"' in page and 'autocomplete="current-password"' in page
    response = browser.post(reverse("login"), {"username": "bob", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert browser.get(reverse("home"))["Location"] == reverse("client-today")


def test_wrong_password_is_refused_and_repeated_failures_lock_out(world):
    browser = Browser()
    for _ in range(4):
        response = browser.post(reverse("login"), {"username": "alice", "password": "nope"})
        assert response.status_code == 200
        assert "enter a correct username and password" in response.content.decode()
    locked = browser.post(reverse("login"), {"username": "alice", "password": "nope"})
    assert locked.status_code == 429
    still = browser.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    assert still.status_code == 429


def test_logout_is_a_post(world):
    browser = world.alice.browser()
    assert browser.get(reverse("logout")).status_code == 405
    response = browser.post(reverse("logout"))
    assert response.status_code == 302
    assert browser.get(reverse("coach-roster")).status_code == 302


def test_healthz_answers_ok_with_the_database():
    response = Browser().get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_503_without_the_database(monkeypatch):
    from osteoload.services import health

    monkeypatch.setattr(health, "database_ok", lambda: False)
    response = Browser().get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["database"] == "error"


def test_database_check_queries_the_database(django_assert_num_queries):
    from osteoload.services import health

    with django_assert_num_queries(1):
        assert health.database_ok() is True


def test_unknown_invitation_is_a_friendly_404():
    response = Browser().get(reverse("invite", kwargs={"token": "not-a-real-token"}))
    assert response.status_code == 404
    assert "This link does not work any more" in response.content.decode()


def test_static_files_are_vendored_not_fetched():
    from django.contrib.staticfiles import finders

    assert finders.find("osteoload/vendor/htmx.min.js")
    assert finders.find("osteoload/css/osteoload.css")
    assert finders.find("osteoload/js/rest-timer.js")
    page = Browser().get(reverse("login")).content.decode()
    assert "https://" not in page and "http://" not in page.replace("http://www.w3.org", "")
