"""``osteoload dxa-change``, ``assess`` and ``project``: output shapes and the exit-2 contract."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
from typer.testing import CliRunner, Result

from osteoload.cli.main import app

runner = CliRunner()

PROFILE = """\
name: Test client
age: 72
sex: female
menopause: post
years_since_menopause: 20
height_cm: 158
baseline_height_cm: 161
falls_last_year: 0
bone:
  lumbar_spine_t: -2.1
  scans:
    - site: femoral_neck
      bmd_g_cm2: 0.690
      scanner: hologic
      date: 2025-06-01
    - site: lumbar_spine
      bmd_g_cm2: 0.850
      date: 2025-06-01
      precision_g_cm2: 0.010
tests:
  date: 2025-06-01
  tug_s: 11
  chair_stand_30s: 9
  grip_kg: 15
  asm_kg_m2: 5.2
  gait_speed_m_s: 0.9
  sppb: 9
"""


@pytest.fixture
def profile_path(tmp_path):
    path = tmp_path / "client.yaml"
    path.write_text(PROFILE, encoding="utf-8")
    return path


def _run(*args: object) -> Result:
    return runner.invoke(app, [str(a) for a in args])


def _ok(*args: object) -> Result:
    result = _run(*args)
    assert result.exit_code == 0, result.output
    return result


def _bad(*args: object) -> str:
    result = _run(*args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    return result.output


# --- dxa-change (R29) --------------------------------------------------------------------


def test_r29_dxa_change_json_for_worked_example_14_4():
    result = _ok(
        "dxa-change", "--site", "lumbar_spine", "--baseline", "0.850", "--followup", "0.875",
        "--precision-g-cm2", "0.010", "--format", "json",
    )  # fmt: skip
    data = json.loads(result.stdout)
    for key in ("change_g_cm2", "change_pct", "lsc_g_cm2", "lsc_pct", "significant",
                "comparable", "message", "schema_version"):  # fmt: skip
        assert key in data
    assert data["schema_version"] == 1
    assert data["significant"] is False and data["comparable"] is True
    assert data["lsc_g_cm2"] == pytest.approx(0.0277)
    assert data["message"].startswith("Stable (within measurement error)")


def test_r29_dxa_change_text_and_default_lsc():
    result = _ok("dxa-change", "--site", "total_hip", "--baseline", "0.800", "--followup", "0.740")
    assert "verdict: Real loss" in result.stdout
    assert "ISCD default" in result.stdout


def test_r29_dxa_change_different_scanners_not_comparable():
    result = _ok(
        "dxa-change", "--site", "lumbar_spine", "--baseline", "0.85", "--followup", "0.95",
        "--baseline-scanner", "hologic", "--followup-scanner", "lunar", "-f", "json",
    )  # fmt: skip
    data = json.loads(result.stdout)
    assert data["comparable"] is False and data["significant"] is False
    assert data["message"].startswith("Not comparable")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--site", "knee"], ["--site", "'knee'", "lumbar_spine", "femoral_neck"]),
        (["--site", "totl_hip"], ["--site", "did you mean 'total_hip'"]),
        (["--baseline", "5"], ["--baseline", "5", "0.2 to 2"]),
        (["--followup", "0.1"], ["--followup", "0.1", "0.2 to 2"]),
        (["--precision-g-cm2", "0"], ["--precision-g-cm2", "above 0"]),
        (["--baseline-scanner", "ge"], ["--baseline-scanner", "'ge'", "hologic, lunar, other"]),
    ],
)
def test_dxa_change_bad_options_exit_2(args, expected):
    base = {"--site": "lumbar_spine", "--baseline": "0.85", "--followup": "0.9"}
    pairs = dict(base)
    pairs.update(dict(zip(args[::2], args[1::2], strict=True)))
    output = _bad("dxa-change", *[x for kv in pairs.items() for x in kv])
    for word in expected:
        assert word in output


def test_dxa_change_missing_option_exit_2():
    output = _bad("dxa-change", "--site", "lumbar_spine", "--baseline", "0.85")
    assert "--followup" in output


# --- assess ------------------------------------------------------------------------------


def test_assess_json(profile_path):
    result = _ok("assess", profile_path, "--as-of", "2026-11-26", "--format", "json")
    data = json.loads(result.stdout)
    assert data["schema_version"] == 1
    assert data["as_of"] == "2026-11-26"
    assert data["bone"]["category"] == "low_bone_mass"
    assert data["falls"]["level"] == "intermediate"  # 9 chair stands at 72 (14.7), SPPB 9
    assert data["passport"]["display"] == "C"
    assert data["sarcopenia"]["status"] == "confirmed"  # 14.8
    assert data["height_loss_flag"] is True
    rules = {f["rule"] for f in data["findings"]}
    assert {"R27", "R9", "R25", "R33", "EWGSOP2"} <= rules
    keys = {t["key"] for t in data["tests"]}
    assert {"tug_s", "chair_stand_30s", "grip_kg", "sppb", "gait_speed_m_s"} <= keys
    assert all(t["status"] in {"ok", "below", "risk"} for t in data["tests"])


def test_assess_text_is_readable(profile_path):
    result = _ok("assess", profile_path, "--as-of", "2026-11-26")
    text = result.stdout
    assert "Bone density: low bone mass" in text
    assert "Falls risk: intermediate" in text
    assert "Vivifrail passport C" in text
    assert "[R33, should]" in text


def test_assess_bad_date_and_missing_file_exit_2(profile_path, tmp_path):
    assert "--as-of" in _bad("assess", profile_path, "--as-of", "26/11/2026")
    assert "file not found" in _bad("assess", tmp_path / "nope.yaml")


def test_assess_invalid_profile_names_the_field(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("age: 72\nsex: female\ntests:\n  tug_s: -4\n", encoding="utf-8")
    assert "tests.tug_s" in _bad("assess", path)


# --- project (R30) -----------------------------------------------------------------------


def test_r30_project_json(profile_path):
    result = _ok(
        "project", profile_path, "--months", "18", "--track", "high_intensity",
        "--medication", "denosumab", "--format", "json", "--as-of", "2026-11-26",
    )  # fmt: skip
    data = json.loads(result.stdout)
    assert data["schema_version"] == 1
    assert data["months"] == 18 and data["medication"] == "denosumab"
    assert data["track"] == "high_intensity"
    spine = data["sites"]["lumbar_spine"]
    assert set(spine["scenarios"]) == {"none", "exercise", "medication", "combined"}
    assert len(spine["scenarios"]["none"]["points"]) == 19
    assert spine["lsc_pct"] == pytest.approx(2.77 * 0.010 / 0.850 * 100, abs=1e-3)
    assert spine["scenarios"]["none"]["g_cm2"]["central"] < 0.850
    assert data["sites"]["total_hip"]["scenarios"]["none"]["g_cm2"] is None
    assert data["assumptions"] and data["sources"]
    assert set(data["muscle"]) >= {"mass", "strength", "assumptions", "sources"}


def test_r30_project_text_explains_in_plain_words(profile_path):
    text = _ok("project", profile_path, "--as-of", "2026-11-26").stdout
    assert "Where bone density may be in 12 months" in text
    assert "No treatment:" in text and "Medication + exercise:" in text
    assert "she takes none; shown for comparison" in text
    assert "What this assumes:" in text
    assert "too small for a scan to confirm" in text


def test_r30_project_svg_is_accessible_xml(profile_path, tmp_path):
    out = tmp_path / "chart.svg"
    result = _ok("project", profile_path, "--format", "svg", "-o", out, "--months", "24")
    assert "wrote" in result.output
    root = ET.fromstring(out.read_text(encoding="utf-8"))
    ns = "{http://www.w3.org/2000/svg}"
    assert root.tag == f"{ns}svg"
    assert root.get("role") == "img"
    title = root.find(f"{ns}title")
    desc = root.find(f"{ns}desc")
    assert title is not None and "24 months" in (title.text or "")
    assert desc is not None and "Lower spine" in (desc.text or "")
    texts = " ".join(t.text or "" for t in root.iter(f"{ns}text"))
    for label in ("No treatment", "Exercise", "Medication", "Medication + exercise"):
        assert label in texts


def test_project_svg_to_stdout(profile_path):
    result = _ok("project", profile_path, "--format", "svg")
    assert result.stdout.startswith("<svg")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--months", "0"], ["--months", "0", "1 to 60"]),
        (["--months", "61"], ["--months", "61", "1 to 60"]),
        (["--medication", "aspirin"], ["--medication", "'aspirin'", "denosumab"]),
        (["--medication", "hrt"], ["--medication", "'hrt'", "cannot be projected"]),
        (["--track", "extreme"], ["--track", "'extreme'", "standard, high_intensity, gentle"]),
        (["--format", "pdf"], ["--format", "pdf"]),
    ],
)
def test_project_bad_options_exit_2(profile_path, args, expected):
    output = _bad("project", profile_path, *args)
    for word in expected:
        assert word in output


def test_project_unwritable_output_exit_2(profile_path, tmp_path):
    output = _bad("project", profile_path, "-o", tmp_path / "missing" / "x.svg", "-f", "svg")
    assert "--output" in output
