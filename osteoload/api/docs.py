"""The interactive docs page at /api/v1/docs, which works without the internet.

With ``"ninja"`` in ``INSTALLED_APPS`` it is ninja's Swagger UI from the JavaScript bundled
in the package (served as static files, no CDN). Without it, ninja would load Swagger UI
from a CDN; this page then falls back to a plain HTML list of every operation built from
the OpenAPI document, with no script at all.
"""

from __future__ import annotations

from html import escape
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI, Swagger

METHOD_ORDER = ("get", "post", "put", "patch", "delete")


class OfflineDocs(Swagger):
    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        if "ninja" in settings.INSTALLED_APPS:
            return super().render_page(request, api, **kwargs)
        spec = api.get_openapi_schema(path_params=kwargs)
        return HttpResponse(operations_page(spec, self.get_openapi_url(api, kwargs)))


def operations(spec: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    """(method, path, operation) for every operation of an OpenAPI document."""
    found = []
    for path, item in spec.get("paths", {}).items():
        for method in METHOD_ORDER:
            if method in item:
                found.append((method.upper(), path, item[method]))
    return found


def operations_page(spec: dict[str, Any], openapi_url: str) -> str:
    info = spec.get("info", {})
    title = escape(str(info.get("title", "API")))
    by_tag: dict[str, list[tuple[str, str, dict[str, Any]]]] = {}
    for method, path, op in operations(spec):
        tag = (op.get("tags") or ["other"])[0]
        by_tag.setdefault(tag, []).append((method, path, op))
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}</title>",
        "<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;"
        "padding:0 1rem;line-height:1.5;color:#111}code{font-size:1rem}"
        "dt{margin-top:1rem;font-weight:bold}dd{margin-left:1.5rem}"
        ".m{display:inline-block;min-width:4.5rem}</style>",
        "</head><body>",
        f"<h1>{title} <small>version {escape(str(info.get('version', '')))}</small></h1>",
        f"<p>{escape(str(info.get('description', '')))}</p>",
        f'<p>Machine-readable description: <a href="{escape(openapi_url)}">OpenAPI '
        "document (JSON)</a>.</p>",
    ]
    for tag, ops in by_tag.items():
        parts.append(f"<h2>{escape(tag)}</h2><dl>")
        for method, path, op in ops:
            parts.append(
                f'<dt id="{escape(str(op.get("operationId", "")))}"><code>'
                f'<span class="m">{method}</span>{escape(path)}</code></dt>'
            )
            text = op.get("description") or op.get("summary") or ""
            parts.append(f"<dd>{escape(str(text))}</dd>")
        parts.append("</dl>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
