from __future__ import annotations

from typer.testing import CliRunner

from osteoload.cli.main import app

runner = CliRunner()


def test_serve_refuses_a_bad_port():
    result = runner.invoke(app, ["serve", "--port", "70000"])
    assert result.exit_code == 2
    assert "--port: 70000 is out of range; allowed 1 to 65535" in result.stderr
    assert "Traceback" not in result.output


def test_serve_refuses_a_bad_worker_count():
    result = runner.invoke(app, ["serve", "--workers", "0"])
    assert result.exit_code == 2
    assert "--workers: 0 is out of range" in result.stderr


def test_serve_closes_its_database_connection_before_the_workers_fork(monkeypatch):
    """Workers must not inherit the connection opened to migrate (one socket, many workers)."""
    from osteoload.cli import serve_cmd
    from osteoload.services import database

    calls: list[str] = []
    monkeypatch.setattr(database, "setup_django", lambda: None)
    monkeypatch.setattr(database, "migrate", lambda: calls.append("migrate") or "")
    monkeypatch.setattr(database, "database_description", lambda: "test database")
    monkeypatch.setattr(database, "close_connections", lambda: calls.append("close"))
    monkeypatch.setattr(serve_cmd, "_run_gunicorn", lambda *a: calls.append("gunicorn"))
    result = runner.invoke(app, ["serve", "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert calls == ["migrate", "close", "gunicorn"]
