from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples" / "profiles").glob("*.*"))

#: A fixed "today" for tests, so that example profiles and dates never age.
TODAY = date(2026, 11, 26)


@pytest.fixture
def today() -> date:
    return TODAY


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache (the coaching loop keeps computed prescriptions
    there), so no test sees another's results."""
    from django.core.cache import cache

    from osteoload.services import audit
    from osteoload.store.records import forget_programs

    cache.clear()
    forget_programs()
    audit.discard_pending()  # read audit entries queued by an earlier test's rolled-back world
    yield
