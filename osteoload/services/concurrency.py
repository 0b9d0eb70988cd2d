"""Two requests at the same moment: each answers as if it came alone, or a clear refusal.

Races between requests are settled by the database, never by luck:

- A write about a client (a logged set, a symptom report, a program, a scan) first takes a
  share lock on her row (:func:`hold_client`); erasure takes the row's update lock before it
  counts and deletes (:func:`claim_client`). So an erasure waits for a write already under
  way and then deletes what it wrote too, and a write that comes while she is being erased
  waits, finds her gone and answers 404: erasure always wins, and nothing of hers is left.
- A one-time link and a program assignment lock the client's row while they check and
  change it, so of two at once exactly one goes through; the other finds the link used
  (404) or a changed program (409).
- Whatever still collides in the database (a unique constraint, SQLite's "database is
  locked" after its busy timeout, a PostgreSQL deadlock or serialisation failure) becomes
  :class:`Collision`, which every front end answers with 409 and "nothing was saved",
  never 500 (:func:`guarded`).

On SQLite every write transaction starts ``IMMEDIATE`` (settings), so writers queue for the
busy timeout instead of failing half-way; the row locks are PostgreSQL's and cost nothing
there.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import DatabaseError, IntegrityError, OperationalError, transaction
from django.utils.translation import gettext as _

from osteoload.store import hot
from osteoload.store.models import Client

from .access import NotFound
from .errors import InputError, Issue

#: Words of database errors that mean "another transaction was in the way".
_BUSY_WORDS = (
    "database is locked",
    "database table is locked",
    "deadlock detected",
    "could not serialize access",
    "could not obtain lock",
    "lock timeout",
)


class Collision(InputError):
    """Another request changed the same record at the same moment: nothing of this one was
    written (HTTP 409). Trying again after looking at the record is safe."""

    def __init__(self, what: str = "") -> None:
        subject = what or _("This record")
        message = _(
            "%(what)s was changed by someone else at the same moment, so nothing was saved; "
            "look at it again and retry"
        ) % {"what": subject}
        super().__init__([Issue("", message)])


def is_busy(exc: BaseException) -> bool:
    """True for a database error that says another transaction held what this one needed."""
    if not isinstance(exc, OperationalError | DatabaseError):
        return False
    text = str(exc).lower()
    return any(word in text for word in _BUSY_WORDS)


@contextmanager
def guarded(what: str = "") -> Iterator[None]:
    """A transaction whose collision with another request is :class:`Collision`, not a
    server error: a unique or foreign key constraint that a concurrent commit broke, a lock
    that was not granted in time, a deadlock. Anything else propagates unchanged."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError as exc:
        raise Collision(what) from exc
    except OperationalError as exc:
        if is_busy(exc):
            raise Collision(what) from exc
        raise


def hold_client(client_id: int) -> None:
    """Inside a write transaction: share-lock her row until the transaction ends, so that
    her erasure cannot run in between; :class:`NotFound` when she was erased meanwhile."""
    if not hot.hold_client(client_id):
        raise NotFound


def claim_client(client_id: int) -> Client:
    """Inside a transaction: her row, locked for update (erasure, assignment, a one-time
    link), after any write about her already under way has finished; :class:`NotFound`
    when she is gone."""
    client = Client.objects.select_for_update().filter(pk=client_id).first()
    if client is None:
        raise NotFound
    return client
