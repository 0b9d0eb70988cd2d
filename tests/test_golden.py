"""Behaviour unchanged, byte for byte: the screen, plan, assess and project JSON of every
example profile and the 12-week simulation of the simulation profiles equal their golden
files in ``tests/golden`` (built with a fixed "today"; see ``tests/golden/__init__.py``).

A change that means to change an output regenerates them with
``uv run python -m tests.golden --update`` and commits the diff with the change.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.golden import (
    ILLUSTRATIONS_FILE,
    UPDATE_VARIABLE,
    cases,
    golden_path,
    illustrations,
    serialize,
)


def check(profile: Path, kind: str, build: Callable[[Path], Any]) -> None:
    """Compare the output with its golden file (or write the file when updating)."""
    compare(serialize(build(profile)), golden_path(profile, kind))


def compare(text: str, target: Path) -> None:
    if os.environ.get(UPDATE_VARIABLE):
        target.write_text(text, encoding="utf-8")
        return
    assert target.exists(), (
        f"{target.name} is missing: run `uv run python -m tests.golden --update`"
    )
    expected = target.read_text(encoding="utf-8")
    assert text == expected, (
        f"{target.name} changed; if that is meant, run `uv run python -m tests.golden "
        "--update` and review `git diff tests/golden`"
    )


@pytest.mark.parametrize(
    ("profile", "kind", "build"),
    [pytest.param(p, k, b, id=f"{p.stem}.{k}") for p, k, b in cases() if k != "simulate"],
)
def test_engine_output_equals_its_golden_file(
    profile: Path, kind: str, build: Callable[[Path], Any]
) -> None:
    check(profile, kind, build)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("profile", "kind", "build"),
    [pytest.param(p, k, b, id=f"{p.stem}.{k}") for p, k, b in cases() if k == "simulate"],
)
def test_simulation_equals_its_golden_file(
    profile: Path, kind: str, build: Callable[[Path], Any]
) -> None:
    check(profile, kind, build)


def test_illustrations_equal_their_golden_file() -> None:
    """The figure geometry (osteoload.illustration) draws every exercise as before."""
    compare(serialize(illustrations()), ILLUSTRATIONS_FILE)


def test_every_golden_file_has_a_case() -> None:
    """No stale golden file is left behind when a profile is renamed or removed."""
    expected = {golden_path(p, k).name for p, k, _ in cases()} | {ILLUSTRATIONS_FILE.name}
    present = {p.name for p in golden_path(Path("x"), "y").parent.glob("*.json")}
    assert present == expected
