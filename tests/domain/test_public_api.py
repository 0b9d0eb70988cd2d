"""The engine's curated public API (``osteoload/domain/__init__.py``) stays honest: sorted,
every name resolving to an engine object, every engine function or record another layer
imports either public or kept out on purpose, and the error tree in ``errors.py`` complete."""

from __future__ import annotations

import ast
import enum
import importlib
import inspect
import pkgutil

import osteoload.domain as engine
from osteoload.domain import errors, vocabulary
from tests.conftest import ROOT

#: Engine names other layers import that are deliberately not in ``__all__``, and why.
#: (The exercise figures' geometry left the engine for ``osteoload.illustration``.)
NOT_EXPORTED: dict[str, str] = {}


def engine_imports(source: str) -> set[tuple[str, str]]:
    """``(module, name)`` for every ``from osteoload.domain... import name`` in a module."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("osteoload.domain"):
            found |= {(node.module or "", alias.name) for alias in node.names}
    return found


def engine_names_used_outside() -> dict[str, str]:
    """Every engine function or class a module outside ``osteoload/domain`` imports, with
    the first file that imports it."""
    used: dict[str, str] = {}
    for path in sorted((ROOT / "osteoload").rglob("*.py")):
        relative = path.relative_to(ROOT)
        if relative.parts[1] == "domain":
            continue
        for module, name in sorted(engine_imports(path.read_text())):
            value = getattr(importlib.import_module(module), name)
            defined_in = getattr(value, "__module__", "") or ""
            if (inspect.isclass(value) or inspect.isfunction(value)) and defined_in.startswith(
                "osteoload.domain"
            ):
                used.setdefault(name, relative.as_posix())
    return used


def engine_modules() -> list[str]:
    return [
        info.name
        for info in pkgutil.walk_packages(engine.__path__, prefix="osteoload.domain.")
        if not info.name.rsplit(".", 1)[-1].startswith("_")
    ]


def test_all_is_sorted_and_has_no_repeats():
    assert engine.__all__ == sorted(set(engine.__all__))


def test_every_public_name_resolves_to_an_engine_object():
    for name in engine.__all__:
        value = getattr(engine, name)
        assert value.__module__.startswith("osteoload.domain."), name


def test_every_public_name_is_a_function_or_a_record_not_a_constant():
    """Numbers keep their one home in the module that cites their rule."""
    for name in engine.__all__:
        value = getattr(engine, name)
        assert inspect.isclass(value) or inspect.isfunction(value), name


def test_every_engine_name_another_layer_uses_is_public_or_kept_out_on_purpose():
    used = engine_names_used_outside()
    missing = {
        name: where
        for name, where in used.items()
        if name not in engine.__all__ and name not in NOT_EXPORTED
    }
    assert missing == {}, "add these to osteoload/domain/__init__.py or to NOT_EXPORTED"
    assert not set(NOT_EXPORTED) & set(engine.__all__)
    assert set(NOT_EXPORTED) <= set(used), "NOT_EXPORTED names a name no layer uses"


def test_the_usage_scan_sees_a_nested_and_a_multiline_import():
    source = (
        "def f():\n"
        "    from osteoload.domain.screening import screen\n"
        "from osteoload.domain.units import (\n    format_load,\n    kg_to_lb,\n)\n"
        "from osteoload.services import clock\n"
    )
    assert engine_imports(source) == {
        ("osteoload.domain.screening", "screen"),
        ("osteoload.domain.units", "format_load"),
        ("osteoload.domain.units", "kg_to_lb"),
    }
    used = engine_names_used_outside()
    assert {"screen", "generate_program", "next_prescriptions"} <= set(used)


def test_every_vocabulary_enum_is_public():
    enums = {
        name
        for name, value in vars(vocabulary).items()
        if inspect.isclass(value)
        and issubclass(value, enum.Enum)
        and value.__module__ == vocabulary.__name__
    }
    assert enums and enums <= set(engine.__all__)


def test_the_error_tree_names_every_engine_error():
    doc = errors.__doc__ or ""
    tree = doc.split("\n\n")[1]
    found = set()
    for module in engine_modules():
        for name, value in vars(importlib.import_module(module)).items():
            if inspect.isclass(value) and issubclass(value, errors.DomainError):
                found.add(name)
    assert {"CatalogueError", "InvalidInput", "UnreliableEstimate"} <= found
    for name in found:
        assert name in tree, f"{name} is missing from the error tree in domain/errors.py"
