"""The limits on untrusted documents (issue 16 item 9), at the unit level."""

from __future__ import annotations

import time

import pytest

from osteoload.services.errors import InputError
from osteoload.services.untrusted import (
    MAX_DEPTH,
    control_character_issues,
    json_depth,
    loads_json,
    loads_yaml,
    username_issue,
)


@pytest.mark.parametrize(
    ("text", "depth"),
    [
        ("1", 0),
        ('{"a": [1, {"b": 2}]}', 3),
        ('["]]]]", "[[[["]', 1),
        ('["\\"]]]", {"a": "\\\\"}]', 2),
        ('"unterminated [[[[', 0),
        ("[" * 40, 40),
    ],
)
def test_json_depth_counts_brackets_outside_strings(text, depth):
    assert json_depth(text) == depth


@pytest.mark.parametrize(
    "text",
    [
        "[" * 1_000_000 + "]" * 1_000_000,
        '"' + '\\"' * 1_000_000,
        '"\\' * 800_000,
        '"' + "a" * 2_000_000,
    ],
    ids=["nested", "escaped-quotes", "quote-backslash", "unterminated"],
)
def test_the_depth_scan_is_linear_on_hostile_text(text):
    started = time.perf_counter()
    json_depth(text)
    assert time.perf_counter() - started < 5


def test_the_depth_limit_is_inclusive():
    assert loads_json("[" * MAX_DEPTH + "]" * MAX_DEPTH) is not None
    with pytest.raises(InputError, match="nested more than"):
        loads_json("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1))
    assert loads_yaml("a:\n" + "".join("  " * i + "- \n" for i in range(1, MAX_DEPTH - 1)))
    with pytest.raises(InputError, match="nested more than"):
        loads_yaml("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1))


def test_numbers_are_bounded_in_both_formats():
    assert loads_json('{"a": 12345678901234567890}') == {"a": 12345678901234567890}
    for parse, text in ((loads_json, '{"a": 1' + "0" * 60 + "}"), (loads_yaml, "a: 1" + "0" * 60)):
        with pytest.raises(InputError, match="characters; at most 40"):
            parse(text)


def test_control_characters_are_named_by_field():
    issues = control_character_issues({"name": "Ann\x00", "notes": ["ok\n\ttoo", "bell\x07"]})
    assert [i.path for i in issues] == ["name", "notes[1]"]
    assert "U+0000" in issues[0].message


@pytest.mark.parametrize("name", ["<b>", "a b", "a\u200db", "a\u2066b", "a\x7fb", ""])
def test_user_names_with_markup_spaces_or_invisible_characters_are_refused(name):
    assert username_issue(name) is not None
