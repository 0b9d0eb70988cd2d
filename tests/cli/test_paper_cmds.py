"""``osteoload plan --format pdf|ics``, ``osteoload illustrations`` and ``osteoload report``."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from icalendar import Calendar
from typer.testing import CliRunner

from osteoload.cli.main import app
from osteoload.services import clock
from osteoload.services.catalogue import get_catalogue
from tests.conftest import ROOT, TODAY

runner = CliRunner()
PROFILES = ROOT / "examples" / "profiles"
LOGS = ROOT / "examples" / "logs"
P08 = str(PROFILES / "08-pounds-us-client.yaml")


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: TODAY)


def test_plan_pdf_writes_a_pdf(tmp_path):
    out = tmp_path / "plan.pdf"
    withheld = str(PROFILES / "10-new-back-pain.json")  # home sessions only: quick to draw
    args = ["plan", withheld, "--weeks", "1", "-f", "pdf", "-o", str(out), "--large-print"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF-")
    assert [p.name for p in tmp_path.iterdir()] == ["plan.pdf"], "no temporary file left"


@pytest.mark.parametrize("fmt", ["pdf", "ics"])
def test_file_formats_need_an_output_file(fmt):
    result = runner.invoke(app, ["plan", P08, "-f", fmt])
    assert result.exit_code == 2
    assert f"--format {fmt} needs -o FILE" in result.output


def test_output_must_not_be_a_directory(tmp_path):
    result = runner.invoke(app, ["plan", P08, "-f", "ics", "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert "is a directory" in result.output
    assert list(tmp_path.iterdir()) == []


def test_output_folder_must_exist(tmp_path):
    result = runner.invoke(app, ["plan", P08, "-f", "ics", "-o", str(tmp_path / "no" / "x.ics")])
    assert result.exit_code == 2
    assert "does not exist" in result.output


def test_output_is_only_for_file_formats(tmp_path):
    result = runner.invoke(app, ["plan", P08, "-f", "json", "-o", str(tmp_path / "x.json")])
    assert result.exit_code == 2


def test_bad_profile_is_exit_2_and_writes_nothing(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("age: 300\nsex: female\n")
    out = tmp_path / "plan.pdf"
    result = runner.invoke(app, ["plan", str(bad), "-f", "pdf", "-o", str(out)])
    assert result.exit_code == 2 and "age" in result.output
    assert not out.exists()


def test_plan_ics_parses_back(tmp_path):
    out = tmp_path / "plan.ics"
    result = runner.invoke(app, ["plan", P08, "--weeks", "2", "-f", "ics", "-o", str(out)])
    assert result.exit_code == 0, result.output
    cal = Calendar.from_ical(out.read_bytes())
    assert len(cal.walk("VEVENT")) == 12  # 3 strength + 3 home sessions a week
    # writing again replaces the file in place
    assert (
        runner.invoke(app, ["plan", P08, "--weeks", "1", "-f", "ics", "-o", str(out)]).exit_code
        == 0
    )
    assert len(Calendar.from_ical(out.read_bytes()).walk("VEVENT")) == 6


def test_illustrations_writes_every_exercise(tmp_path):
    out = tmp_path / "pics"
    result = runner.invoke(app, ["illustrations", "--out", str(out)])
    assert result.exit_code == 0, result.output
    for exercise_id in get_catalogue():
        for position in ("start", "end"):
            root = ET.parse(out / f"{exercise_id}-{position}.svg").getroot()
            assert root.find("{http://www.w3.org/2000/svg}title") is not None
    assert (out / "index.html").exists()


def test_illustrations_refuses_a_file(tmp_path):
    target = tmp_path / "file"
    target.write_text("x")
    result = runner.invoke(app, ["illustrations", "--out", str(target)])
    assert result.exit_code == 2


def test_report_html_and_pdf(tmp_path):
    profile = str(PROFILES / "02-early-postmenopause-osteopenia.yaml")
    log = str(LOGS / "02-early-postmenopause-osteopenia.csv")
    html = tmp_path / "report.html"
    result = runner.invoke(app, ["report", profile, "--log", log, "-f", "html", "-o", str(html)])
    assert result.exit_code == 0, result.output
    text = html.read_text()
    for heading in ("Bone density scans", "Functional tests", "Adherence", "Strength",
                    "Where bone density may be heading", "Open findings"):  # fmt: skip
        assert heading in text
    pdf = tmp_path / "report.pdf"
    result = runner.invoke(app, ["report", profile, "--log", log, "-o", str(pdf)])
    assert result.exit_code == 0, result.output
    assert pdf.read_bytes().startswith(b"%PDF-")


def test_report_needs_output_and_a_readable_log(tmp_path):
    profile = str(PROFILES / "02-early-postmenopause-osteopenia.yaml")
    result = runner.invoke(app, ["report", profile, "--log", str(tmp_path / "none.csv")])
    assert result.exit_code == 2 and "needs -o FILE" in result.output
    result = runner.invoke(
        app, ["report", profile, "--log", str(tmp_path / "none.csv"), "-o", str(tmp_path / "r.pdf")]
    )
    assert result.exit_code == 2 and "not found" in result.output
    assert not (tmp_path / "r.pdf").exists()
