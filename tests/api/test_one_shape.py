"""One shape per API output (issue 18, item 2): the records the API lists and the export zip
writes are the same models (``osteoload.services.shapes``), so the two cannot drift."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import pytest

from osteoload.api import schemas
from osteoload.api.v1 import api
from osteoload.services import shapes
from tests.api.test_portability import SET, unzip

pytestmark = pytest.mark.django_db

#: Export file -> (API list path under the client, the model both use).
SHARED = {
    "set-rows.json": ("sets", shapes.SetOut),
    "functional-tests.json": ("tests", shapes.FunctionalTestOut),
    "dxa-scans.json": ("scans", shapes.ScanOut),
}


def moments(row: dict[str, Any]) -> dict[str, Any]:
    """``row`` with its moments as datetimes to the millisecond (the API writes JSON times
    to the millisecond with a Z, the export to the microsecond with +00:00)."""
    out = dict(row)
    for key in ("created", "updated"):
        moment = datetime.fromisoformat(out[key].replace("Z", "+00:00"))
        out[key] = moment.replace(microsecond=moment.microsecond // 1000 * 1000)
    return out


def test_the_api_defines_no_second_copy_of_a_shape():
    """The API's schemas module holds no model named like a shared shape but different."""
    for name in ("ClientSummaryOut", "ClientOut", "ProgramSummaryOut", "SetOut", "ScanOut",
                 "FunctionalTestOut"):  # fmt: skip
        assert getattr(schemas, name, getattr(shapes, name)) is getattr(shapes, name)


def test_the_openapi_components_are_the_shared_shapes():
    spec = api.get_openapi_schema(path_prefix="/api/v1/")
    components = spec["components"]["schemas"]
    for model in (shapes.SetOut, shapes.ScanOut, shapes.FunctionalTestOut, shapes.ClientOut):
        assert set(components[model.__name__]["properties"]) == set(model.model_fields)


def test_the_export_and_the_api_give_the_same_records(world, as_alice, as_bob):
    as_bob.post(f"/clients/{world.bob_id}/sets", SET)
    as_bob.post(f"/clients/{world.bob_id}/sets", {**SET, "set_number": 2, "rpe": None, "rir": 2})
    as_alice.post(f"/clients/{world.bob_id}/tests", {"tug_s": 8.1})
    as_alice.post(f"/clients/{world.bob_id}/scans", {"site": "total_hip", "bmd_g_cm2": 0.8})
    files = unzip(as_bob.get(f"/clients/{world.bob_id}/export").content)
    for name, (path, model) in SHARED.items():
        exported = json.loads(files[name])
        listed = as_alice.get(f"/clients/{world.bob_id}/{path}").json()["items"]
        assert exported and [list(row) for row in exported] == [list(model.model_fields)] * len(
            exported
        ), name
        assert [moments(row) for row in exported] == [moments(row) for row in listed], name
    client = json.loads(files["client.json"])
    detail = as_alice.get(f"/clients/{world.bob_id}").json()
    assert moments({k: client[k] for k in shapes.ClientOut.model_fields}) == moments(detail)
