"""Structured JSON logs, one line per request, with a request id; no secrets, no personal data.

The request line carries method, route template (not the raw path: ids and query strings stay
out), status, duration and the shop id. Bodies, cookies, headers and usernames are never
logged. The id comes from a sane incoming `X-Request-ID` (a load balancer's) or is made here,
and is sent back in the response. One exception: a counter's quick, successful "anything new?"
poll is not logged (the Prometheus metrics count it): at scale those are most of the traffic.
"""

from __future__ import annotations

import logging
import re
import sys
import time
import uuid
from typing import Any, Final

import structlog
from litestar.enums import ScopeType
from litestar.status_codes import HTTP_200_OK
from litestar.types import ASGIApp, Message, Receive, Scope, Send

from hub.security.principal import OperatorPrincipal, StaffPrincipal

REQUEST_ID_HEADER: Final = "x-request-id"
_log = structlog.get_logger("hub.request")
_SANE_ID: Final = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class _Configured:
    done = False


def _stderr_logger(*_args: object) -> structlog.PrintLogger:
    return structlog.PrintLogger(sys.stderr)


def configure_logging(level: int = logging.INFO) -> None:
    """JSON lines on stderr through structlog (idempotent: the CLI and tests may call it twice)."""
    if _Configured.done:
        return
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            structlog.processors.format_exc_info,
            structlog.processors.JSONRenderer(),
        ],
        wrapper_class=structlog.make_filtering_bound_logger(level),
        # sys.stderr looked up per logger, not once: test runners and daemons swap it.
        logger_factory=_stderr_logger,
        cache_logger_on_first_use=False,
    )
    _Configured.done = True


_STATE_KEY: Final = "hub_request_log"
QUIET_ROUTES: Final = frozenset({"/api/terminal/sync/pull"})
QUIET_UNDER_S: Final = 0.1


def request_logging_middleware(app: ASGIApp) -> ASGIApp:
    """Give the request its id and start its clock (the line is written by `log_response`)."""

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == ScopeType.HTTP:
            _start(scope)
        await app(scope, receive, send)

    return middleware


def _start(scope: Scope) -> dict[str, Any]:
    state: dict[str, Any] = scope.setdefault("state", {})
    entry: dict[str, Any] | None = state.get(_STATE_KEY)
    if entry is None:
        incoming = dict(scope.get("headers") or []).get(REQUEST_ID_HEADER.encode(), b"")
        text = incoming.decode("latin-1")
        entry = {
            "id": text if _SANE_ID.match(text) else uuid.uuid4().hex,
            "started": time.perf_counter(),
            "status": 500,
        }
        state[_STATE_KEY] = entry
        structlog.contextvars.bind_contextvars(request_id=entry["id"])
    return entry


async def log_response(message: Message, scope: Scope) -> None:
    """Before-send hook: stamp the id on the answer, and log one line when it is complete.

    It runs for every answer, including those made from an exception (a refused session, a
    redirect to the login page), so the logged status is the one the client got.
    """
    if scope["type"] != ScopeType.HTTP:
        return
    entry = _start(scope)
    if message["type"] == "http.response.start":
        entry["status"] = message["status"]
        headers = [*message.get("headers", ()), (REQUEST_ID_HEADER.encode(), entry["id"].encode())]
        message["headers"] = headers
        return
    if message["type"] != "http.response.body" or message.get("more_body", False):
        return
    user: Any = scope.get("user")
    route = scope.get("path_template") or "(unmatched)"
    duration = time.perf_counter() - entry["started"]
    if route in QUIET_ROUTES and entry["status"] == HTTP_200_OK and duration < QUIET_UNDER_S:
        # A counter's "anything new?" poll, answered quickly: 500 a second at 5 000 shops, so
        # they are counted by the metrics, not written one line each. Slow or failed ones are.
        structlog.contextvars.unbind_contextvars("request_id")
        return
    _log.info(
        "request",
        method=scope.get("method"),
        route=route,
        status=entry["status"],
        duration_ms=round(duration * 1000, 2),
        shop_id=str(user.shop_id) if isinstance(user, StaffPrincipal) else None,
        operator=isinstance(user, OperatorPrincipal) or None,
    )
    structlog.contextvars.unbind_contextvars("request_id")
