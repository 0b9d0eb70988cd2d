"""How passwords are stored: argon2id at OWASP's recommended minimum cost.

Django's own Argon2 defaults (100 MiB of memory, 2 passes, 8 lanes) take about a second per
login on a small two-core server, most of it because the eight lanes run one after another
there; a login waited that long (issue 17). OWASP's Password Storage Cheat Sheet asks for at
least 19 MiB, 2 passes and 1 lane for argon2id: about a tenth of that time, and still
memory-hard. The algorithm name stays ``argon2``, so passwords stored at Django's cost still
verify, and Django re-stores each at this cost the next time its owner logs in.
"""

from __future__ import annotations

from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idHasher(Argon2PasswordHasher):
    """argon2id, m = 19 MiB, t = 2, p = 1 (OWASP's first recommended configuration)."""

    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
