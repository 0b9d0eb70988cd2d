"""A codebase a newcomer can hold in her head (issue 18): no module of the engine
(``osteoload/domain``) or of the figure geometry (``osteoload/illustration``) is over
:data:`MAX_MODULE_LINES` lines, and no function over :data:`MAX_FUNCTION_LINES` lines of code
(its docstring aside), measured with :mod:`ast`.

:data:`LONG_FUNCTIONS` lists the functions still over the limit with their length today. The
list only shrinks: a listed function may not grow, and one that gets under the limit must
leave the list (the test says so), so that splitting a function is never undone quietly.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from tests.conftest import ROOT

PACKAGE = ROOT / "osteoload"
CHECKED = (PACKAGE / "domain", PACKAGE / "illustration")
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 60

#: Functions still over the limit: ``"<path under osteoload/>::<qualified name>": lines``.
#: Shrink it; never add to it (split the function instead).
LONG_FUNCTIONS: dict[str, int] = {}


def code_lines(node: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    """A function's lines from ``def`` to its last line, its docstring aside."""
    total = (node.end_lineno or node.lineno) - node.lineno + 1
    first = node.body[0] if node.body else None
    if (
        isinstance(first, ast.Expr)
        and isinstance(first.value, ast.Constant)
        and isinstance(first.value.value, str)
    ):
        total -= (first.end_lineno or first.lineno) - first.lineno + 1
    return total


def functions(source: str) -> Iterator[tuple[str, int]]:
    """``(qualified name, code lines)`` of every function and method, nested ones included."""

    def walk(node: ast.AST, prefix: str) -> Iterator[tuple[str, int]]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                yield f"{prefix}{child.name}", code_lines(child)
                yield from walk(child, f"{prefix}{child.name}.")
            elif isinstance(child, ast.ClassDef):
                yield from walk(child, f"{prefix}{child.name}.")

    yield from walk(ast.parse(source), "")


def modules() -> list[Path]:
    return sorted(p for folder in CHECKED for p in folder.rglob("*.py"))


def measured() -> dict[str, int]:
    """Every function of the checked packages, keyed as in :data:`LONG_FUNCTIONS`."""
    out: dict[str, int] = {}
    for path in modules():
        where = path.relative_to(PACKAGE).as_posix()
        for name, lines in functions(path.read_text()):
            out[f"{where}::{name}"] = lines
    return out


def long_modules() -> dict[str, int]:
    counts = {p.relative_to(PACKAGE).as_posix(): len(p.read_text().splitlines()) for p in modules()}
    return {name: n for name, n in counts.items() if n > MAX_MODULE_LINES}


def test_no_engine_module_is_over_500_lines():
    assert long_modules() == {}, f"split these modules by concept (at most {MAX_MODULE_LINES})"


def test_no_new_function_is_over_60_lines():
    found = measured()
    new = {k: n for k, n in found.items() if n > MAX_FUNCTION_LINES and k not in LONG_FUNCTIONS}
    assert new == {}, f"split these functions (at most {MAX_FUNCTION_LINES} lines of code)"


def test_the_long_function_list_only_shrinks():
    found = measured()
    gone = sorted(k for k in LONG_FUNCTIONS if k not in found)
    short = sorted(k for k in LONG_FUNCTIONS if k in found and found[k] <= MAX_FUNCTION_LINES)
    grown = {k: found[k] for k in LONG_FUNCTIONS if k in found and found[k] > LONG_FUNCTIONS[k]}
    assert gone == [], "renamed or removed: take these off LONG_FUNCTIONS"
    assert short == [], "now short enough: take these off LONG_FUNCTIONS"
    assert grown == {}, "a listed long function may not grow: split it instead"


def test_the_measure_sees_a_long_function_and_skips_docstrings():
    body = "".join(f"    x{i} = {i}\n" for i in range(MAX_FUNCTION_LINES))
    docstring = '    """' + "A long docstring.\n" * 30 + '    """\n'
    source = (
        f"def long():\n{body}"
        f"def documented():\n{docstring}    return 1\n"
        f"class C:\n    def method(self):\n        def inner():\n            return 2\n"
        "        return inner()\n"
    )
    found = dict(functions(source))
    assert found["long"] == MAX_FUNCTION_LINES + 1
    assert found["documented"] == 2
    assert found["C.method"] == 4
    assert found["C.method.inner"] == 2
