"""Every profile field the registry puts on a web form is an input of that form, with the
registry's label, unit and help; the summary and error messages use the same words
(issue 17 item 2). Baseline height (R33), lean mass (sarcopenia) and the SPPB parts are
reachable on the web."""

from __future__ import annotations

from django.urls import reverse

from osteoload.services import clients, profile_fields
from osteoload.services.clients import validated_profile
from osteoload.services.errors import Issue
from osteoload.services.profile_fields import Kind
from osteoload.web import forms, present
from tests.conftest import TODAY

from .conftest import PROFILE
from .test_forms import as_post

FORM_SECTIONS = {
    "intake": forms.INTAKE_SECTIONS,
    "tests": (forms.TESTS,),
    "scan": (forms.SCAN,),
}


def _inputs(form: str) -> dict[str, forms.Field]:
    found = {f.name: f for s in FORM_SECTIONS[form] for f in s.fields}
    if form == "intake":
        found |= {f"fractures[].{f.name}": f for f in forms.FRACTURE_FIELDS}
    return found


def test_every_registry_field_on_a_form_is_one_of_its_inputs():
    """Fails when a field of the schema is on no form and not marked API-only (the
    registry test) or when the registry says a form has it and the form does not."""
    missing = []
    for spec in profile_fields.FIELDS:
        if not spec.form or spec.kind is Kind.GROUP:
            continue
        name = spec.input_name
        if spec.path.startswith("fractures[]."):
            name = spec.path
        field = _inputs(spec.form).get(name)
        if field is None:
            missing.append(f"{spec.path} (input {name!r} on the {spec.form} form)")
            continue
        assert field.label == spec.label, spec.path
        assert field.kind == spec.kind.value, spec.path
    assert missing == []


def test_the_sppb_unit_reads_once_on_the_form_and_in_errors():
    sppb = next(f for f in forms.TESTS.fields if f.name == "sppb")
    assert (sppb.label, sppb.unit) == ("SPPB total", "points")
    form = forms.bind([forms.TESTS], {}, [Issue("sppb", "13 is above 12")])
    assert form.summary == [(forms.html_id("sppb"), "SPPB total (points): 13 is above 12")]


def test_error_labels_come_from_the_registry():
    names = forms.field_labels(forms.INTAKE_SECTIONS)
    for path in ("height_cm", "baseline_height_cm", "bone.total_hip_z", "schedule"):
        spec = profile_fields.field(path)
        assert names[path] == (spec.labelled if spec.kind is not Kind.GROUP else spec.label)


def test_baseline_height_and_z_scores_round_trip_through_the_intake_form():
    """R33 needs her baseline height: entered on the web, stored, shown again on edit."""
    data = {**PROFILE, "baseline_height_cm": 163, "height_cm": 160,
            "bone": {**PROFILE["bone"], "total_hip_z": -0.4}}  # fmt: skip
    stored, _ = validated_profile(data, today=TODAY)
    shown = forms.initial_values(stored)
    assert shown["baseline_height_cm"] == "163" and shown["bone.total_hip_z"] == "-0.4"
    posted = forms.raw_values(as_post(shown), forms.INTAKE_SECTIONS, fractures=True)
    again, _ = validated_profile(forms.profile_data(posted), today=TODAY)
    assert again["baseline_height_cm"] == 163
    assert again["bone"]["total_hip_z"] == -0.4


def test_sppb_parts_and_lean_mass_are_recorded_and_corrected_on_the_tests_form(world):
    """Sarcopenia is confirmed by low lean mass (asm_kg_m2); the SPPB parts are its
    performance: both go in on the web and come back in the correction form."""
    browser = world.alice.browser()
    url = reverse("coach-tests", kwargs={"client_id": world.bob_id})
    page = browser.get(url).content.decode()
    for name in ("asm_kg_m2", "sppb_parts.tandem_s", "sppb_parts.gait_4m_s"):
        assert f'name="{name}"' in page
    assert 'SPPB total <span class="unit">(points)</span>' in page
    response = browser.post(
        url,
        {
            "date": TODAY.isoformat(),
            "sppb": "9",
            "asm_kg_m2": "5.1",
            "sppb_parts.tandem_s": "4.5",
            "sppb_parts.gait_4m_s": "5.2",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    record = clients.recorded_of(world.alice.user, world.bob_id)[1][0]
    assert record.values["asm_kg_m2"] == 5.1
    assert record.values["sppb_parts"] == {"tandem_s": 4.5, "gait_4m_s": 5.2}
    edit = reverse("coach-tests-edit", kwargs={"client_id": world.bob_id,
                                               "tests_id": record.tests_id})  # fmt: skip
    page = browser.get(edit).content.decode()
    assert 'name="sppb_parts.tandem_s" id="f-sppb-parts-tandem-s" value="4.5"' in page
    profile = clients.profile_for(world.alice.user, world.bob_id, today=TODAY)
    assert profile.tests.asm_kg_m2 == 5.1
    summary = dict(present.profile_summary(profile))
    assert "tandem stand 4.5 s" in summary["Latest tests"]


def test_the_summary_shows_baseline_height_and_z_scores(world):
    data = {**PROFILE, "baseline_height_cm": 163, "bone": {"total_hip_z": -0.4}}
    client_id = clients.create_client(world.alice.user, data, today=TODAY)
    summary = dict(present.profile_summary(
        clients.profile_for(world.alice.user, client_id, today=TODAY)))  # fmt: skip
    assert summary[profile_fields.label("baseline_height_cm")] == "163 cm"
    assert summary["Z-scores"] == "whole hip -0.4"
