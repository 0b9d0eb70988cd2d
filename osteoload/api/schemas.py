"""Shapes of the API's responses and of its own small inputs (OpenAPI components).

Engine documents (plan, screen, assess, ...) are returned exactly as the CLI prints them and
are described as JSON objects carrying ``schema_version``; their full schemas are published
in ``docs/schemas``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Any, Literal

from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
)

from osteoload.services.api_tokens import MAX_EXPIRY_DAYS
from osteoload.services.export import DEFAULT_LIMIT, MAX_LIMIT, MAX_OFFSET
from osteoload.services.schema_types import IsoDate
from osteoload.services.shapes import (  # one shape for the API and the export
    VERSION_HELP,
    ClientSummaryOut,
    FunctionalTestOut,
    ProgramSummaryOut,
    ScanOut,
    SetOut,
)
from osteoload.services.training_log import SetEntryIn

from .base import day_out_of_range

#: Largest id accepted in a path: what a JSON number holds exactly (2^53).
MAX_ID = 2**53


def _bounded(low: int, high: int) -> AfterValidator:
    def check(value: int) -> int:
        if not low <= value <= high:
            raise ValueError(
                _("%(value)s is out of range; allowed %(low)s to %(high)s")
                % {"value": value, "low": low, "high": high}
            )
        return value

    return AfterValidator(check)


Id = Annotated[
    int,
    _bounded(1, MAX_ID),
    WithJsonSchema({"type": "integer", "minimum": 1, "maximum": MAX_ID}),
]
Offset = Annotated[
    int,
    _bounded(0, MAX_OFFSET),
    WithJsonSchema({"type": "integer", "minimum": 0, "maximum": MAX_OFFSET}),
]


def _day(value: date) -> date:
    problem = day_out_of_range(value)
    if problem:
        raise ValueError(problem)
    return value


def _moment(value: datetime) -> datetime:
    """A moment in UTC (a moment without a zone is taken as UTC), inside the date range."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    try:
        value = value.astimezone(UTC)
    except OverflowError:
        raise ValueError(_("%(value)s is out of range") % {"value": value.isoformat()}) from None
    _day(value.date())
    return value


def _parse_moment(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(
                _("%(value)s is not a moment; write it as ISO 8601, e.g. 2026-11-26T12:00:00Z")
                % {"value": repr(value)}
            ) from None
    return value


Day = Annotated[IsoDate, AfterValidator(_day), Field(description="A date, YYYY-MM-DD")]
Moment = Annotated[datetime, BeforeValidator(_parse_moment), AfterValidator(_moment)]


class StrictSchema(Schema):
    model_config = ConfigDict(extra="forbid")


# --- errors ----------------------------------------------------------------------------------


class IssueOut(Schema):
    field: str = Field(description="Path of the field, e.g. 'age' or 'sets[2].rpe'; '' = all")
    value: Any = Field(None, description="The value given, when it helps")
    message: str = Field(description="What is wrong and what is allowed")


class ValidationErrorOut(Schema):
    detail: list[IssueOut]


class ErrorOut(Schema):
    detail: str


class ConflictOut(Schema):
    """409: the record changed since the version sent in If-Match; nothing was written."""

    detail: str = Field(description="Changed by someone else since you opened it; ...")
    version: int | None = Field(description="The version stored now (null: it was deleted)")
    changed: list[str] = Field(description="The fields that now differ from what was sent")


# --- lists -----------------------------------------------------------------------------------


class PagingQuery(Schema):
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Items per page")
    offset: Offset = Field(0, description="Items to skip")


class PageQuery(PagingQuery):
    updated_since: Moment | None = Field(
        None,
        description="Only items created or changed at or after this moment (ISO 8601; "
        "without a zone, UTC). Use the previous page's server_time to sync.",
    )


class PageOut(Schema):
    count: int = Field(description="Items matching, over all pages")
    offset: int
    limit: int
    server_time: datetime = Field(description="When the list was read: the next updated_since")


class ClientPage(PageOut):
    items: list[ClientSummaryOut]


class ProgramPage(PageOut):
    items: list[ProgramSummaryOut]


class SetPage(PageOut):
    items: list[SetOut]


class FunctionalTestPage(PageOut):
    items: list[FunctionalTestOut]


class ScanPage(PageOut):
    items: list[ScanOut]


class AuditEntryOut(Schema):
    id: int
    timestamp: datetime
    actor: str
    action: str
    client_id: int | None
    object_type: str
    object_id: int | None
    summary: str
    via: str


class AuditPage(PageOut):
    items: list[AuditEntryOut]


# --- other outputs ---------------------------------------------------------------------------


class DocumentOut(BaseModel):
    """An engine document, exactly as ``osteoload <command> --format json`` prints it."""

    model_config = ConfigDict(extra="allow")
    schema_version: Literal[1]


class ProgramDocumentOut(DocumentOut):
    """A stored program: the plan document (program.v1) with its id and assignment."""

    id: int
    assigned: bool
    version: int = Field(description=VERSION_HELP)


class MeOut(Schema):
    username: str
    role: str | None = Field(description="coach, client, or null for an account without one")
    client_id: int | None = Field(description="A client's own record (null for coaches)")


class TokenOut(Schema):
    id: int
    name: str
    prefix: str = Field(description="The token's first characters, to tell tokens apart")
    created: datetime
    last_used: datetime | None = Field(description="Last use, to the nearest few minutes")
    revoked: datetime | None
    expires: datetime | None = Field(None, description="When it stops working; null: never")
    active: bool = Field(description="Neither revoked nor expired")


class TokenPage(PageOut):
    items: list[TokenOut]


class TokenCreatedOut(TokenOut):
    token: str = Field(description="The token itself: shown this once, never again")


class IdsOut(Schema):
    ids: list[int]


class CreatedOut(Schema):
    id: int


class SymptomsOut(Schema):
    paused: bool = Field(description="True when a stop-rule symptom paused the program (R32)")


class ImportOut(Schema):
    format: str
    rows_read: int
    imported: int
    already_logged: int = Field(description="Sets left out: already in her log")
    unmapped: dict[str, int] = Field(description="Export names not mapped, with row counts")
    skipped: dict[str, int] = Field(description="Rows left out, by reason")
    symptom_days: int
    paused: bool


class ErasedOut(Schema):
    erased: dict[str, int] = Field(description="Records deleted, by kind")


# --- the API's own inputs --------------------------------------------------------------------


class TokenIn(StrictSchema):
    name: str = Field(min_length=1, max_length=100, description="To recognise the token")
    expires_in_days: int | None = Field(
        None,
        ge=1,
        le=MAX_EXPIRY_DAYS,
        description="Days until it stops working; null or absent: never",
    )


class GenerateIn(StrictSchema):
    weeks: int = Field(12, ge=1, le=52, description="Program length in weeks")
    start: Day | None = Field(
        None, description="First day; default her schedule's start_date, else next Monday"
    )


class SetBatchIn(StrictSchema):
    """Several sets at once: all are checked, and none is stored if one is bad."""

    sets: list[SetEntryIn] = Field(min_length=1, max_length=MAX_LIMIT)
