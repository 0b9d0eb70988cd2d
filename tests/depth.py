"""How many examples the property tests draw: the suite's counts by default (kept small so
that CI stays under its time budget), times ``OSTEOLOAD_PROPERTY_DEPTH`` for a deeper hunt
with a fresh ``--hypothesis-seed`` (CONTRIBUTING.md, "Checks"): each such run draws clients
the suite has never met. A failure prints the profile drawn, to be kept as a named
regression test with its fix.
"""

from __future__ import annotations

import os


def _depth() -> int:
    raw = os.environ.get("OSTEOLOAD_PROPERTY_DEPTH", "").strip()
    if not raw:
        return 1
    try:
        value = int(raw)
    except ValueError:
        raise SystemExit(f"OSTEOLOAD_PROPERTY_DEPTH: {raw!r} is not a whole number") from None
    if value < 1:
        raise SystemExit(f"OSTEOLOAD_PROPERTY_DEPTH: {value} is below 1; allowed: 1 or more")
    return value


#: The multiplier read once at import.
DEPTH = _depth()


def examples(n: int) -> int:
    """``n`` examples, times the depth asked for."""
    return n * DEPTH
