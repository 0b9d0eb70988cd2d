"""``osteoload backup DEST`` and ``osteoload restore SRC``: verified copies of the whole clinic."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from osteoload.services.errors import InputError
from osteoload.wording import _, gettext_noop

from .common import TextOrJson, console, err_console, fail, print_json

if TYPE_CHECKING:
    from osteoload.services.backup import BackupReport


def backup(
    dest: Annotated[Path, typer.Argument(help="The backup file to write (a new file).")],
    force: Annotated[bool, typer.Option("--force", help="Replace DEST if it exists.")] = False,
    output: Annotated[
        TextOrJson, typer.Option("--format", help="Summary as text or json.")
    ] = TextOrJson.TEXT,
) -> None:
    """Write a verified backup of the whole database while the server keeps running.

    SQLite: SQLite's online backup, checked (integrity check, the app's tables, row counts).
    PostgreSQL (DATABASE_URL): pg_dump in custom format, checked with pg_restore --list.
    """
    with _errors() as backups, console().status("Backing up...") as status:
        report = backups.backup(dest, force=force, progress=status.update)
    _show(report, gettext_noop("Backup written and verified"), output)


def restore(
    src: Annotated[Path, typer.Argument(help="A backup written by osteoload backup.")],
    force: Annotated[
        bool,
        typer.Option("--force", help="Replace everything in a database that already holds data."),
    ] = False,
    output: Annotated[
        TextOrJson, typer.Option("--format", help="Summary as text or json.")
    ] = TextOrJson.TEXT,
) -> None:
    """Restore a backup into the database (stop the server first).

    Refuses a database that already holds data unless --force. Start the server afterwards:
    it brings an older backup's schema up to date.
    """
    with _errors() as backups, console().status("Restoring...") as status:
        report = backups.restore(src, force=force, progress=status.update)
    _show(report, gettext_noop("Restored"), output)


@contextmanager
def _errors() -> Iterator[Any]:
    """Django set up and the service module loaded; bad input exits 2 with the argument
    named, a failed copy exits 1; never a traceback."""
    from osteoload.services.database import setup_django

    setup_django()
    from osteoload.services import backup as backups

    try:
        yield backups
    except InputError as exc:
        fail(exc.render())
    except backups.BackupFailed as exc:
        err_console().print(f"error: {exc}", markup=False)
        raise typer.Exit(code=1) from None


def _show(report: BackupReport, headline: str, output: TextOrJson) -> None:
    """The report on screen; ``headline`` is a message id, said in the active language."""
    if output is TextOrJson.JSON:
        print_json({
            "path": str(report.path), "engine": report.engine, "bytes": report.size_bytes,
            "check": report.check, "counts": report.counts,
            "seconds": round(report.seconds, 2),
        })  # fmt: skip
        return
    engine = "SQLite" if report.engine == "sqlite" else "PostgreSQL"
    console().print(
        f"{_(headline)}: {report.path} ({engine}, {report.size_bytes / 1e6:,.1f} MB, "
        f"{report.check}, {report.seconds:.1f} s)",
        markup=False,
    )
    width = max(len(name) for name in report.counts)
    for name, count in report.counts.items():
        console().print(f"  {name.replace('_', ' '):<{width}}  {count:>10,}", markup=False)


def register(app: typer.Typer) -> None:
    app.command("backup")(backup)
    app.command("restore")(restore)
