"""How errors reach the user: bad input as 400 with the field named, sign-in needed as a
redirect for pages, and unexpected faults as a plain 500 with the details only in the log."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import structlog
from litestar import MediaType, Request, Response
from litestar.exceptions import HTTPException, NotAuthorizedException
from litestar.response import Redirect
from litestar.status_codes import HTTP_400_BAD_REQUEST, HTTP_500_INTERNAL_SERVER_ERROR
from litestar.types import ExceptionHandlersMap

from shared.errors import InvalidInput

_log = structlog.get_logger("hub.errors")


def _wants_page(request: Request[Any, Any, Any]) -> bool:
    return not request.url.path.startswith("/api/") and "text/html" in request.headers.get(
        "accept", ""
    )


def invalid_input(request: Request[Any, Any, Any], error: InvalidInput) -> Response[Any]:
    return Response(
        {"status_code": HTTP_400_BAD_REQUEST, "detail": error.reason, "field": error.field},
        status_code=HTTP_400_BAD_REQUEST,
        media_type=MediaType.JSON,
    )


def not_authorized(request: Request[Any, Any, Any], error: NotAuthorizedException) -> Response[Any]:
    if _wants_page(request):
        target = request.url.path
        if request.url.query:
            target += "?" + request.url.query
        return Redirect(f"/login?next={quote(target, safe='/')}")
    return Response(
        {"status_code": error.status_code, "detail": error.detail},
        status_code=error.status_code,
        headers=error.headers,
        media_type=MediaType.JSON,
    )


def unexpected(request: Request[Any, Any, Any], error: Exception) -> Response[Any]:
    if isinstance(error, HTTPException) and error.status_code != HTTP_500_INTERNAL_SERVER_ERROR:
        body: dict[str, Any] = {"status_code": error.status_code, "detail": error.detail}
        if error.extra:
            body["extra"] = error.extra
        return Response(
            body, status_code=error.status_code, headers=error.headers, media_type=MediaType.JSON
        )
    _log.error("unhandled error", exc_info=error, route=request.scope.get("path_template"))
    return Response(
        {
            "status_code": HTTP_500_INTERNAL_SERVER_ERROR,
            "detail": "something went wrong on the hub",
        },
        status_code=HTTP_500_INTERNAL_SERVER_ERROR,
        media_type=MediaType.JSON,
    )


def exception_handlers() -> ExceptionHandlersMap:
    return {
        InvalidInput: invalid_input,
        NotAuthorizedException: not_authorized,
        HTTP_500_INTERNAL_SERVER_ERROR: unexpected,
    }
