"""Session logs: read what a client did (our CSV or JSON, or a Strong or Hevy export), write
our CSV, and work out her next session.

- :mod:`.ours`: our CSV and JSON, and the way in for every format (:func:`read_log`,
  :func:`parse_log`);
- :mod:`.strong_hevy`: Strong and Hevy exports;
- :mod:`.names`: exercise names from other apps mapped to catalogue ids;
- :mod:`.rows` and :mod:`.table`: the records, the row validation and the CSV reading that
  every format shares;
- :mod:`.writer`: our CSV, and the JSON form of a read log;
- :mod:`.next_from_log`: her next session from a log file (``osteoload next``).
"""

from .names import exercise_aliases, map_exercise_name, normalise_name
from .next_from_log import NextSession, next_document, next_session, program_start_for_log
from .ours import parse_log, read_log
from .rows import (
    COLUMNS,
    MAX_ISSUES,
    MAX_ROWS,
    REQUIRED_COLUMNS,
    STANDARD_HEADER,
    LogFormat,
    LogImport,
    SetRowIn,
    Unmapped,
)
from .writer import log_document, write_log_csv

__all__ = [
    "COLUMNS",
    "MAX_ISSUES",
    "MAX_ROWS",
    "REQUIRED_COLUMNS",
    "STANDARD_HEADER",
    "LogFormat",
    "LogImport",
    "NextSession",
    "SetRowIn",
    "Unmapped",
    "exercise_aliases",
    "log_document",
    "map_exercise_name",
    "next_document",
    "next_session",
    "normalise_name",
    "parse_log",
    "program_start_for_log",
    "read_log",
    "write_log_csv",
]
