"""Pydantic building blocks shared by every input model (profiles, logs, API bodies)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationInfo

from osteoload.wording import _


class Strict(BaseModel):
    """Base model: unknown keys are rejected, NaN and infinity are not numbers."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, frozen=True)


def _parse_date(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValueError(_("%(value)s is not a date; write it as YYYY-MM-DD") % {"value": repr(value)})


IsoDate = Annotated[date, BeforeValidator(_parse_date)]
"""A calendar date given as ``YYYY-MM-DD`` (no timestamps, no other formats)."""


def today_from(info: ValidationInfo) -> date | None:
    """The reference date passed by the caller as ``context={"today": ...}``."""
    ctx = info.context
    if isinstance(ctx, dict):
        value = ctx.get("today")
        if isinstance(value, date):
            return value
    return None


def not_in_future(value: date | None, info: ValidationInfo) -> date | None:
    """Reject a past-event date that lies after today."""
    today = today_from(info)
    if value is not None and today is not None and value > today:
        raise ValueError(
            _("%(value)s is in the future (today is %(today)s); only past dates are allowed here")
            % {"value": value.isoformat(), "today": today.isoformat()}
        )
    return value
