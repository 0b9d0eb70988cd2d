"""``osteoload serve --demo`` never adds the demo (a coach with a public password) to a clinic
that holds data of its own (issue 16, item 10)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from typer.testing import CliRunner

from osteoload.cli.main import app
from osteoload.devtools import demo
from osteoload.devtools.demo import DEMO_COACH, DemoLogins
from osteoload.services import clients

pytestmark = pytest.mark.django_db
runner = CliRunner()


@pytest.fixture
def served(monkeypatch) -> list[str]:
    """``serve`` with the database set-up, the seeding and gunicorn replaced by records."""
    from osteoload.cli import serve_cmd
    from osteoload.services import database

    calls: list[str] = []
    monkeypatch.setattr(database, "setup_django", lambda: None)
    monkeypatch.setattr(database, "migrate", lambda: "")
    monkeypatch.setattr(database, "database_description", lambda: "test database")
    monkeypatch.setattr(database, "close_connections", lambda: None)
    monkeypatch.setattr(serve_cmd, "_run_gunicorn", lambda *a: calls.append("gunicorn"))

    def fake_seed(*, today, seed=7):  # type: ignore[no-untyped-def]
        calls.append("seed")
        return DemoLogins(DEMO_COACH, ("anna",), demo.DEMO_PASSWORD, created=True)

    monkeypatch.setattr(demo, "seed_demo", fake_seed)
    return calls


def test_serve_demo_refuses_a_clinic_with_its_own_logins(served):
    clients.create_coach("alice", "a-long-test-password-42")
    result = runner.invoke(app, ["serve", "--demo", "--port", "8123"])
    assert result.exit_code == 2, result.output
    assert "--demo: this clinic already holds logins or clients of its own" in result.stderr
    assert "Traceback" not in result.output
    assert served == []  # nothing seeded, no server started
    assert not get_user_model().objects.filter(username=DEMO_COACH).exists()


def test_serve_demo_runs_on_an_empty_clinic(served):
    result = runner.invoke(app, ["serve", "--demo", "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert served == ["seed", "gunicorn"]


def test_serve_demo_runs_again_on_a_clinic_holding_only_the_demo(served):
    clients.create_coach(DEMO_COACH, demo.DEMO_PASSWORD)
    assert not demo.holds_other_data()
    result = runner.invoke(app, ["serve", "--demo", "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert served == ["seed", "gunicorn"]


def test_a_client_of_another_coach_counts_as_the_clinic_s_own_data():
    from tests.web.conftest import PROFILE, TODAY

    clients.create_coach(DEMO_COACH, demo.DEMO_PASSWORD)
    other = clients.create_coach("alice", "a-long-test-password-42")
    clients.create_client(other, {**PROFILE, "name": "Zoe"}, today=TODAY)
    get_user_model().objects.filter(username="alice").update(username="anna")  # a demo name
    assert demo.holds_other_data()
