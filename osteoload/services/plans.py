"""Use cases: screen a client and generate her program."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from osteoload.domain.profile import ClientProfile
from osteoload.domain.program import Finding, Program, Screening
from osteoload.domain.programming import generate_program
from osteoload.domain.screening import screen
from osteoload.domain.serialize import jsonable
from osteoload.domain.vocabulary import Units
from osteoload.wording import Audience
from osteoload.wording.assessment import bone_message, falls_reasons
from osteoload.wording.dose import dose_lines, dose_text
from osteoload.wording.findings import word_screening

from .catalogue import get_catalogue

MAX_WEEKS = 52


def next_monday(today: date) -> date:
    """The Monday after ``today`` (a week ahead when today is a Monday)."""
    return today + timedelta(days=7 - today.weekday())


def program_start(profile: ClientProfile, *, today: date, start: date | None = None) -> date:
    """``start`` if given, else the profile's ``schedule.start_date``, else the next Monday."""
    return start or profile.schedule.start_date or next_monday(today)


def screen_client(profile: ClientProfile, *, as_of: date) -> Screening:
    """Screen her for ``as_of``: the engine's decisions, with each finding's ``message`` and
    the ``next_steps`` in the client's words (the public documents' fields), and the bone
    category finding's ``summary`` (R27) in words, in the active language."""
    worded = word_screening(screen(profile, as_of=as_of))
    findings = tuple(_with_sentences(f) for f in worded.findings)
    return replace(worded, findings=findings)


def _with_sentences(finding: Finding) -> Finding:
    """The R27 finding's ``summary`` and the R9 finding's ``reasons`` (the documents'
    sentence fields) in words, beside the codes they are said from."""
    if finding.code == "bone_category":
        return replace(finding, data={**finding.data, "summary": bone_message(finding.data)})
    if finding.code == "falls_risk_high":
        reasons = falls_reasons(finding.data.get("factors"))
        return replace(finding, data={**finding.data, "reasons": reasons})
    return finding


def plan_program(
    profile: ClientProfile, *, today: date, start: date | None = None, weeks: int = 12
) -> Program:
    """Screen the client for the program's start date and generate the program."""
    first_day = program_start(profile, today=today, start=start)
    screening = screen_client(profile, as_of=first_day)
    # Loads come from sets recorded up to today, even for a program that starts later.
    return generate_program(
        profile,
        screening,
        get_catalogue(),
        start=first_day,
        weeks=weeks,
        strength_as_of=min(today, first_day),
    )


def screening_document(screening: Screening) -> dict[str, Any]:
    return {"schema_version": 1, **jsonable(screening)}


def program_document(program: Program) -> dict[str, Any]:
    """The ``plan`` JSON contract (DESIGN.md, docs/schemas/program.v1.json)."""
    return {"schema_version": 1, **jsonable(program)}


def with_display(document: dict[str, Any], units: Units | str) -> dict[str, Any]:
    """The document with each item's dose in words for every audience, as the API serves it:
    ``display`` = ``{"coach": "5 × 10 impacts (50 a session)", "client": [lines], "print":
    "5 × 10 impacts = 50"}`` (from the wording layer, so no API client formats a dose)."""
    weeks = []
    for week in document.get("weeks", []):
        sessions = []
        for session in week.get("sessions", []):
            items = [
                {
                    **item,
                    "display": {
                        "coach": dose_text(item, units, Audience.COACH),
                        "client": dose_lines(item, units, Audience.CLIENT),
                        "print": dose_text(item, units, Audience.PRINT),
                    },
                }
                for item in session.get("items", [])
            ]
            sessions.append({**session, "items": items})
        weeks.append({**week, "sessions": sessions})
    return {**document, "weeks": weeks}
