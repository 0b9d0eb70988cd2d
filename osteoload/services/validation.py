"""Run a pydantic model over untrusted data and report problems in our error contract."""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from osteoload.wording import _, gettext_noop, ngettext

from .errors import InputError, Issue, Range, did_you_mean, format_value
from .untrusted import control_character_issues

M = TypeVar("M", bound=BaseModel)

#: What a value of each kind should have been (translated where a message says it).
_TYPE_WORDS = {
    "int_type": gettext_noop("a whole number"),
    "int_parsing": gettext_noop("a whole number"),
    "int_from_float": gettext_noop("a whole number"),
    "float_type": gettext_noop("a number"),
    "float_parsing": gettext_noop("a number"),
    "finite_number": gettext_noop("a finite number"),
    "bool_type": gettext_noop("true or false"),
    "bool_parsing": gettext_noop("true or false"),
    "string_type": gettext_noop("text"),
    "list_type": gettext_noop("a list"),
    "dict_type": gettext_noop("an object (a mapping of names to values)"),
    "model_type": gettext_noop("an object (a mapping of names to values)"),
    "model_attributes_type": gettext_noop("an object (a mapping of names to values)"),
    "date_type": gettext_noop("a date as YYYY-MM-DD"),
    "date_parsing": gettext_noop("a date as YYYY-MM-DD"),
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
    controls_checked: bool = False,
) -> M:
    """Validate ``data`` with ``model``; raise :class:`InputError` naming every bad field.

    ``controls_checked``: the caller has already found no control character in the text
    ``data`` was read from (a whole file at once), so its values need no scan one by one."""
    ctx: dict[str, Any] = dict(context or {})
    if today is not None:
        ctx["today"] = today
    if not isinstance(data, Mapping):
        raise InputError(
            [
                Issue(
                    "",
                    _("expected an object at the top level, got %(value)s")
                    % {"value": format_value(data)},
                )
            ],
            source=source,
        )
    # NUL and other control characters in any text are refused first, naming the field
    # (PostgreSQL cannot store NUL; issue 16 item 9).
    controls = [] if controls_checked else control_character_issues(data)
    if controls:
        raise InputError(controls, source=source)
    try:
        return model.model_validate(data, context=ctx)
    except ValidationError as exc:
        schema = model.model_json_schema()
        issues = [issue_from_error(err, schema) for err in exc.errors(include_url=False)]
        raise InputError(issues, source=source) from None


def validate_all(
    model: type[M],
    data: Sequence[Any],
    *,
    today: date | None = None,
    context: Mapping[str, Any] | None = None,
) -> list[M] | None:
    """Every item of ``data`` validated with ``model`` in one call into pydantic, exactly
    as :func:`validate` validates each one whose control characters were checked; ``None``
    when an item is not a plain object or is not valid, for the caller to validate each
    one then and name every bad field. A call per item costs more than the validation
    itself when there are hundreds (a batch of sets, the rows of a long log)."""
    if not all(type(item) is dict for item in data):
        return None
    ctx: dict[str, Any] = dict(context or {})
    if today is not None:
        ctx["today"] = today
    try:
        models: list[M] = _list_of(model).validate_python(data, context=ctx)
    except ValidationError:
        return None
    return models


@functools.cache
def _list_of(model: type[BaseModel]) -> TypeAdapter[list[Any]]:
    """The validator of a list of ``model`` (built once per model)."""
    return TypeAdapter(list[model])  # type: ignore[valid-type]


def issue_from_error(err: ErrorDetails, schema: dict[str, Any]) -> Issue:
    """Translate one pydantic error into our error contract (path, message, value); the
    message in the active language, the path as the input spelled it."""
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
            _("unknown field; allowed: %(allowed)s%(hint)s")
            % {"allowed": ", ".join(allowed), "hint": did_you_mean(str(loc[-1]), allowed)},
            None,
        )
    if kind == "missing":
        return Issue(path, _("is required"), None)
    if kind in ("enum", "literal_error"):
        allowed = [str(v) for v in (node or {}).get("enum", [])] or [str(ctx.get("expected", ""))]
        return Issue(
            path,
            _("%(value)s is not allowed; allowed: %(allowed)s%(hint)s")
            % {
                "value": format_value(value),
                "allowed": ", ".join(allowed),
                "hint": did_you_mean(str(value), allowed),
            },
            value,
        )
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return Issue(
            path,
            _("%(value)s is out of range; %(allowed)s")
            % {"value": format_value(value), "allowed": _range(node, ctx)},
            value,
            allowed=_limits(node, ctx),
        )
    if kind in ("too_long", "too_short", "string_too_long", "string_too_short"):
        given = value if kind.startswith("string_") else None
        return Issue(path, _length(kind, ctx) or f"{err['msg'].lower()}", given)
    if kind == "multiple_of":
        return Issue(
            path, _("%(value)s is not allowed; use steps of %(step)s")
            % {"value": format_value(value), "step": ctx.get("multiple_of")},
            value,
        )  # fmt: skip
    if kind in _TYPE_WORDS:
        return Issue(
            path,
            _("%(value)s is not %(kind)s")
            % {"value": format_value(value), "kind": _(_TYPE_WORDS[kind])},
            value,
        )
    if kind == "value_error":
        return Issue(path, str(ctx.get("error", err["msg"])), value if path else None)
    return Issue(path, f"{format_value(value)}: {err['msg']}", value)


def _length(kind: str, ctx: Mapping[str, Any]) -> str | None:
    """A text or a list too long or too short, in words (``None`` when pydantic did not say
    the limit)."""
    limit = ctx.get("max_length" if kind.endswith("too_long") else "min_length")
    if not isinstance(limit, int):
        return None
    text = kind.startswith("string_")
    if kind.endswith("too_long"):
        if text:
            return ngettext(
                "should have at most %(n)d character", "should have at most %(n)d characters", limit
            ) % {"n": limit}
        return ngettext(
            "should have at most %(n)d item", "should have at most %(n)d items", limit
        ) % {"n": limit}
    if text:
        return ngettext(
            "should have at least %(n)d character", "should have at least %(n)d characters", limit
        ) % {"n": limit}
    return ngettext(
        "should have at least %(n)d item", "should have at least %(n)d items", limit
    ) % {"n": limit}


def _range(node: dict[str, Any] | None, ctx: Mapping[str, Any]) -> str:
    node = node or {}
    lo = node.get("minimum", ctx.get("ge"))
    lo_open = node.get("exclusiveMinimum", ctx.get("gt"))
    hi = node.get("maximum", ctx.get("le"))
    hi_open = node.get("exclusiveMaximum", ctx.get("lt"))
    parts = []
    if lo is not None:
        parts.append(_("from %(low)s") % {"low": f"{lo:g}"})
    elif lo_open is not None:
        parts.append(_("above %(low)s") % {"low": f"{lo_open:g}"})
    if hi is not None:
        parts.append(_("up to %(high)s") % {"high": f"{hi:g}"})
    elif hi_open is not None:
        parts.append(_("below %(high)s") % {"high": f"{hi_open:g}"})
    if lo is not None and hi is not None:
        return _("allowed %(low)s to %(high)s") % {"low": f"{lo:g}", "high": f"{hi:g}"}
    return _("allowed %(limits)s") % {"limits": ", ".join(parts) or _("a different value")}


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
