"""The pages are audited like the API (issue 16, item 6): every page that shows a client's
health data and every change made on a page writes one audit entry (``via`` ``web``)
through the same service as the API, so her access-log export holds what was done in the
browser too. Before: 9 web actions, 0 audit entries."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from osteoload.services import audit, client_programs, export
from osteoload.store.models import AuditEntry

from .test_client_pages import HTMX, strength

pytestmark = pytest.mark.django_db


def _access_log(world) -> list[dict]:
    _name, data = export.export_zip(world.alice.user, world.bob_id)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        name = next(n for n in archive.namelist() if n.endswith("access-log.json"))
        return json.loads(archive.read(name))


def test_nine_web_actions_are_nine_entries_in_her_access_log_export(world):
    before = len(_access_log(world))
    coach, client = world.alice.browser(), world.bob.browser()
    program = client_programs.program_for(world.alice.user, world.bob_id, world.bob_program)
    item = strength(world)
    answers = [
        coach.get(reverse("coach-client", args=[world.bob_id])),
        coach.get(reverse("coach-client-edit", args=[world.bob_id])),
        coach.get(reverse("coach-client-progress", args=[world.bob_id])),
        coach.get(reverse("coach-program", args=[world.bob_id, world.bob_program])),
        coach.post(
            reverse("coach-program-assign", args=[world.bob_id, world.bob_program]),
            {"version": program["version"]},
        ),
        client.get(reverse("client-today")),
        client.post(
            reverse("client-log"), {"exercise_id": item["exercise_id"], "reps": "9"}, **HTMX
        ),  # fmt: skip
        client.post(reverse("client-feeling"), {"fine": "yes"}),
        client.get(reverse("client-progress")),
    ]
    assert [a.status_code for a in answers] == [200, 200, 200, 200, 302, 200, 200, 302, 200]
    entries = _access_log(world)[before:]
    assert len(entries) == 9, entries
    assert {e["via"] for e in entries} == {"web"}
    assert [e["actor"] for e in entries] == ["alice"] * 5 + ["bob"] * 4
    assert [e["action"] for e in entries] == [
        "view", "view", "view", "view", "update", "view", "create", "create", "view",
    ]  # fmt: skip
    set_entry = entries[6]
    assert set_entry["object_type"] == "set" and set_entry["object_id"] is not None
    # Her coach reads them in the audit log too (the API's GET /audit), hers only.
    _total, rows = audit.entries_for_coach(world.alice.user, client_id=world.bob_id)
    assert sum(r.via == "web" for r in rows) >= 9
    assert all(r.client_id != world.bob_id for r in audit.entries_for_coach(world.carol.user)[1])


def test_changes_and_downloads_on_the_pages_are_audited(world):
    coach = world.alice.browser()
    before = AuditEntry.objects.count()
    edit = coach.get(reverse("coach-client-edit", args=[world.bob_id]))
    assert edit.status_code == 200
    generated = coach.post(reverse("coach-program-generate", args=[world.bob_id]), {"weeks": "4"})
    assert generated.status_code == 302
    calendar = coach.get(reverse("coach-calendar", args=[world.bob_id]))
    assert calendar.status_code == 200
    client = world.bob.browser()
    item = strength(world)
    client.post(reverse("client-log"), {"exercise_id": item["exercise_id"], "reps": "9"}, **HTMX)
    logged = AuditEntry.objects.filter(object_type="set").latest("id")
    undone = client.post(reverse("client-undo", args=[logged.object_id]), **HTMX)
    assert undone.status_code == 200
    assert audit.flush() == 1  # the read (the profile form), queued for the background writer
    new = list(AuditEntry.objects.order_by("timestamp", "id")[before:])
    assert [(e.action, e.object_type) for e in new] == [
        ("view", "profile"), ("create", "program"), ("export", "document"),
        ("create", "set"), ("delete", "set"),
    ]  # fmt: skip
    assert all(e.via == "web" and e.owner_id == world.alice.user.pk for e in new)
    assert all(e.client_id == world.bob_id for e in new)


def test_a_failed_change_writes_no_audit_entry(world):
    before = AuditEntry.objects.count()
    answer = world.bob.browser().post(
        reverse("client-log"), {"exercise_id": "deadlift_from_mars"}, **HTMX
    )
    assert answer.status_code == 422
    assert AuditEntry.objects.count() == before


def test_an_audit_entry_costs_one_insert_and_finds_her_coach(world):
    """A change's entry: one statement (the owner, her coach, is read by the INSERT itself),
    so that the entry stays cheap on every page."""
    with CaptureQueriesContext(connection) as queries:
        audit.record(
            world.bob.user, audit.Action.UPDATE, client_id=world.bob_id, object_type="program",
            summary="changed", via="web",
        )  # fmt: skip
    assert len(queries) == 1 and queries[0]["sql"].lstrip().upper().startswith("INSERT")
    entry = AuditEntry.objects.latest("id")
    assert entry.owner_id == world.alice.user.pk and entry.actor_id == world.bob.user.pk
    assert entry.timestamp is not None


def test_a_read_entry_costs_no_statement_and_is_written_with_her_coach_by_the_flush(world):
    """A read's entry is queued (issue 19): no statement on the request path; the flush writes
    the queue in one transaction, each entry finding her coach."""
    before = AuditEntry.objects.count()
    with CaptureQueriesContext(connection) as queries:
        for _ in range(3):
            audit.record(
                world.bob.user, audit.Action.VIEW, client_id=world.bob_id,
                object_type="program", summary="viewed today's session", via="web",
            )  # fmt: skip
    assert queries.captured_queries == [] and audit.pending() == 3
    assert audit.flush() == 3 and audit.pending() == 0
    new = list(AuditEntry.objects.order_by("id")[before:])
    assert [(e.action, e.owner_id, e.actor_id) for e in new] == [
        ("view", world.alice.user.pk, world.bob.user.pk)
    ] * 3


def test_her_calendar_address_made_changed_and_revoked_on_a_page_is_audited(world):
    before = AuditEntry.objects.count()
    client = world.bob.browser()
    assert client.post(reverse("client-feed-create"), {"session_time": "09:00"}).status_code == 302
    assert client.post(reverse("client-feed-time"), {"session_time": "10:00"}).status_code == 302
    assert client.post(reverse("client-feed-revoke")).status_code == 302
    new = list(AuditEntry.objects.order_by("id")[before:])
    assert [(e.action, e.object_type, e.via) for e in new] == [
        ("create", "calendar", "web"), ("update", "calendar", "web"), ("delete", "calendar", "web"),
    ]  # fmt: skip


def test_one_tap_done_as_planned_is_audited_once_and_a_tap_that_logs_nothing_is_not(world):
    from .test_phone_logger import one_tap_item

    item = one_tap_item(world.bob, world.bob_id, "impacts")
    client = world.bob.browser()
    before = AuditEntry.objects.count()
    url = reverse("client-log-as-planned")
    assert client.post(url, {"exercise_id": item["exercise_id"]}, **HTMX).status_code == 200
    assert client.post(url, {"exercise_id": item["exercise_id"]}, **HTMX).status_code == 200
    new = list(AuditEntry.objects.order_by("id")[before:])
    assert [(e.action, e.object_type, e.via) for e in new] == [("create", "sets", "web")]
    assert new[0].summary.startswith("logged ") and new[0].summary.endswith("as planned")
