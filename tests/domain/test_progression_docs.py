"""The engine's load tables in docs/science/progression.md are what the engine serves today.

Every table under an "After, ..." heading of that page is the output of the simulation
harness (``tests/domain/simulation.py``) for one client and the heading's behaviour. When a
rule changes what she is served, this test fails until the page is regenerated
(``uv run python -m tests.domain.simulation at_target one_over two_under misses_two_weeks
painful_set``), so the page never tells a reader about loads the engine no longer gives.
The app's own tables on that page (``osteoload simulate``) take minutes through the
database and are not checked here.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from tests.domain.simulation import CLIENTS, Behaviour, simulate, table

PAGE = Path(__file__).resolve().parents[2] / "docs" / "science" / "progression.md"

#: The page's "After, ..." headings, by the behaviour their tables show.
HEADINGS = {
    "### After, at target": Behaviour.AT_TARGET,
    "### After, one point over target": Behaviour.ONE_OVER,
    "### After, two points under": Behaviour.TWO_UNDER,
    "### After, two weeks away": Behaviour.MISSES_TWO_WEEKS,
    "### After, one painful set": Behaviour.PAINFUL_SET,
}


def _tables() -> dict[Behaviour, list[list[str]]]:
    """The page's tables (their lines) under each "After, ..." heading."""
    out: dict[Behaviour, list[list[str]]] = {}
    behaviour: Behaviour | None = None
    lines = PAGE.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines):
        if line.startswith("#"):
            behaviour = next((b for h, b in HEADINGS.items() if line.startswith(h)), None)
        elif behaviour is not None and line.startswith("|") and not lines[number - 1].strip():
            block = []
            for row in lines[number:]:
                if not row.startswith("|"):
                    break
                block.append(row)
            out.setdefault(behaviour, []).append(block)
    return out


@cache
def _harness(client: str, behaviour: Behaviour) -> list[str]:
    make, equipment = CLIENTS[client]
    return table(simulate(make(), behaviour=behaviour, equipment=equipment)).splitlines()


def test_the_page_has_a_table_under_every_after_heading():
    tables = _tables()
    assert set(tables) == set(HEADINGS.values())
    assert sum(len(t) for t in tables.values()) >= 10


@pytest.mark.parametrize("behaviour", list(HEADINGS.values()), ids=lambda b: b.value)
def test_r18_every_after_table_on_the_page_is_the_harness_output(behaviour):
    """R18-R18c, R32 (one truth for what she is told, on the page that explains the rules):
    each table is, row for row, what the harness prints for one of its clients today."""
    for block in _tables()[behaviour]:
        assert any(block == _harness(client, behaviour) for client in CLIENTS), (
            f"{PAGE.name}: a table under {behaviour.value} is not the harness output; "
            "regenerate it with `uv run python -m tests.domain.simulation "
            f"{behaviour.value}`:\n" + "\n".join(block[:4])
        )
