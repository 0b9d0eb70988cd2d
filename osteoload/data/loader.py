"""Load the packaged YAML data files and hand them to the engine's validators."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

from osteoload.domain.catalogue import Catalogue, build_catalogue


def read_yaml(name: str) -> Any:
    """Parse a YAML file shipped in ``osteoload/data``."""
    text = resources.files("osteoload.data").joinpath(name).read_text(encoding="utf-8")
    return yaml.safe_load(text)


@cache
def load_catalogue() -> Catalogue:
    """The built-in exercise catalogue, validated once per process."""
    raw = read_yaml("exercises.yaml")
    return build_catalogue(raw["exercises"])
