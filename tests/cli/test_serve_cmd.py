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
