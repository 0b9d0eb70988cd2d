"""The findings about a whole answer of :func:`next_prescriptions`: sets logged after
``as_of`` (R18), a program without sessions (its screening's first MUST rule, else R1), the
end of the program (R22) and time away (R18c). Each is data (rule ID, code, numbers) that the
wording layer words."""

from __future__ import annotations

from datetime import date

from ..program import Finding, Program
from ..vocabulary import Severity
from .rules import AWAY_DAYS, R18C_LONG_BREAK_DAYS, R18C_LONG_BREAK_PCT, R18C_RESUME_PCT


def _logged_later(count: int, as_of: date) -> Finding:
    """R18: ``count`` sets are dated after ``as_of`` and were left out."""
    return Finding(
        rule="R18",
        severity=Severity.INFO,
        message="",
        code="progression_logged_later",
        data={"count": count, "as_of": as_of.isoformat()},
    )


def _no_sessions(program: Program) -> Finding:
    """A program without sessions (withheld, or waiting for clearance): the rule of its
    screening's first MUST finding (R1 when it has none)."""
    return Finding(
        rule=next(
            (f.rule for f in program.screening.findings if f.severity is Severity.MUST),
            "R1",
        ),
        severity=Severity.MUST,
        message="",
        code="progression_no_sessions",
        data={"status": program.status.value},
    )


def _program_ended(program: Program, as_of: date) -> Finding:
    """R22: the program is over on ``as_of`` (its last week is the baseline)."""
    return Finding(
        rule="R22",
        severity=Severity.INFO,
        message="",
        code="progression_program_ended",
        data={"weeks": len(program.weeks), "as_of": as_of.isoformat()},
    )


def _away(as_of: date, last_logged: date | None) -> Finding | None:
    """R18c: she has been away :data:`AWAY_DAYS` days or more (nothing logged since
    ``last_logged``): she resumes at about 90 % (80 % after more than four weeks)."""
    if last_logged is None or (as_of - last_logged).days < AWAY_DAYS:
        return None
    days_away = (as_of - last_logged).days
    resume_pct = R18C_RESUME_PCT if days_away <= R18C_LONG_BREAK_DAYS else R18C_LONG_BREAK_PCT
    return Finding(
        rule="R18c",
        severity=Severity.INFO,
        message="",
        code="progression_away",
        data={"days": days_away, "last": last_logged.isoformat(), "pct": resume_pct},
    )
