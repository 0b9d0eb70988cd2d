"""The shapes of the records a client's data is read out as: one definition each, used by the
API (its OpenAPI components and responses) and by the export zip alike.

Each model builds itself from its stored row with ``of``; the API returns the model, the
export writes ``model_dump()``. Field order is the order of the JSON keys.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any, Self

from pydantic import BaseModel, Field

from osteoload.store.models import (
    Client,
    DxaScanRecord,
    FunctionalTestRecord,
    ProgramRecord,
    SetLogRow,
    SymptomReport,
)

VERSION_HELP = (
    "Bumped by each change; send it back in the If-Match header of the request that "
    "changes this record, so a change made since is not overwritten (409)"
)


def _num(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


class ClientSummaryOut(BaseModel):
    id: int
    name: str
    age: int | None
    paused: bool
    has_login: bool
    created: datetime
    updated: datetime

    @classmethod
    def of(cls, c: Client) -> Self:
        return cls(**_client_summary(c))


def _client_summary(c: Client) -> dict[str, Any]:
    return {
        "id": c.pk,
        "name": c.name,
        "age": c.profile.get("age") if isinstance(c.profile, dict) else None,
        "paused": c.paused,
        "has_login": c.user_id is not None,
        "created": c.created,
        "updated": c.updated,
    }


class ClientOut(ClientSummaryOut):
    paused_reason: str
    profile: dict[str, Any] = Field(description="The stored profile document (profile.v1)")
    version: int = Field(description=VERSION_HELP)

    @classmethod
    def of(cls, c: Client) -> Self:
        return cls(
            **_client_summary(c), paused_reason=c.paused_reason, profile=c.profile,
            version=c.version,
        )  # fmt: skip


class ProgramSummaryOut(BaseModel):
    id: int
    start: date
    weeks: int
    status: str
    assigned: bool
    version: int = Field(description=VERSION_HELP)
    created: datetime
    updated: datetime

    @classmethod
    def of(cls, p: ProgramRecord) -> Self:
        return cls(
            id=p.pk, start=p.start, weeks=p.weeks, status=p.status, assigned=p.assigned,
            version=p.version, created=p.created, updated=p.updated,
        )  # fmt: skip


class SetOut(BaseModel):
    id: int
    date: date
    exercise_id: str
    set_number: int
    reps: int | None
    load_kg: float | None
    rpe: float | None
    rir: float | None
    pain: int | None
    impacts: int | None
    hold_s: int | None
    note: str
    program_id: int | None
    created: datetime
    updated: datetime

    @classmethod
    def of(cls, r: SetLogRow) -> Self:
        return cls(
            id=r.pk, date=r.date, exercise_id=r.exercise_id, set_number=r.set_number,
            reps=r.reps, load_kg=_num(r.load_kg), rpe=_num(r.rpe), rir=_num(r.rir), pain=r.pain,
            impacts=r.impacts, hold_s=r.hold_s, note=r.note, program_id=r.program_id,
            created=r.created, updated=r.updated,
        )  # fmt: skip


class FunctionalTestOut(BaseModel):
    id: int
    date: date
    values: dict[str, Any] = Field(description="The profile's tests object (tug_s, ...)")
    version: int = Field(description=VERSION_HELP)
    created: datetime
    updated: datetime

    @classmethod
    def of(cls, t: FunctionalTestRecord) -> Self:
        return cls(
            id=t.pk, date=t.date, values=t.values, version=t.version, created=t.created,
            updated=t.updated,
        )  # fmt: skip


class ScanOut(BaseModel):
    id: int
    date: date
    site: str
    bmd_g_cm2: float | None
    t_score: float | None
    z_score: float | None
    scanner: str | None
    precision_g_cm2: float | None
    version: int = Field(description=VERSION_HELP)
    created: datetime
    updated: datetime

    @classmethod
    def of(cls, s: DxaScanRecord) -> Self:
        return cls(
            id=s.pk, date=s.date, site=s.site, bmd_g_cm2=_num(s.bmd_g_cm2),
            t_score=_num(s.t_score), z_score=_num(s.z_score), scanner=s.scanner or None,
            precision_g_cm2=_num(s.precision_g_cm2), version=s.version, created=s.created,
            updated=s.updated,
        )  # fmt: skip


class SymptomOut(BaseModel):
    """A symptom report (export only; the API reports symptoms through the stop rules)."""

    id: int
    date: date
    symptoms: list[str]
    note: str
    created: datetime
    updated: datetime

    @classmethod
    def of(cls, s: SymptomReport) -> Self:
        return cls(
            id=s.pk, date=s.date, symptoms=list(s.symptoms), note=s.note, created=s.created,
            updated=s.updated,
        )  # fmt: skip
