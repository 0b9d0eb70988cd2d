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


def purity_problems(tree: ast.AST, name: str) -> list[str]:
    """What in one engine module's syntax tree breaks purity: third-party, I/O or randomness
    imports, forbidden built-ins, and any clock read."""
    problems = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
            )
            for module in names:
                top = module.split(".")[0]
                if isinstance(node, ast.ImportFrom) and node.level:
                    continue
                if top not in sys.stdlib_module_names:
                    problems.append(f"{name}: imports third-party {module}")
                elif top in FORBIDDEN_MODULES:
                    problems.append(f"{name}: imports {module} (I/O or randomness)")
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id in FORBIDDEN_NAMES:
                problems.append(f"{name}:{node.lineno} calls {func.id}()")
            if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
                pair = (func.value.id, func.attr)
                if pair in FORBIDDEN_CALLS:
                    problems.append(f"{name}:{node.lineno} calls {pair[0]}.{pair[1]}()")
            if isinstance(func, ast.Attribute) and func.attr in {"now", "utcnow", "today"}:
                problems.append(f"{name}:{node.lineno} reads the clock")
    return problems + clock_reads(tree, name)


@pytest.mark.parametrize("path", domain_modules(), ids=lambda p: p.name)
def test_engine_module_is_pure(path):
    assert purity_problems(ast.parse(path.read_text(), filename=str(path)), path.name) == []


def test_the_purity_check_catches_a_clock_read():
    bad = "from datetime import date\n\ndef f():\n    return date.today()\n"
    assert purity_problems(ast.parse(bad), "bad.py") == [
        "bad.py:4 calls date.today()",
        "bad.py:4 reads the clock",
        "bad.py:4 reads the clock (date.today)",
    ]


def test_the_purity_check_catches_io_and_third_party_imports():
    bad = "import os\nimport django\n\ndef f():\n    return open('x')\n"
    assert purity_problems(ast.parse(bad), "bad.py") == [
        "bad.py: imports os (I/O or randomness)",
        "bad.py: imports third-party django",
        "bad.py:5 calls open()",
    ]


# One clock: only osteoload/services/clock.py reads it; every other module asks clock.now()
# or clock.today() (the engine takes its dates as arguments). Durations (perf_counter,
# monotonic) are not readings of the date and are allowed.
CLOCK_HOME = ROOT / "osteoload" / "services" / "clock.py"
#: ``owner.attribute`` pairs that read the wall clock, called or passed as a default factory.
CLOCK_ATTRIBUTES = {
    ("date", "today"),
    ("datetime", "now"),
    ("datetime", "utcnow"),
    ("datetime", "today"),
    ("timezone", "now"),
    ("time", "time"),
    ("time", "time_ns"),
}
#: Pairs that convert the value they are given and read the clock only without one.
CLOCK_WITHOUT_ARGUMENT = {
    ("timezone", "localdate"),
    ("timezone", "localtime"),
    ("time", "localtime"),
    ("time", "gmtime"),
    ("time", "ctime"),
    ("time", "asctime"),
}
#: ``from module import name`` that brings a clock reading in under a bare name.
CLOCK_IMPORTS = {
    ("django.utils.timezone", "now"),
    ("django.utils.timezone", "localdate"),
    ("django.utils.timezone", "localtime"),
    ("time", "time"),
    ("time", "time_ns"),
    ("time", "localtime"),
    ("time", "gmtime"),
    ("time", "ctime"),
    ("time", "asctime"),
    # The clock service's own functions, bound by name: a module first imported while a test
    # has frozen the clock would keep the frozen one (commands are imported when they run).
    ("osteoload.services.clock", "today"),
    ("osteoload.services.clock", "now"),
    ("clock", "today"),  # from .clock import today (or from ..services.clock)
    ("clock", "now"),
}


def clock_reads(tree: ast.AST, name: str) -> list[str]:
    """Every read of the wall clock in one module's syntax tree.

    Catches ``date.today()``, ``datetime.now(UTC)``, ``datetime.datetime.now()``,
    ``timezone.now()``, ``timezone.localtime()`` without an argument, ``time.time()``, the same
    names passed uncalled (``default_factory=date.today``), and importing them bare.
    Attributes that merely share a name (``self.today``, ``plan.today``) are not reads.
    """
    reads = []
    converting = {
        id(node.func) for node in ast.walk(tree) if isinstance(node, ast.Call) and node.args
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            # Relative imports count by their last part (``from .clock import today``).
            module = node.module or "" if not node.level else (node.module or "").split(".")[-1]
            for alias in node.names:
                if (module, alias.name) in CLOCK_IMPORTS:
                    reads.append(f"{name}:{node.lineno} imports {alias.name} from {node.module}")
        if not isinstance(node, ast.Attribute):
            continue
        owner = node.value
        owner_name = (
            owner.id
            if isinstance(owner, ast.Name)
            else owner.attr
            if isinstance(owner, ast.Attribute)
            else None
        )
        called_with_value = id(node) in converting
        pair = (owner_name, node.attr)
        if pair in CLOCK_ATTRIBUTES or (pair in CLOCK_WITHOUT_ARGUMENT and not called_with_value):
            reads.append(f"{name}:{node.lineno} reads the clock ({owner_name}.{node.attr})")
    return reads


def package_modules():
    return sorted(
        p
        for p in (ROOT / "osteoload").rglob("*.py")
        if p != CLOCK_HOME and "migrations" not in p.parts
    )


def test_only_the_clock_service_reads_the_clock():
    """Every module of osteoload/ but services/clock.py asks the clock service, so a test
    that freezes clock.now and clock.today freezes every reading."""
    reads = []
    for path in package_modules():
        relative = path.relative_to(ROOT).as_posix()
        reads += clock_reads(ast.parse(path.read_text(), filename=relative), relative)
    assert reads == []


def test_the_clock_home_is_the_one_module_that_reads_it():
    """The check sees the readings clock.py makes (so it is not blind to them), and the home
    it exempts exists."""
    tree = ast.parse(CLOCK_HOME.read_text())
    reads = [read.split(" ", 1)[1] for read in clock_reads(tree, "clock.py")]
    assert reads == ["reads the clock (datetime.now)"]


@pytest.mark.parametrize(
    "source",
    [
        "from datetime import date\nx = date.today()\n",
        "from datetime import UTC, datetime\nx = datetime.now(UTC)\n",
        "import datetime\nx = datetime.datetime.now()\n",
        "from django.utils import timezone\nx = timezone.now()\n",
        "from django.utils import timezone\nx = timezone.localdate()\n",
        "from django.utils import timezone\nx = timezone.localtime()\n",
        "import time\nx = time.time()\n",
        "import time\nx = time.localtime()\n",
        "from django.utils.timezone import now\nx = now()\n",
        "from time import time\nx = time()\n",
        "from osteoload.services.clock import today\nx = today()\n",
        "from .clock import now\nx = now()\n",
        "from dataclasses import field\nfrom datetime import date\n"
        "x = field(default_factory=date.today)\n",
    ],
)
def test_the_clock_check_catches_a_read(source):
    assert clock_reads(ast.parse(source), "bad.py") != []


@pytest.mark.parametrize(
    "source",
    [
        "from osteoload.services import clock\nx = clock.today()\ny = clock.now()\n",
        "x = self.today\ny = plan.today\nz = b.data.today\n",
        "import time\nstarted = time.perf_counter()\nt = time.monotonic()\n",
        "from django.utils import timezone\nx = timezone.localtime(stamp)\n",
        "from django.utils import timezone\nx = timezone.localdate(stamp)\n",
        "import time\nx = time.gmtime(0)\n",
        "from datetime import date\nx = date.fromisoformat('2026-11-26')\n",
    ],
)
def test_the_clock_check_lets_the_clock_service_and_durations_pass(source):
    assert clock_reads(ast.parse(source), "good.py") == []
