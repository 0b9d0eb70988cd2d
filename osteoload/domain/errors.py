"""Errors raised by the engine.

    DomainError                 anything the engine refuses to compute
    ├── InvalidInput            a value outside what a function accepts (e.g. 0 reps)
    └── UnreliableEstimate      a 1RM estimate from a set the rules refuse (R21)

Input parsing at the boundary (files, HTTP bodies) raises ``osteoload.services.errors``
instead; by the time data reaches the engine it has been validated.
"""

from __future__ import annotations


class DomainError(Exception):
    """Base class of every error the engine raises."""


class InvalidInput(DomainError, ValueError):
    """An argument is outside the range a function accepts."""


class UnreliableEstimate(DomainError):
    """A 1RM estimate was asked for from a set that rule R21 refuses."""
