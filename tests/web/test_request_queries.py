"""Issue 19: what every signed-in request pays before its page. Whether she has a second
factor (asked on every request of a session) is one query over every kind of device."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_otp.plugins.otp_totp.models import TOTPDevice

from osteoload.services import two_factor

pytestmark = pytest.mark.django_db


def test_whether_she_has_a_second_factor_is_one_query(world):
    coach = world.alice.user
    with CaptureQueriesContext(connection) as none:
        assert two_factor.enabled(coach) is False
    TOTPDevice.objects.create(user=coach, name="phone", confirmed=False)
    assert two_factor.enabled(coach) is False  # not confirmed yet
    TOTPDevice.objects.create(user=coach, name="phone", confirmed=True)
    with CaptureQueriesContext(connection) as one:
        assert two_factor.enabled(coach) is True
    assert len(none.captured_queries) == len(one.captured_queries) == 1
    assert two_factor.enabled(world.anonymous.user or _anonymous()) is False


def _anonymous():  # type: ignore[no-untyped-def]
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()
