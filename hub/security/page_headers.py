"""Browser protections on every HTML page the hub serves.

The pages have no inline script or style (hub/static/js/hub.js keeps it so), so the policy can
forbid both: an injected `<script>` or `onclick=` in a customer's name would not run even if
an escaping bug let it into a page. Pages may not be framed (no clickjacking of the owner's
buttons), forms post only to the hub, and the address of a page (which can name a report's
filters) is not sent to other sites. Only HTML gets them: a PDF opened in the browser's viewer
must not be bound by a page's policy.
"""

from __future__ import annotations

from typing import Final

from litestar.types import Message, Scope

CONTENT_SECURITY_POLICY: Final = (
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
PAGE_HEADERS: Final = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
)


async def add_page_headers(message: Message, scope: Scope) -> None:
    """Before-send hook: add the page headers to an HTML answer's start."""
    del scope
    if message["type"] != "http.response.start":
        return
    headers = list(message.get("headers", ()))
    if any(
        bytes(name).lower() == b"content-type" and bytes(value).startswith(b"text/html")
        for name, value in headers
    ):
        message["headers"] = [*headers, *PAGE_HEADERS]
