"""What the routers share: bounded dates and moments, and the documented responses."""

from __future__ import annotations

from typing import Any

from .schemas import Day, ErrorOut, Moment, ValidationErrorOut

__all__ = ["Day", "Moment", "responses"]


def responses(ok: dict[int, Any], *, path: bool = False, inputs: bool = True) -> dict[int, Any]:
    """The documented responses of an operation: its successes and the errors it can give.

    Every operation may answer 401 (no or a revoked token) and 403 (role, or a missing CSRF
    token on a session); with path ids 404; with any input 422.
    """
    out: dict[int, Any] = {**ok, 401: ErrorOut, 403: ErrorOut}
    if path:
        out[404] = ErrorOut
    if inputs:
        out[422] = ValidationErrorOut
    return out
