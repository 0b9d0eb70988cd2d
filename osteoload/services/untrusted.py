"""Limits on untrusted input, applied before and while it is parsed (issue 16 item 9).

Every JSON or YAML document (a profile file, a log file, an HTTP body) goes through
:func:`loads_json` or :func:`loads_yaml`: nesting deeper than :data:`MAX_DEPTH`, a number
longer than :data:`MAX_NUMBER_CHARS` characters, a YAML alias, and text over
:data:`MAX_DOCUMENT_BYTES` are refused with an :class:`~.errors.InputError` before Python's
parsers could recurse, grow without bound or raise anything else. Text values are checked by
:func:`control_character_issues` (NUL and other control characters are refused, naming the
field) and user names by :func:`username_issue` (visible characters only). A profile or
other YAML or JSON file is read by :func:`read_document` within the same limits.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from itertools import accumulate
from pathlib import Path
from typing import Any, BinaryIO

import yaml

from osteoload.wording import _

from .errors import InputError, Issue

#: Deepest nesting of lists and objects any document may have (a profile needs 4).
MAX_DEPTH = 32
#: Longest number, in characters (a real measurement needs fewer than 20).
MAX_NUMBER_CHARS = 40
#: Largest profile or log file read from disk (a log of 50,000 sets is about 5 MB).
MAX_DOCUMENT_BYTES = 16 * 1024 * 1024
#: Most problems listed for one document (the rest are counted).
MAX_LISTED = 20

_CHUNK = 1024 * 1024
#: Line breaks and tabs are allowed in free text (notes); every other control is refused.
_ALLOWED_CONTROLS = frozenset("\t\n\r")
#: A JSON string (an unterminated one runs to the end; possessive, so never backtracking).
_STRINGS = re.compile(r'"(?:[^"\\]++|\\.)*+"?', re.DOTALL)
_NOT_BRACKETS = re.compile(r"[^\[\]{}]+")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


class _TooDeep(Exception):
    pass


class _NumberTooLong(Exception):
    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


def _too_deep(field: str, source: str | None) -> InputError:
    return InputError(
        [Issue(field, _("is nested more than %(depth)d levels deep") % {"depth": MAX_DEPTH})],
        source=source,
    )


def _number_too_long(field: str, text: str, source: str | None) -> InputError:
    shown = text if len(text) <= 12 else f"{text[:6]}…{text[-3:]}"
    return InputError(
        [
            Issue(
                field,
                _("the number %(number)s has %(count)d characters; at most %(most)d")
                % {"number": shown, "count": len(text), "most": MAX_NUMBER_CHARS},
            )
        ],
        source=source,
    )


def json_depth(text: str) -> int:
    """How deeply lists and objects nest in JSON ``text`` (brackets inside strings do not
    count); linear in the text, without parsing it."""
    brackets = _NOT_BRACKETS.sub("", _STRINGS.sub("", text))
    if not brackets:
        return 0
    return max(0, max(accumulate(map(_STEP.__getitem__, brackets))))


def _bounded_int(text: str) -> int:
    if len(text) > MAX_NUMBER_CHARS:
        raise _NumberTooLong(text)
    return int(text)


def _bounded_float(text: str) -> float:
    if len(text) > MAX_NUMBER_CHARS:
        raise _NumberTooLong(text)
    return float(text)


def _no_constant(text: str) -> Any:
    raise ValueError(_("%(word)s is not a number JSON allows") % {"word": text})


def loads_json(text: str | bytes, *, field: str = "", source: str | None = None) -> Any:
    """Parse JSON within the limits; any failure is an :class:`InputError` on ``field``."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InputError([Issue(field, _("is not UTF-8 text"))], source=source) from None
    if json_depth(text) > MAX_DEPTH:
        raise _too_deep(field, source)
    try:
        return json.loads(
            text, parse_int=_bounded_int, parse_float=_bounded_float, parse_constant=_no_constant
        )
    except _NumberTooLong as exc:
        raise _number_too_long(field, exc.text, source) from None
    except json.JSONDecodeError as exc:
        raise InputError(
            [
                Issue(
                    field,
                    _("is not valid JSON: %(problem)s at line %(line)d, column %(column)d")
                    % {"problem": exc.msg, "line": exc.lineno, "column": exc.colno},
                )
            ],
            source=source,
        ) from None
    except (ValueError, RecursionError, MemoryError) as exc:
        raise InputError(
            [Issue(field, _("is not acceptable JSON: %(problem)s") % {"problem": exc})],
            source=source,
        ) from None


class _BoundedLoader(yaml.SafeLoader):
    """PyYAML's safe loader that counts nesting while composing and bounds numbers."""

    _depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.composer.ComposerError(
                None, None, "anchors and aliases (*name) are not allowed", event.start_mark
            )
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _TooDeep
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_yaml_int(self, node: Any) -> int:
        if len(str(node.value)) > MAX_NUMBER_CHARS:
            raise _NumberTooLong(str(node.value))
        return int(super().construct_yaml_int(node))

    def construct_yaml_float(self, node: Any) -> float:
        if len(str(node.value)) > MAX_NUMBER_CHARS:
            raise _NumberTooLong(str(node.value))
        return float(super().construct_yaml_float(node))


_BoundedLoader.add_constructor("tag:yaml.org,2002:int", _BoundedLoader.construct_yaml_int)
_BoundedLoader.add_constructor("tag:yaml.org,2002:float", _BoundedLoader.construct_yaml_float)


def loads_yaml(text: str, *, field: str = "", source: str | None = None) -> Any:
    """Parse YAML within the limits; any failure is an :class:`InputError` on ``field``."""
    try:
        return yaml.load(text, Loader=_BoundedLoader)  # noqa: S506 - a SafeLoader subclass
    except _TooDeep:
        raise _too_deep(field, source) from None
    except _NumberTooLong as exc:
        raise _number_too_long(field, exc.text, source) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = (
            _(" at line %(line)d, column %(column)d")
            % {"line": mark.line + 1, "column": mark.column + 1}
            if mark
            else ""
        )
        problem = getattr(exc, "problem", None) or _("malformed")
        raise InputError(
            [Issue(field, _("is not valid YAML: %(problem)s%(where)s") % {
                "problem": problem, "where": where})],
            source=source,
        ) from None  # fmt: skip
    except (ValueError, TypeError, RecursionError, MemoryError) as exc:
        raise InputError(
            [Issue(field, _("is not acceptable YAML: %(problem)s") % {"problem": exc})],
            source=source,
        ) from None


def read_bounded(path: Path, *, limit: int | None = None) -> bytes:
    """A file's bytes, read in chunks and refused as soon as it passes ``limit`` bytes
    (default :data:`MAX_DOCUMENT_BYTES`; a huge file is never held in memory). Raises
    :class:`InputError` naming the file."""
    source = str(path)
    limit = MAX_DOCUMENT_BYTES if limit is None else limit
    try:
        with path.open("rb") as stream:
            return _read_chunks(stream, limit=limit, source=source)
    except FileNotFoundError:
        raise InputError([Issue(source, _("file not found"))]) from None
    except IsADirectoryError:
        raise InputError([Issue(source, _("is a directory, not a file"))]) from None
    except OSError as exc:
        raise InputError(
            [Issue(source, _("cannot be read (%(why)s)") % {"why": exc.strerror})]
        ) from None


def _read_chunks(stream: BinaryIO, *, limit: int, source: str) -> bytes:
    parts: list[bytes] = []
    size = 0
    while chunk := stream.read(_CHUNK):
        size += len(chunk)
        if size > limit:
            raise InputError([Issue(source, too_large_message(limit))])
        parts.append(chunk)
    return b"".join(parts)


def read_document(path: Path) -> Any:
    """Parse a ``.yaml``/``.yml``/``.json`` file; any failure is one :class:`InputError` line.

    The file is read up to :data:`MAX_DOCUMENT_BYTES` and parsed within the depth and number
    limits above."""
    source = str(path)
    try:
        raw = read_bounded(path)
    except InputError as exc:
        raise InputError([Issue("", i.message) for i in exc.issues], source=source) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError([Issue("", _("is not UTF-8 text"))], source=source) from None
    return parse_text(text, source=source, as_json=path.suffix.lower() == ".json")


def parse_text(text: str, *, source: str, as_json: bool) -> Any:
    """A YAML or JSON document's text parsed within the limits above."""
    if not text.strip():
        raise InputError([Issue("", _("is empty"))], source=source)
    if as_json:
        return loads_json(text, source=source)
    return loads_yaml(text, source=source)


def too_large_message(limit: int) -> str:
    return _("is larger than %(mb)s MB; split it into smaller files") % {
        "mb": f"{limit / (1024 * 1024):g}"
    }


#: Every control character (Unicode category Cc, U+0000-U+001F and U+007F-U+009F: a set the
#: Unicode stability policy fixes) except those allowed, as one pattern: one scan in C per
#: text instead of a category look-up per character (every logged set's texts pass here).
_CONTROLS = re.compile(
    "["
    + "".join(
        re.escape(chr(code))
        for code in range(0x100)
        if unicodedata.category(chr(code)) == "Cc" and chr(code) not in _ALLOWED_CONTROLS
    )
    + "]"
)


def _control(text: str) -> str | None:
    found = _CONTROLS.search(text)
    return None if found is None else found.group()


def has_control_characters(text: str) -> bool:
    """Whether ``text`` holds a refused control character anywhere: a file without one needs
    no check of each value read from it."""
    return _CONTROLS.search(text) is not None


def control_message(char: str) -> str:
    return _(
        "contains a control character (U+%(code)04X); only printable text, tabs and line "
        "breaks are allowed"
    ) % {"code": ord(char)}


def control_character_issues(data: Any, path: str = "") -> list[Issue]:
    """Every text value or key in ``data`` holding NUL or another control character (tabs and
    line breaks are allowed), each naming its field. PostgreSQL cannot store NUL, and a NUL
    stored on SQLite would stop a move to PostgreSQL."""
    if not _any_control(data):
        return []  # the usual case, found without naming every field on the way
    issues: list[Issue] = []
    for where, text in _texts(data, path):
        char = _control(text)
        if char is not None:
            issues.append(Issue(where, control_message(char), None))
            if len(issues) >= MAX_LISTED:
                break
    return issues


#: Values that hold no text (exactly these types: a subclass of one is checked in full).
_SCALARS = frozenset({int, float, bool, type(None)})


def _any_control(node: Any) -> bool:
    """Whether any text value or key in ``node`` holds a refused control character (a loop,
    not recursion: hostile input may nest deeply). The texts are gathered and searched as one
    (a control character is one character, so joining them cannot make or hide one)."""
    texts: list[str] = []
    stack: list[Any] = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            texts.append(item)
        elif isinstance(item, dict):
            for key, value in item.items():
                if isinstance(key, str):
                    texts.append(key)
                if type(value) in _SCALARS:
                    continue  # the usual case, settled without the checks below
                if isinstance(value, str):
                    texts.append(value)
                elif isinstance(value, dict | list | tuple):
                    stack.append(value)
        elif isinstance(item, list | tuple):
            stack.extend(item)
    return _CONTROLS.search("".join(texts)) is not None


def _texts(node: Any, where: str) -> Iterator[tuple[str, str]]:
    stack: list[tuple[Any, str]] = [(node, where)]
    while stack:
        item, here = stack.pop()
        if isinstance(item, str):
            yield here, item
        elif isinstance(item, dict):
            for key, value in reversed(list(item.items())):
                name = f"{here}.{key}" if here else str(key)
                if isinstance(key, str):
                    yield name, key
                stack.append((value, name))
        elif isinstance(item, list | tuple):
            for index in reversed(range(len(item))):
                stack.append((item[index], f"{here}[{index}]"))


def refuse_control_characters(data: Any, path: str = "") -> None:
    """Raise :class:`InputError` when :func:`control_character_issues` finds any."""
    issues = control_character_issues(data, path)
    if issues:
        raise InputError(issues)


#: A user name: letters and digits of any script and . @ + - _ (Django's own rule for
#: usernames), which leaves out spaces, markup, and invisible characters (controls, zero-width
#: spaces and joiners, direction marks).
_USERNAME = re.compile(r"[\w.@+-]+\Z")


def username_issue(username: str, field: str = "username") -> Issue | None:
    """A problem with a chosen user name, or None."""
    if _USERNAME.match(username):
        return None
    bad = next((c for c in username if not _USERNAME.match(c)), "")
    shown = bad if bad.isprintable() and not bad.isspace() else f"U+{ord(bad):04X}"
    return Issue(
        field,
        _(
            "%(char)s is not allowed in a user name; use letters, digits and . @ + - _ only "
            "(no spaces, no symbols, no invisible characters)"
        )
        % {"char": repr(shown) if bad else _("an empty name")},
        None,
    )
