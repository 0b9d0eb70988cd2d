"""Hand-written queries for the hottest request: a client logging a set over the API.

At the evening peak every client logs at once. Building an ORM query costs about a
millisecond of Python on a small server, several times what the database needs to answer
it; the three reads and the audit insert of that request are therefore written out here
once, in portable SQL (SQLite and PostgreSQL). They return ordinary model instances, loaded
with only the columns read (like ``.only()``): any other field loads on first use, and a
``save()`` writes only what was loaded.
"""

from __future__ import annotations

import functools
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection

from .models import Account, ApiToken, AuditEntry, Client, ProgramRecord

_USER_FIELDS = ("id", "username", "is_active")
_CLIENT_FIELDS = ("id", "coach_id", "user_id", "name", "paused", "paused_reason")


def _table(model: Any) -> str:
    return str(connection.ops.quote_name(model._meta.db_table))


def _col(name: str) -> str:
    return str(connection.ops.quote_name(name))


#: The attribute :func:`token_with_owner` leaves on the user: the languages saved on her
#: client record and on her account (``""`` when none), read by ``services.i18n``.
SAVED_LANGUAGES = "_osteoload_saved_languages"


def token_with_owner(token_hash: str) -> tuple[ApiToken, Any] | None:
    """The active token with this hash and its user (role and saved languages loaded), or
    ``None``."""
    User = get_user_model()
    with connection.cursor() as cursor:
        cursor.execute(_token_sql(connection.vendor), [token_hash])
        row = cursor.fetchone()
    if row is None:
        return None
    db = connection.alias
    token_id, last_used, expires, *user_values, account_id, role, language, client_language = row
    token = ApiToken.from_db(
        db,
        ["id", "user_id", "last_used", "expires"],
        [token_id, user_values[0], _datetime(last_used), _datetime(expires)],
    )
    user = User.from_db(db, list(_USER_FIELDS), user_values)
    if account_id is not None:
        account = Account.from_db(
            db, ["id", "user_id", "role", "language"], [account_id, user.pk, role, language]
        )
        user._state.fields_cache["account"] = account
    setattr(user, SAVED_LANGUAGES, (client_language or "", language or ""))
    token._state.fields_cache["user"] = user
    return token, user


@functools.cache
def _token_sql(vendor: str) -> str:
    """The statement of :func:`token_with_owner` (each hot statement is written once per
    database vendor, not at every request: ~0.1 ms of quoting names each time before)."""
    User = get_user_model()
    user_cols = ", ".join(f"u.{_col(f)}" for f in _USER_FIELDS)
    return (
        f"SELECT t.{_col('id')}, t.{_col('last_used')}, t.{_col('expires')}, {user_cols}, "
        f"a.{_col('id')}, "
        f"a.{_col('role')}, a.{_col('language')}, c.{_col('language')} FROM {_table(ApiToken)} t "
        f"JOIN {_table(User)} u ON u.{_col('id')} = t.{_col('user_id')} "
        f"LEFT JOIN {_table(Account)} a ON a.{_col('user_id')} = u.{_col('id')} "
        f"LEFT JOIN {_table(Client)} c ON c.{_col('user_id')} = u.{_col('id')} "
        f"WHERE t.{_col('token_hash')} = %s AND t.{_col('revoked')} IS NULL"
    )


@functools.cache
def _client_sql(vendor: str) -> str:
    cols = ", ".join(f"c.{_col(f)}" for f in _CLIENT_FIELDS)
    return (
        f"SELECT {cols}, (SELECT p.{_col('id')} FROM {_table(ProgramRecord)} p "
        f"WHERE p.{_col('client_id')} = c.{_col('id')} AND p.{_col('assigned')} = %s) "
        f"FROM {_table(Client)} c WHERE c.{_col('id')} = %s"
    )


def client_and_program(client_id: int) -> tuple[Client, int | None] | None:
    """The client (the fields access checks and logging need) and her assigned program's id."""
    with connection.cursor() as cursor:
        cursor.execute(_client_sql(connection.vendor), [True, client_id])
        row = cursor.fetchone()
    if row is None:
        return None
    *values, program_id = row
    values[4] = bool(values[4])
    return Client.from_db(connection.alias, list(_CLIENT_FIELDS), values), program_id


def hold_client(client_id: int) -> bool:
    """Inside a transaction: whether her row still exists, share-locked (PostgreSQL ``FOR
    KEY SHARE``) until the transaction ends, so that deleting it waits for this transaction
    and this one waits for a deletion under way. SQLite's write transactions already exclude
    each other (``IMMEDIATE``): there it is a plain read."""
    with connection.cursor() as cursor:
        cursor.execute(_hold_sql(connection.vendor), [client_id])
        return cursor.fetchone() is not None


@functools.cache
def _hold_sql(vendor: str) -> str:
    lock = " FOR KEY SHARE" if vendor == "postgresql" else ""
    return f"SELECT 1 FROM {_table(Client)} WHERE {_col('id')} = %s{lock}"


def insert_audit(
    *,
    timestamp: datetime,
    actor_id: int | None,
    actor_name: str,
    owner_id: int | None,
    client_id: int | None,
    action: str,
    object_type: str,
    object_id: int | None,
    summary: str,
    via: str,
) -> None:
    """One audit entry (see ``osteoload.services.audit``), without the ORM's overhead: one
    statement. Without ``owner_id`` the entry's owner is her coach, read by the same INSERT."""
    values = [connection.ops.adapt_datetimefield_value(timestamp), actor_id, actor_name,
              owner_id, client_id, action, object_type, object_id, summary, via]  # fmt: skip
    owner = _OWNER_GIVEN
    if owner_id is None and client_id is not None:
        owner, values[3] = _OWNER_COACH, client_id
    with connection.cursor() as cursor:
        cursor.execute(_audit_sql(connection.vendor, owner), values)


AUDIT_FIELDS = ("timestamp", "actor_id", "actor_name", "owner_id", "client_id", "action",
                "object_type", "object_id", "summary", "via")  # fmt: skip


#: The owner of an audit entry, as the INSERT's slot for ``owner_id``: given, her coach (the
#: parameter is her client id), or given else her coach (two parameters).
_OWNER_GIVEN, _OWNER_COACH, _OWNER_GIVEN_OR_COACH = "given", "coach", "given-or-coach"


@functools.cache
def _audit_sql(vendor: str, owner: str) -> str:
    """The INSERT of one audit entry, written once per database vendor and kind of owner."""
    coach = f"(SELECT {_col('coach_id')} FROM {_table(Client)} WHERE {_col('id')} = %s)"
    slots = ["%s"] * len(AUDIT_FIELDS)
    slots[3] = {_OWNER_GIVEN: "%s", _OWNER_COACH: coach,
                _OWNER_GIVEN_OR_COACH: f"COALESCE(%s, {coach})"}[owner]  # fmt: skip
    return (
        f"INSERT INTO {_table(AuditEntry)} ({', '.join(_col(n) for n in AUDIT_FIELDS)}) "
        f"VALUES ({', '.join(slots)})"
    )


def insert_audits(entries: list[dict[str, Any]]) -> None:
    """Many audit entries (each a dict of :data:`AUDIT_FIELDS`) in one ``executemany``; an
    entry without ``owner_id`` gets her coach, read by the statement (as :func:`insert_audit`).
    The caller holds the transaction."""
    if not entries:
        return
    sql = _audit_sql(connection.vendor, _OWNER_GIVEN_OR_COACH)
    adapt = connection.ops.adapt_datetimefield_value
    rows = [
        [adapt(e["timestamp"]), e["actor_id"], e["actor_name"], e["owner_id"], e["client_id"],
         e["client_id"], e["action"], e["object_type"], e["object_id"], e["summary"], e["via"]]
        for e in entries
    ]  # fmt: skip
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _datetime(value: Any) -> datetime | None:
    """A timestamp as the ORM returns it: SQLite hands back a naive UTC datetime."""
    if isinstance(value, datetime) and value.tzinfo is None and settings.USE_TZ:
        return value.replace(tzinfo=UTC)
    return value if isinstance(value, datetime) else None
