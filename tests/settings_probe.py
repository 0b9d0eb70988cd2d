"""Read osteoload's settings as a fresh process with a given environment would: only the
variables given here (and none of this process's ``OSTEOLOAD_*`` or ``DATABASE_URL``)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def settings_printed(
    tmp_path: Path, expression: str, **env: str
) -> subprocess.CompletedProcess[str]:
    """Import ``osteoload.settings`` as ``s`` in a new Python and print ``expression``."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("OSTEOLOAD_")}
    clean.pop("DATABASE_URL", None)
    clean.update({"OSTEOLOAD_DATA_DIR": str(tmp_path / "data"), **env})
    code = f"import json, osteoload.settings as s; print({expression})"
    return subprocess.run(
        [sys.executable, "-c", code], env=clean, capture_output=True, text=True, check=False
    )
