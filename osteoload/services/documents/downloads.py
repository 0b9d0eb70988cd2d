"""A stored client's paper documents for the app: her booklet, her calendar, her report.

The same services as ``osteoload plan --format pdf|ics`` and ``osteoload report``
(:mod:`.booklet`, :mod:`.calendar`, :mod:`.report`), fed from the database instead of files:
the program she was assigned, as stored (swaps included), her current profile (intake,
recorded tests and scans) and her logged sets. Access goes through
:mod:`osteoload.services.access`: her coach and she herself may download her booklet and
calendar (she not while her program is paused, R32/R32a); only her coach downloads the
doctor's report.

A 12-week booklet takes seconds to lay out, so each rendered booklet is kept in a file
cache under the data directory (``documents/client-<id>/``, files 0600), keyed by the
program and a digest of the booklet's HTML: any change to the program (each swap bumps its
version and changes the HTML), her name, her units or the templates makes a new key, and the
second download of the same booklet is a file read. When her coach assigns a program,
:func:`prepare_booklets` lays both booklets out ahead in a background thread, so even the
first download is a file read; a download that arrives while that rendering runs waits for
it instead of laying the same booklet out a second time. Erasing a client removes her folder
(:func:`forget_client`).
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils.text import slugify

from osteoload.store.models import Client, ProgramRecord

from .. import i18n
from ..access import AnyUser, NotFound, client_for, client_for_coach
from ..clients import client_profile
from ..coaching import stored_log, stored_program
from . import rendering
from .booklet import program_html
from .calendar import program_ics
from .report import progress_report, report_pdf

logger = logging.getLogger(__name__)

PDF = "application/pdf"
ICS = "text/calendar; charset=utf-8"


@dataclass(frozen=True, slots=True)
class Download:
    """A file for the browser: its bytes, its name and its content type."""

    data: bytes
    filename: str
    content_type: str


class DocumentsPaused(Exception):
    """R32/R32a: while her program is paused she is not handed a program to train from;
    her coach still may download it."""


def _assigned(user: AnyUser, client_id: int) -> tuple[Client, ProgramRecord]:
    """Her record and her assigned program; :class:`NotFound` when she has none,
    :class:`DocumentsPaused` when she asks for it herself while her program is paused."""
    client = client_for(user, client_id)
    if client.paused and client.coach_id != user.pk:
        raise DocumentsPaused
    record = client.programs.filter(assigned=True).first()
    if record is None:
        raise NotFound
    return client, record


def _stem(client: Client) -> str:
    return slugify(client.name) or f"client-{client.pk}"


def booklet(user: AnyUser, client_id: int, *, today: date, large_print: bool = False) -> Download:
    """Her assigned program as the booklet PDF (``osteoload plan --format pdf``)."""
    client, record = _assigned(user, client_id)
    profile = client_profile(client, today=today)
    with i18n.language(i18n.client_language(client)):  # her language, whoever prints it
        html = program_html(stored_program(record), profile, large_print=large_print)
    variant = "large-print" if large_print else "normal"
    data = _cached_pdf(client.pk, f"booklet-{record.pk}-{variant}", html)
    suffix = "-large-print" if large_print else ""
    return Download(data, f"{_stem(client)}-program-{record.start}{suffix}.pdf", PDF)


#: A rendering ahead starts this long after it is asked for, and only if nothing newer was
#: asked for her meanwhile: several swaps in a row lay out only the last program.
AHEAD_DELAY_S = 3.0
_LATEST: dict[int, int] = {}
_LATEST_GUARD = threading.Lock()


def _ask(client_id: int) -> int:
    with _LATEST_GUARD:
        _LATEST[client_id] = _LATEST.get(client_id, 0) + 1
        return _LATEST[client_id]


def _latest(client_id: int, ticket: int) -> bool:
    with _LATEST_GUARD:
        if _LATEST.get(client_id) != ticket:
            return False
        del _LATEST[client_id]
        return True


def prepare_booklets(
    user: AnyUser, client_id: int, *, today: date, delay_s: float = AHEAD_DELAY_S
) -> threading.Thread | None:
    """Lay out her assigned program's booklets (normal and large print) ahead, in a
    background thread, so that the first download is a file read (after her coach assigns
    a program or swaps an exercise in it); the thread (started) or ``None`` when
    ``OSTEOLOAD_BOOKLETS_AHEAD`` is off or she has no program to print.

    Everything read from the database is read here; the thread waits ``delay_s``, gives up
    if a newer rendering was asked for her meanwhile, then writes the HTML (in her
    language) and lays it out.
    """
    if not getattr(settings, "OSTEOLOAD_BOOKLETS_AHEAD", True):
        return None
    try:
        client, record = _assigned(user, client_id)
    except (NotFound, DocumentsPaused):
        return None
    profile = client_profile(client, today=today)
    program = stored_program(record)
    language = i18n.client_language(client)

    def still_hers() -> bool:  # erased meanwhile: keep nothing of hers
        try:
            return Client.objects.filter(pk=client.pk).exists()
        finally:
            connection.close()  # this thread's own connection

    ticket = _ask(client.pk)

    def render() -> None:
        time.sleep(delay_s)
        if not _latest(client.pk, ticket):
            return  # a newer program (or swap) will be laid out instead
        try:
            for large_print, variant in ((False, "normal"), (True, "large-print")):
                with i18n.language(language):
                    html = program_html(program, profile, large_print=large_print)
                _cached_pdf(client.pk, f"booklet-{record.pk}-{variant}", html, keep=still_hers)
        except Exception:  # the download will lay it out itself
            logger.exception("laying out booklets ahead failed (program %s)", record.pk)

    thread = threading.Thread(target=render, name=f"booklets-{record.pk}", daemon=True)
    thread.start()
    return thread


def calendar(user: AnyUser, client_id: int, *, today: date) -> Download:
    """Her assigned program's sessions as an .ics calendar (``osteoload plan --format ics``)."""
    client, record = _assigned(user, client_id)
    profile = client_profile(client, today=today)
    with i18n.language(i18n.client_language(client)):
        data = program_ics(stored_program(record), profile)
    return Download(data, f"{_stem(client)}-program-{record.start}.ics", ICS)


def doctor_report(coach: AnyUser, client_id: int, *, today: date) -> Download:
    """The progress report for her doctor (``osteoload report``), from her stored profile
    and log; her coach only. Raises :class:`~osteoload.services.errors.InputError` when
    nothing is logged."""
    client = client_for_coach(coach, client_id)
    profile = client_profile(client, today=today)
    report = progress_report(
        profile, stored_log(client), today=today, log_source="the osteoload app's log"
    )
    return Download(report_pdf(report), f"{_stem(client)}-report-{today}.pdf", PDF)


# --- the booklet cache ------------------------------------------------------------------


def cache_root() -> Path:
    return Path(settings.DATA_DIR) / "documents"


def _client_dir(client_id: int) -> Path:
    return cache_root() / f"client-{int(client_id)}"


_RENDERING: dict[Path, threading.Lock] = {}
_RENDERING_GUARD = threading.Lock()


def _rendering(path: Path) -> threading.Lock:
    """One lock per booklet file: a second request for a booklet being laid out waits for
    that rendering rather than starting its own."""
    with _RENDERING_GUARD:
        return _RENDERING.setdefault(path, threading.Lock())


def _cached_pdf(
    client_id: int, prefix: str, html: str, *, keep: Callable[[], bool] | None = None
) -> bytes:
    """The PDF of ``html``, from the cache when this exact HTML was rendered before; a new
    rendering replaces the older ones of the same ``prefix`` (program and variant). A new
    rendering is kept only if ``keep()`` (when given) still says so once it is laid out."""
    digest = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32]
    folder = _client_dir(client_id)
    path = folder / f"{prefix}-{digest}.pdf"
    try:
        return path.read_bytes()
    except OSError:
        pass
    lock = _rendering(path)
    try:
        with lock:
            return _render_once(folder, path, prefix, html, keep)
    finally:
        with _RENDERING_GUARD:
            if _RENDERING.get(path) is lock and not lock.locked():
                del _RENDERING[path]


def _render_once(
    folder: Path, path: Path, prefix: str, html: str, keep: Callable[[], bool] | None
) -> bytes:
    try:  # laid out while this request waited for the lock
        return path.read_bytes()
    except OSError:
        pass
    data = rendering.html_to_pdf(html)
    if keep is not None and not keep():
        return data
    try:
        _store(folder, path, data)
        for old in folder.glob(f"{prefix}-*.pdf"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass  # a cache that cannot be written only costs the next download its time
    return data


def _store(folder: Path, path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically, readable by the server's user only."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".pdf")  # mode 0600
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def forget_client(client_id: int) -> None:
    """Remove her cached documents (on erasure)."""
    shutil.rmtree(_client_dir(client_id), ignore_errors=True)
