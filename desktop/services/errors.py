"""Errors the services raise besides plain `InvalidInput`.

Both subclass `InvalidInput`, so a screen or the CLI that shows `reason` beside `field` handles
them with no extra code; the subclasses exist so a screen can react differently (offer the
first-run setup, hide an owner-only action).
"""

from __future__ import annotations

from shared.errors import InvalidInput


class NotAllowed(InvalidInput):
    """The signed-in person's role does not allow this action (or not this far)."""


class NotInitialised(InvalidInput):
    """The data folder holds no shop yet: run the first-run setup (`boolagold counter init`)."""

    def __init__(self, reason: str = "", field: str | None = None) -> None:
        super().__init__(
            reason
            or "this counter has no shop yet: run the first-run setup (boolagold counter init)",
            field,
        )
