"""Issue 17: the login's password hasher is argon2id at OWASP's minimum cost, not Django's
default (about 1 s per login on a two-core server), and passwords stored at the old cost
still log in and are re-stored at the new one."""

from __future__ import annotations

from pathlib import Path

import argon2
from django.conf import settings
from django.contrib.auth.hashers import (
    Argon2PasswordHasher,
    check_password,
    get_hasher,
    identify_hasher,
)
from django.test import override_settings

import osteoload
from osteoload.services.passwords import Argon2idHasher

PRODUCTION_HASHERS = [
    "osteoload.services.passwords.Argon2idHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]


def test_production_settings_store_passwords_with_the_owasp_argon2id_hasher() -> None:
    source = (Path(osteoload.__file__).parent / "settings.py").read_text(encoding="utf-8")
    hashers = source.split("PASSWORD_HASHERS = [", 1)[1].split("]", 1)[0]
    assert hashers.split('"')[1] == PRODUCTION_HASHERS[0]
    assert settings.PASSWORD_HASHERS  # (the tests themselves hash with MD5, for speed)


def test_parameters_meet_owasp_minimums_for_argon2id() -> None:
    # OWASP Password Storage Cheat Sheet: m >= 19 MiB with t >= 2 and p = 1 (or more memory
    # with fewer passes); argon2id, not argon2i or argon2d.
    hasher = Argon2idHasher()
    encoded = hasher.encode("a-long-test-password-42", hasher.salt())
    params = argon2.extract_parameters(encoded.removeprefix("argon2"))
    assert params.type is argon2.Type.ID
    assert params.memory_cost >= 19 * 1024
    assert params.time_cost >= 2
    assert params.parallelism == 1
    assert params.memory_cost < Argon2PasswordHasher.memory_cost  # less avoidable work


@override_settings(PASSWORD_HASHERS=PRODUCTION_HASHERS)
def test_a_password_stored_at_djangos_default_cost_still_verifies_and_is_restored() -> None:
    old = Argon2PasswordHasher().encode("a-long-test-password-42", "saltsaltsaltsalt")
    restored: list[str] = []
    assert check_password("a-long-test-password-42", old, setter=restored.append)
    assert not check_password("wrong-password-1234", old)
    # the setter is called with the raw password: Django stores it again at the new cost
    assert restored == ["a-long-test-password-42"]
    assert get_hasher("default").must_update(old)
    assert isinstance(identify_hasher(old), Argon2idHasher)
