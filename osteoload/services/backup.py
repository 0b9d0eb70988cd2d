"""Verified backups and restores of the whole clinic database.

SQLite (the embedded default) is copied with SQLite's online backup API: one consistent
snapshot taken while the server keeps serving (in WAL mode readers never block the writer),
retried while the file is busy, written to a temporary file next to the destination, synced,
renamed into place, then opened again and checked (SQLite header, ``PRAGMA integrity_check``,
the app's tables, row counts). PostgreSQL goes through ``pg_dump --format=custom`` and
``pg_restore``; the row counts of a dump are read in the very snapshot it was taken from.

Neither command overwrites a file or fills a database that already holds a clinic unless
told to (``force``). Every file written is created 0600: it holds health data.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import DatabaseError, connection, connections, transaction
from django.db.models import Model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from osteoload.store.models import (
    AuditEntry,
    Client,
    DxaScanRecord,
    FunctionalTestRecord,
    ProgramRecord,
    SetLogRow,
    SymptomReport,
)

from .errors import InputError, Issue

SQLITE_HEADER = b"SQLite format 3\x00"
PG_DUMP_HEADER = b"PGDMP"
BUSY_ATTEMPTS = 20
"""How often a busy SQLite file is retried (with a growing pause) before giving up."""

Progress = Callable[[str], None]


class BackupFailed(Exception):
    """The backup or restore could not be made or did not verify; nothing was replaced."""


@dataclass(frozen=True, slots=True)
class BackupReport:
    """What was written (or restored) and what it holds."""

    path: Path
    engine: str
    """``sqlite`` or ``postgresql``."""
    size_bytes: int
    counts: dict[str, int]
    """Rows in the main tables, by a plain name (``clients``, ``logged_sets``, ...)."""
    seconds: float
    check: str
    """What verified it, in words (``integrity_check ok``, ``pg_restore --list ok``)."""


def _main_tables() -> dict[str, type[Model]]:
    return {
        "logins": get_user_model(),
        "clients": Client,
        "programs": ProgramRecord,
        "logged_sets": SetLogRow,
        "symptom_reports": SymptomReport,
        "functional_tests": FunctionalTestRecord,
        "dxa_scans": DxaScanRecord,
        "audit_entries": AuditEntry,
    }


def main_table_names() -> dict[str, str]:
    """The main tables' names in the database, by their plain name."""
    return {name: model._meta.db_table for name, model in _main_tables().items()}


def engine() -> str:
    return "sqlite" if connection.vendor == "sqlite" else "postgresql"


def backup(dest: Path, *, force: bool = False, progress: Progress | None = None) -> BackupReport:
    """Write a verified copy of the whole database to ``dest`` (a new file unless ``force``)."""
    say = progress or (lambda _message: None)
    dest = _destination(dest, force=force)
    started = time.perf_counter()
    with _failures(gettext_noop("backup")):
        if engine() == "sqlite":
            counts = sqlite_backup(_sqlite_path(), dest, say)
            check = "integrity_check ok"
        else:
            counts = _pg_dump(dest, say)
            say(_("Verifying the dump..."))
            _pg_verify(dest, "DEST")
            check = "pg_restore --list ok"
    return BackupReport(
        path=dest, engine=engine(), size_bytes=dest.stat().st_size, counts=counts,
        seconds=time.perf_counter() - started, check=check,
    )  # fmt: skip


def restore(src: Path, *, force: bool = False, progress: Progress | None = None) -> BackupReport:
    """Replace the database's content with the backup ``src`` (verified first).

    Refuses a database that already holds data unless ``force``; the server should be
    stopped while a restore runs.
    """
    say = progress or (lambda _message: None)
    src = _source(src)
    started = time.perf_counter()
    say(_("Verifying the backup..."))
    if engine() == "sqlite":
        sqlite_verify(src, "SRC")
    else:
        _pg_verify(src, "SRC")
    with _failures(gettext_noop("restore")):
        held = {name: n for name, n in database_counts().items() if n}
    if held and not force:
        what = ", ".join(f"{n} {name.replace('_', ' ')}" for name, n in held.items())
        raise InputError([Issue(
            "database", _("already holds data (%(what)s); restore into an empty database or "
                          "add --force to replace everything in it") % {"what": what},
        )])  # fmt: skip
    say(_("Restoring..."))
    with _failures(gettext_noop("restore")):
        if engine() == "sqlite":
            _sqlite_restore(src, _sqlite_path())
            check = "integrity_check ok"
        else:
            _pg_restore(src, clean=_has_app_tables())
            check = "pg_restore ok"
        say(_("Counting rows..."))
        counts = database_counts()
    # Answers cached from the database as it was (Today, the progress series) are keyed by
    # counts that a restored, older log can reach again with other sets: forget them all.
    cache.clear()
    return BackupReport(
        path=src, engine=engine(), size_bytes=src.stat().st_size, counts=counts,
        seconds=time.perf_counter() - started, check=check,
    )  # fmt: skip


def database_counts() -> dict[str, int]:
    """Rows in the main tables of the live database (0 for a table not created yet); a
    database that does not answer raises, it never counts as empty."""
    existing = set(connection.introspection.table_names())
    return {
        name: model._default_manager.count() if model._meta.db_table in existing else 0
        for name, model in _main_tables().items()
    }


@contextlib.contextmanager
def _failures(what: str) -> Iterator[None]:
    """A database that does not answer, a full disk, a broken file: BackupFailed, in words
    (``what``, a message id or a tool's name, said in the active language)."""
    try:
        yield
    except (InputError, BackupFailed):
        raise
    except DatabaseError as exc:
        raise BackupFailed(
            _("%(what)s failed: the database: %(problem)s")
            % {"what": _(what), "problem": _first_line(exc)}
        ) from None
    except sqlite3.Error as exc:
        raise BackupFailed(_failed(what, f"SQLite: {exc}")) from None
    except OSError as exc:
        raise BackupFailed(_failed(what, f"{exc.strerror or exc}: {exc.filename or ''}")) from None


def _failed(what: str, problem: object) -> str:
    """``backup failed: ...`` in the active language (``what`` a message id or a tool)."""
    return _("%(what)s failed: %(problem)s") % {"what": _(what), "problem": problem}


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


# --- paths ---------------------------------------------------------------------------------


def _destination(dest: Path, *, force: bool) -> Path:
    dest = Path(os.path.abspath(dest.expanduser()))
    folder = dest.parent
    if dest.is_dir():
        raise InputError(
            [Issue("DEST", _("%(path)s is a folder; give a file name in it") % {"path": dest})]
        )
    if not folder.is_dir():
        raise InputError(
            [Issue("DEST", _("folder %(path)s does not exist; create it first") % {"path": folder})]
        )
    if not os.access(folder, os.W_OK | os.X_OK):
        raise InputError([Issue("DEST", _("folder %(path)s is not writable") % {"path": folder})])
    if dest.exists() and not force:
        raise InputError([Issue(
            "DEST", _("%(path)s already exists; choose a new name or add --force to replace it")
            % {"path": dest}
        )])  # fmt: skip
    if engine() == "sqlite" and dest == Path(os.path.abspath(_sqlite_path())):
        raise InputError([Issue("DEST", _("%(path)s is the database itself") % {"path": dest})])
    return dest


def _source(src: Path) -> Path:
    src = Path(os.path.abspath(src.expanduser()))
    if not src.exists():
        raise InputError([Issue("SRC", _("%(path)s does not exist") % {"path": src})])
    if not src.is_file():
        raise InputError([Issue("SRC", _("%(path)s is not a file") % {"path": src})])
    if not os.access(src, os.R_OK):
        raise InputError([Issue("SRC", _("%(path)s is not readable") % {"path": src})])
    if engine() == "sqlite" and src == Path(os.path.abspath(_sqlite_path())):
        raise InputError([Issue("SRC", _("%(path)s is the database itself") % {"path": src})])
    return src


@contextlib.contextmanager
def _temporary_next_to(dest: Path) -> Iterator[Path]:
    """A new 0600 file in ``dest``'s folder, removed unless the caller renamed it."""
    fd, name = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".partial", dir=dest.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
    finally:
        tmp.unlink(missing_ok=True)


def _commit_file(tmp: Path, dest: Path) -> None:
    """Sync ``tmp``, rename it to ``dest`` atomically and sync the folder."""
    with open(tmp, "rb+") as handle:
        os.fsync(handle.fileno())
    os.chmod(tmp, 0o600)
    os.replace(tmp, dest)
    with contextlib.suppress(OSError):
        folder = os.open(dest.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


# --- SQLite --------------------------------------------------------------------------------


def _sqlite_path() -> Path:
    return Path(str(connection.settings_dict["NAME"]))


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def _with_retries(action: Callable[[], None], say: Progress, what: str) -> None:
    for attempt in range(1, BUSY_ATTEMPTS + 1):
        try:
            action()
            return
        except sqlite3.OperationalError as exc:
            if not _is_busy(exc) or attempt == BUSY_ATTEMPTS:
                raise BackupFailed(_failed(what, exc)) from None
            say(
                _("%(what)s: the database is busy; retrying (%(attempt)s of %(attempts)s)...")
                % {"what": _(what), "attempt": attempt, "attempts": BUSY_ATTEMPTS}
            )
            time.sleep(min(2.0, 0.05 * 2**attempt))


def sqlite_backup(source: Path, dest: Path, say: Progress) -> dict[str, int]:
    """Copy the SQLite database ``source`` to the new file ``dest`` (one consistent moment,
    retried while busy, written atomically, verified); returns its row counts."""
    if not source.is_file() or source.stat().st_size == 0:
        raise InputError(
            [
                Issue(
                    "database",
                    _("%(path)s does not exist yet; nothing to back up") % {"path": source},
                )
            ]
        )
    size_mb = source.stat().st_size / 1e6
    with _temporary_next_to(dest) as tmp:

        def copy() -> None:
            src = sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True, timeout=20)
            out = sqlite3.connect(tmp, timeout=20)
            try:
                # One step: a single read transaction, so the copy is one consistent moment
                # (copying page by page restarts whenever a writer commits in between).
                src.backup(out, pages=-1, sleep=0.05)
                # A single self-contained file: no -wal beside it.
                out.execute("PRAGMA journal_mode=DELETE").fetchall()
                out.commit()
            finally:
                out.close()
                src.close()

        say(_("Copying the database (%(size)s MB)...") % {"size": f"{size_mb:,.1f}"})
        _with_retries(copy, say, gettext_noop("backup"))
        if tmp.stat().st_size == 0:
            raise BackupFailed(_("backup failed: the copy is empty; nothing was written"))
        say(_("Verifying the backup..."))
        try:
            counts = sqlite_verify(tmp, "DEST")
        except InputError as exc:
            raise BackupFailed(
                _("backup failed verification (%(problem)s); nothing was written")
                % {"problem": exc}
            ) from None
        _commit_file(tmp, dest)
    return counts


def sqlite_verify(path: Path, field: str) -> dict[str, int]:
    """Check a SQLite backup file and return its row counts; InputError naming ``field`` when
    it is not a sound osteoload database."""

    def bad(message: str) -> InputError:
        return InputError([Issue(field, f"{path} {message}")])

    try:
        with open(path, "rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise bad(_("cannot be read (%(why)s)") % {"why": exc.strerror}) from None
    if not header:
        raise bad(_("is empty (0 bytes); it is not a backup"))
    if header != SQLITE_HEADER:
        raise bad(_("is not a SQLite database"))
    try:
        db = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=20)
    except sqlite3.Error as exc:
        raise bad(_("cannot be opened (%(why)s)") % {"why": exc}) from None
    try:
        result = [row[0] for row in db.execute("PRAGMA integrity_check").fetchall()]
        if result != ["ok"]:
            raise bad(
                _("fails the integrity check: %(problems)s")
                % {"problems": "; ".join(map(str, result[:3]))}
            )
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        names = main_table_names()
        missing = sorted(t for t in [*names.values(), "django_migrations"] if t not in tables)
        if missing:
            raise bad(
                _("is not an osteoload database (no table %(tables)s)")
                % {"tables": ", ".join(missing)}
            )
        return {
            name: int(db.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])
            for name, table in names.items()
        }
    except sqlite3.DatabaseError as exc:
        raise bad(_("is damaged (%(why)s)") % {"why": exc}) from None
    finally:
        db.close()


def _sqlite_restore(src: Path, target: Path) -> None:
    connections.close_all()
    target.parent.mkdir(parents=True, exist_ok=True)

    def copy() -> None:
        source = sqlite3.connect(f"{src.as_uri()}?mode=ro", uri=True, timeout=20)
        out = sqlite3.connect(target, timeout=20)
        try:
            source.backup(out, pages=-1, sleep=0.05)
            out.execute("PRAGMA journal_mode=WAL").fetchall()
            out.commit()
        finally:
            out.close()
            source.close()

    _with_retries(copy, lambda _message: None, gettext_noop("restore"))
    os.chmod(target, 0o600)  # health data: the owner only
    with contextlib.closing(sqlite3.connect(target, timeout=20)) as db:
        result = db.execute("PRAGMA quick_check").fetchone()
    if not result or result[0] != "ok":
        raise BackupFailed(
            _("restore failed: the database does not check out (%(result)s)") % {"result": result}
        )


# --- PostgreSQL ----------------------------------------------------------------------------


def _pg_env() -> dict[str, str]:
    """libpq's variables for the configured database (the password never on a command line)."""
    settings = connection.settings_dict
    env = dict(os.environ)
    for key, var in (("NAME", "PGDATABASE"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD"),
                     ("HOST", "PGHOST"), ("PORT", "PGPORT")):  # fmt: skip
        value = settings.get(key)
        if value:
            env[var] = str(value)
    return env


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise BackupFailed(
            _(
                "%(tool)s not found; install the PostgreSQL client tools (at least as new as "
                "the server)"
            )
            % {"tool": name}
        )
    return found


def _run(args: list[str], what: str) -> str:
    result = subprocess.run(args, env=_pg_env(), capture_output=True, text=True, check=False)
    if result.returncode != 0:
        detail = result.stderr.strip().splitlines()
        raise BackupFailed(_failed(what, " ".join(detail[-3:]) or f"exit {result.returncode}"))
    return result.stdout


def _pg_dump(dest: Path, say: Progress) -> dict[str, int]:
    """Dump in one snapshot and count the main tables in that same snapshot."""
    pg_dump = _pg_tool("pg_dump")
    connection.ensure_connection()
    with _temporary_next_to(dest) as tmp, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = str(cursor.fetchone()[0])
        counts = {}
        for name, table in main_table_names().items():
            cursor.execute(f'SELECT count(*) FROM "{table}"')
            counts[name] = int(cursor.fetchone()[0])
        say(_("Dumping the database (pg_dump)..."))
        _run([pg_dump, "--format=custom", f"--snapshot={snapshot}", f"--file={tmp}"], "pg_dump")
        if tmp.stat().st_size == 0:
            raise BackupFailed(_("pg_dump failed: the dump is empty; nothing was written"))
        _commit_file(tmp, dest)
    return counts


def _pg_verify(path: Path, field: str) -> None:
    try:
        with open(path, "rb") as handle:
            header = handle.read(len(PG_DUMP_HEADER))
    except OSError as exc:
        raise InputError(
            [Issue(field, f"{path} " + _("cannot be read (%(why)s)") % {"why": exc.strerror})]
        ) from None
    if not header:
        raise InputError([Issue(field, f"{path} " + _("is empty (0 bytes); it is not a backup"))])
    if header != PG_DUMP_HEADER:
        raise InputError([Issue(field, f"{path} " + _("is not a pg_dump custom-format file"))])
    listing = _run([_pg_tool("pg_restore"), "--list", str(path)], "pg_restore --list")
    data = {line.split()[-2] for line in listing.splitlines() if " TABLE DATA " in line}
    missing = sorted(t for t in main_table_names().values() if t not in data)
    if missing:
        raise InputError([Issue(
            field, f"{path} " + _("is not an osteoload dump (no table %(tables)s)")
            % {"tables": ", ".join(missing)}
        )])  # fmt: skip


def _has_app_tables() -> bool:
    return Client._meta.db_table in connection.introspection.table_names()


def _pg_restore(src: Path, *, clean: bool) -> None:
    connections.close_all()
    args = [_pg_tool("pg_restore"), "--no-owner", "--exit-on-error", "--single-transaction"]
    if clean:
        args += ["--clean", "--if-exists"]
    env = _pg_env()
    _run([*args, f"--dbname={env.get('PGDATABASE', '')}", str(src)], "pg_restore")
