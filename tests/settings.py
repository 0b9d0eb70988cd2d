"""Test settings: a throwaway data directory and a fast password hasher."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("OSTEOLOAD_DATA_DIR", tempfile.mkdtemp(prefix="osteoload-test-"))

from osteoload.settings import *  # noqa: E402,F403
from osteoload.settings import CACHES, STATIC_ROOT  # noqa: E402

# Each test process its own cache folder: pytest-xdist's workers inherit the data directory
# chosen above through the environment, and one worker's cache.clear() between tests must not
# empty another's cache in the middle of a test.
CACHES = {
    "default": {**CACHES["default"], "LOCATION": tempfile.mkdtemp(prefix="osteoload-test-cache-")}
}

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# WhiteNoise warns (an error under pytest) when STATIC_ROOT does not exist.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)

# No booklet laid out in the background after each assignment (a test turns it on).
OSTEOLOAD_BOOKLETS_AHEAD = False

# No next session prepared in the background after a logged set (tests call next_ahead.run_due).
OSTEOLOAD_NEXT_AHEAD = False

# Queued read audit entries are written when something reads the log (or by audit.flush()),
# never by a background thread against the test database.
OSTEOLOAD_READ_AUDIT_WRITER = False
