"""Engine purity checks that import-linter cannot see: no clock, files, network or randomness."""

from __future__ import annotations

import ast
import sys

import pytest

from tests.conftest import ROOT

DOMAIN = ROOT / "osteoload" / "domain"
FORBIDDEN_CALLS = {
    ("date", "today"),
    ("datetime", "now"),
    ("datetime", "utcnow"),
    ("datetime", "today"),
    ("time", "time"),
    ("time", "monotonic"),
    ("Path", "read_text"),
    ("Path", "open"),
}
FORBIDDEN_NAMES = {"open", "input", "print", "__import__", "eval", "exec"}
FORBIDDEN_MODULES = {
    "os", "sys", "socket", "sqlite3", "random", "urllib", "http", "subprocess",
    "pathlib", "io", "shutil", "tempfile", "importlib", "secrets", "uuid",
}  # fmt: skip


def domain_modules():
    return sorted(DOMAIN.rglob("*.py"))


@pytest.mark.parametrize("path", domain_modules(), ids=lambda p: p.name)
def test_engine_module_is_pure(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
            )
            for name in names:
                top = name.split(".")[0]
                if isinstance(node, ast.ImportFrom) and node.level:
                    continue
                assert top in sys.stdlib_module_names, f"{path.name}: imports third-party {name}"
                assert top not in FORBIDDEN_MODULES, (
                    f"{path.name}: imports {name} (I/O or randomness)"
                )
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name):
                assert func.id not in FORBIDDEN_NAMES, (
                    f"{path.name}:{node.lineno} calls {func.id}()"
                )
            if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
                pair = (func.value.id, func.attr)
                assert pair not in FORBIDDEN_CALLS, (
                    f"{path.name}:{node.lineno} calls {pair[0]}.{pair[1]}()"
                )
            if isinstance(func, ast.Attribute) and func.attr in {"now", "utcnow", "today"}:
                raise AssertionError(f"{path.name}:{node.lineno} reads the clock")


def test_the_purity_check_catches_a_clock_read(tmp_path):
    bad = "from datetime import date\n\ndef f():\n    return date.today()\n"
    tree = ast.parse(bad)
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call)]
    assert any(isinstance(c.func, ast.Attribute) and c.func.attr == "today" for c in calls)
