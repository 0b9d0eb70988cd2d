"""The progress report for her doctor: scans against the least significant change (R29),
functional tests, adherence to the planned sessions, estimated strength (R20-R22) and the
bone density projection (:mod:`.chart`); every number carries its date and source."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.safestring import SafeString, mark_safe

from osteoload.domain.assessment import (
    FRACTURE_RISK_CODE,
    DxaChange,
    NormStatus,
    dxa_change,
    evaluate_tests,
    site_words,
)
from osteoload.domain.errors import DomainError
from osteoload.domain.logs import SetLog
from osteoload.domain.one_rm import estimate_one_rm
from osteoload.domain.profile import BoneScan, ClientProfile
from osteoload.domain.program import SessionKind
from osteoload.domain.projection import project_bmd
from osteoload.domain.units import format_load
from osteoload.domain.vocabulary import Site, Units
from osteoload.wording import Audience, gettext_noop, pronouns_for
from osteoload.wording.catalogue import exercise_words
from osteoload.wording.dxa import dxa_verdict
from osteoload.wording.fracture_risk import fracture_risk_text
from osteoload.wording.function_tests import word_result
from osteoload.wording.projection import assumptions

from ..catalogue import get_catalogue
from ..errors import InputError, Issue
from ..logs import program_start_for_log
from ..plans import MAX_WEEKS, plan_program, screen_client
from . import rendering
from .chart import projection_band_svg
from .rendering import _, long_date, number_text, render_template
from .words import REPORT_SITE_TITLES


@dataclass(slots=True, kw_only=True)
class ScanRow:
    site: str
    first: str
    latest: str
    change: str
    lsc: str
    verdict: str
    significant: bool
    source: str


@dataclass(slots=True, kw_only=True)
class TestRow:
    name: str
    value: str
    norm: str
    status: str
    interpretation: str
    date: str
    source: str


@dataclass(slots=True, kw_only=True)
class StrengthRow:
    name: str
    first: str
    latest: str
    change: str
    source: str


@dataclass(slots=True, kw_only=True)
class ProgressReport:
    """Everything ``paper/report.html`` shows; every number carries its date and source."""

    name: str
    about: str
    as_of: date
    log_source: str
    period: str
    scans: list[ScanRow]
    scan_note: str
    tests: list[TestRow]
    tests_note: str
    adherence: list[tuple[str, str, str]]
    adherence_note: str
    strength: list[StrengthRow]
    strength_note: str
    projection_svg: SafeString
    projection_notes: list[str]
    findings: list[dict[str, str]]
    next_steps: list[str]
    units: str
    fracture_risk: str = ""
    """The latest FRAX or Garvan result her clinician entered (R31), in words; "" if none."""


def _scan_text(scan: BoneScan) -> str:
    parts = [f"{scan.bmd_g_cm2:.3f} g/cm\u00b2" if scan.bmd_g_cm2 is not None else _("no g/cm²")]
    if scan.t_score is not None:
        parts.append(f"T {scan.t_score:+.1f}")
    when = scan.date.isoformat() if scan.date else _("date not given")
    maker = f", {scan.scanner.value}" if scan.scanner else ""
    return f"{', '.join(parts)} ({when}{maker})"


def scan_rows(profile: ClientProfile) -> tuple[list[ScanRow], str]:
    """First and latest scan per site, judged against the least significant change (R29)."""
    rows: list[ScanRow] = []
    for site in (Site.LUMBAR_SPINE, Site.TOTAL_HIP, Site.FEMORAL_NECK, Site.FOREARM):
        scans = sorted(
            (s for s in profile.bone.scans if s.site is site and s.bmd_g_cm2 is not None),
            key=lambda s: s.date or date.min,
        )
        if not scans:
            continue
        first, latest = scans[0], scans[-1]
        if len(scans) == 1:
            rows.append(
                ScanRow(
                    site=_(REPORT_SITE_TITLES[site]),
                    first=_scan_text(first),
                    latest="-",
                    change="-",
                    lsc="-",
                    verdict=_("One scan only: a change needs a second scan on the same scanner."),
                    significant=False,
                    source=_("profile: %(field)s") % {"field": "bone.scans"},
                )
            )
            continue
        assert first.bmd_g_cm2 is not None and latest.bmd_g_cm2 is not None
        change: DxaChange = dxa_change(
            site=site,
            baseline_g_cm2=first.bmd_g_cm2,
            followup_g_cm2=latest.bmd_g_cm2,
            precision_g_cm2=latest.precision_g_cm2 or first.precision_g_cm2,
            baseline_scanner=first.scanner,
            followup_scanner=latest.scanner,
        )
        lsc_source = (
            _("centre precision") if change.lsc_source == "precision" else _("ISCD default")
        )
        rows.append(
            ScanRow(
                site=_(REPORT_SITE_TITLES[site]),
                first=_scan_text(first),
                latest=_scan_text(latest),
                change=f"{change.change_g_cm2:+.3f} g/cm\u00b2 ({change.change_pct:+.1f} %)",
                lsc=f"{change.lsc_g_cm2:.3f} g/cm\u00b2 ({change.lsc_pct:.1f} %, {lsc_source})",
                verdict=dxa_verdict(change),
                significant=change.significant,
                source=_("profile: %(field)s; least significant change R29")
                % {"field": "bone.scans"},
            )
        )
    if rows:
        note = _(
            "Least significant change: a change smaller than this is within measurement error."
        )
    else:
        reported = ", ".join(
            f"{site_words(site)} T {t:+.1f}" for site, t in profile.bone.t_scores.items()
        )
        note = (
            _("No scans with g/cm² in the profile; reported T-scores: %(reported)s.")
            % {"reported": reported}
            if reported
            else _("No bone density results in the profile.")
        )
    return rows, note


def test_rows(profile: ClientProfile) -> tuple[list[TestRow], str]:
    results = tuple(word_result(r) for r in evaluate_tests(profile))
    when = profile.tests.date.isoformat() if profile.tests.date else _("date not given")
    words = {
        NormStatus.OK: _("within norms"),
        NormStatus.BELOW: _("below the age norm"),
        NormStatus.RISK: _("at risk"),
    }
    rows = [
        TestRow(
            name=r.name,
            value=f"{number_text(round(r.value, 2))} {r.unit}",
            norm=r.norm,
            status=words.get(r.status, r.status),
            interpretation=r.interpretation,
            date=when,
            source=_("profile: %(field)s") % {"field": f"tests.{r.key}"},
        )
        for r in results
    ]
    note = "" if rows else _("No functional tests recorded in the profile.")
    return rows, note


def _adherence(
    profile: ClientProfile, log: Sequence[SetLog], *, today: date
) -> tuple[list[tuple[str, str, str]], str]:
    days = sorted({s.date for s in log})
    first, last = days[0], days[-1]
    start, start_note = program_start_for_log(profile, log, as_of=today)
    weeks = max(1, min(MAX_WEEKS, (max(last, start) - start).days // 7 + 1))
    program = plan_program(profile, today=today, start=start, weeks=weeks)
    planned = [s for w in program.weeks for s in w.sessions if first <= s.date <= last]
    logged = set(days)
    rows: list[tuple[str, str, str]] = []
    for label, kinds in (
        (gettext_noop("All planned sessions"), set(SessionKind)),
        (gettext_noop("Strength sessions"), {SessionKind.RESISTANCE}),
        (gettext_noop("Home sessions"), {SessionKind.IMPACT_BALANCE}),
    ):
        sessions = [s for s in planned if s.kind in kinds]
        if not sessions and label != "All planned sessions":
            continue
        done = sum(1 for s in sessions if s.date in logged)
        pct = f"{100 * done / len(sessions):.0f} %" if sessions else "-"
        rows.append(
            (_(label), _("%(done)s of %(planned)s") % {"done": done, "planned": len(sessions)}, pct)
        )
    extra = len(logged - {s.date for s in planned})
    rows.append((_("Days with any training logged"), str(len(days)), ""))
    dates = {"today": today.isoformat(), "start": start.isoformat(),
             "first": first.isoformat(), "last": last.isoformat(), "extra": extra}  # fmt: skip
    note = (
        _("Planned sessions: the program regenerated on %(today)s for this profile, starting "
          "%(start)s, counted over the log's dates %(first)s to %(last)s. A planned session "
          "counts as done when the log has a set on its date; %(extra)s logged day(s) fell on "
          "days without a planned session.") % dates if extra
        else _("Planned sessions: the program regenerated on %(today)s for this profile, "
               "starting %(start)s, counted over the log's dates %(first)s to %(last)s. A "
               "planned session counts as done when the log has a set on its date.") % dates
    )  # fmt: skip
    if start_note:
        note += f" {start_note.split('; give --start')[0].rstrip('.')}."
    return rows, note


def _strength_rows(log: Sequence[SetLog], units: Units) -> tuple[list[StrengthRow], str]:
    catalogue = get_catalogue()
    best: dict[str, dict[date, tuple[float, SetLog]]] = {}
    for s in log:
        if s.load_kg is None or s.reps < 1 or s.exercise_id not in catalogue:
            continue
        if not catalogue[s.exercise_id].loadable:
            continue
        try:
            estimate = estimate_one_rm(s.load_kg, s.reps, rpe=s.rpe, rir=s.rir)
        except DomainError:
            continue
        if not estimate.reliable:
            continue
        days = best.setdefault(s.exercise_id, {})
        if s.date not in days or estimate.one_rm_kg > days[s.date][0]:
            days[s.date] = (estimate.one_rm_kg, s)
    rows: list[StrengthRow] = []
    for ex_id, by_day in best.items():
        ordered = sorted(by_day.items())
        (d0, (e0, s0)), (d1, (e1, s1)) = ordered[0], ordered[-1]
        several = len(ordered) > 1
        rows.append(
            StrengthRow(
                name=exercise_words(catalogue[ex_id].name),
                first=_describe_set(d0, e0, s0, units),
                latest=_describe_set(d1, e1, s1, units) if several else "-",
                change=f"{100 * (e1 - e0) / e0:+.0f} %" if several else _("one day only"),
                source=(
                    _("log %(date)s set %(set)s") % {"date": d0.isoformat(), "set": s0.set}
                    + (
                        "; " + _("%(date)s set %(set)s") % {"date": d1.isoformat(), "set": s1.set}
                        if several
                        else ""
                    )
                ),
            )
        )
    note = _(
        "Estimated one-repetition maximum (R20-R22), from the best reliable set on the first "
        "and on the latest day each lift was logged (3 to 12 repetitions at effort 7 or "
        "more; a set without an effort rating is taken as near failure, so its estimate may "
        "run high). Nobody lifted a true maximum."
    )
    if not rows:
        note = _("No loaded sets in the log give a reliable estimate (R20-R21).")
    return sorted(rows, key=lambda r: r.name), note


def _describe_set(day: date, e1rm: float, s: SetLog, units: Units) -> str:
    assert s.load_kg is not None
    values = {
        "estimate": format_load(e1rm, units, digits=1),
        "date": day.isoformat(),
        "load": format_load(s.load_kg, units, digits=1),
        "reps": s.reps,
    }
    if s.rpe is not None:
        return _("%(estimate)s estimated on %(date)s (from %(load)s × %(reps)s at effort "
                 "%(effort)s)") % {**values, "effort": number_text(s.rpe)}  # fmt: skip
    if s.rir is not None:
        return _("%(estimate)s estimated on %(date)s (from %(load)s × %(reps)s with "
                 "%(reserve)s in reserve)") % {**values, "reserve": number_text(s.rir)}  # fmt: skip
    return _("%(estimate)s estimated on %(date)s (from %(load)s × %(reps)s (effort not "
             "logged))") % values  # fmt: skip


def progress_report(
    profile: ClientProfile, log: Sequence[SetLog], *, today: date, log_source: str
) -> ProgressReport:
    """Build the doctor's report from a profile and her training log (read with
    :func:`osteoload.services.logs.read_log`)."""
    if not log:
        raise InputError([Issue("log", "has no logged sets")], source=log_source)
    units = profile.units
    scans, scan_note = scan_rows(profile)
    tests, tests_note = test_rows(profile)
    adherence, adherence_note = _adherence(profile, log, today=today)
    strength, strength_note = _strength_rows(log, units)
    screening = screen_client(profile, as_of=today)
    try:
        bone = project_bmd(profile, months=12, as_of=today)
        chart = projection_band_svg(bone)
        projection_notes = assumptions(bone.notes, pronouns_for(profile.sex.value))
    except DomainError as exc:
        chart = mark_safe("")
        projection_notes = [_("No projection: %(reason)s") % {"reason": exc}]
    about = ", ".join(
        x
        for x in (
            _("%(age)s years") % {"age": profile.age},
            profile.sex.value,
            f"{profile.menopause.value}menopausal" if profile.menopause else "",
            f"bone: {screening.bone_category.value.replace('_', ' ')}",
        )
        if x
    )
    return ProgressReport(
        name=profile.name or _("Client"),
        about=about,
        as_of=today,
        log_source=log_source,
        period=(
            _("%(first)s to %(last)s")
            % {
                "first": min(s.date for s in log).isoformat(),
                "last": max(s.date for s in log).isoformat(),
            }  # fmt: skip
        ),
        scans=scans,
        scan_note=scan_note,
        tests=tests,
        tests_note=tests_note,
        adherence=adherence,
        adherence_note=adherence_note,
        strength=strength,
        strength_note=strength_note,
        projection_svg=chart,
        projection_notes=projection_notes,
        findings=[
            {"rule": f.rule, "severity": f.severity.value, "message": f.message}
            for f in screening.findings
            if f.code != FRACTURE_RISK_CODE  # shown with the bone results
        ],
        fracture_risk=" ".join(
            fracture_risk_text(f.data, Audience.PRINT)
            for f in screening.findings
            if f.code == FRACTURE_RISK_CODE
        ),
        next_steps=list(screening.next_steps)
        + [
            _("Clearance needed: %(clearance)s") % {"clearance": c}
            for c in screening.clearances_needed
        ],  # fmt: skip
        units=units.value,
    )


def report_context(report: ProgressReport) -> dict[str, Any]:
    return {
        "r": report,
        "as_of": long_date(report.as_of),
        "title": _("Progress report: %(name)s") % {"name": report.name},
    }


def report_html(report: ProgressReport) -> str:
    return render_template("paper/report.html", report_context(report))


def report_pdf(report: ProgressReport) -> bytes:
    return rendering.html_to_pdf(report_html(report))
