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


def test_serve_refuses_a_bad_thread_count():
    result = runner.invoke(app, ["serve", "--threads", "0"])
    assert result.exit_code == 2
    assert "--threads: 0 is out of range; allowed 1 to 32" in result.stderr
    assert "Traceback" not in result.output


def _gunicorn_config(options):
    from gunicorn.config import Config

    config = Config()
    for key, value in options.items():
        config.set(key, value)  # an unknown setting raises
    return config


def test_serve_runs_sync_workers_by_default_and_threaded_ones_with_keep_alive_on_request(
    monkeypatch,
):
    """Issue 19 item 4: --threads 1 (the default) is today's sync worker; --threads N picks
    gunicorn's threaded worker with N threads and keep-alive, through the same command."""
    from osteoload.cli import serve_cmd
    from osteoload.services import database

    monkeypatch.setattr(database, "setup_django", lambda: None)
    monkeypatch.setattr(database, "migrate", lambda: "")
    monkeypatch.setattr(database, "database_description", lambda: "test database")
    monkeypatch.setattr(database, "close_connections", lambda: None)
    seen: list[dict[str, object]] = []
    monkeypatch.setattr(serve_cmd, "_run_gunicorn", seen.append)
    assert runner.invoke(app, ["serve", "--port", "8123"]).exit_code == 0
    assert runner.invoke(app, ["serve", "--port", "8124", "--threads", "4"]).exit_code == 0
    sync, threaded = (_gunicorn_config(options) for options in seen)
    assert sync.worker_class_str == "sync" and sync.threads == 1
    assert (sync.bind, sync.workers) == (["127.0.0.1:8123"], 2)
    assert threaded.worker_class_str == "gthread"
    assert (threaded.threads, threaded.keepalive, threaded.workers) == (4, 5, 2)
    assert threaded.bind == ["127.0.0.1:8124"]


def test_the_server_runs_with_pythons_own_collector_thresholds(monkeypatch):
    """A command collects garbage less often (a short process); the server, which runs for
    days, gets Python's own thresholds back before its workers fork."""
    import gc

    from osteoload.cli import serve_cmd
    from osteoload.cli.common import collect_less_often
    from osteoload.services import database

    usual = gc.get_threshold()
    seen: list[tuple[int, ...]] = []
    monkeypatch.setattr(database, "setup_django", lambda: None)
    monkeypatch.setattr(database, "migrate", lambda: "")
    monkeypatch.setattr(database, "database_description", lambda: "test database")
    monkeypatch.setattr(database, "close_connections", lambda: None)
    monkeypatch.setattr(serve_cmd, "_run_gunicorn", lambda *a: seen.append(gc.get_threshold()))
    try:
        collect_less_often()
        assert gc.get_threshold() != usual
        result = runner.invoke(app, ["serve", "--port", "8123"])
    finally:
        gc.set_threshold(*usual)
    assert result.exit_code == 0, result.output
    assert seen == [usual]


def test_the_server_freezes_the_loaded_app_before_its_workers_fork(monkeypatch):
    """Every object of the loaded app, its URL patterns and API schemas included, is moved
    out of the collector's sight (``gc.freeze``) before gunicorn forks the workers: a full
    collection in a worker then walks only what the worker made itself."""
    import gc

    from django.urls import get_resolver
    from gunicorn.app.base import BaseApplication

    from osteoload.cli import serve_cmd

    seen: list[tuple[int, int]] = []

    def run(self):  # what gunicorn would do next: fork the workers
        resolver = get_resolver()
        seen.append((gc.get_freeze_count(), len(resolver.url_patterns)))
        assert self.load() is not None and self.cfg.bind == ["127.0.0.1:8123"]

    monkeypatch.setattr(BaseApplication, "run", run)
    try:
        assert gc.get_freeze_count() == 0
        serve_cmd._run_gunicorn(serve_cmd.gunicorn_options("127.0.0.1", 8123, 2, 1))
        frozen = gc.get_freeze_count()
    finally:
        gc.unfreeze()
    assert len(seen) == 1 and seen[0][0] == frozen > 10_000 and seen[0][1] > 0
