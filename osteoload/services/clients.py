"""Use cases for coaches and their clients: accounts, intake, invitations, the roster."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db import IntegrityError, transaction
from django.db.models import Case, Count, Exists, F, OuterRef, Subquery, When
from django.db.models.fields.json import KT
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from osteoload.domain.assessment import with_recorded_scans
from osteoload.domain.profile import BoneScan, ClientProfile
from osteoload.domain.vocabulary import ScannerMake, Site
from osteoload.store.models import (
    Account,
    Client,
    DxaScanRecord,
    FunctionalTestRecord,
    PlannedSession,
    ProgramRecord,
    Role,
    SetLogRow,
)

from . import api_tokens, audit, concurrency, versions
from .access import AnyUser, NotFound, client_for, client_for_coach, require_coach, user_id
from .errors import InputError, Issue
from .profile_schema import ProfileIn
from .profiles import stored_profile, validation_context
from .untrusted import username_issue
from .validation import validate

INVITE_DAYS = 14
ADHERENCE_DAYS = 28
PAIN_FLAG = 5  # R32 / issue #4: pain of 5/10 or more needs the coach's review


@dataclass(frozen=True, slots=True, kw_only=True)
class RosterRow:
    client_id: int
    name: str
    age: int
    sessions_planned: int
    sessions_done: int
    adherence_pct: int | None
    last_activity: date | None
    flags: tuple[str, ...]
    has_login: bool
    program_status: str | None


class NameTaken(InputError):
    """The chosen user name belongs to another login. Its message does not say so more than
    it must (issue 16 item 7): the invitation page counts each one as a failed login, so that
    trying names to learn which logins exist is throttled like guessing passwords."""


#: What a taken user name is told (the same words whoever has it).
USERNAME_TAKEN = gettext_noop("is not available; choose another")


def create_user(username: str, password: str, *, role: Role, display_name: str = "") -> Any:
    """Create a login with a role; raises :class:`InputError` for a user name with invisible
    or markup characters or a weak password, :class:`NameTaken` for a taken name."""
    issues: list[Issue] = []
    username = username.strip()
    taken = False
    if not username or len(username) > 150:
        issues.append(Issue("username", _("is required (at most 150 characters)")))
    elif (problem := username_issue(username)) is not None:
        issues.append(problem)  # visible characters only: no <script>, no zero-width space
    User = get_user_model()
    if not issues and User.objects.filter(username__iexact=username).exists():
        issues.append(Issue("username", _(USERNAME_TAKEN)))
        taken = True
    try:
        validate_password(password, User(username=username))
    except ValidationError as exc:
        issues.append(Issue("password", " ".join(exc.messages)))
    if issues:
        raise NameTaken(issues) if taken else InputError(issues)
    with transaction.atomic():
        user = User.objects.create_user(username=username, password=password)
        Account.objects.create(user=user, role=role, display_name=display_name or username)
    return user


def create_coach(username: str, password: str, *, display_name: str = "") -> Any:
    return create_user(username, password, role=Role.COACH, display_name=display_name)


def validated_profile(
    data: dict[str, Any], *, today: date, stored: dict[str, Any] | None = None
) -> tuple[dict[str, Any], ClientProfile]:
    """Validate profile input; return the normalised document to store and the engine record.

    ``stored``: the profile being replaced. Its strength sets' exercises are not re-judged
    against today's catalogue (one renamed there since stays as it was stored); a set naming
    an exercise no stored set names must be in the catalogue."""
    context = validation_context()
    kept = [s.get("exercise") for s in (stored or {}).get("strength") or [] if isinstance(s, dict)]
    context["kept_exercises"] = frozenset(e for e in kept if isinstance(e, str))
    model = validate(ProfileIn, data, today=today, context=context)
    document = model.model_dump(mode="json", exclude_none=True)
    # The engine's record, as stored profiles are read: a kept set naming an exercise the
    # catalogue no longer has is left out of it (the document keeps it as it was).
    return document, stored_profile(document)


def create_client(coach: AnyUser, data: dict[str, Any], *, today: date) -> int:
    """Intake: validate the profile (same rules as the CLI) and add her to the coach's roster."""
    require_coach(coach)
    document, profile = validated_profile(data, today=today)
    name = profile.name or "Unnamed client"
    client = Client.objects.create(coach_id=user_id(coach), name=name, profile=document)
    return client.pk


def update_profile(
    coach: AnyUser,
    client_id: int,
    data: dict[str, Any],
    *,
    today: date,
    via: str = "",
    version: int | None = None,
) -> bool:
    """Replace her profile. R32a: when the new screening stops (a new fracture, red-flag
    symptoms, blood pressure, a contraindication, a clearance now missing), her assigned
    program is paused exactly as her own stop report pauses it, and the audit log says so.
    Returns True if this paused her program.

    ``version`` is the profile version the editor opened (:func:`profile_version`): if the
    profile was saved since, nothing is written and :class:`~.versions.Conflict` names what
    differs. ``None`` replaces whatever is stored (a save at the same moment still
    conflicts)."""
    from . import audit, stops

    client = client_for_coach(coach, client_id)
    document, profile = validated_profile(data, today=today, stored=client.profile)
    with transaction.atomic():
        client.version = versions.claim(
            Client, client.pk, read=client.version, given=version, what=gettext_noop("The profile"),
            changed=lambda: versions.differences(
                Client.objects.filter(pk=client.pk).values_list("profile", flat=True).first()
                or {}, document),
        )  # fmt: skip
        client.profile = document
        client.name = profile.name or client.name
        client.save(update_fields=["profile", "name", "updated"])
        if not client.programs.filter(assigned=True).exists():
            return False
        paused = stops.suspend(client, stops.current_decision(client, today=today), alert=False)
        if paused:
            audit.record(
                coach, audit.Action.UPDATE, client_id=client.pk, object_type="client",
                object_id=client.pk, summary="program paused: red flag recorded (R32a)",
                via=via, owner_id=client.coach_id,
            )  # fmt: skip
    return paused


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_invite(coach: AnyUser, client_id: int, *, now: datetime) -> str:
    """A one-time link (shown once; only its hash is stored), valid 14 days.

    For a client without a login she chooses her user name and password with it; for a
    client who has one (she forgot her password) it sets a new password for that login.
    A new link replaces any earlier one.
    """
    client = client_for_coach(coach, client_id)
    token = secrets.token_urlsafe(32)
    client.invite_token_hash = _hash(token)
    client.invite_expires = now + timedelta(days=INVITE_DAYS)
    client.save(update_fields=["invite_token_hash", "invite_expires", "updated"])
    return token


@dataclass(frozen=True, slots=True)
class Invitation:
    name: str
    username: str | None
    """Her existing login when the link resets a password; ``None`` for a new login."""


def invitation(token: str, *, now: datetime) -> Invitation:
    """What a valid link is for, or :class:`NotFound`."""
    client = _invited(token, now=now)
    username = client.user.get_username() if client.user is not None else None
    return Invitation(client.name, username)


def invited_client_name(token: str, *, now: datetime) -> str:
    """The name on a valid invitation, or :class:`NotFound`."""
    return _invited(token, now=now).name


def _invited(token: str, *, now: datetime, lock: bool = False) -> Client:
    """The client a live link is for. ``lock`` (inside the transaction that uses the link):
    her row locked until it ends, so a second use of the same link at the same moment waits
    and then finds it used (:class:`NotFound`)."""
    if not token or len(token) > 100:
        raise NotFound
    # (locked, her login is read after the lock: PostgreSQL locks no nullable outer join)
    rows = Client.objects.select_for_update() if lock else Client.objects.select_related("user")
    try:
        client = rows.get(invite_token_hash=_hash(token))
    except Client.DoesNotExist:
        raise NotFound from None
    if client.invite_expires is None or client.invite_expires < now:
        raise NotFound
    return client


def accept_invite(token: str, username: str, password: str, *, now: datetime) -> Any:
    """Create her login (or set a new password for it) from the link; the link then stops
    working. Single use under concurrency too: of two uses at once, one goes through and the
    other is :class:`NotFound` (one login per invitation, one new password per reset)."""
    with concurrency.guarded(_("The invitation")):
        client = _invited(token, now=now, lock=True)
        if client.user is not None:
            user = client.user
            if username.strip() and username.strip().lower() != user.get_username().lower():
                raise InputError(
                    [
                        Issue(
                            "username",
                            _("this link is for the login %(name)s")
                            % {"name": repr(user.get_username())},
                        )
                    ]
                )
            try:
                validate_password(password, user)
            except ValidationError as exc:
                raise InputError([Issue("password", " ".join(exc.messages))]) from None
            user.set_password(password)
            user.save(update_fields=["password"])
            # A reset ends every other way in: her API tokens are revoked here, and her other
            # sessions stop at their next request (Django checks each session against the
            # password hash).
            api_tokens.revoke_all(user)
        else:
            try:
                user = create_user(username, password, role=Role.CLIENT, display_name=client.name)
            except IntegrityError:
                raise NameTaken([Issue("username", _(USERNAME_TAKEN))]) from None
            client.user = user
        client.invite_token_hash = ""
        client.invite_expires = None
        client.save(update_fields=["user", "invite_token_hash", "invite_expires", "updated"])
    return user


def profile_document(coach: AnyUser, client_id: int) -> dict[str, Any]:
    """The stored intake document (profile.v1), for the edit form."""
    return dict(client_for_coach(coach, client_id).profile)


def profile_with_version(coach: AnyUser, client_id: int) -> tuple[dict[str, Any], int]:
    """The stored intake document and its version, for the edit form (which sends the
    version back with the save: :func:`update_profile`)."""
    client = client_for_coach(coach, client_id)
    return dict(client.profile), client.version


def client_profile(client: Client, *, today: date) -> ClientProfile:
    """The engine's profile: the intake document, the latest recorded functional tests, and
    the recorded scans, whose latest per site wins over the intake's scores for that site
    (:func:`osteoload.domain.assessment.with_recorded_scans`)."""
    document = dict(client.profile)
    latest = client.test_records.order_by("-date", "-id").first()
    if latest is not None:
        document["tests"] = {**latest.values, "date": latest.date.isoformat()}
    # read as stored: its date rules applied when it was written (issue 16 item 9)
    profile = stored_profile(document)
    scans = [_scan_document(s) for s in client.scans.order_by("date", "id")]
    return with_recorded_scans(profile, scans)


def _scan_document(scan: DxaScanRecord) -> BoneScan:
    """A stored scan as the engine's record (validated when it was recorded)."""
    return BoneScan(
        site=Site(scan.site),
        date=scan.date,
        bmd_g_cm2=_float(scan.bmd_g_cm2),
        t_score=_float(scan.t_score),
        z_score=_float(scan.z_score),
        scanner=ScannerMake(scan.scanner) if scan.scanner else None,
        precision_g_cm2=_float(scan.precision_g_cm2),
        recorded=True,
    )


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


def profile_for(user: AnyUser, client_id: int, *, today: date) -> ClientProfile:
    return client_profile(client_for(user, client_id), today=today)


def roster(coach: AnyUser, *, today: date, client_id: int | None = None) -> list[RosterRow]:
    """Every client of a coach (or just ``client_id``) with adherence over the last 4 weeks
    and what needs attention.

    A fixed number of queries, whatever the roster size (no per-client queries).
    """
    require_coach(coach)
    window_start = today - timedelta(days=ADHERENCE_DAYS)
    mine = Client.objects.filter(coach_id=coach.pk)
    if client_id is not None:
        mine = mine.filter(pk=client_id)
    # Each figure is its own query over the recent window, served by the (client, date, pain)
    # index; joining the whole training log to the roster would read years of sets.
    last_log = SetLogRow.objects.filter(client=OuterRef("pk")).order_by("-date")
    clients = list(
        mine.defer("profile")
        .annotate(age_text=KT("profile__age"), last_log=Subquery(last_log.values("date")[:1]))
        .order_by("name", "id")
    )
    ids = [c.pk for c in clients]
    pain_ids = set(
        SetLogRow.objects.filter(
            client_id__in=ids, date__gte=today - timedelta(days=14), pain__gte=PAIN_FLAG
        )
        .order_by()
        .values_list("client_id", flat=True)
        .distinct()
    )
    # Planned sessions in the window counted per client in the database, each checked for a
    # log that day by an index seek (not a scan of every set in the window).
    logged_that_day = SetLogRow.objects.filter(
        client_id=OuterRef("client_id"), date=OuterRef("date")
    )
    recent = today - timedelta(days=7)
    counts: dict[int, dict[str, Any]] = {
        row["client_id"]: dict(row)
        for row in PlannedSession.objects.filter(
            client_id__in=ids, date__gte=window_start, date__lt=today
        )
        .annotate(was_done=Exists(logged_that_day))
        .values("client_id")
        .annotate(
            planned=Count("date", distinct=True),
            done=Count(Case(When(was_done=True, then=F("date"))), distinct=True),
            missed_recent=Count(
                Case(When(was_done=False, date__gte=recent, then=F("date"))), distinct=True
            ),
        )
        .order_by()
    }
    status = dict(
        ProgramRecord.objects.filter(client_id__in=ids, assigned=True).values_list(
            "client_id", "status"
        )
    )
    rows = []
    for c in clients:
        count = counts.get(c.pk, {})
        n_planned, n_done = count.get("planned", 0), count.get("done", 0)
        flags = []
        if c.paused:
            flags.append("needs_review")
        if c.pk in pain_ids:
            flags.append("pain")
        if count.get("missed_recent", 0) >= 2:
            flags.append("missed_sessions")
        program_status = status.get(c.pk)
        if program_status in ("needs_clearance", "withheld"):
            flags.append("needs_clearance" if program_status == "needs_clearance" else "withheld")
        if program_status is None:
            flags.append("no_program")
        flags.extend(f for f in (c.progress_flags or []) if program_status is not None)
        last = getattr(c, "last_log", None)
        rows.append(
            RosterRow(
                client_id=c.pk,
                name=c.name,
                age=int(getattr(c, "age_text", None) or 0),
                sessions_planned=n_planned,
                sessions_done=n_done,
                adherence_pct=round(100 * n_done / n_planned) if n_planned else None,
                last_activity=last,
                flags=tuple(flags),
                has_login=c.user_id is not None,
                program_status=program_status,
            )
        )
    # A stopped program (R32, R32a) heads the roster, whatever her name.
    rows.sort(key=lambda r: "needs_review" not in r.flags)
    return rows


ROSTER_PAGE_SIZE = 50
"""Clients on one page of the roster (the search and the needs-attention view cover all)."""


@dataclass(frozen=True, slots=True)
class RosterPage:
    """One page of a coach's roster: the clients matching a name search and, when asked,
    only those who need attention (any flag)."""

    page: Page[RosterRow]
    total: int
    """Every client of hers."""
    needing_attention: int
    """Her clients with at least one flag (a stopped program, pain, missed sessions, ...)."""
    search: str
    attention_only: bool


def roster_page(
    coach: AnyUser,
    *,
    today: date,
    search: str = "",
    attention_only: bool = False,
    page: str | int | None = 1,
    per_page: int | None = None,
) -> RosterPage:
    """The roster (:func:`roster`: stopped programs first, then by name) filtered by a
    case-insensitive part of the name and, with ``attention_only``, to flagged clients; one
    page of it (:data:`ROSTER_PAGE_SIZE` clients unless ``per_page`` says; a page number out
    of range gives the nearest page)."""
    rows = roster(coach, today=today)
    search = search.strip()
    wanted = search.casefold()
    matching = [
        r
        for r in rows
        if (not wanted or wanted in r.name.casefold()) and (r.flags or not attention_only)
    ]
    return RosterPage(
        page=Paginator(matching, per_page or ROSTER_PAGE_SIZE).get_page(page),
        total=len(rows),
        needing_attention=sum(1 for r in rows if r.flags),
        search=search,
        attention_only=attention_only,
    )


def record_tests(coach: AnyUser, client_id: int, data: dict[str, Any], *, today: date) -> int:
    """Record functional tests (validated as the profile's ``tests`` object)."""
    client = client_for_coach(coach, client_id)
    day, values = _tests_input(data, today=today)
    with concurrency.guarded():
        concurrency.hold_client(client.pk)  # her erasure waits, or wins (404)
        return FunctionalTestRecord.objects.create(client=client, date=day, values=values).pk


def _tests_input(data: Any, *, today: date) -> tuple[date, dict[str, Any]]:
    """Validate functional tests as the profile's ``tests`` object: their date and values."""
    from .profile_schema import TestsIn

    model = validate(TestsIn, data, today=today, source=None)
    values = model.model_dump(mode="json", exclude_none=True)
    day = model.date or today
    values.pop("date", None)
    if not values:
        raise InputError([Issue("tests", _("enter at least one test result"))])
    return day, values


def record_scan(coach: AnyUser, client_id: int, data: dict[str, Any], *, today: date) -> int:
    """Record one DXA scan result (validated as a profile ``bone.scans`` entry)."""
    client = client_for_coach(coach, client_id)
    fields = _scan_input(data, today=today)
    with concurrency.guarded():
        concurrency.hold_client(client.pk)  # her erasure waits, or wins (404)
        return DxaScanRecord.objects.create(client=client, **fields).pk


def _scan_input(data: Any, *, today: date) -> dict[str, Any]:
    """Validate one scan as a profile ``bone.scans`` entry: the stored record's fields."""
    from .profile_schema import ScanIn

    model = validate(ScanIn, data, today=today)
    return {
        "date": model.date or today,
        "site": model.site.value,
        "bmd_g_cm2": model.bmd_g_cm2,
        "t_score": model.t_score,
        "z_score": model.z_score,
        "scanner": model.scanner.value if model.scanner else "",
        "precision_g_cm2": model.precision_g_cm2,
    }


# --- recorded scans and tests: list, correct, delete ----------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordedScan:
    """One DXA scan her coach recorded after intake, as entered."""

    scan_id: int
    date: date
    site: str
    bmd_g_cm2: float | None
    t_score: float | None
    z_score: float | None
    scanner: str | None
    precision_g_cm2: float | None
    version: int = 1
    """Bumped by each correction (see :mod:`~.versions`)."""

    def document(self) -> dict[str, Any]:
        """The scan as a profile ``bone.scans`` entry (the input that records it)."""
        out: dict[str, Any] = {"site": self.site, "date": self.date.isoformat()}
        for name in ("bmd_g_cm2", "t_score", "z_score", "scanner", "precision_g_cm2"):
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        return out


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordedTests:
    """One session of functional tests her coach recorded, as entered."""

    tests_id: int
    date: date
    values: dict[str, Any]
    version: int = 1
    """Bumped by each correction (see :mod:`~.versions`)."""

    def document(self) -> dict[str, Any]:
        """The record as a profile ``tests`` object (the input that records it)."""
        return {**self.values, "date": self.date.isoformat()}


def _recorded_scan(row: DxaScanRecord) -> RecordedScan:
    return RecordedScan(
        scan_id=row.pk,
        date=row.date,
        site=row.site,
        bmd_g_cm2=_float(row.bmd_g_cm2),
        t_score=_float(row.t_score),
        z_score=_float(row.z_score),
        scanner=row.scanner or None,
        precision_g_cm2=_float(row.precision_g_cm2),
        version=row.version,
    )


def _recorded_tests(row: FunctionalTestRecord) -> RecordedTests:
    return RecordedTests(
        tests_id=row.pk, date=row.date, values=dict(row.values), version=row.version
    )


def scans_of(user: AnyUser, client_id: int) -> list[RecordedScan]:
    """Her recorded scans, newest first (her coach, or the client herself)."""
    client = client_for(user, client_id)
    rows = client.scans.order_by("-date", "site", "-id")
    return [_recorded_scan(r) for r in rows]


def tests_of(user: AnyUser, client_id: int) -> list[RecordedTests]:
    """Her recorded functional tests, newest first (her coach, or the client herself)."""
    client = client_for(user, client_id)
    return [_recorded_tests(r) for r in client.test_records.order_by("-date", "-id")]


def recorded_of(user: AnyUser, client_id: int) -> tuple[list[RecordedScan], list[RecordedTests]]:
    """Her recorded scans and tests, newest first, with one access check (for her page)."""
    client = client_for(user, client_id)
    scans = [_recorded_scan(r) for r in client.scans.order_by("-date", "site", "-id")]
    tests = [_recorded_tests(r) for r in client.test_records.order_by("-date", "-id")]
    return scans, tests


def _own_scan(coach: AnyUser, client_id: int, scan_id: int) -> DxaScanRecord:
    client = client_for_coach(coach, client_id)
    row = client.scans.filter(pk=scan_id).first() if 0 < scan_id < 2**63 else None
    if row is None:
        raise NotFound
    return row


def _own_tests(coach: AnyUser, client_id: int, tests_id: int) -> FunctionalTestRecord:
    client = client_for_coach(coach, client_id)
    row = client.test_records.filter(pk=tests_id).first() if 0 < tests_id < 2**63 else None
    if row is None:
        raise NotFound
    return row


def scan_of(coach: AnyUser, client_id: int, scan_id: int) -> RecordedScan:
    """One recorded scan of her coach's client (for the correction form), or NotFound."""
    return _recorded_scan(_own_scan(coach, client_id, scan_id))


def tests_record_of(coach: AnyUser, client_id: int, tests_id: int) -> RecordedTests:
    """One recorded tests session of her coach's client, or NotFound."""
    return _recorded_tests(_own_tests(coach, client_id, tests_id))


def update_scan(
    coach: AnyUser,
    client_id: int,
    scan_id: int,
    data: dict[str, Any],
    *,
    today: date,
    partial: bool = False,
    via: str = "",
    version: int | None = None,
) -> RecordedScan:
    """Correct a recorded scan: ``data`` replaces it (or, ``partial``, changes only the fields
    it names; ``null`` removes one), checked as when it was recorded; audited.

    ``version``: the scan's version the editor opened; a scan corrected since is not
    overwritten (:class:`~.versions.Conflict`)."""
    with transaction.atomic():
        row = _own_scan(coach, client_id, scan_id)
        before = _recorded_scan(row).document()
        if partial:
            data = {**before, **_mapping(data)}
        fields = _scan_input(data, today=today)
        submitted = _recorded_scan(DxaScanRecord(pk=row.pk, **fields)).document()
        row.version = versions.claim(
            DxaScanRecord, row.pk, read=row.version, given=version, what=gettext_noop("The scan"),
            changed=lambda: versions.differences(
                scan_of(coach, client_id, scan_id).document(), submitted),
        )  # fmt: skip
        for name, value in fields.items():
            setattr(row, name, value)
        row.save()
        audit.record(
            coach, audit.Action.UPDATE, client_id=client_id, object_type="scan",
            object_id=scan_id, summary="corrected a DXA scan", via=via,
        )  # fmt: skip
    row.refresh_from_db()
    return _recorded_scan(row)


def delete_scan(coach: AnyUser, client_id: int, scan_id: int, *, via: str = "") -> None:
    """Delete a recorded scan (her coach only); audited."""
    with transaction.atomic():
        _own_scan(coach, client_id, scan_id).delete()
        audit.record(
            coach, audit.Action.DELETE, client_id=client_id, object_type="scan",
            object_id=scan_id, summary="deleted a DXA scan", via=via,
        )  # fmt: skip


def update_tests(
    coach: AnyUser,
    client_id: int,
    tests_id: int,
    data: dict[str, Any],
    *,
    today: date,
    partial: bool = False,
    via: str = "",
    version: int | None = None,
) -> RecordedTests:
    """Correct recorded functional tests: ``data`` replaces them (or, ``partial``, changes
    only the values it names; ``null`` removes one), checked as when recorded; audited.

    ``version``: the record's version the editor opened; tests corrected since are not
    overwritten (:class:`~.versions.Conflict`)."""
    with transaction.atomic():
        row = _own_tests(coach, client_id, tests_id)
        if partial:
            data = {**_recorded_tests(row).document(), **_mapping(data)}
        day, values = _tests_input(data, today=today)
        submitted = {**values, "date": day.isoformat()}
        row.version = versions.claim(
            FunctionalTestRecord, row.pk, read=row.version, given=version,
            what=gettext_noop("The tests"),
            changed=lambda: versions.differences(
                tests_record_of(coach, client_id, tests_id).document(), submitted),
        )  # fmt: skip
        row.date, row.values = day, values
        row.save(update_fields=["date", "values", "updated"])
        audit.record(
            coach, audit.Action.UPDATE, client_id=client_id, object_type="tests",
            object_id=tests_id, summary="corrected functional tests", via=via,
        )  # fmt: skip
    return _recorded_tests(row)


def delete_tests(coach: AnyUser, client_id: int, tests_id: int, *, via: str = "") -> None:
    """Delete recorded functional tests (her coach only); audited."""
    with transaction.atomic():
        _own_tests(coach, client_id, tests_id).delete()
        audit.record(
            coach, audit.Action.DELETE, client_id=client_id, object_type="tests",
            object_id=tests_id, summary="deleted functional tests", via=via,
        )  # fmt: skip


def _mapping(data: Any) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise InputError([Issue("", _("expected a JSON object"), data)])
    return data


def client_name(user: AnyUser, client_id: int) -> str:
    return client_for(user, client_id).name
