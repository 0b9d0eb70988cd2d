"""(e) The anonymous visitor: the login page, and a wrong password."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from osteoload.services import clients

from .support import PASSWORD, PageChecks

pytestmark = pytest.mark.django_db(transaction=True)


def test_login_page_and_a_wrong_password(open_page: Any, checks: PageChecks) -> None:
    clients.create_coach("coach", PASSWORD)
    page = open_page("phone")
    page.goto("/coach/")
    expect(page).to_have_url(re.compile(r"/login/\?next=/coach/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Log in")
    expect(page.get_by_label("User name")).to_be_focused()
    checks.check(page, "login")

    page.get_by_label("User name").fill("coach")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Log in", exact=True).tap()

    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("correct username and password")
    expect(alert).to_contain_text("Five wrong tries lock the login for 15 minutes.")
    expect(page.get_by_label("User name")).to_have_value("coach")
    expect(page.get_by_label("Password")).to_have_value("")
    checks.check(page, "login-wrong-password")
