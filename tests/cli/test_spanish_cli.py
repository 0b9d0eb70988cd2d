"""``osteoload --lang es`` speaks Spanish in every command that prints sentences for people
(issue 20), not only ``plan``: the next session, an imported log, a one-rep-max estimate,
a checked profile and the errors of bad input. Codes, option names and numbers stay."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils import translation
from typer.testing import CliRunner

from osteoload.cli.main import app
from tests.conftest import ROOT

PROFILES = ROOT / "examples" / "profiles"
LOGS = ROOT / "examples" / "logs"
P02 = str(PROFILES / "02-early-postmenopause-osteopenia.yaml")
LOG02 = str(LOGS / "02-early-postmenopause-osteopenia.csv")


@pytest.fixture(autouse=True)
def _english_afterwards() -> Iterator[None]:
    yield
    translation.activate("en")  # --lang activates Spanish for the rest of the process


def spanish(*args: str, code: int = 0) -> str:
    result = CliRunner().invoke(app, ["--lang", "es", *args])
    assert result.exit_code == code, result.output
    return result.output


def test_next_is_in_spanish():
    out = spanish("next", P02, "--log", LOG02, "--as-of", "2026-11-14")
    assert "Próxima sesión de " in out and "semana 7 (" in out
    assert "del programa que empezó el 2026-09-28" in out
    assert "Registro: " in out and " series de " in out
    assert "(+ sube, = se mantiene, - baja, * nuevo)" in out
    assert "Sentadilla goblet" in out  # the catalogue's name in Spanish
    for english in ("Next session", "of the program that started", "Log:", "increase, = hold"):
        assert english not in out, english


def test_import_log_reports_in_spanish():
    out = spanish("import-log", LOG02, "--format", "text")
    assert "Leídas " in out and " series de " in out and "registro de osteoload" in out
    assert "Read " not in out


def test_one_rm_is_in_spanish():
    out = spanish("one-rm", "--load-kg", "40", "--reps", "8", "--rpe", "8")
    assert "Serie: 40 kg x 8 repeticiones, RPE 8" in out
    assert "1RM de trabajo: " in out and "fiable: sí" in out
    assert "Las siete ecuaciones con" in out and "Cargas (barra, redondeadas hacia abajo)" in out
    assert "Working 1RM" not in out and "The seven equations" not in out


def test_validate_says_valid_in_spanish():
    assert f"{P02}: perfil válido" in spanish("validate", P02)


def test_bad_input_is_refused_in_spanish_naming_the_option(tmp_path):
    profile = tmp_path / "p.yaml"
    profile.write_text("age: 130\nsex: femal\n")
    out = spanish("validate", str(profile), code=2)
    assert "2 problemas" in out
    assert "age: 130 está fuera de rango; se permite de 18 a 110" in out
    assert (
        "sex: 'femal' no está permitido; se permite: female, male (¿quería decir 'female'?)" in out
    )
    out = spanish("one-rm", "--load-kg", "40", "--reps", "80", code=2)
    assert "--reps: 80 está fuera de rango; se permite de 1 a 50" in out
    out = spanish("next", P02, "--log", LOG02, "--as-of", "26-11-14", code=2)
    assert "--as-of: '26-11-14' no es una fecha; escríbala como AAAA-MM-DD" in out
    out = spanish("plan", P02, "--format", "pdf", code=2)
    assert "--format pdf necesita -o ARCHIVO" in out


def test_without_lang_the_same_commands_stay_english():
    result = CliRunner().invoke(app, ["one-rm", "--load-kg", "40", "--reps", "8", "--rpe", "8"])
    assert result.exit_code == 0
    assert "Working 1RM: " in result.output and "Serie" not in result.output


def test_backup_and_restore_refuse_bad_paths_in_spanish(tmp_path):
    out = spanish("backup", str(tmp_path), code=2)
    assert f"DEST: {tmp_path} es una carpeta; indique un nombre de archivo dentro de ella" in out
    empty = tmp_path / "empty"
    empty.write_bytes(b"")
    out = spanish("restore", str(empty), code=2)
    assert f"SRC: {empty} está vacío (0 bytes); no es una copia de seguridad" in out


def test_a_strong_export_and_a_bad_log_are_reported_in_spanish(tmp_path):
    strong = str(LOGS / "strong-export-sample.csv")
    out = spanish("import-log", strong, "--weight-unit", "kg", "-o", str(tmp_path / "log.csv"))
    assert "Leídas 39 series de " in out and "(exportación de Strong), escrito en " in out
    assert "Omitidas 4 filas: series de calentamiento." in out
    assert "Omitida 1 fila: filas del temporizador de descanso." in out
    assert "  Cable Crunch: 2 filas" in out
    bad = tmp_path / "bad.csv"
    bad.write_text("date,exercise_id,set,reps,load_kg\n2026-11-02,goblet_sqat,1,10,12\n")
    out = spanish("import-log", str(bad), code=2)
    assert f"{bad} line 2, column exercise_id: 'goblet_sqat' no es un ejercicio del catálogo" in out
