"""Load the packaged YAML data files and hand them to the engine's validators."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

from osteoload.domain.catalogue import Catalogue, build_catalogue

#: libyaml's safe loader when PyYAML was built with it (its wheels are): the catalogue parses
#: in a fraction of the pure-Python time, which every command pays at start-up. Our own files
#: only; what a user gives us goes through the bounded loader in ``services.untrusted``.
_LOADER: type[yaml.SafeLoader] | type[yaml.CSafeLoader] = getattr(
    yaml, "CSafeLoader", yaml.SafeLoader
)


def read_yaml(name: str) -> Any:
    """Parse a YAML file shipped in ``osteoload/data``."""
    text = resources.files("osteoload.data").joinpath(name).read_text(encoding="utf-8")
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader, on our own files


@cache
def load_catalogue() -> Catalogue:
    """The built-in exercise catalogue, validated once per process."""
    raw = read_yaml("exercises.yaml")
    return build_catalogue(raw["exercises"])
