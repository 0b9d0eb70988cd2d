"""Read YAML or JSON documents from disk with one-line errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from .errors import InputError, Issue


def read_document(path: Path) -> Any:
    """Parse a ``.yaml``/``.yml``/``.json`` file; any failure is one :class:`InputError` line."""
    source = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError([Issue("", "file not found")], source=source) from None
    except IsADirectoryError:
        raise InputError([Issue("", "is a directory, not a file")], source=source) from None
    except UnicodeDecodeError:
        raise InputError([Issue("", "is not UTF-8 text")], source=source) from None
    except OSError as exc:
        raise InputError([Issue("", f"cannot be read ({exc.strerror})")], source=source) from None
    return parse_text(text, source=source, as_json=path.suffix.lower() == ".json")


def parse_text(text: str, *, source: str, as_json: bool) -> Any:
    if not text.strip():
        raise InputError([Issue("", "is empty")], source=source)
    if as_json:
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(
                [
                    Issue(
                        "", f"is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
                    )
                ],
                source=source,
            ) from None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or "malformed"
        raise InputError(
            [Issue("", f"is not valid YAML: {problem}{where}")], source=source
        ) from None
