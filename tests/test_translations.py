"""Spanish (issue 20): every message has a translation, placeholders survive it, the catalogue
compiles without msgfmt, and the wording layer, the anonymous pages and the CLI speak it."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.core.management import call_command
from django.test import Client as Browser
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from typer.testing import CliRunner

from osteoload.services import i18n
from osteoload.wording import Audience
from tests.conftest import ROOT

PACKAGE = ROOT / "osteoload"
PO = PACKAGE / "locale" / "es" / "LC_MESSAGES" / "django.po"

#: Placeholders a translation may leave out: the coach's English pronoun and verb-agreement
#: slots (Spanish drops the subject and writes the verb once). Every other placeholder (a
#: number, a name, a date) must come through.
GRAMMAR = frozenset(
    {"s", "S", "o", "p", "P", "x", "es", "has", "was", "she", "She", "her", "Her", "subject",
     "subject2", "object", "possessive"}
)  # fmt: skip
PLACEHOLDER = re.compile(r"%\((\w+)\)[#0\- +]*\d*(?:\.\d+)?[sdfir]|%[sdf]|\{(\w*)(?:[:!][^{}]*)?\}")


def placeholders(text: str) -> set[str]:
    text = text.replace("%%", "").replace("{{", "").replace("}}", "")
    return {m.group(1) or m.group(2) or m.group(0) for m in PLACEHOLDER.finditer(text)}


def catalogue(path: Path):  # noqa: ANN201 - babel has no types
    with path.open("rb") as handle:
        return read_po(handle)


def untranslated(path: Path) -> list[str]:
    missing = []
    for message in catalogue(path):
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings) or message.fuzzy:
            first = message.id if isinstance(message.id, str) else message.id[0]
            where = ", ".join(f"{file}:{line}" for file, line in message.locations[:2])
            missing.append(f"{first!r} ({where})")
    return missing


@pytest.mark.skipif(
    shutil.which("xgettext") is None and not os.environ.get("CI"),
    reason="xgettext missing: apt-get install gettext",
)
def test_every_message_has_a_spanish_translation(tmp_path, monkeypatch):
    """makemessages on a copy of the package: no msgid may be new, empty or fuzzy."""
    copy = tmp_path / "osteoload"
    shutil.copytree(
        PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.mo", "static")
    )
    monkeypatch.chdir(copy)
    with override_settings(LOCALE_PATHS=[str(copy / "locale")]):
        call_command("makemessages", locale=["es"], verbosity=0, no_obsolete=True)
    missing = untranslated(copy / "locale" / "es" / "LC_MESSAGES" / "django.po")
    assert not missing, (
        f"{len(missing)} message(s) without a Spanish translation; run `uv run python "
        "manage.py makemessages -l es` and translate them in osteoload/locale/es/LC_MESSAGES/"
        "django.po (docs/translations.md):\n" + "\n".join(missing[:40])
    )


def test_the_repository_catalogue_is_complete():
    assert untranslated(PO) == []


def test_placeholders_survive_the_translation():
    """A translation keeps every number, name and date slot of its English text, and adds
    none (a missing one loses data, an unknown one raises KeyError at run time)."""
    wrong = []
    for message in catalogue(PO):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        source = set().union(*(placeholders(i) for i in ids))
        said = [placeholders(s) for s in strings]
        extra = set().union(*said) - source
        lost = (source - GRAMMAR) - set().union(*said)
        if isinstance(message.id, str) and said and (source - GRAMMAR) - said[0]:
            lost |= (source - GRAMMAR) - said[0]
        if extra or lost:
            wrong.append(f"{ids[0]!r}: added {sorted(extra)}, lost {sorted(lost)}")
    assert wrong == []


def test_placeholder_pattern():
    assert placeholders("%(n)d sets of %(per)d, {v:.2f} m/s {site}fracture 50 %% {}") == {
        "n", "per", "v", "site", "{}",
    }  # fmt: skip


def test_catalogues_compile_without_msgfmt_and_again_when_the_po_changes(tmp_path):
    source = tmp_path / "locale"
    (source / "es" / "LC_MESSAGES").mkdir(parents=True)
    po = source / "es" / "LC_MESSAGES" / "django.po"
    shutil.copy(PO, po)
    mo = po.with_suffix(".mo")
    assert i18n.compile_catalogues(source) == [mo]
    assert mo.stat().st_size > 1000
    assert i18n.compile_catalogues(source) == []  # fresh: not written again
    os.utime(po, (mo.stat().st_mtime + 10, mo.stat().st_mtime + 10))
    assert i18n.compile_catalogues(source) == [mo]

    import gettext

    with mo.open("rb") as handle:
        spanish = gettext.GNUTranslations(handle)
    assert spanish.gettext("Today") == "Hoy"
    assert spanish.ngettext("%(n)d set", "%(n)d sets", 3) == "%(n)d series"


def test_a_read_only_package_compiles_into_the_data_folder(tmp_path):
    source = tmp_path / "package" / "locale"
    (source / "es" / "LC_MESSAGES").mkdir(parents=True)
    shutil.copy(PO, source / "es" / "LC_MESSAGES" / "django.po")
    (source / "es" / "LC_MESSAGES").chmod(0o555)
    try:
        written = i18n.compile_catalogues(source, tmp_path / "data" / "locale")
    finally:
        (source / "es" / "LC_MESSAGES").chmod(0o755)
    if os.geteuid() == 0:  # root writes anywhere
        pytest.skip("running as root")
    assert written == [tmp_path / "data" / "locale" / "es" / "LC_MESSAGES" / "django.mo"]


def test_the_wording_layer_speaks_the_active_language():
    """Sentences of osteoload.wording follow Django's active language (dates included)."""
    from datetime import date

    from osteoload.domain.vocabulary import Symptom
    from osteoload.wording.changes import change_words
    from osteoload.wording.stops import day_in_words, symptom_words

    with translation.override("es"):
        assert change_words("increase", Audience.CLIENT) == "Un paso más"
        assert symptom_words(Symptom.CHEST_PAIN, Audience.CLIENT) == "dolor en el pecho"
        assert day_in_words(date(2026, 12, 3)) == "jueves 3 de diciembre de 2026"
        assert day_in_words(date(2026, 12, 3), date(2026, 1, 1)) == "jueves 3 de diciembre"
    with translation.override("en"):
        assert change_words("increase", Audience.CLIENT) == "A step up"
        assert day_in_words(date(2026, 12, 3)) == "Thursday 3 December 2026"


@pytest.mark.parametrize(
    ("code", "expected"), [("es-ES", "es"), ("ES", "es"), ("en_GB", "en"), ("fr", None)]
)
def test_supported_languages(code, expected):
    assert i18n.supported(code) == expected


@pytest.mark.django_db
def test_anonymous_pages_follow_accept_language():
    spanish = Browser(HTTP_ACCEPT_LANGUAGE="es-ES,es;q=0.9").get(reverse("login"))
    assert 'lang="es"' in spanish.content.decode()
    assert "Nombre de usuario" in spanish.content.decode()
    assert spanish["Content-Language"] == "es"
    english = Browser(HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").get(reverse("login"))
    assert "User name" in english.content.decode()
    french = Browser(HTTP_ACCEPT_LANGUAGE="fr-FR").get(reverse("login"))
    assert "User name" in french.content.decode()  # not spoken: the default, English


def test_the_cli_prints_spanish_with_lang_es():
    from osteoload.cli.main import app

    profile = ROOT / "examples" / "profiles" / "04-vertebral-fracture-history.yaml"
    try:
        result = CliRunner().invoke(app, ["--lang", "es", "plan", str(profile)])
    finally:
        translation.activate("en")
    assert result.exit_code == 0, result.output
    assert "Su densidad ósea está en el rango de la osteoporosis" in result.output
    assert "Estado: Listo para empezar" in result.output
    assert "=== Semana 1: familiarización" in result.output
    assert "Por qué:" in result.output and "Calentamiento caminando suave" in result.output
    for english in ("Your bone density", "Status:", "Week 1", "Why:", "Strength session"):
        assert english not in result.output, english


def test_the_cli_refuses_an_unknown_language():
    from osteoload.cli.main import app

    result = CliRunner().invoke(app, ["--lang", "xx", "plan", "x.yaml"])
    assert result.exit_code == 2
    assert "--lang" in result.output and "en, es" in result.output
