"""What every page controller shares: page-style errors, and staying out of the API schema."""

from __future__ import annotations

from litestar import Controller

from hub.web.errors import PAGE_EXCEPTION_HANDLERS


class PageController(Controller):
    """A controller that answers with HTML; its errors are pages too (see hub.web.errors)."""

    exception_handlers = PAGE_EXCEPTION_HANDLERS
    include_in_schema = False
    tags = ["pages"]  # noqa: RUF012
