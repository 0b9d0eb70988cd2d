"""A stored profile whose strength sets name an exercise the catalogue has since renamed
(issue 16 item 9): the coach's edit page opens and saves it, the stored sets kept as they
are (not re-judged against today's catalogue); a set naming an exercise no stored set names
must still be in the catalogue."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from osteoload.services import clients
from osteoload.services.catalogue import strength_exercise_ids
from osteoload.services.errors import InputError
from osteoload.store.models import Client
from tests.conftest import TODAY

pytestmark = pytest.mark.django_db

OLD_ID = "old_renamed_lift"
STORED_SET = {"exercise": OLD_ID, "load_kg": 20.0, "reps": 8, "date": "2024-03-01"}


def _store_old_set(client_id: int) -> None:
    row = Client.objects.get(pk=client_id)
    assert OLD_ID not in strength_exercise_ids()
    row.profile = {**row.profile, "strength": [dict(STORED_SET)]}
    row.save(update_fields=["profile"])


def test_the_edit_page_saves_a_profile_whose_sets_name_a_renamed_exercise(world: Any) -> None:
    _store_old_set(world.bob_id)
    url = reverse("coach-client-edit", kwargs={"client_id": world.bob_id})
    browser = world.alice.browser()
    page = browser.get(url)
    assert page.status_code == 200
    version = re.search(r'name="version" value="(\d+)"', page.content.decode())
    assert version
    saved = browser.post(
        url, {"name": "Bob Client", "age": "64", "sex": "female", "version": version.group(1)}
    )
    assert saved.status_code == 302, re.sub(
        r"\s+", " ", re.sub(r"<[^>]+>", " ", saved.content.decode())
    )[:3000]
    document = clients.profile_document(world.alice.user, world.bob_id)
    assert document["age"] == 64
    assert document["strength"] == [STORED_SET]


def test_a_new_set_naming_an_unknown_exercise_is_still_refused(world: Any) -> None:
    _store_old_set(world.bob_id)
    stored = clients.profile_document(world.alice.user, world.bob_id)
    new_set = {**STORED_SET, "exercise": "no_such_lift"}
    with pytest.raises(InputError) as refused:
        clients.update_profile(
            world.alice.user, world.bob_id,
            {**stored, "strength": [*stored["strength"], new_set]}, today=TODAY,
        )  # fmt: skip
    assert [i.path for i in refused.value.issues] == ["strength[1].exercise"]
    assert clients.profile_document(world.alice.user, world.bob_id)["strength"] == [STORED_SET]
