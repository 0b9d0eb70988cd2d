"""How a program's document is stored (issue 19): on PostgreSQL compressed with LZ4
(migration 0015), and read back exactly as written on both databases."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection

from osteoload.services import clients
from osteoload.store.models import Client, ProgramRecord, Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_record() -> Client:
    coach = clients.create_user("storage-coach", "a-long-password-1", role=Role.COACH)
    return Client.objects.create(coach=coach, name="Ada", profile={"age": 60})


def _document() -> dict[str, object]:
    """A document the size of a few weeks of a program (well over the 2 KB from which
    PostgreSQL compresses a value), each week like the others, as a program's are."""
    return {
        "weeks": [
            {
                "week": w,
                "sessions": [
                    {
                        "day": d,
                        "exercise": f"goblet_squat_{d}",
                        "sets": 3,
                        "reps": [8, 12],
                        "note": "Stand tall, knees over toes, chest up.",
                    }
                    for d in range(6)
                ],
            }
            for w in range(1, 25)
        ]
    }


def test_a_program_document_reads_back_as_written(client_record):
    document = _document()
    program = ProgramRecord.objects.create(
        client=client_record, start=date(2026, 12, 7), weeks=12, status="ready", document=document
    )
    assert ProgramRecord.objects.get(pk=program.pk).document == document


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's column compression")
def test_a_program_document_is_compressed_with_lz4_on_postgresql(client_record):
    program = ProgramRecord.objects.create(
        client=client_record, start=date(2026, 12, 7), weeks=12, status="ready",
        document=_document(),
    )  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_column_compression(document), pg_column_size(document),"
            " octet_length(document::text) FROM store_programrecord WHERE id = %s",
            [program.pk],
        )
        method, stored, text = cursor.fetchone()
    assert method == "lz4"
    assert stored < text / 4
