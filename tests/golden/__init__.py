"""Golden outputs: what the engine gives for every example profile, kept byte for byte.

``tests/test_golden.py`` builds, for each profile in ``examples/profiles``, the JSON the
command line prints for ``screen``, ``plan`` (12 weeks, without the dose words), ``assess``
and ``project`` (12 months, standard track), and for each profile in ``docs/science/simulation`` the
``simulate --format json`` result of 12 weeks at target, all with a fixed "today"
(:data:`TODAY`), and the start and end SVG of every exercise illustration
(``illustrations.json``), and compares each with its file in this folder. A refactor that changes no
behaviour leaves every file identical.

When a change is *meant* to change an output, regenerate the files and read the diff::

    uv run python -m tests.golden --update

(``git diff tests/golden`` then shows exactly what changed, for review with the change.)
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from tests.conftest import EXAMPLES, ROOT

#: The fixed "today" of every golden output (profiles, start dates and tests never age).
TODAY = date(2026, 11, 26)
FOLDER = Path(__file__).resolve().parent
SIMULATION_PROFILES = sorted((ROOT / "docs" / "science" / "simulation").glob("*.yaml"))
SIMULATED_WEEKS = 12
#: Set (to anything) by ``python -m tests.golden --update``: write the files, do not compare.
UPDATE_VARIABLE = "OSTEOLOAD_UPDATE_GOLDENS"


def serialize(document: Any) -> str:
    """The one serialization of a golden file: indented JSON in the document's own key order
    (part of what is compared), non-ASCII as is, a final newline."""
    return json.dumps(document, indent=1, ensure_ascii=False) + "\n"


def _guarded(build: Callable[[], Any]) -> Any:
    """The document, or what the command line would report instead: an input error's
    issues (field, message) or the engine's refusal, so that refusals are golden too."""
    from osteoload.domain.errors import DomainError
    from osteoload.services.errors import InputError

    try:
        return build()
    except InputError as exc:
        return {"input_error": [[i.path, i.message] for i in exc.issues]}
    except DomainError as exc:
        return {"domain_error": type(exc).__name__, "message": str(exc)}


def screening(path: Path) -> Any:
    """``osteoload screen PATH --format json``."""
    from osteoload.services.plans import program_start, screen_client, screening_document
    from osteoload.services.profiles import load_profile

    def build() -> Any:
        record = load_profile(path, today=TODAY)
        start = program_start(record, today=TODAY)
        return screening_document(screen_client(record, as_of=start))

    return _guarded(build)


def program(path: Path) -> Any:
    """``osteoload plan PATH --weeks 12 --format json`` without the dose words
    (``display``: the wording layer's, the same for every item with the same dose)."""
    from osteoload.services.plans import plan_program, program_document
    from osteoload.services.profiles import load_profile

    def build() -> Any:
        record = load_profile(path, today=TODAY)
        return program_document(plan_program(record, today=TODAY, weeks=12))

    return _guarded(build)


def assessment(path: Path) -> Any:
    """``osteoload assess PATH --format json``."""
    from osteoload.domain.assessment import assess
    from osteoload.services.assessment import assessment_document
    from osteoload.services.profiles import load_profile

    return _guarded(
        lambda: assessment_document(assess(load_profile(path, today=TODAY), as_of=TODAY))
    )


def projection(path: Path) -> Any:
    """``osteoload project PATH --months 12 --format json`` (standard track, her medication
    or the default one)."""
    from osteoload.domain.vocabulary import Track
    from osteoload.services.assessment import project_profile, projection_document
    from osteoload.services.profiles import load_profile

    def build() -> Any:
        record = load_profile(path, today=TODAY)
        bone, muscle = project_profile(
            record, months=12, medication=None, track=Track.STANDARD, as_of=TODAY
        )
        return projection_document(bone, muscle)

    return _guarded(build)


def simulation(path: Path) -> Any:
    """``osteoload simulate PATH --weeks 12 --format json`` (at target; needs the database)."""
    from osteoload.devtools import simulation as sim
    from osteoload.services.untrusted import read_document

    document = json.loads(json.dumps(read_document(path), default=str))
    start = sim.default_start(document, today=TODAY)
    result = sim.simulate(
        document, weeks=SIMULATED_WEEKS, behaviour=sim.Behaviour.AT_TARGET, start=start
    )
    source = path.relative_to(ROOT).as_posix()
    return [sim.result_document(result, source=source, start=start)]


def illustrations() -> dict[str, list[str]]:
    """Every exercise's start and end picture (the SVG the web app and the booklet use)."""
    from osteoload.services.illustrations import POSITIONS, exercise_ids, exercise_svg

    return {e: [exercise_svg(e, p) for p in POSITIONS] for e in exercise_ids()}


ILLUSTRATIONS_FILE = FOLDER / "illustrations.json"

#: Each kind of output for the example profiles: its file suffix and its builder.
PROFILE_OUTPUTS: dict[str, Callable[[Path], Any]] = {
    "screen": screening,
    "plan": program,
    "assess": assessment,
    "project": projection,
}


def golden_path(profile: Path, kind: str) -> Path:
    """``tests/golden/<profile name>.<kind>.json``."""
    return FOLDER / f"{profile.stem}.{kind}.json"


def cases() -> list[tuple[Path, str, Callable[[Path], Any]]]:
    """Every (profile, kind, builder) with a golden file."""
    out = [(p, kind, build) for p in EXAMPLES for kind, build in PROFILE_OUTPUTS.items()]
    out += [(p, "simulate", simulation) for p in SIMULATION_PROFILES]
    return out
