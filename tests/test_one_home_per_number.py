"""One home per number (issue 18, item 3): an UPPER_CASE constant is defined in one module of
osteoload/ and imported everywhere else, so a rule's number cannot drift between two copies.

A private copy of a public constant is still a second home, so ``_NAME`` and ``NAME`` count
as the same name. Type variables (``TypeVar``, ``ParamSpec``) are not constants."""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

from tests.conftest import ROOT

PACKAGE = ROOT / "osteoload"
CONSTANT = re.compile(r"^_*[A-Z][A-Z0-9_]*$")
NOT_CONSTANTS = {"TypeVar", "ParamSpec", "NewType", "TypeVarTuple"}

#: Names two modules use for two different things; each thing has one home.
DIFFERENT_THINGS = {
    "API_PREFIX": "services/idempotency.py and web/security.py both match '/api/'; security.py "
    "is loaded by the logging configuration before Django's models can be imported",
    "CLIENT": "a role name (web/views) and the client's change words (wording/changes)",
    "COACH": "a role name (web/views) and the coach's change words (wording/changes)",
    "COLUMNS": "the CSV log's columns (services) and the bulk insert's table columns (store)",
    "COMPONENTS": "an OpenAPI reference (api) and component labels (web)",
    "DIGITS": "a load's rounding digits (domain/equipment) and a sign-in code's length "
    "(services/two_factor)",
    "LABELS": "the CLI's finding-level labels (cli/next_cmd) and history status words "
    "(wording/history)",
    "MARKS": "the CLI's change marks (cli/next_cmd) and history status marks (wording/history)",
    "DASHES": "dash patterns of two different charts (services, web)",
    "EQUIPMENT": "a form section (web/forms) and equipment labels (web/labels)",
    "FONT": "an SVG font family (services) and a chart's font size (web)",
    "KINDS": "the serializer's type table (domain) and session-kind labels (web)",
    "MONTHS": "printed English month names (services/documents, 1-based) and gettext-marked ones "
    "(wording/stops); one home in the wording layer is a follow-up",
    "WEEKDAYS": "weekday choices of a form (web/labels) and gettext-marked day names "
    "(wording/stops)",
    "SCENARIOS": "the projection's scenario ids (domain) and their labels (web/labels)",
    "SHE": "the 'she' pronouns (wording/audience) and a pattern matching them (wording/progress)",
    "SITES": "bone-site labels (web) and fracture-site words (wording/stops)",
    "TEMPLATES": "Django's template settings and the session templates (domain/programming)",
    "TESTS": "FHIR observation codes (services) and a form section (web/forms)",
    "WIDTH": "the widths of two different charts (services, web)",
}

#: Real second homes left for now, because fixing them means editing
#: osteoload/domain/progression/ (being reshaped by the progression issue) or a module that
#: is another engineer's work in progress.
NOT_YET: dict[str, str] = {}


def constants_defined(source: str) -> set[str]:
    """The UPPER_CASE names a module binds at its top level (leading underscores dropped)."""
    names = set()
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        else:
            continue
        if (
            isinstance(value, ast.Call)
            and isinstance(value.func, ast.Name)
            and value.func.id in NOT_CONSTANTS
        ):
            continue
        for target in targets:
            for name in target.elts if isinstance(target, ast.Tuple) else [target]:
                if isinstance(name, ast.Name) and CONSTANT.match(name.id):
                    names.add(name.id.lstrip("_"))
    return names


def homes(paths: list[Path], root: Path = PACKAGE) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for path in paths:
        for name in constants_defined(path.read_text()):
            found[name].append(path.relative_to(root).as_posix())
    return found


def package_modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts)


def test_every_constant_has_one_home():
    twice = {
        name: where
        for name, where in homes(package_modules()).items()
        if len(where) > 1 and name not in DIFFERENT_THINGS and name not in NOT_YET
    }
    assert twice == {}, "define each constant once and import it from there"


def test_the_exceptions_are_still_needed():
    """An entry goes when its duplicate does, so the lists only shrink."""
    found = homes(package_modules())
    stale = [name for name in {**DIFFERENT_THINGS, **NOT_YET} if len(found.get(name, [])) < 2]
    assert stale == []


def test_the_check_sees_a_second_home(tmp_path):
    first, second = tmp_path / "a.py", tmp_path / "b.py"
    first.write_text("HEIGHT_LOSS_FLAG_CM = 2.0\nM = TypeVar('M')\n")
    second.write_text(
        "from typing import Final\n_HEIGHT_LOSS_FLAG_CM: Final = 2.0\nM = TypeVar('M')\n"
        "A, B = 1, 2\nlower_case = 3\n"
    )
    assert constants_defined(second.read_text()) == {"HEIGHT_LOSS_FLAG_CM", "A", "B"}
    found = {
        name: len(where)
        for name, where in homes([first, second], tmp_path).items()
        if name != "A" and name != "B"
    }
    assert found == {"HEIGHT_LOSS_FLAG_CM": 2}
