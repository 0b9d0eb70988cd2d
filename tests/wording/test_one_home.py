"""One home for what she is told (issue 13): nothing in the front ends or the document
templates formats a prescribed dose by itself; they display what the wording layer says.

The check reads the source: a front end that puts an item's sets, reps, impacts, hold
seconds, minutes, effort or %1RM into text is a second copy of the dose wording, waiting to
disagree with the first (one did: a phone showed five times the impact dose).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2] / "osteoload"

#: Where words and pages are made for people, apart from the wording layer itself.
FRONT_ENDS = ("web", "api", "cli")
DOCUMENT_TEMPLATES = ("services/templates", "web/templates")
#: Services that build text for pages and paper (a folder: every module in it).
SERVICE_TEXT = ("services/documents", "services/plans.py")

_DOSE_FIELD = r"(sets|reps|impacts|hold_s|minutes|target_rpe|intensity_pct_1rm|load_display)"

#: An item's dose field put into an f-string: ``f"{item.sets} × {item['reps']}"``.
PY_PATTERNS = (
    re.compile(rf"f[\"'][^\"']*\{{\s*(item|it|i|planned|nxt)\.{_DOSE_FIELD}\b"),
    re.compile(rf"f[\"'][^\"']*\{{\s*(item|it|i)\[[\"']{_DOSE_FIELD}[\"']\]"),
)
#: A template printing an item's dose field: ``{{ it.item.impacts }}``, ``{{ item.reps }}``.
#: (``sets`` alone is the count of sets to tick off, ``{{ it.sets }}``, which the Today page
#: takes from the wording layer's dose.)
_TEMPLATE_FIELD = r"(reps|impacts|hold_s|minutes|target_rpe|intensity_pct_1rm|load_display)"
TEMPLATE_PATTERNS = (re.compile(rf"\{{\{{\s*(it\.)?item\.{_TEMPLATE_FIELD}\b"),)


def _python_files() -> list[Path]:
    files = [p for part in FRONT_ENDS for p in (ROOT / part).rglob("*.py")]
    for part in SERVICE_TEXT:
        path = ROOT / part
        files += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return files


def _templates() -> list[Path]:
    return [p for part in DOCUMENT_TEMPLATES for p in (ROOT / part).rglob("*.html")]


def offences(path: Path, patterns: tuple[re.Pattern[str], ...]) -> list[str]:
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if any(p.search(line) for p in patterns):
            where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name
            out.append(f"{where}:{number}: {line.strip()}")
    return out


def test_front_ends_do_not_format_a_dose() -> None:
    found = [o for path in _python_files() for o in offences(path, PY_PATTERNS)]
    assert found == [], "formats a dose outside osteoload/wording:\n" + "\n".join(found)


def test_templates_do_not_format_a_dose() -> None:
    found = [o for path in _templates() for o in offences(path, TEMPLATE_PATTERNS)]
    assert found == [], "a template formats a dose:\n" + "\n".join(found)


@pytest.mark.parametrize(
    "line",
    [
        "head.append(f\"{sets} × {item['impacts']} impacts\")",
        'lines.append(f"{item.impacts} landings, {sets} times")',
        'text = f"{it.reps} reps"',
    ],
)
def test_the_check_catches_a_dose_formatted_in_python(line: str, tmp_path: Path) -> None:
    path = tmp_path / "probe.py"
    path.write_text(line + "\n", encoding="utf-8")
    assert offences(path, PY_PATTERNS)


@pytest.mark.parametrize(
    "line",
    ['value="{{ it.item.impacts }}"', "<td>{{ item.reps }} × {{ item.sets }}</td>"],
)
def test_the_check_catches_a_dose_formatted_in_a_template(line: str, tmp_path: Path) -> None:
    path = tmp_path / "probe.html"
    path.write_text(line + "\n", encoding="utf-8")
    assert offences(path, TEMPLATE_PATTERNS)


def test_r32_pain_hint_on_today_comes_from_the_stop_rule_threshold(monkeypatch):
    """R32: the pain that stops an exercise is said with the engine's threshold, not a
    number written into the page."""
    from osteoload.wording import stops

    assert "(5 or more)" in stops.pain_hint()
    monkeypatch.setattr(stops, "R32_PAIN_REVIEW_AT", 6)
    assert "(6 or more)" in stops.pain_hint()
