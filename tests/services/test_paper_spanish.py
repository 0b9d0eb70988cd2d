"""The booklet and the calendar in Spanish (issue 20) pass the English booklet's content
checks: every exercise (in its Spanish name), every load, every finding, the headings, the log
sheets, nothing past the margins, every picture drawn; and no English sentence is left."""

from __future__ import annotations

import pytest
from django.utils import translation
from icalendar import Calendar

from osteoload.domain.units import format_load
from osteoload.services import documents
from osteoload.wording.catalogue import exercise_words
from tests.services.test_paper import (
    image_boxes,
    needs_pdftotext,
    overflowing,
    pdf_text,
    profile,
    program,
    words,
)

PROFILE = "08-pounds-us-client.yaml"


def spanish_booklet(name: str, weeks: int):  # noqa: ANN201 - a test helper
    record, plan = program(name, weeks)
    with translation.override("es"):
        html = documents.program_html(plan, record, large_print=False)
        document = documents.pdf_layout(html)
        names = {exercise_words(i.name) for w in plan.weeks for s in w.sessions for i in s.items}
        findings = [f.message for f in plan.screening.findings]
    return record, plan, html, document, document.write_pdf(), names, findings


@needs_pdftotext
@pytest.mark.slow
def test_spanish_booklet_has_every_exercise_load_and_finding(tmp_path):
    record, plan, html, document, pdf, names, findings = spanish_booklet(PROFILE, 4)
    text = pdf_text(pdf, tmp_path)
    assert "Helen Irving" in text
    for name in names:
        assert name in text, name
    assert "Sentadilla" in text or "Prensa de piernas" in text  # the names are Spanish
    for w in plan.weeks:
        for s in w.sessions:
            for i in s.items:
                if i.load_kg:
                    assert format_load(i.load_kg, record.units) in text
    for message in findings:
        assert words(message)[:60] in text, message
    for heading in ("Su programa de ejercicio para la salud de los huesos", "Día de fuerza A",
                    "Día de fuerza B", "Cómo usar este cuaderno", "Registro de la semana 4",
                    "Series hechas", "Dolor", "Lo que debe evitar, y por qué"):  # fmt: skip
        assert heading in text, heading
    for english in ("Strength day", "Week 4 log", "How to use this booklet", "Sets done",
                    "What to avoid", "Do the exercises in this order", "Why:",
                    "Choose a weight", "Where no weight is given"):  # fmt: skip
        assert english not in text, english
    assert overflowing(document) == []
    assert image_boxes(document) == html.count("<img ")


def test_spanish_calendar_names_the_sessions_in_spanish():
    record, plan = program(PROFILE, 2)
    with translation.override("es"):
        data = documents.program_ics(plan, record)
    calendar = Calendar.from_ical(data)
    events = [c for c in calendar.walk() if c.name == "VEVENT"]
    assert events and all(
        str(e["summary"]).startswith(("Sesión de fuerza", "Sesión de equilibrio en casa"))
        for e in events
    )
    description = str(events[0]["description"])
    assert "minutos" in description and "Pare y llame a su médico" in description
    assert str(calendar["x-wr-calname"]).startswith("Programa de ejercicio")


def test_long_date_in_spanish():
    from datetime import date

    with translation.override("es"):
        assert documents.long_date(date(2027, 1, 4)) == "lunes 4 de enero de 2027"
    assert profile(PROFILE).units.value == "lb"
