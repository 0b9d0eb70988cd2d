"""A synthetic clinic for load tests and benchmarks: coaches, clients and years of training.

Everything goes through the same services the web app and the API use (intake, invitations,
program generation and assignment, set logging, symptom reports, tests, scans), each called
with the simulated day as "today". The clinic follows the method: a new 12-week program every
block with loads from her latest sets, 2-3 sessions a week with plausible misses and holidays,
the odd ache, a rare stop-rule symptom that pauses her program until her coach resumes it,
functional tests every 3 months and a DXA scan every year.

Deterministic for a seed: each client's story comes from her own random stream, so the data
are the same however many worker processes share the work (only database ids differ). A failed
or interrupted run removes what it wrote: the database is left as it was.
"""

from __future__ import annotations

import gc
import multiprocessing
import random
import time as clock_time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from queue import Empty
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.db import connections, transaction
from django.test import override_settings

from osteoload.domain.logs import SetLog
from osteoload.domain.stop_rules import STOP_RULE_SYMPTOMS
from osteoload.domain.vocabulary import Symptom
from osteoload.services import client_programs, training_log
from osteoload.services import clients as clinic
from osteoload.services.errors import InputError, Issue
from osteoload.store.models import (
    Client,
    DxaScanRecord,
    FunctionalTestRecord,
    PlannedSession,
    ProgramRecord,
    SetLogRow,
    SymptomReport,
)

from .seed_worker import SeedPlan, worker_main
from .synthetic import first_load_kg, synthetic_profile, vary_tests

SEED_PASSWORD = "osteoload-seed"
BLOCK_WEEKS = 12
MAX_CLIENTS = 100_000
MAX_YEARS = 10.0
MAX_COACHES = 10_000
MAX_WORKERS = 16
CLIENTS_WITH_LOGIN = 0.9
"""Share of clients who have accepted their invitation (the rest have a pending link)."""


class _SyntheticHasher(Argon2PasswordHasher):
    """Argon2 at a low cost, for synthetic logins only.

    Hashing thousands of logins at full cost would take minutes; Django re-hashes a password
    at the configured cost the first time its owner logs in (the parameters differ).
    """

    time_cost = 1
    memory_cost = 1024
    parallelism = 1


@contextmanager
def _fast_hashing() -> Iterator[None]:
    hasher = f"{__name__}.{_SyntheticHasher.__name__}"
    with override_settings(PASSWORD_HASHERS=[hasher, *settings.PASSWORD_HASHERS]):
        yield


SEED_CHECKPOINT_PAGES = 20_000
"""While the seed writes on SQLite, the WAL is copied into the database file every 20,000
pages (80 MB) instead of every 1,000 (SQLite's default, ``SQLITE_CHECKPOINT_PAGES``): a page
written again before the copy is copied once, and each copy (two syncs) comes less often."""
SQLITE_CHECKPOINT_PAGES = 1000


@contextmanager
def _bulk_load() -> Iterator[None]:
    """While the seed writes, commit without waiting for each transaction to reach the disk,
    then wait again at every commit as configured: on SQLite ``synchronous=NORMAL`` (then
    ``FULL``) and the WAL copied into the database file less often
    (:data:`SEED_CHECKPOINT_PAGES`, then SQLite's default); on PostgreSQL
    ``synchronous_commit=off`` (then the server's setting).

    Safe for a seed: neither can corrupt the database (SQLite in WAL mode; PostgreSQL
    writes its WAL in order and flushes it within a fraction of a second), a power cut can
    only lose the last transactions, and a seed that does not finish is removed as a whole
    anyway (or, after a power cut, seeded again into a new database). The settings are this
    connection's only: the web app's connections keep theirs."""
    connection = connections["default"]
    if connection.in_atomic_block:
        yield  # inside a transaction (tests), where SQLite refuses the change
        return
    if connection.vendor == "postgresql":
        during, after = ["SET synchronous_commit TO off"], ["RESET synchronous_commit"]
    else:
        during = ["PRAGMA synchronous=NORMAL", f"PRAGMA wal_autocheckpoint={SEED_CHECKPOINT_PAGES}"]
        after = ["PRAGMA synchronous=FULL", f"PRAGMA wal_autocheckpoint={SQLITE_CHECKPOINT_PAGES}"]
    with connection.cursor() as cursor:
        for statement in during:
            cursor.execute(statement)
    try:
        yield
    finally:
        if connection.connection is not None:
            with connection.cursor() as cursor:
                for statement in after:
                    cursor.execute(statement)


def _fresh_plans() -> None:
    """On PostgreSQL, forget this connection's cached query plans (``DISCARD PLANS``), after
    each client. A seed worker keeps one connection from the first client to the last, and
    the plan PostgreSQL made for a foreign-key check while the programs table was a few
    pages long, a sequential scan, stayed in use for the whole seed: each set's check on its
    program then read the whole table (16-21 us of the server's CPU a set instead of 1-2,
    up to half of the server's time, measured with pg_stat_statements and auto_explain on
    60 and 100 clients). Planned again with the table as it is, each check is one look-up in
    the primary key. The web app's connections last a minute (``CONN_MAX_AGE``)."""
    connection = connections["default"]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("DISCARD PLANS")


@dataclass(slots=True)
class SeedSummary:
    coaches: int = 0
    clients: int = 0
    logins: int = 0
    programs: int = 0
    sets: int = 0
    symptom_reports: int = 0
    paused: int = 0
    tests: int = 0
    scans: int = 0
    seconds: float = 0.0
    coach_usernames: list[str] = field(default_factory=list)
    client_usernames: list[str] = field(default_factory=list)
    password: str = SEED_PASSWORD


def coach_username(n: int) -> str:
    return f"coach-{n:03d}"


def client_username(n: int) -> str:
    return f"client-{n:05d}"


def check_arguments(*, clients: int, years: float, coaches: int, workers: int = 1) -> None:
    """Refuse impossible sizes before anything is written (field-named messages)."""
    issues = []
    if not 1 <= clients <= MAX_CLIENTS:
        issues.append(Issue("clients", f"{clients} is out of range; allowed 1 to {MAX_CLIENTS}"))
    if not 0 < years <= MAX_YEARS:
        issues.append(
            Issue("years", f"{years:g} is out of range; allowed above 0 to {MAX_YEARS:g}")
        )
    if not 1 <= coaches <= MAX_COACHES:
        issues.append(Issue("coaches", f"{coaches} is out of range; allowed 1 to {MAX_COACHES}"))
    elif clients >= 1 and coaches > clients:
        issues.append(Issue("coaches", f"{coaches} coaches for {clients} clients; give at most "
                                       "one coach per client"))  # fmt: skip
    if not 1 <= workers <= MAX_WORKERS:
        issues.append(Issue("workers", f"{workers} is out of range; allowed 1 to {MAX_WORKERS}"))
    if issues:
        raise InputError(issues)


def seed_clinic(
    *,
    clients: int,
    years: float,
    coaches: int,
    seed: int,
    today: date,
    password: str = SEED_PASSWORD,
    workers: int = 1,
    progress: Callable[[int], None] | None = None,
) -> SeedSummary:
    """Create the clinic in an empty database; ``progress`` is called after each client.

    With ``workers`` > 1 the clients are shared between that many processes (each client in
    its own transaction). Whatever happens, the result is all or nothing: if a worker fails
    or the run is interrupted, the clients already written are removed again.
    """
    check_arguments(clients=clients, years=years, coaches=coaches)
    if not 1 <= workers <= MAX_WORKERS:
        raise InputError(
            [Issue("workers", f"{workers} is out of range; allowed 1 to {MAX_WORKERS}")]
        )
    existing = Client.objects.count()
    if existing:
        raise InputError([Issue(
            "database", f"already holds {existing} clients; seed an empty database "
            "(a new data directory or DATABASE_URL)",
        )])  # fmt: skip
    started = clock_time.perf_counter()
    weeks = max(1, round(years * 52))
    plan = SeedPlan(
        clients=clients, coaches=coaches, seed=seed, today=today, password=password,
        first_monday=today - timedelta(days=today.weekday()) - timedelta(weeks=weeks),
        weeks=weeks,
    )  # fmt: skip
    summary = SeedSummary(password=password, coaches=coaches)
    summary.coach_usernames = [coach_username(n + 1) for n in range(coaches)]
    try:
        with _fast_hashing(), transaction.atomic():
            for n in range(coaches):
                clinic.create_coach(coach_username(n + 1), password, display_name=f"Coach {n + 1}")
        if workers == 1:
            seed_share(plan, 0, 1, summary, progress)
        else:
            _seed_in_processes(plan, workers, summary, progress)
    except BaseException:
        remove_clinic(summary.coach_usernames)
        raise
    summary.client_usernames = sorted(summary.client_usernames)
    summary.seconds = clock_time.perf_counter() - started
    return summary


def seed_share(
    plan: SeedPlan,
    worker: int,
    workers: int,
    summary: SeedSummary,
    progress: Callable[[int], None] | None,
) -> None:
    """Seed the clients ``worker``, ``worker + workers``, ..."""
    User = get_user_model()
    coach_users = list(
        User.objects.filter(username__in=[coach_username(n + 1) for n in range(plan.coaches)])
        .order_by("username")
    )  # fmt: skip
    with _fast_hashing(), _bulk_load():
        for index in range(worker, plan.clients, workers):
            rng = random.Random(f"osteoload-seed:{plan.seed}:{index}")
            coach = coach_users[index % plan.coaches]
            # Clients joined over the first months of the period (not all on one day).
            joined = plan.first_monday + timedelta(weeks=rng.randint(0, min(12, plan.weeks // 4)))
            # No transaction around a whole client: on SQLite it would hold the write lock for
            # her entire story and keep the other workers waiting. Each service call is its
            # own transaction; a failed run is removed as a whole by ``remove_clinic``.
            _ClientStory(coach, index, joined, plan.today, plan.password, rng, summary).run()
            summary.clients += 1
            _fresh_plans()
            if progress is not None:
                progress(summary.clients)


def _seed_in_processes(
    plan: SeedPlan, workers: int, summary: SeedSummary, progress: Callable[[int], None] | None
) -> None:
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    procs = [
        # Each worker collects garbage as this process does (a command collects less often).
        context.Process(
            target=worker_main,
            args=(plan, w, workers, queue, gc.get_threshold()),
            daemon=True,
        )
        for w in range(workers)
    ]
    connections.close_all()  # no connection is shared with the children
    for proc in procs:
        proc.start()
    finished = 0
    try:
        while finished < workers:
            try:
                kind, payload = queue.get(timeout=1.0)
            except Empty:
                if any(p.exitcode not in (None, 0) for p in procs):
                    raise SeedFailed("a seeding process stopped unexpectedly") from None
                continue
            if kind == "client":
                summary.clients += 1
                if progress is not None:
                    progress(summary.clients)
            elif kind == "error":
                raise SeedFailed(str(payload))
            else:
                finished += 1
                _add(summary, payload)
    finally:
        for proc in procs:
            if proc.is_alive():
                proc.terminate()
            proc.join()


class SeedFailed(Exception):
    """A seeding process failed; the partial clinic has been removed."""


def _add(total: SeedSummary, part: SeedSummary) -> None:
    for name in ("logins", "programs", "sets", "symptom_reports", "paused", "tests", "scans"):
        setattr(total, name, getattr(total, name) + getattr(part, name))
    total.client_usernames += part.client_usernames


def remove_clinic(coach_usernames: Sequence[str]) -> None:
    """Delete what a failed or interrupted seed wrote: its coaches, their clients with all
    their records, and the clients' logins."""
    User = get_user_model()
    coaches = User.objects.filter(username__in=list(coach_usernames))
    with transaction.atomic():
        # Plain "client_id IN (subquery)" deletes: a join inside the delete makes PostgreSQL
        # plan a nested loop over millions of sets.
        theirs = Client.objects.filter(coach__in=coaches).values("id")
        login_ids = list(
            Client.objects.filter(coach__in=coaches, user__isnull=False).values_list(
                "user_id", flat=True
            )
        )
        for model in (SetLogRow, PlannedSession, SymptomReport, FunctionalTestRecord,
                      DxaScanRecord, ProgramRecord):  # fmt: skip
            model.objects.filter(client_id__in=theirs)._raw_delete(model.objects.db)
        Client.objects.filter(coach__in=coaches).only("pk").delete()
        User.objects.filter(pk__in=login_ids).delete()
        coaches.delete()


#: The R32 stop symptoms a synthetic client reports (not chest pain or fainting).
_SEEDED_STOP_SYMPTOMS = tuple(
    s for s in Symptom
    if s in STOP_RULE_SYMPTOMS and s not in (Symptom.CHEST_PAIN, Symptom.FAINTING)
)  # fmt: skip
_NOTES = ("Felt strong today", "A bit tired", "Knees fine",
          "Stiff back in the morning, fine after warming up")  # fmt: skip


class _ClientStory:
    """One client's years at the clinic, told through the services day by day."""

    def __init__(
        self,
        coach: Any,
        index: int,
        start: date,
        today: date,
        password: str,
        rng: random.Random,
        summary: SeedSummary,
    ) -> None:
        self.coach = coach
        self.index = index
        self.start = start
        self.today = today
        self.password = password
        self.rng = rng
        self.summary = summary
        self.attendance = rng.uniform(0.6, 0.97)
        self.holidays = _holidays(rng, start, today)
        self.paused_until: date | None = None
        self.coach_paused = False
        """Her coach's profile update paused her program (R32a) until a block can start."""
        self.pending: list[dict[str, Any]] = []
        self.log: list[SetLog] = []
        """Everything she logged, as engine records in her log's order: what her coach's
        engine reads for each new block, kept here rather than read back every 12 weeks."""
        self.logged: list[dict[str, Any]] = []
        """The last batch she sent (what her coach reviews before the next program)."""
        """Sets done but not yet sent: she syncs her log in batches (fewer round trips)."""

    def run(self) -> None:
        intake = self.start - timedelta(days=7)
        document = synthetic_profile(self.rng, intake=intake, start=self.start)
        self.document = document
        self.client_id = clinic.create_client(self.coach, document, today=intake)
        self.user: Any = self._login(intake)
        block_start = self.start
        while block_start <= self.today:
            self._block(block_start)
            block_start += timedelta(weeks=BLOCK_WEEKS)
        if self.coach_paused and self.paused_until is None:
            self.summary.paused += 1
        self._tests_and_scans()

    def _login(self, intake: date) -> Any | None:
        now = datetime.combine(intake, time(10), tzinfo=UTC)
        token = clinic.create_invite(self.coach, self.client_id, now=now)
        if self.rng.random() > CLIENTS_WITH_LOGIN:
            return None  # she has not accepted her invitation (yet)
        username = client_username(self.index + 1)
        user = clinic.accept_invite(token, username, self.password, now=now)
        self.summary.logins += 1
        self.summary.client_usernames.append(username)
        return user

    def _block(self, block_start: date) -> None:
        """Review her profile, generate and assign the next program, then train it."""
        planning_day = min(block_start - timedelta(days=2), self.today)
        if block_start > self.start:
            self._review_profile(planning_day)
        program_id = None
        # R32a: no program while screening withholds or needs clearance (a fracture still
        # healing): her coach starts the block on the first week screening allows.
        for wait in range(BLOCK_WEEKS):
            first = block_start + timedelta(weeks=wait)
            try:
                program_id = client_programs.generate_for_client(
                    self.coach, self.client_id, today=min(planning_day, first), start=first,
                    weeks=BLOCK_WEEKS - wait, log=self.log,
                )  # fmt: skip
            except InputError:
                continue
            block_start = first
            break
        if program_id is None or block_start > self.today:
            return
        if self.coach_paused:
            # Her coach reviewed the red flag and a new screening allows the program (R32a).
            training_log.resume(self.coach, self.client_id, today=block_start)
            self.coach_paused = False
        client_programs.assign_program(self.coach, self.client_id, program_id)
        self.summary.programs += 1
        if self.user is None:
            return
        # Without the doses in words: she logs from the numbers.
        program = client_programs.program_for(self.coach, self.client_id, program_id, display=False)
        for week in program["weeks"]:
            for session in week["sessions"]:
                self._train(session)
        self._flush()

    def _flush(self) -> None:
        if self.pending:
            last = max(e["date"] for e in self.pending)
            stored = training_log.log_sets_as_records(
                self.user, self.client_id, self.pending, today=date.fromisoformat(last)
            )
            # Her log is read oldest first (by date, then as written): keep it so.
            if self.log and stored and stored[0].date < self.log[-1].date:
                self.log = sorted([*self.log, *stored], key=_set_date)
            else:
                self.log += stored
            self.summary.sets += len(self.pending)
            self.logged = self.pending
            self.pending = []

    def _review_profile(self, day: date) -> None:
        """Her coach updates the intake: latest loads, clearance obtained, back pain gone."""
        doc = dict(self.document)
        strength = self._latest_sets(day)
        if strength:
            doc["strength"] = strength
        if doc.get("parq_yes") and not doc.get("clearance") and self.rng.random() < 0.8:
            doc["clearance"] = {"medical": True}
        if doc.get("symptoms") and self.rng.random() < 0.8:
            doc["symptoms"] = []
        if doc != self.document:
            paused = clinic.update_profile(self.coach, self.client_id, doc, today=day)
            self.coach_paused = self.coach_paused or paused
            self.document = doc

    def _latest_sets(self, day: date) -> list[dict[str, Any]]:
        """Her last hard working set of each loaded lift in the last four weeks (as her coach
        reads them in her log)."""
        since = (day - timedelta(weeks=4)).isoformat()
        latest: dict[str, dict[str, Any]] = {}
        for row in self.logged:
            rpe, reps = row.get("rpe"), row.get("reps")
            if not since <= row["date"] <= day.isoformat() or not row.get("load_kg"):
                continue
            if reps and 1 <= reps <= 12 and rpe and rpe >= 7:
                latest[row["exercise_id"]] = {
                    "exercise": row["exercise_id"], "load_kg": row["load_kg"],
                    "reps": reps, "rpe": rpe, "date": row["date"],
                }  # fmt: skip
        return list(latest.values())[:8]

    def _train(self, session: dict[str, Any]) -> None:
        day = date.fromisoformat(session["date"])
        if day >= self.today or day in self.holidays:
            return
        if self.paused_until is not None:
            if day < self.paused_until:
                return
            training_log.resume(self.coach, self.client_id, today=day)
            self.paused_until = None
        if self.rng.random() > self.attendance:
            return
        for item in session["items"]:
            self.pending += [{"date": day.isoformat(), **e} for e in logged_entries(item, self.rng)]
        self._maybe_report(day, session)

    def _maybe_report(self, day: date, session: dict[str, Any]) -> None:
        """Now and then she answers "How are you feeling"; rarely with a stop-rule symptom."""
        roll = self.rng.random()
        if roll < 0.0015 and session["kind"] == "resistance":
            symptom = self.rng.choice(_SEEDED_STOP_SYMPTOMS)
            report = {"date": day.isoformat(), "symptoms": [symptom.value], "note": ""}
            self._flush()  # what she did before reporting is logged; then the pause applies
            training_log.report_symptoms(self.user, self.client_id, report, today=day)
            self.summary.symptom_reports += 1
            # Her coach reviews within one to three weeks, then lifts the pause.
            self.paused_until = day + timedelta(days=self.rng.randint(7, 21))
            if self.paused_until > self.today:
                self.summary.paused += 1
        elif roll < 0.03:
            note = self.rng.choice(_NOTES)
            report = {"date": day.isoformat(), "symptoms": [], "note": note}
            training_log.report_symptoms(self.user, self.client_id, report, today=day)
            self.summary.symptom_reports += 1

    def _baseline_scans(self) -> list[dict[str, Any]]:
        """Her scans at intake; from her T-scores when the intake has none (recorded then)."""
        bone = self.document.get("bone", {})
        if bone.get("scans"):
            return list(bone["scans"])
        out = []
        day = self.start - timedelta(days=40)
        for site in ILLUSTRATIVE_BMD:
            t_score = bone.get(f"{site}_t")
            if t_score is None:
                continue
            scan = {"site": site, "date": day.isoformat(), "t_score": t_score,
                    "bmd_g_cm2": bmd_from_t(site, t_score), "scanner": "hologic",
                    "precision_g_cm2": 0.010}  # fmt: skip
            clinic.record_scan(self.coach, self.client_id, scan, today=self.start)
            self.summary.scans += 1
            out.append(scan)
        return out

    def _tests_and_scans(self) -> None:
        """Functional tests every 3 months and a DXA scan every year, slowly improving."""
        tests = self.document.get("tests")
        quarter = 0
        day = self.start + timedelta(weeks=13)
        while tests and day < self.today:
            quarter += 1
            scale = max(0.85, 1 - 0.012 * quarter)  # a little better each quarter, then a plateau
            values = vary_tests(tests, self.rng, scale=scale)
            values["date"] = day.isoformat()
            clinic.record_tests(self.coach, self.client_id, values, today=day)
            self.summary.tests += 1
            day += timedelta(weeks=13)
        latest = {scan["site"]: scan for scan in self._baseline_scans()}
        treated = bool(self.document.get("medications"))
        year = 1
        day = self.start + timedelta(days=365)
        while latest and day < self.today:
            for site, scan in latest.items():
                if "bmd_g_cm2" not in scan:
                    continue
                # Untreated bone after menopause drifts down ~1 %/yr; treated bone up ~1-3 %.
                rate = self.rng.uniform(0.005, 0.025) if treated else self.rng.uniform(-0.015, 0)
                bmd = round(float(scan["bmd_g_cm2"]) * (1 + rate * year), 3)
                clinic.record_scan(self.coach, self.client_id, {
                    "site": site, "date": day.isoformat(), "bmd_g_cm2": bmd,
                    "scanner": scan.get("scanner", "hologic"), "precision_g_cm2": 0.010,
                }, today=day)  # fmt: skip
                self.summary.scans += 1
            year += 1
            day += timedelta(days=365)


ILLUSTRATIVE_BMD: dict[str, tuple[float, float]] = {
    "lumbar_spine": (1.047, 0.110),
    "total_hip": (0.942, 0.122),
    "femoral_neck": (0.858, 0.120),
}
"""Young-adult mean and SD (g/cm2, Hologic-scale, illustrative) to turn a T-score into a BMD
for synthetic scans. Not used by any clinical rule."""


def _set_date(record: SetLog) -> date:
    return record.date


def bmd_from_t(site: str, t_score: float) -> float:
    mean, sd = ILLUSTRATIVE_BMD[site]
    return round(mean + sd * t_score, 3)


def _holidays(rng: random.Random, start: date, today: date) -> frozenset[date]:
    """One or two breaks of one to three weeks a year."""
    days: set[date] = set()
    span = (today - start).days
    for _ in range(max(1, round(span / 365 * rng.uniform(1, 2)))):
        first = start + timedelta(days=rng.randrange(max(1, span)))
        days.update(first + timedelta(days=d) for d in range(7 * rng.randint(1, 3)))
    return frozenset(days)


def logged_entries(item: dict[str, Any], rng: random.Random) -> list[dict[str, Any]]:
    """What she logs for one prescribed item: mostly as prescribed, sometimes fewer reps."""
    base = {"exercise_id": item["exercise_id"]}
    if item.get("minutes") is not None:
        return [{**base, "set_number": 1, "note": f"{item['minutes']} min"}]
    if item.get("impacts") is not None:
        return [{**base, "set_number": 1, "impacts": item["impacts"]}]
    out = []
    # a weight whenever the exercise takes one (a carry too): the program's, or where it
    # leaves the weight to her, the light one she starts with (the app's CSV needs it back)
    load = item.get("load_kg")
    if load is None:
        load = first_load_kg(item["exercise_id"])
    for n in range(1, int(item["sets"]) + 1):
        entry: dict[str, Any] = {**base, "set_number": n}
        if load is not None:
            entry["load_kg"] = load
        if item.get("hold_s") is not None:
            entry["hold_s"] = item["hold_s"]
        else:
            reps = int(item.get("reps") or 10)
            entry["reps"] = reps if rng.random() > 0.08 else max(1, reps - rng.randint(1, 3))
            if item.get("target_rpe") is not None:
                rpe = float(item["target_rpe"]) + rng.choice((-0.5, 0.0, 0.0, 0.5))
                entry["rpe"] = min(10.0, max(1.0, rpe))
            roll = rng.random()
            entry["pain"] = 0 if roll > 0.05 else (rng.randint(1, 4) if roll > 0.003 else 5)
        out.append(entry)
    return out
