"""Docs that must keep up with the code."""

from __future__ import annotations

import re

from osteoload.cli.main import COMMANDS
from tests.conftest import ROOT


def test_every_environment_variable_is_documented():
    settings = (ROOT / "osteoload" / "settings.py").read_text()
    names = set(re.findall(r'env(?:bool|str|secret)\(\s*"([A-Z_]+)"', settings))
    names |= set(re.findall(r'os\.environ\.get\(\s*"([A-Z_]+)"', settings))
    names.discard("")
    documented = set(re.findall(r"^## ([A-Z_]+)", (ROOT / "docs" / "configuration.md").read_text(),
                                re.MULTILINE))  # fmt: skip
    assert names, "no environment variables found: the pattern is out of date"
    assert names <= documented, f"undocumented: {sorted(names - documented)}"


def test_every_cli_command_is_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    missing = [name for name in COMMANDS if f"osteoload {name}" not in readme]
    assert not missing, f"commands missing from the README: {missing}"
