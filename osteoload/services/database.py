"""Database set-up for the server and the CLI: configure Django, migrate, check health."""

from __future__ import annotations

import os
from io import StringIO

import django
from django.core.management import call_command
from django.db import connection


def setup_django() -> None:
    """Configure Django from ``osteoload.settings`` (idempotent)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "osteoload.settings")
    django.setup()


def migrate() -> str:
    """Create or upgrade the database schema (and the static files folder); returns Django's
    report."""
    from pathlib import Path

    from django.conf import settings

    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
    out = StringIO()
    call_command("migrate", interactive=False, verbosity=1, stdout=out)
    return out.getvalue()


def close_connections() -> None:
    """Close this process's database connections (before forking server workers)."""
    from django.db import connections

    connections.close_all()


def database_description() -> str:
    """Where the data lives, for the start-up banner (never the password)."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"SQLite database {settings['NAME']}"
    return f"PostgreSQL database {settings['NAME']} on {settings.get('HOST') or 'localhost'}"
