"""Headers (issue 16, item 8): no copy of health data kept by a browser or proxy, a strict
Content-Security-Policy, and HTTPS settings switched on by environment variables."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from django.test import Client as Browser
from django.test import override_settings
from django.urls import reverse

from osteoload.services import api_tokens
from osteoload.web.security import CONTENT_SECURITY_POLICY
from tests.settings_probe import settings_printed

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "osteoload" / "web" / "templates"


def _no_store(answer) -> bool:  # type: ignore[no-untyped-def]
    return "no-store" in answer.headers.get("Cache-Control", "")


def test_an_authenticated_page_is_no_store_and_carries_the_csp(world):
    answer = world.alice.browser().get(reverse("coach-client", args=[world.bob_id]))
    assert answer.status_code == 200
    assert _no_store(answer)
    assert "private" in answer["Cache-Control"]
    assert answer["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    today = world.bob.browser().get(reverse("client-today"))
    assert today.status_code == 200 and _no_store(today)


def test_a_document_download_is_no_store(world):
    answer = world.bob.browser().get(reverse("client-calendar"))
    assert answer.status_code == 200
    assert _no_store(answer)


def test_every_api_answer_is_no_store(world):
    _, token = api_tokens.create_token(world.alice.user, "test")
    me = Browser().get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200 and _no_store(me)
    refused = Browser().get("/api/v1/me")
    assert refused.status_code == 401 and _no_store(refused)
    missing = Browser().get("/api/v1/no-such-thing")
    assert _no_store(missing)


def test_an_anonymous_page_carries_the_csp_but_may_be_cached(db):
    answer = Browser().get(reverse("home"))
    assert answer.status_code == 302
    assert not _no_store(answer)
    assert answer["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    login = Browser().get(reverse("login"))
    assert login["Content-Security-Policy"] == CONTENT_SECURITY_POLICY


def test_csp_forbids_inline_script_and_style():
    assert "'unsafe-inline'" not in CONTENT_SECURITY_POLICY
    assert "'unsafe-eval'" not in CONTENT_SECURITY_POLICY
    assert "script-src 'self'" in CONTENT_SECURITY_POLICY
    assert "style-src 'self'" in CONTENT_SECURITY_POLICY
    assert "frame-ancestors 'none'" in CONTENT_SECURITY_POLICY


@pytest.mark.parametrize(
    "path", sorted(TEMPLATES.rglob("*.html")), ids=lambda p: str(p.relative_to(TEMPLATES))
)
def test_templates_have_no_inline_script_or_style(path):
    """The CSP allows no inline code: a template that adds some would break in browsers."""
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"<style\b", text, re.IGNORECASE)
    assert not re.search(r"\sstyle\s*=", text, re.IGNORECASE)
    assert not re.search(r"\son[a-z]+\s*=", text, re.IGNORECASE)
    assert not re.search(r"\bhx-on", text, re.IGNORECASE)
    assert not re.search(r"javascript:", text, re.IGNORECASE)
    for tag in re.findall(r"<script\b[^>]*>", text, re.IGNORECASE):
        assert "src=" in tag, tag


def test_ssl_redirect_hsts_and_the_proxy_header(db):
    with override_settings(
        SECURE_SSL_REDIRECT=True,
        SECURE_HSTS_SECONDS=31536000,
        SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"),
    ):
        plain = Browser().get(reverse("login"))
        assert plain.status_code == 301
        assert plain["Location"].startswith("https://")
        assert Browser().get(reverse("healthz")).status_code == 200  # the load balancer's
        proxied = Browser().get(reverse("login"), headers={"X-Forwarded-Proto": "https"})
        assert proxied.status_code == 200
        assert proxied["Strict-Transport-Security"] == "max-age=31536000"


def test_without_the_variables_there_is_no_redirect_and_no_hsts(db):
    answer = Browser().get(reverse("login"), secure=True)
    assert answer.status_code == 200
    assert "Strict-Transport-Security" not in answer.headers


def _settings_with(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    expression = "s.SECURE_HSTS_SECONDS, s.SECURE_SSL_REDIRECT, s.SECURE_PROXY_SSL_HEADER"
    return settings_printed(tmp_path, expression, **env)


def test_https_settings_by_environment_variable(tmp_path):
    default = _settings_with(tmp_path)
    assert default.stdout.split() == ["0", "False", "None"], default.stderr
    on = _settings_with(
        tmp_path,
        OSTEOLOAD_HSTS_SECONDS="31536000",
        OSTEOLOAD_SSL_REDIRECT="true",
        OSTEOLOAD_PROXY_SSL_HEADER="yes",
    )
    assert on.stdout.strip() == "31536000 True ('HTTP_X_FORWARDED_PROTO', 'https')", on.stderr
    bad = _settings_with(tmp_path, OSTEOLOAD_HSTS_SECONDS="a year")
    assert bad.returncode != 0
    assert "OSTEOLOAD_HSTS_SECONDS: 'a year' is not allowed; use a whole number" in bad.stderr
