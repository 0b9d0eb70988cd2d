"""The README's pictures (docs/images/) are taken by this test, so they can be remade when
the pages change: the coach's roster on a desktop, the client's Today on a phone and a page
of her booklet. Each run writes fresh ones under ``test-artifacts/readme/`` (kept by CI);
with ``OSTEOLOAD_README_IMAGES=1`` set, the run also copies them to ``docs/images/``.
``tests/test_readme_images.py`` checks that the README shows them and that they are small."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from playwright.sync_api import BrowserContext, expect

from osteoload.services import clients
from tests.conftest import ROOT, TODAY

from .support import ARTIFACTS, PASSWORD, PageChecks, log_in
from .test_every_page import PROFILE, build_world

pytestmark = pytest.mark.django_db(transaction=True)

OUT = ARTIFACTS / "readme"
DOCS = ROOT / "docs" / "images"
#: The README's pictures and the width each is kept at (small files in the repository).
IMAGES = {"coach-roster.png": 900, "client-today.png": 390, "booklet-page.png": 600}


def _small(source: Path, name: str) -> Path:
    """``source`` scaled to the README's width for ``name``, as an optimised palette PNG."""
    image = Image.open(source).convert("RGB")
    width = IMAGES[name]
    if image.width > width:
        image = image.resize((width, round(image.height * width / image.width)), Image.LANCZOS)
    target = OUT / name
    image.quantize(colors=128, method=Image.Quantize.MEDIANCUT).save(target, optimize=True)
    return target


def test_readme_pictures(
    new_context: Callable[..., BrowserContext], checks: PageChecks, tmp_path: Path
) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    world = build_world()
    for name, changes in (
        ("Joan Ellis", {"fractures": [{"site": "wrist", "year": 2024, "low_trauma": True}]}),
        ("Ruth Okafor", {"age": 71, "bone": {"total_hip_t": -2.7}}),
    ):
        clients.create_client(world.coach, {**PROFILE, "name": name, **changes}, today=TODAY)

    desk = new_context(viewport={"width": 1280, "height": 640})
    checks.watch(desk)
    page = desk.new_page()
    log_in(page, checks, "coach", PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Clients")
    checks.check(page, "readme-roster")
    page.screenshot(path=tmp_path / "roster.png", animations="disabled")
    roster = _small(tmp_path / "roster.png", "coach-roster.png")

    phone = new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                        has_touch=True, device_scale_factor=1)  # fmt: skip
    checks.watch(phone)
    page = phone.new_page()
    log_in(page, checks, "maria", PASSWORD)
    expect(page).to_have_url(re.compile(r"/today/$"))
    checks.check(page, "readme-today")
    page.screenshot(path=tmp_path / "today.png", animations="disabled")
    today = _small(tmp_path / "today.png", "client-today.png")

    pdf: Any = page.request.get("/booklet/booklet.pdf")
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    (tmp_path / "booklet.pdf").write_bytes(pdf.body())
    subprocess.run(
        ["pdftoppm", "-png", "-r", "70", "-f", "3", "-l", "3", "-singlefile",
         str(tmp_path / "booklet.pdf"), str(tmp_path / "booklet")],
        check=True,
    )  # fmt: skip
    booklet = _small(tmp_path / "booklet.png", "booklet-page.png")

    for made in (roster, today, booklet):
        assert made.stat().st_size < 200_000, made
    if os.environ.get("OSTEOLOAD_README_IMAGES"):
        DOCS.mkdir(parents=True, exist_ok=True)
        for made in (roster, today, booklet):
            shutil.copyfile(made, DOCS / made.name)
