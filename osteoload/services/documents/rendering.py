"""The documents' plumbing: the template engine, HTML to PDF, files written atomically, and
dates and numbers as the documents print them.

The HTML comes from Django templates in ``services/templates/paper/`` rendered with a
standalone :class:`django.template.Engine` (no settings needed, so the CLI works without a
database). WeasyPrint turns the HTML into PDF with a URL fetcher that refuses every request:
the documents are self-contained.
"""

from __future__ import annotations

import base64
import os
import tempfile
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from django.template import Context, Engine

from osteoload.wording.stops import day_in_words

from .. import i18n

TEMPLATE_DIR = Path(__file__).resolve().parents[1] / "templates"


def _(message: str) -> str:
    """``message`` in the active language (Django's translation, set up on demand: the paper
    commands also run from files, without a database)."""
    i18n.ensure_ready()
    from django.utils.translation import gettext

    return gettext(message)


DAY_NAMES = ("", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


MONTHS = ("", "January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip


@cache
def template_engine() -> Engine:
    """Django's template engine on ``services/templates`` (autoescaping on, the i18n tags:
    the documents speak the active language)."""
    return Engine(
        dirs=[str(TEMPLATE_DIR)],
        autoescape=True,
        debug=False,
        libraries={"i18n": "django.templatetags.i18n"},
    )


def render_template(name: str, context: dict[str, Any]) -> str:
    i18n.ensure_ready()
    return template_engine().get_template(name).render(Context(context))


def _fetcher() -> Any:
    from weasyprint.urls import URLFetcher

    class NoFetcher(URLFetcher):  # type: ignore[misc]
        """Refuse every URL but ``data:``: our documents carry everything they show."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("data:"):
                return super().fetch(url, headers)
            raise ValueError(f"osteoload documents load nothing from outside ({url})")

    return NoFetcher(fail_on_errors=True)


def pdf_layout(html: str) -> Any:
    """Lay the HTML out as pages (a ``weasyprint.Document``); used for PDFs and layout tests."""
    from weasyprint import HTML

    return HTML(string=html, base_url=str(TEMPLATE_DIR), url_fetcher=_fetcher()).render()


def html_to_pdf(html: str) -> bytes:
    data: bytes = pdf_layout(html).write_pdf()
    return data


def write_atomically(path: Path, data: bytes, *, mode: int = 0o600) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename,
    so that a reader never sees half a file and a failure leaves nothing behind.

    ``mode`` whatever the umask: by default the owner's only (booklets and reports are
    health data); public files such as the illustrations pass ``0o644``.

    Raises ``IsADirectoryError`` when ``path`` is a directory, ``FileNotFoundError`` when its
    folder does not exist.
    """
    if path.is_dir():
        raise IsADirectoryError(f"{path} is a directory")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise FileNotFoundError(f"folder {folder} does not exist")
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def long_date(day: date) -> str:
    """``"Monday 4 January 2027"``, in the active language."""
    return day_in_words(day)


def short_date(day: date) -> str:
    """``"4 Jan"``."""
    return f"{day.day} {_(MONTHS[day.month])[:3]}"


def number_text(value: float) -> str:
    return f"{value:g}"


def svg_data_uri(svg: str) -> str:
    """An SVG document as a ``data:`` URI for ``<img src>``: self-contained, and much faster
    for WeasyPrint to lay out than inline ``<svg>`` (no page styles cascade into it)."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
