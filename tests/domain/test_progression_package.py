"""The progression package (issue 18): split into modules of one concern, every name of the
former ``progression.py`` (public and private) is still importable from the package."""

from __future__ import annotations

import ast
import importlib
import pkgutil

import osteoload.domain.progression as progression

SUBMODULES = sorted(m.name for m in pkgutil.iter_modules(progression.__path__))


def _top_level_names(module_name: str) -> set[str]:
    module = importlib.import_module(f"osteoload.domain.progression.{module_name}")
    assert module.__file__ is not None
    with open(module.__file__, encoding="utf-8") as f:
        tree = ast.parse(f.read())
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names |= {t.id for t in node.targets if isinstance(t, ast.Name)}
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return names


def test_every_module_name_is_reexported_by_the_package():
    assert SUBMODULES, "the package has modules"
    for module_name in SUBMODULES:
        module = importlib.import_module(f"osteoload.domain.progression.{module_name}")
        assert module.__doc__, f"{module_name} has a docstring"
        for name in _top_level_names(module_name):
            assert getattr(progression, name, None) is getattr(module, name), (
                f"{module_name}.{name} is not importable from osteoload.domain.progression"
            )


def test_public_names_callers_use_are_importable():
    """R18/R18a names that services, tests and the bench import from the package."""
    from osteoload.domain.progression import (  # noqa: F401
        R18_MAX_STEP_PCT_LOWER,
        Change,
        DecisionKind,
        NextItem,
        NextPrescriptions,
        _effective_step_pct,
        judge_session,
        next_load_up,
        next_prescriptions,
        rep_range,
    )

    assert set(progression.__all__) <= set(dir(progression))
