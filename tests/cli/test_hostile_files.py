"""Hostile files given to the command line (issue 16 item 9): deep JSON or YAML, numbers with
thousands of digits, control characters, oversized logs and arbitrary bytes end with a message
and exit status 0, 1 or 2, never a traceback. A hypothesis fuzz test covers every command
that reads a profile or a log file."""

from __future__ import annotations

import json
import string
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from osteoload.cli.main import app
from osteoload.services import untrusted
from tests.conftest import EXAMPLES

runner = CliRunner()

MINIMAL = "age: 67\nsex: female\nparq_yes: []\n"
LOG = "date,exercise_id,reps,load_kg,rpe\n2026-11-20,goblet_squat,10,12,7\n"


def _run(args: list[str]) -> Any:
    result = runner.invoke(app, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{args}: {type(result.exception).__name__}: {result.exception}\n{result.output[-2000:]}"
    )
    assert result.exit_code in (0, 1, 2), (args, result.exit_code, result.output[-2000:])
    assert "Traceback" not in result.output
    return result


def _commands(profile: Path, log: Path) -> list[list[str]]:
    """Every command that reads a file, the hostile file in each file's place."""
    return [
        ["validate", str(profile)],
        ["screen", str(profile)],
        ["plan", str(profile), "--weeks", "2", "--format", "json"],
        ["assess", str(profile)],
        ["next", str(profile), "--log", str(log)],
        ["import-log", str(log)],
    ]


@pytest.fixture
def files(tmp_path):
    def write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return write


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("deep.json", "[" * 1000 + "]" * 1000, "nested more than 32 levels deep"),
        ("deep.yaml", "[" * 1000 + "]" * 1000, "nested more than 32 levels deep"),
        ("deep-block.yaml", "".join("  " * i + "- \n" for i in range(200)), "nested more than"),
        ("number.json", '{"age": ' + "9" * 5000 + ', "sex": "female"}', "5000 characters"),
        ("number.yaml", "age: " + "9" * 5000 + "\nsex: female\n", "5000 characters"),
        ("float.yaml", "age: 6" + "0" * 4999 + ".5\nsex: female\n", "characters; at most 40"),
        ("alias.yaml", "a: &x [1, 2]\nb: *x\n", "aliases"),
        ("nul.yaml", 'age: 60\nsex: female\nname: "Ann\\0e"\n', "name: contains a control"),
        ("nan.json", '{"age": NaN, "sex": "female"}', "NaN is not a number JSON allows"),
    ],
)
def test_validate_refuses_hostile_documents_with_exit_2(files, name, content, message):
    """A 5,000-digit number and JSON or YAML nested 1,000 deep answer a clear error, exit 2."""
    result = _run(["validate", str(files(name, content))])
    assert result.exit_code == 2, result.output
    assert message in result.output


def test_the_minimal_profile_plans_on_the_command_line(files):
    result = _run(["plan", str(files("minimal.yaml", MINIMAL)), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["weeks"]


def test_a_log_over_the_size_limit_is_refused_without_reading_it_all(files, monkeypatch):
    """A log larger than MAX_DOCUMENT_BYTES is refused as soon as the reading passes it."""
    monkeypatch.setattr(untrusted, "MAX_DOCUMENT_BYTES", 64 * 1024)
    reads: list[int] = []
    real = untrusted._read_chunks

    def counting(stream, *, limit, source):
        class Counting:
            def read(self, size: int) -> bytes:
                chunk: bytes = stream.read(size)
                reads.append(len(chunk))
                return chunk

        return real(Counting(), limit=limit, source=source)  # type: ignore[arg-type]

    monkeypatch.setattr(untrusted, "_read_chunks", counting)
    big = files("big.csv", "")
    with big.open("wb") as out:
        out.truncate(200 * 1024 * 1024)  # 200 MB, sparse
    result = _run(["import-log", str(big)])
    assert result.exit_code == 2
    assert "is larger than 0.0625 MB" in result.output
    assert sum(reads) <= 2 * 1024 * 1024  # stopped after the first chunk or two


def test_the_log_limit_is_documented():
    root = Path(__file__).resolve().parents[2]
    docs = (root / "docs" / "session-log.md").read_text(encoding="utf-8")
    assert f"read up to {untrusted.MAX_DOCUMENT_BYTES // (1024 * 1024)} MB" in docs


# --- fuzz ------------------------------------------------------------------------------------

_PROFILE = yaml.safe_load(next(p for p in EXAMPLES if p.suffix == ".yaml").read_text())
_KEYS = sorted(_PROFILE) + ["strength", "tests", "bone", "schedule", "x"]
_TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=20)
_LEAVES = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**60), max_value=10**60)
    | st.floats(allow_nan=False, allow_infinity=False)
    | _TEXT
    | st.sampled_from(["female", "post", "2026-11-20", "kg", "goblet_squat", "", "1e999"])
)
_JSONISH = st.recursive(
    _LEAVES,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(_KEYS) | _TEXT, inner, max_size=4)
    ),
    max_leaves=20,
)


@st.composite
def _mutated_profiles(draw: st.DrawFn) -> dict[str, Any]:
    """A valid example profile with a few fields replaced by arbitrary values."""
    data = json.loads(json.dumps(_PROFILE, default=str))
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        data[draw(st.sampled_from(_KEYS))] = draw(_JSONISH)
    return data


_DOCUMENTS = st.one_of(
    st.binary(max_size=300),
    _TEXT,
    st.text(alphabet=string.printable + "[]{}:-&*!|>'\"\\\x00\u200b", max_size=300),
    _JSONISH.map(lambda d: json.dumps(d)),
    _mutated_profiles().map(json.dumps),
    _mutated_profiles().map(lambda d: yaml.safe_dump(d, allow_unicode=True)),
    st.integers(min_value=1, max_value=3000).map(lambda n: "[" * n + "]" * n),
    st.integers(min_value=1, max_value=3000).map(lambda n: "a:\n" + "  - " * n + "1\n"),
)


_SLOTS = len(_commands(Path("p"), Path("l"))) + 2  # each command; next and import-log's log


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    document=_DOCUMENTS,
    suffix=st.sampled_from([".yaml", ".json", ".csv"]),
    slot=st.integers(min_value=0, max_value=_SLOTS - 1),
)
def test_no_command_prints_a_traceback_on_any_file(tmp_path, document, suffix, slot):
    """Fuzz: generated bytes, JSON and YAML in every file a command reads (validate, screen,
    plan, assess, next's profile and log, import-log) give exit 0, 1 or 2 with a message,
    never a traceback."""
    hostile = tmp_path / f"input{suffix}"
    if isinstance(document, bytes):
        hostile.write_bytes(document)
    else:
        hostile.write_text(document, encoding="utf-8")
    profile = tmp_path / "profile.yaml"
    profile.write_text(MINIMAL, encoding="utf-8")
    log = tmp_path / "log.csv"
    log.write_text(LOG, encoding="utf-8")
    runs = _commands(hostile, log) + _commands(profile, hostile)[4:]
    args = runs[slot]
    result = _run(args)
    if result.exit_code != 0:
        assert result.output.strip(), args  # a message, not silence
