"""The doctor's report in Spanish (issue 20 item 2): the strength rows (exercise names, the
one-repetition-maximum estimates (R20-R22), their sources), the adherence note and the
summary lines are in the active language; in English they read as before."""

from __future__ import annotations

from django.utils import translation

from osteoload.services import documents
from osteoload.services.logs import read_log
from tests.services.test_paper import LOGS, TODAY, profile


def _report():  # noqa: ANN202 - a test helper
    record = profile("02-early-postmenopause-osteopenia.yaml")
    log = read_log(LOGS / "02-early-postmenopause-osteopenia.csv", today=TODAY)
    return documents.progress_report(record, log.sets, today=TODAY, log_source="log.csv")


def test_r20_strength_rows_and_notes_are_in_spanish():
    with translation.override("es"):
        report = _report()
        title = documents.report_context(report)["title"]
    assert report.strength
    assert all(" estimada el " in s.first and "a partir de" in s.first for s in report.strength)
    assert all(s.source.startswith("registro ") and " serie " in s.source
               for s in report.strength)  # fmt: skip
    assert report.strength_note.startswith("Repetición máxima estimada (R20-R22)")
    assert report.adherence_note.startswith("Sesiones planificadas:")
    assert " años" in report.about and " al " in report.period
    assert all(t.source.startswith("perfil: tests.") for t in report.tests)
    assert title.startswith("Informe de evolución: ")
    with translation.override("en"):
        english = {s.name for s in _report().strength}
    assert {s.name for s in report.strength} != english  # the catalogue's Spanish names


def test_r20_strength_rows_read_as_before_in_english():
    with translation.override("en"):
        report = _report()
    assert all(" estimated on " in s.first and "(from " in s.first for s in report.strength)
    assert all(s.source.startswith("log ") and " set " in s.source for s in report.strength)
    assert report.strength_note.startswith("Estimated one-repetition maximum (R20-R22)")
    assert report.adherence_note.startswith("Planned sessions: the program regenerated on ")
    assert report.about.startswith(f"{report.about.split(' ')[0]} years, ")
    assert " to " in report.period
    assert all(t.source.startswith("profile: tests.") for t in report.tests)
    assert all(s.source == "profile: bone.scans" for s in report.scans)  # one scan per site
    assert documents.report_context(report)["title"].startswith("Progress report: ")
