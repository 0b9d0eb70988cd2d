"""The ninja API class: operation ids, request-parsing errors in our shape, documented bodies.

Request bodies that the services validate (profiles, logged sets, tests, scans) are read as
raw JSON and handed to the services, which validate them with the context only they have
(today's date, the exercise catalogue); their pydantic models are still published in the
OpenAPI document (:func:`json_body`), so clients and schemathesis know their shape.
Everything ninja parses itself (path and query parameters, the API's own small bodies)
fails with the same ``{"detail": [{"field", "value", "message"}]}`` shape as the services.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from datetime import date
from typing import Any, cast

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import ValidationError, ValidationErrorContext
from ninja.openapi.schema import OpenAPISchema
from ninja.operation import Operation
from ninja.parser import Parser
from pydantic import BaseModel
from pydantic_core import ErrorDetails

from osteoload.services import untrusted, validation
from osteoload.services.errors import InputError, Issue, format_value

COMPONENTS = "#/components/schemas/{model}"
#: Models of the bodies read as raw JSON (see :func:`json_body`), published as components.
DOCUMENTED: dict[str, type[BaseModel]] = {}


class PayloadTooLarge(Exception):
    """The request body is larger than the server accepts (HTTP 413)."""


class OsteoloadAPI(NinjaAPI):
    """NinjaAPI with short operation ids, our error shape and documented raw bodies."""

    def get_openapi_operation_id(self, operation: Operation) -> str:
        """The view function's name: stable, short, and unique across the API."""
        return operation.view_func.__name__

    def validation_error_from_error_contexts(
        self, error_contexts: list[ValidationErrorContext[Any]]
    ) -> ValidationError:
        issues: list[Issue] = []
        for context in error_contexts:
            model = context.model
            try:
                schema = model.model_json_schema()
            except Exception:  # a schema that cannot be rendered only loses the hints
                schema = {}
            single = getattr(model, "__read_from_single_attr__", None)
            textual = getattr(model, "__ninja_param_source__", None) in ("query", "path")
            flat: Mapping[Any, Any] = getattr(model, "__ninja_flatten_map_reverse__", {}) or {}
            for err in context.pydantic_validation_error.errors(include_url=False):
                if textual:
                    err["input"] = _number_or_text(err.get("input"))
                issue = translate(err, schema)
                loc = tuple(flat.get(err["loc"], err["loc"]))
                if single and loc and loc[0] == single:
                    loc = loc[1:]
                issues.append(Issue(validation.format_path(loc), issue.message, issue.value))
        return ValidationError([jsonable_issue(i) for i in issues])

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        for name, model in DOCUMENTED.items():
            rendered = model.model_json_schema(ref_template=COMPONENTS)
            for def_name, definition in rendered.pop("$defs", {}).items():
                components.setdefault(def_name, definition)
            components.setdefault(name, rendered)
        too_large = {
            "description": "The request body is too large",
            "content": {
                "application/json": {"schema": {"$ref": COMPONENTS.format(model="ErrorOut")}}
            },
        }
        for item in schema.get("paths", {}).values():
            for operation in item.values():
                if "requestBody" in operation:
                    operation.setdefault("responses", {}).setdefault(413, too_large)
        return schema


def _number_or_text(value: Any) -> Any:
    """A query or path value as the number it spells, if it spells one (for the message)."""
    if not isinstance(value, str):
        return value
    for kind in (int, float):
        try:
            number = kind(value)
        except ValueError:
            continue
        return number if math.isfinite(number) else value
    return value


def translate(err: ErrorDetails, schema: dict[str, Any]) -> Issue:
    """One pydantic error in our contract (services.validation's wording)."""
    # services.validation keeps this translation private; it is the one place the wording
    # lives, so the API reuses it rather than keeping a second copy.
    return validation.issue_from_error(err, schema)


def jsonable_issue(issue: Issue) -> dict[str, Any]:
    """An issue as JSON, its value made plain (raw inputs are JSON already; others are text)."""
    data = issue.as_dict()
    try:
        json.dumps(data["value"], allow_nan=False)
    except (TypeError, ValueError):
        data["value"] = str(data["value"])
    return data


def document(model: type[BaseModel]) -> dict[str, str]:
    """Publish ``model`` in the OpenAPI components; returns a reference to it."""
    DOCUMENTED[model.__name__] = model
    return {"$ref": COMPONENTS.format(model=model.__name__)}


def json_body(
    model: type[BaseModel], *, description: str = "", example: Any = None
) -> dict[str, Any]:
    """``openapi_extra`` documenting a JSON request body with ``model``'s schema."""
    media: dict[str, Any] = {"schema": document(model)}
    if example is not None:
        media["example"] = example
    body: dict[str, Any] = {"required": True, "content": {"application/json": media}}
    if description:
        body["description"] = description
    return {"requestBody": body}


def read_body(request: HttpRequest) -> bytes:
    try:
        return request.body
    except RequestDataTooBig:
        raise PayloadTooLarge from None


def read_json(request: HttpRequest, *, field: str = "") -> Any:
    """The request body as JSON; an empty or malformed body is an :class:`InputError`, and so
    is a date the engine cannot compute with (see :func:`check_dates`)."""
    data = _parse_json(request, field=field)
    check_dates(data)
    return data


def _parse_json(request: HttpRequest, *, field: str) -> Any:
    raw = read_body(request)
    if not raw.strip():
        raise InputError([Issue(field, _("the request body is empty; send a JSON document"))])
    # Depth, number length and constants bounded before and while parsing (issue 16 item 9).
    return untrusted.loads_json(raw, field=field)


class BoundedParser(Parser):
    """ninja's parser for the bodies it reads itself, within the same limits; its failures
    become ninja's 400, which our handler answers as 422 in the usual shape."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        try:
            return cast(dict[str, Any], untrusted.loads_json(request.body))
        except RequestDataTooBig:
            raise PayloadTooLarge from None


#: Dates accepted in bodies and parameters: wide enough for any real use, narrow enough
#: that a program, a projection or a progression computed from them stays in the calendar.
MIN_DAY = date(1900, 1, 1)
MAX_DAY = date(2200, 12, 31)


def day_out_of_range(value: date) -> str | None:
    if MIN_DAY <= value <= MAX_DAY:
        return None
    return _("%(value)s is out of range; allowed %(low)s to %(high)s") % {
        "value": value.isoformat(),
        "low": MIN_DAY.isoformat(),
        "high": MAX_DAY.isoformat(),
    }


def check_dates(data: Any, path: str = "") -> None:
    """Refuse dates outside 1900-2200 anywhere in a JSON body (fields named ``date`` or
    ``*_date``), naming each; values that are not dates are left to the validators."""
    issues: list[Issue] = []

    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                here = f"{where}.{key}" if where else str(key)
                if (key == "date" or str(key).endswith("_date")) and isinstance(value, str):
                    try:
                        day = date.fromisoformat(value.strip())
                    except ValueError:
                        continue
                    problem = day_out_of_range(day)
                    if problem:
                        issues.append(Issue(here, problem, value))
                else:
                    walk(value, here)
        elif isinstance(node, list):
            for index, item in enumerate(node):
                walk(item, f"{where}[{index}]")

    walk(data, path)
    if issues:
        raise InputError(issues)


def json_object(data: Any, *, field: str = "") -> dict[str, Any]:
    if not isinstance(data, dict):
        raise InputError(
            [
                Issue(
                    field,
                    _("expected a JSON object, got %(value)s") % {"value": format_value(data)},
                )
            ]
        )
    return data


def prefixed(exc: InputError, prefix: str) -> InputError:
    """The same problems, their paths under ``prefix`` (``profile`` -> ``profile.age``)."""
    return InputError(
        [Issue(f"{prefix}.{i.path}" if i.path else prefix, i.message, i.value) for i in exc.issues]
    )
