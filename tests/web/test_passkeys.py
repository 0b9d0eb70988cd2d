"""Passkeys (WebAuthn) as a second factor for coaches (issue 16 item 7), through
django-otp-webauthn's JSON endpoints: a coach registers one from her two-factor settings and
confirms a login with it instead of a code; OSTEOLOAD_REQUIRE_2FA accepts a passkey; clients
cannot register one; a passkey never replaces the password. The browser's part is played by a
small software authenticator (ES256, "none" attestation) built from the WebAuthn spec."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import struct
from dataclasses import dataclass, field
from itertools import count
from typing import Any

import cbor2
import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from django.test import Client as Browser
from django.urls import reverse
from django_otp_webauthn.models import WebAuthnCredential

from osteoload.services import two_factor
from tests.settings_probe import settings_printed

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

HOST = "localhost"
ORIGIN = f"http://{HOST}"
_addresses = count(1)


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass
class Authenticator:
    """A platform authenticator holding one resident ES256 credential."""

    origin: str = ORIGIN
    key: ec.EllipticCurvePrivateKey = field(
        default_factory=lambda: ec.generate_private_key(ec.SECP256R1())
    )
    credential_id: bytes = field(default_factory=lambda: os.urandom(16))
    user_handle: bytes = b""
    sign_count: int = 0

    def _client_data(self, kind: str, challenge: str) -> bytes:
        data = {"type": kind, "challenge": challenge, "origin": self.origin, "crossOrigin": False}
        return json.dumps(data).encode()

    def create(self, options: dict[str, Any]) -> dict[str, Any]:
        self.user_handle = unb64(options["user"]["id"])
        numbers = self.key.public_key().public_numbers()
        cose = {1: 2, 3: -7, -1: 1, -2: numbers.x.to_bytes(32, "big"),
                -3: numbers.y.to_bytes(32, "big")}  # fmt: skip
        auth_data = (
            hashlib.sha256(options["rp"]["id"].encode()).digest()
            + bytes([0x45])  # user present, user verified, attested credential data
            + struct.pack(">I", self.sign_count)
            + bytes(16)
            + struct.pack(">H", len(self.credential_id))
            + self.credential_id
            + cbor2.dumps(cose)
        )
        attestation = cbor2.dumps({"fmt": "none", "attStmt": {}, "authData": auth_data})
        return {
            "id": b64(self.credential_id),
            "rawId": b64(self.credential_id),
            "type": "public-key",
            "authenticatorAttachment": "platform",
            "response": {
                "clientDataJSON": b64(self._client_data("webauthn.create", options["challenge"])),
                "attestationObject": b64(attestation),
                "transports": ["internal"],
            },
            "clientExtensionResults": {"credProps": {"rk": True}},
        }

    def get(self, options: dict[str, Any]) -> dict[str, Any]:
        self.sign_count += 1
        auth_data = (
            hashlib.sha256(options["rpId"].encode()).digest()
            + bytes([0x05])
            + struct.pack(">I", self.sign_count)
        )
        client_data = self._client_data("webauthn.get", options["challenge"])
        signature = self.key.sign(
            auth_data + hashlib.sha256(client_data).digest(), ec.ECDSA(hashes.SHA256())
        )
        return {
            "id": b64(self.credential_id),
            "rawId": b64(self.credential_id),
            "type": "public-key",
            "authenticatorAttachment": "platform",
            "response": {
                "clientDataJSON": b64(client_data),
                "authenticatorData": b64(auth_data),
                "signature": b64(signature),
                "userHandle": b64(self.user_handle),
            },
            "clientExtensionResults": {},
        }


def log_in(username: str) -> Browser:
    browser = Browser(REMOTE_ADDR=f"10.30.{next(_addresses)}.1", HTTP_HOST=HOST)
    response = browser.post(reverse("login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302, response.content[:300]
    return browser


def post_json(browser: Browser, name: str, body: Any = None, **query: str) -> Any:
    url = reverse(f"otp_webauthn:{name}")
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return browser.post(url, json.dumps(body or {}), content_type="application/json")


def register(browser: Browser, authenticator: Authenticator) -> int:
    begin = post_json(browser, "credential-registration-begin")
    assert begin.status_code == 200, begin.content[:300]
    options = begin.json()
    assert options["rp"]["id"] == HOST
    complete = post_json(browser, "credential-registration-complete", authenticator.create(options))
    assert complete.status_code == 200, complete.content[:500]
    return int(complete.json()["id"])


def confirm(browser: Browser, authenticator: Authenticator, next_url: str = "") -> Any:
    begin = post_json(browser, "credential-authentication-begin")
    assert begin.status_code == 200, begin.content[:300]
    query = {"next": next_url} if next_url else {}
    return post_json(
        browser, "credential-authentication-complete", authenticator.get(begin.json()), **query
    )


def test_a_coach_registers_a_passkey_and_her_settings_list_it(world):
    browser = log_in("alice")
    page = browser.get(reverse("settings-two-factor")).content.decode()
    assert 'id="passkey-registration-placeholder"' in page
    assert "django_otp_webauthn/otp_webauthn_register.js" in page
    passkey_id = register(browser, Authenticator())
    credential = WebAuthnCredential.objects.get(pk=passkey_id)
    assert credential.user_id == world.alice.user.pk and credential.confirmed
    assert [k.id for k in two_factor.passkeys(world.alice.user)] == [passkey_id]
    page = browser.get(reverse("settings-two-factor")).content.decode()
    assert "Passkey 1" in page  # the plugin stores no name: the list numbers them
    assert reverse("settings-passkey-remove", args=[passkey_id]) in page


def test_after_registering_a_login_is_confirmed_with_the_passkey(world):
    authenticator = Authenticator()
    register(log_in("alice"), authenticator)
    browser = log_in("alice")
    roster = browser.get(reverse("coach-roster"))
    assert roster.status_code == 302
    assert roster["Location"].startswith(reverse("two-factor-verify"))
    verify_page = browser.get(roster["Location"]).content.decode()
    assert 'id="passkey-verification-button"' in verify_page
    assert "Use a passkey" in verify_page
    assert "django_otp_webauthn/otp_webauthn_auth.js" in verify_page
    # no authenticator app: no code field
    assert 'name="code"' not in verify_page
    done = confirm(browser, authenticator, next_url=reverse("coach-roster"))
    assert done.status_code == 200, done.content[:500]
    assert done.json()["redirect_url"] == reverse("coach-roster")
    assert browser.get(reverse("coach-roster")).status_code == 200


def test_another_coachs_passkey_does_not_confirm_her_login(world):
    authenticator = Authenticator()
    register(log_in("alice"), authenticator)
    register(log_in("carol"), Authenticator())
    browser = log_in("carol")
    refused = confirm(browser, authenticator)
    assert refused.status_code >= 400
    assert browser.get(reverse("coach-roster")).status_code == 302


def test_a_passkey_from_another_origin_is_refused(world):
    authenticator = Authenticator()
    register(log_in("alice"), authenticator)
    browser = log_in("alice")
    authenticator.origin = "http://evil.example"
    assert confirm(browser, authenticator).status_code >= 400
    assert browser.get(reverse("coach-roster")).status_code == 302


def test_a_passkey_does_not_replace_the_password(world):
    authenticator = Authenticator()
    register(log_in("alice"), authenticator)
    stranger = Browser(HTTP_HOST=HOST)
    refused = post_json(stranger, "credential-authentication-begin")
    assert refused.status_code >= 400
    assert stranger.get(reverse("coach-roster")).status_code == 302  # to the login page


def test_clients_cannot_register_a_passkey(world):
    browser = log_in("bob")
    refused = post_json(browser, "credential-registration-begin")
    assert refused.status_code == 403
    assert not WebAuthnCredential.objects.exists()


def test_with_an_authenticator_app_the_passkey_needs_the_session_confirmed_first(world):
    """Adding a passkey is not a way around her code: an unconfirmed session is sent to the
    code page before it can register one."""
    from .test_two_factor import enrol

    enrol(log_in("alice"), world.alice.user)
    browser = log_in("alice")
    refused = post_json(browser, "credential-registration-begin")
    assert refused.status_code == 302
    assert refused["Location"].startswith(reverse("two-factor-verify"))
    assert not WebAuthnCredential.objects.exists()


def test_the_code_page_offers_a_passkey_beside_the_code(world):
    from .test_two_factor import enrol

    browser = log_in("alice")
    enrol(browser, world.alice.user)
    authenticator = Authenticator()
    register(browser, authenticator)
    fresh = log_in("alice")
    page = fresh.get(reverse("two-factor-verify")).content.decode()
    assert 'name="code"' in page and "Use a passkey" in page
    assert confirm(fresh, authenticator).status_code == 200
    assert fresh.get(reverse("coach-roster")).status_code == 200


def test_required_2fa_is_met_by_a_passkey(world, settings):
    settings.OSTEOLOAD_REQUIRE_2FA = True
    browser = log_in("alice")
    assert browser.get(reverse("coach-roster"))["Location"].startswith(
        reverse("settings-two-factor")
    )
    passkey_id = register(browser, Authenticator())
    assert browser.get(reverse("coach-roster")).status_code == 200
    # her only second factor cannot be removed while the server requires one
    page = browser.get(reverse("settings-two-factor")).content.decode()
    assert reverse("settings-passkey-remove", args=[passkey_id]) not in page
    browser.post(reverse("settings-passkey-remove", args=[passkey_id]))
    assert WebAuthnCredential.objects.filter(pk=passkey_id).exists()


def test_she_removes_a_passkey_and_it_no_longer_confirms_a_login(world):
    authenticator = Authenticator()
    browser = log_in("alice")
    passkey_id = register(browser, authenticator)
    other = register(log_in("carol"), Authenticator())
    # another coach's passkey is not hers to remove
    browser.post(reverse("settings-passkey-remove", args=[other]))
    assert WebAuthnCredential.objects.filter(pk=other).exists()
    response = browser.post(reverse("settings-passkey-remove", args=[passkey_id]))
    assert response.status_code == 302
    assert not WebAuthnCredential.objects.filter(pk=passkey_id).exists()
    fresh = log_in("alice")
    assert fresh.get(reverse("coach-roster")).status_code == 200  # no second factor left


def test_the_ceremony_scripts_load_under_the_content_security_policy(world):
    """The plugin's scripts are files from this site and its configuration a JSON data block:
    no inline script, so the strict policy stands."""
    browser = log_in("alice")
    page = browser.get(reverse("settings-two-factor"))
    csp = page["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    text = page.content.decode()
    assert '<script id="otp_webauthn_config" type="application/json">' in text
    scripts = (
        "/static/django_otp_webauthn/otp_webauthn_register.js",
        reverse("otp_webauthn:js-i18n-catalog"),
        "/static/osteoload/js/passkeys.js",
    )
    for src in scripts:
        assert f'src="{src}"' in text
    assert browser.get(reverse("otp_webauthn:js-i18n-catalog")).status_code == 200


def _webauthn_settings(tmp_path, **env: str) -> list[str]:
    expression = "s.OTP_WEBAUTHN_RP_ID, ','.join(s.OTP_WEBAUTHN_ALLOWED_ORIGINS)"
    done = settings_printed(tmp_path, expression, **env)
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_the_relying_party_comes_from_the_hosts_or_its_own_variable(tmp_path):
    assert _webauthn_settings(tmp_path) == ["localhost", "https://localhost"]
    assert _webauthn_settings(
        tmp_path, OSTEOLOAD_ALLOWED_HOSTS="10.0.0.5,.clinic.example.org,[::1]"
    ) == ["clinic.example.org", "https://clinic.example.org"]
    assert _webauthn_settings(
        tmp_path,
        OSTEOLOAD_ALLOWED_HOSTS="app.clinic.example.org",
        OSTEOLOAD_WEBAUTHN_RP_ID="clinic.example.org",
        OSTEOLOAD_WEBAUTHN_ORIGINS="https://app.clinic.example.org,https://clinic.example.org",
    ) == ["clinic.example.org", "https://app.clinic.example.org,https://clinic.example.org"]


def test_with_a_passkey_the_app_may_be_turned_off_even_when_required(world, settings):
    from .test_two_factor import code, enrol

    settings.OSTEOLOAD_REQUIRE_2FA = True
    browser = log_in("alice")
    device = enrol(browser, world.alice.user)
    register(browser, Authenticator())
    page = browser.get(reverse("settings-two-factor")).content.decode()
    assert "Turn two-factor sign-in off" in page
    off = browser.post(
        reverse("settings-two-factor"), {"action": "disable", "code": code(device, 1)}
    )
    assert off.status_code == 302, off.content[:300]
    assert not two_factor.app_enabled(world.alice.user)
    assert two_factor.need(world.alice.user) is two_factor.Need.VERIFY  # the passkey remains


@pytest.mark.parametrize(
    "name",
    [
        "credential-registration-begin",
        "credential-registration-complete",
        "credential-authentication-begin",
        "credential-authentication-complete",
    ],
)
def test_hostile_json_answers_400_not_500(world, name):
    """Issue 16 item 9 on the passkey endpoints: JSON nested 100,000 deep or not JSON at all
    answers the plugin's JSON 400, logged in or not."""
    url = reverse(f"otp_webauthn:{name}")
    for browser in (Browser(HTTP_HOST=HOST), log_in("alice")):
        for body in ("[" * 100_000 + "]" * 100_000, "{not json", '{"n": 1' + "0" * 5000 + "}"):
            answer = browser.post(url, body, content_type="application/json")
            assert answer.status_code == 400, (name, answer.status_code, answer.content[:200])
            assert answer.json()["code"] == "malformed_request"
