"""The shop's logo on a document, scaled to fit a box and never distorted.

A logo path comes from the shop's settings and may point at a file since moved or damaged; the
invoice still prints, without the logo, because a bill the customer cannot take home is worse.
The hub passes the logo's bytes instead (it keeps logos in object storage), with the same rule.
"""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.lib.utils import ImageReader
from reportlab.platypus import Image


def logo_flowable(
    source: Path | bytes | None, *, max_width: float, max_height: float
) -> Image | None:
    """An Image flowable scaled into `max_width` x `max_height` points, or None when there is
    no logo or it cannot be read as an image."""
    if source is None:
        return None
    try:
        reader = ImageReader(_opened(source))
        pixel_width, pixel_height = reader.getSize()
    except (OSError, ValueError, SyntaxError):
        return None
    if pixel_width <= 0 or pixel_height <= 0:
        return None
    scale = min(max_width / pixel_width, max_height / pixel_height)
    image = Image(_opened(source), width=pixel_width * scale, height=pixel_height * scale)
    image.hAlign = "LEFT"
    return image


def _opened(source: Path | bytes) -> str | io.BytesIO:
    """What reportlab reads: a file name, or a fresh in-memory file per reader."""
    return io.BytesIO(source) if isinstance(source, bytes) else str(source)
