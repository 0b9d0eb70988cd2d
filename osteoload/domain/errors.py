"""Errors raised by the engine.

    DomainError                 anything the engine refuses to compute
    ├── InvalidInput            a value outside what a function accepts (e.g. 0 reps)
    ├── UnreliableEstimate      a 1RM estimate from a set the rules refuse (R21)
    └── CatalogueError          the exercise catalogue's data is inconsistent (``catalogue``)

``InvalidInput`` is also a ``ValueError``. The tree is complete: a test
(tests/domain/test_public_api.py) fails when a subclass of ``DomainError`` is left out.

The exercise figures' geometry is not part of the engine: ``osteoload.illustration`` raises
its own ``PoseError`` (a ``ValueError``) for inconsistent pose data.

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
