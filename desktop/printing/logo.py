"""The shop's logo on a document, scaled to fit a box and never distorted.

A logo path comes from the shop's settings and may point at a file since moved or damaged; the
invoice still prints, without the logo, because a bill the customer cannot take home is worse.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.utils import ImageReader
from reportlab.platypus import Image


def logo_flowable(path: Path | None, *, max_width: float, max_height: float) -> Image | None:
    """An Image flowable scaled into `max_width` x `max_height` points, or None."""
    if path is None:
        return None
    try:
        reader = ImageReader(str(path))
        pixel_width, pixel_height = reader.getSize()
    except (OSError, ValueError, SyntaxError):
        return None
    if pixel_width <= 0 or pixel_height <= 0:
        return None
    scale = min(max_width / pixel_width, max_height / pixel_height)
    image = Image(str(path), width=pixel_width * scale, height=pixel_height * scale)
    image.hAlign = "LEFT"
    return image
