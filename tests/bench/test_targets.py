"""bench/targets.py reads a run's figures against issue 19's targets: a figure the run did
not produce is "not measured", never met, and each bound is read the right way round."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

from tests.conftest import ROOT


def load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_targets", ROOT / "bench" / "targets.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while building
    spec.loader.exec_module(module)
    return module


targets = load()


def judged(rows: list[dict[str, object]]) -> dict[str, tuple[str, str]]:
    return {what: (measured, met) for what, _, measured, met in targets.table(rows)}


def test_nothing_measured_is_never_met() -> None:
    assert {met for _, met in judged([]).values()} == {"-"}
    assert {measured for measured, _ in judged([]).values()} == {"not measured"}


def test_bounds_read_both_ways() -> None:
    rows = [
        {"bench": "http", "name": "log a set (POST)", "rps": 612.0, "p99_ms": 71.5},
        {"bench": "server", "name": "sync: today page", "of_healthz": 0.41},
        {"bench": "server", "name": "gthread: today page", "of_healthz": 0.9},
        {"bench": "seed", "name": "osteoload seed --clients 500 --years 3", "seconds": 231.0},
    ]
    out = judged(rows)
    assert out["log a set: requests/s, 32 connections"] == ("612.00 req/s", "yes")
    assert out["log a set: p99, 32 connections"] == ("71.50 ms", "no")
    # the default server's share, not another server's
    assert out["Today page: share of /healthz throughput, 32 connections"] == ("0.41", "no")
    assert out["seed of 500 clients x 3 years"] == ("231.00 s", "yes")


def test_the_seed_target_is_for_its_own_clinic_size() -> None:
    """A run at another size (5,000 clients x 1 year on PostgreSQL) is not judged against
    the 500 x 3 target."""
    rows = [{"bench": "seed", "name": "osteoload seed --clients 5000 --years 1", "seconds": 9.0}]
    assert judged(rows)["seed of 500 clients x 3 years"] == ("not measured", "-")


def test_every_target_names_a_figure_a_bench_script_writes() -> None:
    """Each target's bench name is one a script under bench/ reports, so a renamed figure
    shows up here rather than as "not measured" after a 30-minute run."""
    sources = "".join(p.read_text() for p in (ROOT / "bench").glob("*.py"))
    sources += (ROOT / "bench" / "run").read_text()
    for target in targets.TARGETS:
        assert f'"{target.bench}"' in sources or f"'{target.bench}'" in sources, target


def test_the_file_is_read_as_json_lines(tmp_path: Path) -> None:
    path = tmp_path / "run.jsonl"
    path.write_text(json.dumps({"bench": "machine", "name": "sqlite"}) + "\n\n")
    assert targets.read(path) == [{"bench": "machine", "name": "sqlite"}]
