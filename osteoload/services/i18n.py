"""The app's languages: compiling the message catalogues, installing Django's translation into
the wording layer, and choosing the language of a user, a client's paper or a command.

The ``.po`` files in ``osteoload/locale`` are the source (in the repository); their compiled
``.mo`` files are not committed: :func:`compile_catalogues` writes them when the app starts
(``WebConfig.ready``) whenever one is missing or older than its ``.po``, with Babel's
pure-Python writer, so no ``msgfmt`` and no manual step is needed.
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import translation

from osteoload import wording


def languages() -> tuple[tuple[str, str], ...]:
    """The languages the app speaks (code, name in that language): ``settings.LANGUAGES``."""
    return tuple((str(code), str(name)) for code, name in settings.LANGUAGES)


def language_codes() -> frozenset[str]:
    return frozenset(code for code, _name in languages())


#: The catalogues' source folder, in the package.
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"


def compile_catalogues(source: Path = LOCALE_DIR, fallback: Path | None = None) -> list[Path]:
    """Write ``django.mo`` next to each ``django.po`` under ``source`` that is missing or older
    than its ``.po``; when the package folder is read-only, under ``fallback`` (a folder
    listed in ``LOCALE_PATHS``) instead. Returns the files written."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written: list[Path] = []
    for po in sorted(source.glob("*/LC_MESSAGES/*.po")):
        targets = [po.with_suffix(".mo")]
        if fallback is not None:
            targets.append(fallback / po.relative_to(source).with_suffix(".mo"))
        if any(_fresh(t, po) for t in targets):
            continue
        with po.open("rb") as handle:
            catalog = read_po(handle, locale=po.parent.parent.name)
        data = io.BytesIO()
        write_mo(data, catalog, use_fuzzy=False)
        for target in targets:
            try:
                _write_atomically(target, data.getvalue())
            except OSError:
                continue
            written.append(target)
            break
    return written


def _fresh(mo: Path, po: Path) -> bool:
    try:
        return mo.stat().st_mtime >= po.stat().st_mtime
    except OSError:
        return False


def _write_atomically(target: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, then rename: two processes starting at
    once never read half a catalogue."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".mo-", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def start() -> None:
    """At app start: compile the catalogues and let the wording layer speak the active
    language (Django's ``gettext``)."""
    fallback = Path(settings.DATA_DIR) / "locale" if hasattr(settings, "DATA_DIR") else None
    compile_catalogues(LOCALE_DIR, fallback)
    wording.use_translation(translation.gettext, translation.ngettext)


def supported(code: str | None) -> str | None:
    """``"es-ES"`` -> ``"es"``; ``None`` for a language the app does not speak."""
    if not code:
        return None
    base = code.strip().lower().replace("_", "-").split("-")[0]
    return base if base in language_codes() else None


def client_language(client: object) -> str | None:
    """The language set on a client's record (for her pages and her paper), or ``None``."""
    return supported(str(getattr(client, "language", "") or ""))


@contextlib.contextmanager
def language(code: str | None) -> Iterator[None]:
    """Speak ``code`` inside the block (the active language when ``None``)."""
    chosen = supported(code)
    if chosen is None:
        yield
        return
    with translation.override(chosen):
        yield


def user_language(user: Any) -> str | None:
    """The language set for a logged-in user: a client's record's, else her account's;
    ``None`` when none is set (her browser's then). One query, which also loads her account
    onto ``user`` so that her role (``access.role_of``) costs none later in the request."""
    if not getattr(user, "is_authenticated", False):
        return None
    from osteoload.store.hot import SAVED_LANGUAGES

    saved = getattr(user, SAVED_LANGUAGES, None)
    if saved is not None:  # read with her API token: no query
        client_code, account_code = saved
        return supported(client_code) or supported(account_code)
    from django.db.models import F

    from osteoload.store.models import Account

    account = (
        Account.objects.filter(user_id=user.pk)
        .annotate(client_language=F("user__client_record__language"))
        .first()
    )
    if account is None:
        return None
    user._state.fields_cache.setdefault("account", account)
    return supported(account.client_language) or supported(account.language)


def set_account_language(user: Any, code: str) -> None:
    """Save ``code`` (``""``: the browser's) as a user's language: on her client record when
    she is a client, else on her account."""
    from osteoload.store.models import Account, Client

    chosen = supported(code) or ""
    try:
        record = user.client_record
    except Client.DoesNotExist:
        record = None
    if record is not None:
        Client.objects.filter(pk=record.pk).update(language=chosen)
        record.language = chosen
        return
    Account.objects.filter(user=user).update(language=chosen)


def ensure_ready() -> None:
    """Configure Django when a command renders translated text without having done so (the
    paper commands work from files, without a database): English unless ``--lang`` said
    otherwise."""
    if not settings.configured:
        from osteoload.services.database import setup_django

        setup_django()


def set_client_language(user: Any, client_id: int, code: str) -> str:
    """Her coach sets a client's language (her pages and her paper); ``""``: her browser's.
    Another coach's client is :class:`~osteoload.services.access.NotFound`. Returns the code
    saved."""
    from osteoload.store.models import Client

    from .access import client_for_coach

    chosen = _checked(code)
    client = client_for_coach(user, client_id)
    Client.objects.filter(pk=client.pk).update(language=chosen)
    return chosen


def set_own_language(user: Any, code: str) -> str:
    """A user sets the language of her own pages: a client's goes on her record (her paper
    follows it), a coach's on her account. Returns the code saved."""
    chosen = _checked(code)
    set_account_language(user, chosen)
    return chosen


def checked_language(code: str) -> str:
    """``code`` if the app speaks it (``""``: the browser's); else an
    :class:`~osteoload.services.errors.InputError` naming the field and what is allowed."""
    return _checked(code)


def _checked(code: str) -> str:
    from django.utils.translation import gettext as _

    from .errors import InputError, Issue

    code = (code or "").strip()
    if code and supported(code) != code:
        allowed = ", ".join(sorted(language_codes()))
        raise InputError(
            [Issue("language", _("is not a language osteoload speaks; allowed: %(allowed)s")
                   % {"allowed": allowed}, code)]
        )  # fmt: skip
    return code
