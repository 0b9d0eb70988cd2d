"""The profile's field registry (issue 17 item 2) and the validating model agree."""

from __future__ import annotations

import re

import pytest

from osteoload.services import profile_fields
from osteoload.services.profile_fields import FIELDS, FORMS, Kind, schema_paths
from osteoload.services.profile_schema import ProfileIn
from osteoload.services.profiles import profile_json_schema


def test_every_field_of_the_model_is_in_the_registry_and_nothing_else():
    """A field added to the profile's model without a registry entry fails here (and so
    cannot be missing from the web forms unnoticed); a stale entry fails too."""
    paths = list(schema_paths(ProfileIn))
    assert [p for p in paths if p not in profile_fields.BY_PATH] == []
    assert [f.path for f in FIELDS if f.path not in paths] == []
    assert len(profile_fields.BY_PATH) == len(FIELDS), "a path is described twice"


@pytest.mark.parametrize("spec", FIELDS, ids=lambda f: f.path)
def test_each_field_is_on_a_web_form_or_says_why_not(spec):
    if spec.form:
        assert spec.form in FORMS and not spec.api_only
    else:
        assert spec.api_only, f"{spec.path} is on no web form and does not say why"


@pytest.mark.parametrize("spec", FIELDS, ids=lambda f: f.path)
def test_labels_read_once(spec):
    """ "SPPB total (points (0-12))": a label with its unit never nests or doubles
    parentheses."""
    assert not re.search(r"\([^)]*\(|\)\s*\(", spec.labelled), spec.labelled
    assert not spec.label[:1].islower()
    assert spec.kind in Kind


def test_the_published_schema_takes_titles_and_descriptions_from_the_registry():
    schema = profile_json_schema()
    height = schema["properties"]["baseline_height_cm"]
    spec = profile_fields.field("baseline_height_cm")
    assert height["title"] == "Height when first measured (cm)" == spec.labelled
    assert height["description"] == spec.description and "R33" in spec.description
    sppb = schema["$defs"]["TestsIn"]["properties"]["sppb"]
    assert sppb["title"] == "SPPB total (points)"
    tandem = schema["$defs"]["SppbIn"]["properties"]["tandem_s"]
    assert tandem["title"] == profile_fields.field("tests.sppb_parts.tandem_s").labelled
