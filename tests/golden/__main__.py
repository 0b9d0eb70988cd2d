"""``uv run python -m tests.golden --update``: regenerate every golden file.

Runs ``tests/test_golden.py`` with :data:`tests.golden.UPDATE_VARIABLE` set, so each test
writes its output instead of comparing it (the same fixtures and database as a normal run).
Without ``--update`` it only compares, like ``uv run pytest tests/test_golden.py``.
"""

from __future__ import annotations

import os
import sys

import pytest

from tests.golden import UPDATE_VARIABLE


def main(argv: list[str]) -> int:
    if argv not in ([], ["--update"]):
        print("usage: python -m tests.golden [--update]", file=sys.stderr)
        return 2
    if argv:
        os.environ[UPDATE_VARIABLE] = "1"
    return int(pytest.main(["-q", "-p", "no:cacheprovider", "tests/test_golden.py"]))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
