"""QR codes as inline SVG (segno): a phone's camera opens the link without typing it.

The SVG is drawn with presentation attributes only (no ``style``), so the strict
Content-Security-Policy (``style-src 'self'``) lets it show; the page's stylesheet sizes it.
"""

from __future__ import annotations

import segno
from django.utils.safestring import SafeString, mark_safe


def qr_svg(text: str, *, title: str) -> SafeString:
    """``text`` as a QR code, an ``<svg>`` element to place in a page; ``title`` names it
    for screen readers. Dark modules on a white ground with the standard quiet zone."""
    code = segno.make(text, error="m", micro=False)
    svg = code.svg_inline(
        scale=1, border=4, dark="#000", light="#fff", title=title, svgclass="qr-code",
        lineclass="qr-line", omitsize=True,
    )  # fmt: skip
    # A viewBox and no size: the stylesheet's .qr-code sets it. segno escapes the title.
    attributes = '<svg role="img" shape-rendering="crispEdges" '
    return mark_safe(svg.replace("<svg ", attributes, 1))
