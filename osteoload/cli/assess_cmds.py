"""``osteoload dxa-change``, ``osteoload assess`` and ``osteoload project``.

Parsing and rendering only: the numbers come from ``osteoload.services.assessment`` and the
engine. Bad options exit 2 with a message naming the option, the value and what is allowed.
"""

from __future__ import annotations

import json
import math
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TypeVar

import typer

from osteoload.domain.assessment import Assessment, DxaChange
from osteoload.domain.projection import (
    MAX_MONTHS,
    MEDICATION_EFFECT,
    MIN_MONTHS,
    SCENARIOS,
    UNMODELLED_MEDICATIONS,
    BmdProjection,
    MuscleProjection,
)
from osteoload.domain.vocabulary import Medication, ScannerMake, Site, Track
from osteoload.services.assessment import (
    SCENARIO_TITLES,
    SITE_TITLES,
    assess_file,
    assessment_document,
    dxa_change_document,
    project_file,
    projection_document,
    projection_svg,
)
from osteoload.services.errors import did_you_mean
from osteoload.services.profile_schema import BMD_MAX_G_CM2, BMD_MIN_G_CM2, PRECISION_MAX_G_CM2
from osteoload.wording.assessment import word_assessment

from .common import TextOrJson, as_of_or_today, console, err_console, fail, input_errors, print_json

E = TypeVar("E", bound=StrEnum)


class ProjectFormat(StrEnum):
    """Output formats of ``osteoload project``."""

    TEXT = "text"
    JSON = "json"
    SVG = "svg"


ProfileArg = Annotated[
    Path, typer.Argument(help="Client profile, YAML or JSON.", show_default=False)
]
FormatOpt = Annotated[TextOrJson, typer.Option("--format", "-f", help="Output format.")]
AsOfOpt = Annotated[
    str | None,
    typer.Option("--as-of", help="Date of the assessment, YYYY-MM-DD (default: today)."),
]


def _choice(value: str | None, kind: type[E], option: str, allowed: list[E] | None = None) -> E:
    words = [m.value for m in (allowed if allowed is not None else list(kind))]
    text = (value or "").strip().lower()
    if text not in words:
        fail(
            f"{option}: {value!r} is not allowed; allowed: {', '.join(words)}"
            f"{did_you_mean(text, words)}"
        )
    return kind(text)


def _bmd(value: float, option: str) -> float:
    if not math.isfinite(value) or not BMD_MIN_G_CM2 <= value <= BMD_MAX_G_CM2:
        fail(
            f"{option}: {value:g} is out of range; allowed {BMD_MIN_G_CM2:g} to "
            f"{BMD_MAX_G_CM2:g} g/cm2"
        )
    return value


# --- dxa-change --------------------------------------------------------------------------


def dxa_change_cmd(
    site: Annotated[
        str,
        typer.Option(
            "--site", help="lumbar_spine, femoral_neck, total_hip or forearm.", show_default=False
        ),
    ],
    baseline: Annotated[
        float, typer.Option("--baseline", help="Earlier scan, g/cm2.", show_default=False)
    ],
    followup: Annotated[
        float, typer.Option("--followup", help="Later scan, g/cm2.", show_default=False)
    ],
    precision_g_cm2: Annotated[
        float | None,
        typer.Option(
            "--precision-g-cm2",
            help="The centre's precision error (RMS-SD) for this site, g/cm2. Without it the "
            "ISCD default least significant change is used.",
        ),
    ] = None,
    baseline_scanner: Annotated[
        str | None, typer.Option("--baseline-scanner", help="hologic, lunar or other.")
    ] = None,
    followup_scanner: Annotated[
        str | None, typer.Option("--followup-scanner", help="hologic, lunar or other.")
    ] = None,
    format: FormatOpt = TextOrJson.TEXT,
) -> None:
    """Is a change in bone density between two scans real, or measurement error? (rule R29)"""
    where = _choice(site, Site, "--site")
    base = _bmd(baseline, "--baseline")
    follow = _bmd(followup, "--followup")
    if precision_g_cm2 is not None and (
        not math.isfinite(precision_g_cm2) or not 0 < precision_g_cm2 <= PRECISION_MAX_G_CM2
    ):
        fail(
            f"--precision-g-cm2: {precision_g_cm2:g} is out of range; allowed above 0 up to "
            f"{PRECISION_MAX_G_CM2:g} g/cm2"
        )
    first = (
        _choice(baseline_scanner, ScannerMake, "--baseline-scanner") if baseline_scanner else None
    )
    second = (
        _choice(followup_scanner, ScannerMake, "--followup-scanner") if followup_scanner else None
    )
    with input_errors():
        change, document = dxa_change_document(
            site=where,
            baseline_g_cm2=base,
            followup_g_cm2=follow,
            precision_g_cm2=precision_g_cm2,
            baseline_scanner=first,
            followup_scanner=second,
        )
    if format is TextOrJson.JSON:
        print_json(document)
        return
    _print_dxa(change, str(document["message"]))


def _print_dxa(change: DxaChange, verdict: str) -> None:
    title = SITE_TITLES.get(change.site, change.site.value)
    lines = [
        f"{title}: {change.baseline_g_cm2:.3f} -> {change.followup_g_cm2:.3f} g/cm2",
        f"  change: {change.change_g_cm2:+.3f} g/cm2 ({change.change_pct:+.1f} %)",
        f"  least significant change: {change.lsc_g_cm2:.3f} g/cm2 ({change.lsc_pct:.1f} %)"
        + (" - ISCD default" if change.lsc_source == "iscd_default" else ""),
        f"  verdict: {verdict}",
    ]
    for line in lines:
        console().print(line, markup=False)


# --- assess ------------------------------------------------------------------------------


def assess_cmd(
    profile: ProfileArg, as_of: AsOfOpt = None, format: FormatOpt = TextOrJson.TEXT
) -> None:
    """Assess a client: bone density, falls risk, functional tests, sarcopenia, height."""
    day = as_of_or_today(as_of)
    with input_errors():
        result = assess_file(profile, as_of=day)
    if format is TextOrJson.JSON:
        print_json(assessment_document(result))
        return
    _print_assessment(word_assessment(result), profile)


def _print_assessment(a: Assessment, path: Path) -> None:
    out: list[str] = [f"Assessment of {path} (as of {a.as_of.isoformat()})", ""]
    out.append(f"Bone density: {a.bone.category.value.replace('_', ' ')}")
    out.append(f"  {a.bone.message}")
    out.append("")
    out.append(f"Falls risk: {a.falls.level.value}")
    out.append(f"  {a.falls.message}")
    out += [f"  - {reason}" for reason in a.falls.reasons]
    if a.passport is not None:
        out.append("")
        out.append(f"{a.passport.label}")
        out += [f"  - {reason}" for reason in a.passport.reasons]
    out.append("")
    out.append(f"Muscle (sarcopenia screen): {a.sarcopenia.status.replace('_', ' ')}")
    out.append(f"  {a.sarcopenia.message}")
    out += [f"  - {reason}" for reason in a.sarcopenia.reasons]
    if a.tests:
        out.append("")
        dated = f" ({a.tests_date.isoformat()})" if a.tests_date else ""
        out.append(f"Functional tests{dated}:")
        for t in a.tests:
            out.append(f"  {t.name}: {t.value:g} {t.unit} - {t.status}")
            out.append(f"    {t.interpretation}")
            out.append(f"    Compared with: {t.norm}.")
        if a.sppb is not None:
            s = a.sppb
            out.append(
                f"  SPPB parts: balance {s.balance}, walk {s.gait}, chair stands {s.chair} "
                f"(total {s.total} of 12)"
            )
    if a.height_loss_cm is not None:
        out.append("")
        out.append(f"Height change since the first measurement: {-a.height_loss_cm:+.1f} cm")
    if a.findings:
        out.append("")
        out.append("Findings:")
        out += [f"  [{f.rule}, {f.severity.value}] {f.message}" for f in a.findings]
    for line in out:
        console().print(line, markup=False)


# --- project -----------------------------------------------------------------------------


def project_cmd(
    profile: ProfileArg,
    months: Annotated[
        int, typer.Option("--months", help=f"Horizon in months, {MIN_MONTHS} to {MAX_MONTHS}.")
    ] = 12,
    medication: Annotated[
        str | None,
        typer.Option(
            "--medication",
            help="Drug for the medication scenarios: "
            + ", ".join(m.value for m in MEDICATION_EFFECT)
            + " (default: the one she takes, else bisphosphonate).",
        ),
    ] = None,
    track: Annotated[
        str, typer.Option("--track", help="Exercise track: standard, high_intensity or gentle.")
    ] = Track.STANDARD.value,
    format: Annotated[
        ProjectFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ProjectFormat.TEXT,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
    ] = None,
    as_of: AsOfOpt = None,
) -> None:
    """Project bone density (and muscle) under four scenarios, as honest ranges (rule R30)."""
    if not MIN_MONTHS <= months <= MAX_MONTHS:
        fail(f"--months: {months} is out of range; allowed {MIN_MONTHS} to {MAX_MONTHS}")
    drug: Medication | None = None
    if medication is not None:
        if medication.strip().lower() in UNMODELLED_MEDICATIONS:
            fail(
                f"--medication: {medication!r} cannot be projected (no sourced first-year "
                "bone-density figures; glucocorticoids cause bone loss); allowed: "
                + ", ".join(m.value for m in MEDICATION_EFFECT)
            )
        drug = _choice(medication, Medication, "--medication", list(MEDICATION_EFFECT))
    chosen_track = _choice(track, Track, "--track")
    day = as_of_or_today(as_of)
    with input_errors():
        bone, muscle = project_file(
            profile, months=months, medication=drug, track=chosen_track, as_of=day
        )
    if format is ProjectFormat.JSON:
        text = json.dumps(projection_document(bone, muscle), indent=2, ensure_ascii=False) + "\n"
    elif format is ProjectFormat.SVG:
        text = projection_svg(bone)
    else:
        text = _projection_text(bone, muscle)
    if output is None:
        if format is ProjectFormat.TEXT:
            for line in text.splitlines():
                console().print(line, markup=False)
        else:
            typer.echo(text, nl=False)
        return
    try:
        from osteoload.services.documents import write_atomically

        write_atomically(output, text.encode("utf-8"))  # 0600: health data
    except OSError as exc:
        fail(f"--output: cannot write {str(output)!r} ({exc.strerror or exc})")
    err_console().print(f"wrote {output}", markup=False)


def _projection_text(bone: BmdProjection, muscle: MuscleProjection) -> str:
    source = {
        "default": "she takes none; shown for comparison",
        "profile": "she takes it",
        "argument": "as asked",
    }[bone.medication_source]
    out = [
        f"Where bone density may be in {bone.months} months (from {bone.as_of.isoformat()})",
        f"Exercise track: {bone.track.value.replace('_', ' ')}. "
        f"Medication shown: {bone.medication.value} ({source}).",
        "Each line is the expected average change, with its likely range in brackets.",
    ]
    for site, proj in bone.sites.items():
        out.append("")
        now = f"now {proj.baseline_g_cm2:.3f} g/cm2; " if proj.baseline_g_cm2 is not None else ""
        out.append(
            f"{SITE_TITLES.get(site, site.value)} ({now}a scan can confirm a change of "
            f"{proj.lsc_pct:.1f} % or more)"
        )
        for name in SCENARIOS:
            s = proj.scenarios[name]
            grams = (
                f"  about {s.g_cm2.central:.3f} g/cm2 ({s.g_cm2.low:.3f} to {s.g_cm2.high:.3f})"
                if s.g_cm2 is not None
                else ""
            )
            confirm = "" if s.detectable else "  - too small for a scan to confirm"
            out.append(
                f"  {SCENARIO_TITLES[name] + ':':<24}{s.pct_change:+5.1f} % "
                f"({s.low:+.1f} to {s.high:+.1f}){grams}{confirm}"
            )
    out.append("")
    out.append(f"Muscle over {muscle.months} months (percent change):")
    for label, measure in (("mass", muscle.mass), ("strength", muscle.strength)):
        u, t = measure.untrained, measure.trained
        out.append(
            f"  {label}: without training {u.pct_change:+.1f} % ({u.low:+.1f} to {u.high:+.1f}); "
            f"with training {t.pct_change:+.1f} % ({t.low:+.1f} to {t.high:+.1f})"
        )
    out.append("")
    out.append("What this assumes:")
    document = projection_document(bone, muscle)
    out += [f"  - {a}" for a in (*document["assumptions"], *document["muscle"]["assumptions"])]
    out.append("")
    out.append("Sources:")
    out += [f"  - {s}" for s in dict.fromkeys((*bone.sources, *muscle.sources))]
    return "\n".join(out) + "\n"


def register(app: typer.Typer) -> None:
    """Add ``dxa-change``, ``assess`` and ``project`` to the ``osteoload`` command."""
    app.command("dxa-change")(dxa_change_cmd)
    app.command("assess")(assess_cmd)
    app.command("project")(project_cmd)
