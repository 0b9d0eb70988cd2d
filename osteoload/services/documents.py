"""Read YAML or JSON documents from disk with one-line errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .errors import InputError, Issue
from .untrusted import loads_json, loads_yaml, read_bounded


def read_document(path: Path) -> Any:
    """Parse a ``.yaml``/``.yml``/``.json`` file; any failure is one :class:`InputError` line.

    The file is read up to :data:`~.untrusted.MAX_DOCUMENT_BYTES` and parsed within the
    depth and number limits of :mod:`.untrusted`."""
    source = str(path)
    try:
        raw = read_bounded(path)
    except InputError as exc:
        raise InputError([Issue("", i.message) for i in exc.issues], source=source) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError([Issue("", "is not UTF-8 text")], source=source) from None
    return parse_text(text, source=source, as_json=path.suffix.lower() == ".json")


def parse_text(text: str, *, source: str, as_json: bool) -> Any:
    if not text.strip():
        raise InputError([Issue("", "is empty")], source=source)
    if as_json:
        return loads_json(text, source=source)
    return loads_yaml(text, source=source)
