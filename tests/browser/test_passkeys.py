"""A coach adds a passkey on her two-factor settings and confirms her next login with it
(issue 16 item 7), in headless Chromium with a virtual platform authenticator (Chrome DevTools
Protocol's WebAuthn domain): django-otp-webauthn's scripts, served from this site under the
strict Content-Security-Policy, run both ceremonies."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from osteoload.services import clients

from .support import PASSWORD, PageChecks, log_in

pytestmark = pytest.mark.django_db(transaction=True)


def virtual_authenticator(page: Page) -> tuple[Any, str]:
    session = page.context.new_cdp_session(page)
    session.send("WebAuthn.enable")
    added = session.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )
    return session, added["authenticatorId"]


def test_a_coach_adds_a_passkey_and_signs_in_with_it(open_page: Any, checks: PageChecks) -> None:
    clients.create_coach("coach", PASSWORD, display_name="Coach")
    page = open_page("desktop")
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    session, authenticator = virtual_authenticator(page)

    log_in(page, checks, "coach", PASSWORD)
    checks.check(page, "roster")
    page.goto("/settings/two-factor/")
    expect(page.get_by_role("heading", name="Passkeys")).to_be_visible()
    expect(page.get_by_text("You have no passkey yet.")).to_be_visible()
    checks.check(page, "two-factor-settings")

    with page.expect_event("load"):
        page.get_by_role("button", name="Add a passkey").click()
    expect(page.get_by_text("You have no passkey yet.")).to_have_count(0)
    expect(page.get_by_role("button", name=re.compile("^Remove"))).to_have_count(1)
    checks.check(page, "passkey-added")
    stored = session.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})
    assert len(stored["credentials"]) == 1

    page.get_by_role("button", name="Log out").click()
    expect(page).to_have_url(re.compile(r"/login/"))
    checks.check(page, "logged-out")

    page.get_by_label("User name").fill("coach")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in", exact=True).click()
    expect(page).to_have_url(re.compile(r"/login/verify/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm it is you")
    use = page.get_by_role("button", name="Use a passkey")
    expect(use).to_be_visible()
    checks.check(page, "verify-with-passkey")
    use.click()
    expect(page).not_to_have_url(re.compile(r"/login/"))
    expect(page).to_have_url(re.compile(r"/coach/$"))
    checks.check(page, "roster-after-passkey")
    assert not [p for p in problems if "Content Security Policy" in p], problems
