"""Downloads as HTTP responses: the bytes, the type, and a file name the browser saves under.

Every download is an attachment (never opened inline: a CSV opened in the browser tab is no use
to a CA) and is not cached, since it holds the shop's trade.
"""

from __future__ import annotations

from typing import Final

from litestar import Response

from hub.reports.files import FILE_EXTENSIONS

CONTENT_TYPES: Final = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
    "zip": "application/zip",
}


def download(content: bytes, name: str, ext: str) -> Response[bytes]:
    """`content` as an attachment called `name` (already made safe by `hub.reports.files`)."""
    if ext not in FILE_EXTENSIONS:
        msg = f"no download is made as .{ext}"
        raise ValueError(msg)
    return Response(
        content=content,
        media_type=CONTENT_TYPES[ext],
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": "no-store",
            "X-Content-Type-Options": "nosniff",
        },
    )


def split_name(name: str) -> tuple[str, str | None]:
    """ "sales-register.xlsx" -> ("sales-register", "xlsx"); a page has no extension."""
    stem, dot, ext = name.rpartition(".")
    if dot and ext in FILE_EXTENSIONS:
        return stem, ext
    return name, None
