"""Tables only. Conversions to engine records live in ``convert.py``; queries in ``queries.py``."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models


class Role(models.TextChoices):
    COACH = "coach", "Coach"
    CLIENT = "client", "Client"


class Account(models.Model):
    """The role of a login: a coach runs a roster; a client sees only herself."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="account")  # fmt: skip
    role = models.CharField(max_length=10, choices=Role.choices)
    display_name = models.CharField(max_length=120, blank=True)
    language = models.CharField(max_length=8, blank=True, default="")
    """The language of her pages (``en``, ``es``); empty: her browser's. A client's pages
    follow her record's ``Client.language`` instead."""

    def __str__(self) -> str:
        return f"{self.display_name or self.user.get_username()} ({self.role})"


class Client(models.Model):
    coach = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                              related_name="clients")  # fmt: skip
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="client_record",
    )  # fmt: skip
    """The client's own login, once she has accepted her invitation."""
    name = models.CharField(max_length=120)
    language = models.CharField(max_length=8, blank=True, default="")
    """The language of her pages, booklet, calendar and report (``en``, ``es``), set by her
    coach at intake or by her in her settings; empty: her browser's (paper: English)."""
    profile = models.JSONField()
    """The validated profile document (profile.v1 schema) as entered on the intake form."""
    version = models.PositiveIntegerField(default=1)
    """Bumped by each edit of her profile: a save made from an older version is refused
    (optimistic concurrency, ``osteoload.services.versions``)."""
    paused = models.BooleanField(default=False)
    """Set when she reports a stop-rule symptom (R32); cleared by her coach."""
    paused_reason = models.TextField(blank=True)
    progress_flags = models.JSONField(default=list, blank=True)
    """What the coaching loop last found worth her coach's attention (e.g.
    ``setback``), written when it computes her next prescription; the roster reads it."""
    invite_token_hash = models.CharField(max_length=64, blank=True)
    invite_expires = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["coach", "name"])]

    def __str__(self) -> str:
        return self.name


class ProgramRecord(models.Model):
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="programs")
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True, db_index=True)
    start = models.DateField()
    weeks = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=20)
    document = models.JSONField()
    """The program in the plan JSON contract (program.v1)."""
    assigned = models.BooleanField(default=False)
    """The program the client currently follows (at most one per client)."""
    version = models.PositiveIntegerField(default=1)
    """Bumped by each swap and (un)assignment; a change made from an older version is refused."""

    class Meta:
        ordering = ["-created", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["client"], condition=models.Q(assigned=True),
                                    name="one_assigned_program_per_client"),
        ]  # fmt: skip


class SetLogRow(models.Model):
    """One logged set (or a ticked impact/balance item), as in the session-log CSV format."""

    # Indexed with the id (setlog_client_id_order below), not alone.
    client = models.ForeignKey(
        Client, on_delete=models.CASCADE, related_name="set_logs", db_index=False
    )
    program = models.ForeignKey(ProgramRecord, null=True, blank=True, on_delete=models.SET_NULL)
    date = models.DateField()
    exercise_id = models.CharField(max_length=64)
    set_number = models.PositiveSmallIntegerField()
    reps = models.PositiveSmallIntegerField(null=True, blank=True)
    load_kg = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    rpe = models.DecimalField(max_digits=3, decimal_places=1, null=True, blank=True)
    rir = models.DecimalField(max_digits=3, decimal_places=1, null=True, blank=True)
    pain = models.PositiveSmallIntegerField(null=True, blank=True)
    impacts = models.PositiveSmallIntegerField(null=True, blank=True)
    hold_s = models.PositiveSmallIntegerField(null=True, blank=True)
    note = models.CharField(max_length=500, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    # Not indexed alone: every read by ``updated`` is one client's (sync, the caches' keys),
    # served by the client-first indexes below (migration 0016).
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["date", "exercise_id", "set_number", "id"]
        # (client, date, pain, updated) serves her log by date, the roster's recent-pain flag
        # and the caches' keys (count, newest id, last change over a range of days) without
        # reading the rows themselves (on SQLite the id is in every index).
        # (client, exercise_id, date) serves one exercise's history (its days, its sets) and
        # the list of exercises she has logged, from the index alone, however long her log.
        indexes = [
            models.Index(
                fields=["client", "date", "pain", "updated"], name="setlog_client_date_pain_upd"
            ),
            models.Index(fields=["client", "exercise_id", "date"], name="setlog_client_exercise"),
            # Her sets in the order they were logged (a page of the list, newest or oldest
            # first): PostgreSQL otherwise walks the primary key through other clients' sets.
            models.Index(fields=["client", "id"], name="setlog_client_id_order"),
        ]


class SymptomReport(models.Model):
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="symptom_reports")
    date = models.DateField()
    symptoms = models.JSONField(default=list)
    note = models.CharField(max_length=500, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["-date", "-id"]


class FunctionalTestRecord(models.Model):
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="test_records")
    date = models.DateField()
    values = models.JSONField()
    """The ``tests`` object of the profile schema (tug_s, chair_stand_30s, ...)."""
    version = models.PositiveIntegerField(default=1)
    """Bumped by each correction; a correction made from an older version is refused."""
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["-date", "-id"]


class DxaScanRecord(models.Model):
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="scans")
    date = models.DateField()
    site = models.CharField(max_length=20)
    bmd_g_cm2 = models.DecimalField(max_digits=5, decimal_places=3, null=True, blank=True)
    t_score = models.DecimalField(max_digits=3, decimal_places=1, null=True, blank=True)
    z_score = models.DecimalField(max_digits=3, decimal_places=1, null=True, blank=True)
    scanner = models.CharField(max_length=20, blank=True)
    precision_g_cm2 = models.DecimalField(max_digits=5, decimal_places=4, null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    """Bumped by each correction; a correction made from an older version is refused."""
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["-date", "site", "-id"]


class PlannedSession(models.Model):
    """One dated session of an assigned program, kept as rows so adherence is a query."""

    program = models.ForeignKey(ProgramRecord, on_delete=models.CASCADE,
                                related_name="planned_sessions")  # fmt: skip
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="planned_sessions")
    date = models.DateField()
    week = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=20)

    class Meta:
        ordering = ["date", "id"]
        indexes = [models.Index(fields=["client", "date"])]


class ApiToken(models.Model):
    """A personal API token (``Authorization: Bearer <token>``).

    Only the SHA-256 hash of the token and its first characters (to tell tokens apart in a
    list) are stored; the token itself is shown once, when it is created.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="api_tokens")  # fmt: skip
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=16)
    token_hash = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(auto_now_add=True)
    last_used = models.DateTimeField(null=True, blank=True)
    revoked = models.DateTimeField(null=True, blank=True)
    expires = models.DateTimeField(null=True, blank=True)
    """When the token stops working by itself (chosen at creation); ``None``: never."""

    class Meta:
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}...)"


class AuditAction(models.TextChoices):
    VIEW = "view", "Viewed"
    CREATE = "create", "Created"
    UPDATE = "update", "Changed"
    DELETE = "delete", "Deleted"
    EXPORT = "export", "Exported"
    IMPORT = "import", "Imported"
    ERASE = "erase", "Erased"


class AuditEntry(models.Model):
    """Who viewed or changed a client's clinical data, and when.

    ``client_id`` and ``object_id`` are plain numbers, not foreign keys: the entry outlives an
    erased client. ``owner`` is the coach responsible for the client at the time; she reads
    the entries of her clients.
    """

    timestamp = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")  # fmt: skip
    actor_name = models.CharField(max_length=150, blank=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")  # fmt: skip
    client_id = models.PositiveBigIntegerField(null=True, blank=True, db_index=True)
    action = models.CharField(max_length=10, choices=AuditAction.choices)
    object_type = models.CharField(max_length=30)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    summary = models.CharField(max_length=300, blank=True)
    via = models.CharField(max_length=10, blank=True)
    """How the actor came in: ``token`` (API token), ``session`` (browser) or ``web``."""

    class Meta:
        ordering = ["-timestamp", "-id"]
        indexes = [models.Index(fields=["owner", "timestamp"])]

    def __str__(self) -> str:
        return f"{self.timestamp:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.object_type}"


class IdempotencyRecord(models.Model):
    """The answer to a POST sent with an idempotency key, kept so that the same request sent
    again (a double tap, a retry, an offline replay) gets the same answer and writes nothing.

    The row is written in the same transaction as what the request stored; ``fingerprint``
    (a hash of the method, path and body) tells a repeat from a different request reusing the
    key. See ``osteoload.services.idempotency``.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+")  # fmt: skip
    key = models.CharField(max_length=255)
    fingerprint = models.CharField(max_length=64)
    method = models.CharField(max_length=10)
    path = models.CharField(max_length=2000)
    created = models.DateTimeField(db_index=True)
    status = models.PositiveSmallIntegerField(null=True, blank=True)
    headers = models.JSONField(default=dict)
    body = models.BinaryField(default=b"")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="idempotency_user_key")]

    def __str__(self) -> str:
        return f"{self.method} {self.path} ({self.key})"


def _nine_am() -> dt.time:
    return dt.time(9, 0)


class CalendarFeed(models.Model):
    """A client's private calendar subscription: her program as iCalendar at a secret URL
    that phone calendars fetch without a login (``osteoload.services.calendar_feed``).

    The token is the credential. It is kept as issued (unguessable: 256 random bits) so that
    she and her coach can see the URL again; regenerating replaces it and revoking deletes
    the row, and either way the old URL answers 404.
    """

    client = models.OneToOneField(Client, on_delete=models.CASCADE,
                                  related_name="calendar_feed")  # fmt: skip
    token = models.CharField(max_length=64, unique=True)
    session_time = models.TimeField(default=_nine_am)
    """When she usually trains (her own clock); each session's reminder comes before it."""
    created = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"calendar feed of client {self.client_id}"
