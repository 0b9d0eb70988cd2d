"""R31: the doctor's report shows the entered FRAX result with the bone results, once."""

from __future__ import annotations

import dataclasses
from datetime import date

from django.utils import translation

from osteoload.domain import FractureRisk, FractureRiskTool
from osteoload.services import documents
from osteoload.services.documents.report import ProgressReport
from osteoload.services.logs import read_log
from tests.services.test_paper import LOGS, TODAY, profile

NAME = "02-early-postmenopause-osteopenia"
FRAX = FractureRisk(
    tool=FractureRiskTool.FRAX,
    date=date(2026, 5, 1),
    major_osteoporotic_pct=18.0,
    hip_pct=3.2,
    entered_by="Dr X",
)


def _report(with_result: bool) -> ProgressReport:
    record = profile(f"{NAME}.yaml")
    if with_result:
        record = dataclasses.replace(record, fracture_risk=(FRAX,))
    log = read_log(LOGS / f"{NAME}.csv", today=TODAY)
    return documents.progress_report(record, log.sets, today=TODAY, log_source="log.csv")


def test_r31_the_report_shows_the_entered_result_with_the_bone_results() -> None:
    report = _report(with_result=True)
    sentence = (
        "FRAX (entered by Dr X on 1 May 2026): 10-year risk of a major osteoporotic fracture "
        "18 %, of a hip fracture 3.2 %."
    )
    assert report.fracture_risk == sentence
    assert all(f["rule"] != "R31" for f in report.findings), "shown once, with the bones"
    html = documents.report_html(report)
    assert html.count(sentence) == 1
    assert html.index(sentence) < html.index("Open findings")
    assert "osteoload does not calculate fracture risk (R31)" in html


def test_r31_without_a_result_the_report_is_as_before() -> None:
    report = _report(with_result=False)
    assert report.fracture_risk == ""
    assert "Fracture risk" not in documents.report_html(report)


def test_r31_the_report_says_it_in_spanish() -> None:
    with translation.override("es"):
        report = _report(with_result=True)
        html = documents.report_html(report)
    assert report.fracture_risk.startswith("FRAX (introducido por Dr X el 1 de mayo de 2026)")
    assert "Riesgo de fractura" in html
