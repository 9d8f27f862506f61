# SPDX-License-Identifier: EUPL-1.2
"""A QR code as inline SVG, drawn on the server (segno), for the ``otpauth://`` URI of a TOTP enrolment: no
image request, no JavaScript, nothing sent to a third party. The page shows the secret and the URI as text
beside it, for whoever cannot scan."""

from __future__ import annotations

import io

import segno
from markupsafe import Markup


def qr_svg(inhoud: str, titel: str) -> Markup:
    """An ``<svg role="img">`` of ``inhoud`` with ``titel`` as its accessible name (black on white, 4 px a
    module, the standard quiet zone of 4 modules)."""
    qr = segno.make(inhoud, error="m", micro=False)
    uit = io.BytesIO()
    qr.save(
        uit, kind="svg", xmldecl=False, svgns=True, scale=4, border=4, title=titel, svgclass="zicht-qr", light="#fff"
    )
    svg = uit.getvalue().decode()
    return Markup(svg.replace("<svg ", '<svg role="img" ', 1))  # noqa: S704 - segno's own SVG; the title is escaped by segno
