"""Run a pydantic model over untrusted data and report problems in our error contract."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from .errors import InputError, Issue, Range, did_you_mean, format_value
from .untrusted import control_character_issues

M = TypeVar("M", bound=BaseModel)

_TYPE_WORDS = {
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "finite_number": "a finite number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "string_type": "text",
    "list_type": "a list",
    "dict_type": "an object (a mapping of names to values)",
    "model_type": "an object (a mapping of names to values)",
    "model_attributes_type": "an object (a mapping of names to values)",
    "date_type": "a date as YYYY-MM-DD",
    "date_parsing": "a date as YYYY-MM-DD",
}


def format_path(loc: Sequence[int | str]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def validate(
    model: type[M],
    data: Any,
    *,
    today: date | None = None,
    source: str | None = None,
    context: Mapping[str, Any] | None = None,
) -> M:
    """Validate ``data`` with ``model``; raise :class:`InputError` naming every bad field."""
    ctx: dict[str, Any] = dict(context or {})
    if today is not None:
        ctx["today"] = today
    if not isinstance(data, Mapping):
        raise InputError(
            [Issue("", f"expected an object at the top level, got {format_value(data)}")],
            source=source,
        )
    # NUL and other control characters in any text are refused first, naming the field
    # (PostgreSQL cannot store NUL; issue 16 item 9).
    controls = control_character_issues(data)
    if controls:
        raise InputError(controls, source=source)
    try:
        return model.model_validate(data, context=ctx)
    except ValidationError as exc:
        schema = model.model_json_schema()
        issues = [issue_from_error(err, schema) for err in exc.errors(include_url=False)]
        raise InputError(issues, source=source) from None


def issue_from_error(err: ErrorDetails, schema: dict[str, Any]) -> Issue:
    """Translate one pydantic error into our error contract (path, message, value)."""
    loc = tuple(err["loc"])
    path = format_path(loc)
    kind = err["type"]
    value = err.get("input")
    ctx = err.get("ctx") or {}
    node = _schema_at(schema, loc)
    if kind == "extra_forbidden":
        parent = _schema_at(schema, loc[:-1]) or {}
        allowed = sorted(_properties(schema, parent))
        return Issue(
            path,
            f"unknown field; allowed: {', '.join(allowed)}{did_you_mean(str(loc[-1]), allowed)}",
            None,
        )
    if kind == "missing":
        return Issue(path, "is required", None)
    if kind in ("enum", "literal_error"):
        allowed = [str(v) for v in (node or {}).get("enum", [])] or [str(ctx.get("expected", ""))]
        return Issue(
            path,
            f"{format_value(value)} is not allowed; allowed: {', '.join(allowed)}"
            f"{did_you_mean(str(value), allowed)}",
            value,
        )
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return Issue(
            path,
            f"{format_value(value)} is out of range; {_range(node, ctx)}",
            value,
            allowed=_limits(node, ctx),
        )
    if kind in ("too_long", "too_short"):
        return Issue(path, f"{err['msg'].lower()}", None)
    if kind == "multiple_of":
        return Issue(
            path, f"{format_value(value)} is not allowed; use steps of {ctx.get('multiple_of')}",
            value,
        )  # fmt: skip
    if kind in _TYPE_WORDS:
        return Issue(path, f"{format_value(value)} is not {_TYPE_WORDS[kind]}", value)
    if kind == "value_error":
        return Issue(path, str(ctx.get("error", err["msg"])), value if path else None)
    return Issue(path, f"{format_value(value)}: {err['msg']}", value)


def _range(node: dict[str, Any] | None, ctx: Mapping[str, Any]) -> str:
    node = node or {}
    lo = node.get("minimum", ctx.get("ge"))
    lo_open = node.get("exclusiveMinimum", ctx.get("gt"))
    hi = node.get("maximum", ctx.get("le"))
    hi_open = node.get("exclusiveMaximum", ctx.get("lt"))
    parts = []
    if lo is not None:
        parts.append(f"from {lo:g}")
    elif lo_open is not None:
        parts.append(f"above {lo_open:g}")
    if hi is not None:
        parts.append(f"up to {hi:g}")
    elif hi_open is not None:
        parts.append(f"below {hi_open:g}")
    if lo is not None and hi is not None:
        return f"allowed {lo:g} to {hi:g}"
    return "allowed " + (", ".join(parts) or "a different value")


def _limits(node: dict[str, Any] | None, ctx: Mapping[str, Any]) -> Range:
    """The model's limits for a field, as data (the same limits :func:`_range` words)."""
    node = node or {}
    lo, hi = node.get("minimum", ctx.get("ge")), node.get("maximum", ctx.get("le"))
    lo_open = node.get("exclusiveMinimum", ctx.get("gt"))
    hi_open = node.get("exclusiveMaximum", ctx.get("lt"))
    return Range(
        low=float(lo) if lo is not None else float(lo_open) if lo_open is not None else None,
        high=float(hi) if hi is not None else float(hi_open) if hi_open is not None else None,
        low_open=lo is None and lo_open is not None,
        high_open=hi is None and hi_open is not None,
    )


def _deref(root: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        node = root.get("$defs", {}).get(name, {})
    # Optional fields are "anyOf: [X, null]": follow the non-null branch.
    if "anyOf" in node:
        branches = [b for b in node["anyOf"] if b.get("type") != "null"]
        if len(branches) == 1:
            return _deref(root, branches[0])
    return node


def _properties(root: dict[str, Any], node: dict[str, Any]) -> set[str]:
    return set(_deref(root, node).get("properties", {}))


def _schema_at(root: dict[str, Any], loc: Sequence[int | str]) -> dict[str, Any] | None:
    node: dict[str, Any] = root
    for part in loc:
        node = _deref(root, node)
        if isinstance(part, int):
            node = node.get("items", {})
        elif part in node.get("properties", {}):
            node = node["properties"][part]
        else:
            return None
    return _deref(root, node)
